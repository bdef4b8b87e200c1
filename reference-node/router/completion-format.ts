/**
 * The three answer formats of a completion: Cortensor's (`/api/v1/completions`, OpenAI's
 * text-completion shape plus the task and per-miner results at the top level), OpenAI's text
 * completion (`/v1/completions`) and OpenAI's chat completion (`/v1/chat/completions`); the
 * OpenAI ones carry the Cortensor facts under a `cortensor` key, which OpenAI clients ignore.
 *
 * Streams: token chunks, then closing chunks (finish reason, usage, results), then `[DONE]`.
 * The streamed text comes from one miner while the answer is the consensus result, so the
 * closing chunk says which miner streamed and whether its text equals the result
 * (cortensor-protocol.md §4.5a: the two can differ, and clients should be able to see it).
 */
import type { Address } from '../../protocol/core/types.ts'
import type { CompletionOutcome } from './backend.ts'
import { renderMinerResult } from './responses.ts'

export interface StreamSummary {
  /** The miner whose tokens were streamed (null when none arrived). */
  readonly minerAddress: Address | null
  /** The streamed text equals the returned result. */
  readonly consistent: boolean
}

export interface CompletionFormat {
  /** Events before the first token. */
  opening(): readonly unknown[]
  chunk(text: string): unknown
  closing(outcome: CompletionOutcome, stream: StreamSummary): readonly unknown[]
  body(outcome: CompletionOutcome): unknown
}

export interface FormatContext {
  readonly id: string
  readonly createdS: number
  readonly model: string
  readonly includeUsage: boolean
}

function usageOf(outcome: CompletionOutcome): { prompt_tokens: number; completion_tokens: number; total_tokens: number } {
  const task = outcome.task
  const chosen = task.miners.find((m) => m.address === task.result?.minerAddress)
  const prompt = chosen?.promptTokens ?? 0
  const completion = chosen?.outputTokens ?? 0
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion }
}

function textOf(outcome: CompletionOutcome): string {
  return outcome.task.result?.text ?? ''
}

/** Task facts shared by every format. */
function taskFacts(outcome: CompletionOutcome): object {
  const t = outcome.task
  return {
    session_id: t.sessionId,
    task_id: t.taskId,
    gid: t.gid,
    client_reference: t.clientReference,
    result_miner: t.result?.minerAddress ?? null,
    miners: t.miners.map(renderMinerResult),
  }
}

function renderStream(stream: StreamSummary): object {
  return { miner: stream.minerAddress, consistent: stream.consistent }
}

export function cortensorFormat(c: FormatContext): CompletionFormat {
  const head = { id: c.id, object: 'text_completion', created: c.createdS, model: c.model }
  return {
    opening: () => [],
    chunk: (text) => ({ ...head, choices: [{ index: 0, text, finish_reason: null, logprobs: null }] }),
    closing: (outcome, stream) => [
      {
        ...head,
        choices: [{ index: 0, text: '', finish_reason: outcome.finishReason, logprobs: null }],
        usage: usageOf(outcome),
        ...taskFacts(outcome),
        stream: renderStream(stream),
      },
    ],
    body: (outcome) => ({
      ...head,
      choices: [{ index: 0, text: textOf(outcome), finish_reason: outcome.finishReason, logprobs: null }],
      usage: usageOf(outcome),
      ...taskFacts(outcome),
    }),
  }
}

export function openAiCompletionFormat(c: FormatContext): CompletionFormat {
  const head = { id: c.id, object: 'text_completion', created: c.createdS, model: c.model }
  return {
    opening: () => [],
    chunk: (text) => ({ ...head, choices: [{ index: 0, text, finish_reason: null, logprobs: null }] }),
    closing: (outcome, stream) => [
      { ...head, choices: [{ index: 0, text: '', finish_reason: outcome.finishReason, logprobs: null }], cortensor: { ...taskFacts(outcome), stream: renderStream(stream) } },
      ...(c.includeUsage ? [{ ...head, choices: [], usage: usageOf(outcome) }] : []),
    ],
    body: (outcome) => ({
      ...head,
      choices: [{ index: 0, text: textOf(outcome), finish_reason: outcome.finishReason, logprobs: null }],
      usage: usageOf(outcome),
      cortensor: taskFacts(outcome),
    }),
  }
}

export function openAiChatFormat(c: FormatContext): CompletionFormat {
  const head = { id: c.id, object: 'chat.completion.chunk', created: c.createdS, model: c.model }
  return {
    opening: () => [{ ...head, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null, logprobs: null }] }],
    chunk: (text) => ({ ...head, choices: [{ index: 0, delta: { content: text }, finish_reason: null, logprobs: null }] }),
    closing: (outcome, stream) => [
      { ...head, choices: [{ index: 0, delta: {}, finish_reason: outcome.finishReason, logprobs: null }], cortensor: { ...taskFacts(outcome), stream: renderStream(stream) } },
      ...(c.includeUsage ? [{ ...head, choices: [], usage: usageOf(outcome) }] : []),
    ],
    body: (outcome) => ({
      id: c.id,
      object: 'chat.completion',
      created: c.createdS,
      model: c.model,
      choices: [{ index: 0, message: { role: 'assistant', content: textOf(outcome), refusal: null }, finish_reason: outcome.finishReason, logprobs: null }],
      usage: usageOf(outcome),
      cortensor: taskFacts(outcome),
    }),
  }
}
