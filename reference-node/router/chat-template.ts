/**
 * Chat messages → one prompt. Cortensor tasks carry a single prompt string, so
 * `/v1/chat/completions` flattens the conversation with a fixed, documented template and submits
 * it as a raw prompt (prompt_type 1). The answer is the model's continuation after the final
 * assistant cue, returned unaltered (so it matches the hash the miners committed).
 *
 * `plain` (default; works with any base model, including tiny story models):
 *
 *     System: You are terse.
 *     User: Hi
 *     Assistant: Hello.
 *     User: Tell me a story.
 *     Assistant:
 *
 * `chatml` (for instruction-tuned models trained on it):
 *
 *     <|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n
 *
 * OpenAI's `developer` role is rendered as `system`.
 */
import { assertNever } from '../../protocol/core/result.ts'
import type { ChatTemplateName } from './config.ts'

export type ChatRole = 'system' | 'user' | 'assistant'

export interface ChatMessage {
  readonly role: ChatRole
  readonly content: string
}

const PLAIN_LABELS: Readonly<Record<ChatRole, string>> = { system: 'System', user: 'User', assistant: 'Assistant' }

export function renderChatPrompt(messages: readonly ChatMessage[], template: ChatTemplateName): string {
  switch (template) {
    case 'plain':
      return [...messages.map((m) => `${PLAIN_LABELS[m.role]}: ${m.content}`), 'Assistant:'].join('\n')
    case 'chatml':
      return messages.map((m) => `<|im_start|>${m.role}\n${m.content}<|im_end|>\n`).join('') + '<|im_start|>assistant\n'
    default:
      return assertNever(template, 'chat template')
  }
}
