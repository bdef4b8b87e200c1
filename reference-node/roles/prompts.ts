/**
 * What a miner feeds its model: the prompt of a user task, the seed it samples with, and the
 * predefined prompt templates of network-task rounds (creator, preparer, completer).
 *
 * Honest miners must be able to reproduce each other's output, so everything here is a pure
 * function of what the chain says: the task's input and ids, the round's id and published texts.
 */
import { computeUtf8ByteLength } from '../../protocol/core/bytes.ts'
import { deriveSeed } from '../../protocol/core/rng.ts'
import type { RoundId, SessionId, TaskId } from '../../protocol/core/types.ts'
import type { TaskInput } from '../chain/types.ts'
import type { CompletionRequest } from '../inference/types.ts'

/**
 * The prompt of a user task. The documents do not say how `promptTemplate` combines with
 * `taskData`; we take: no template → the task data; a template with `{prompt}` → the data put in
 * its place; any other template → the template, a newline, the data.
 */
export function buildTaskPrompt(input: Pick<TaskInput, 'taskData' | 'promptTemplate'>): string {
  const template = input.promptTemplate
  if (template === '') return input.taskData
  if (template.includes('{prompt}')) return template.split('{prompt}').join(input.taskData)
  return `${template}\n${input.taskData}`
}

/** The sampling seed of a task: the same for every miner of the task, different across tasks. */
export function computeTaskSeed(sessionId: SessionId, taskId: TaskId): number {
  return deriveSeed(sessionId >>> 0, 'cortensor.task', taskId >>> 0)
}

/** Domains a round's creator picks from (its "predefined prompts", §4.1). */
export const ROUND_DOMAINS = ['science', 'history', 'mathematics', 'geography', 'literature', 'technology', 'health', 'economics', 'arts', 'nature'] as const

/** The creator's domain for round `roundId`. */
export function pickRoundDomain(roundId: RoundId): string {
  return ROUND_DOMAINS[deriveSeed(roundId >>> 0, 'cortensor.round.domain') % ROUND_DOMAINS.length]!
}

/** Greedy, fixed-length requests for round work: every honest miner writes the same text. */
function roundRequest(prompt: string, maxTokens: number, seed: number): CompletionRequest {
  return { prompt, maxTokens, temperature: 0, topP: 1, topK: 0, seed, presencePenalty: 0, frequencyPenalty: 0 }
}

export function buildSubdomainRequest(roundId: RoundId, domain: string, maxTokens: number): CompletionRequest {
  return roundRequest(`A topic in ${domain}:`, maxTokens, deriveSeed(roundId >>> 0, 'subdomain'))
}

export function buildChallengeRequest(roundId: RoundId, domain: string, subdomain: string, index: number, maxTokens: number): CompletionRequest {
  return roundRequest(`Question ${index + 1} about ${subdomain} in ${domain}:`, maxTokens, deriveSeed(roundId >>> 0, 'challenge', index))
}

export function buildAnswerRequest(roundId: RoundId, challenge: string, index: number, maxTokens: number): CompletionRequest {
  return roundRequest(`Q: ${challenge}\nA:`, maxTokens, deriveSeed(roundId >>> 0, 'answer', index))
}

/** `text` on one line, trimmed, at most `maxBytes` UTF-8 bytes; `fallback` when nothing is left. */
export function cleanText(text: string, maxBytes: number, fallback: string): string {
  const flat = truncateUtf8(text.replace(/\s+/gu, ' ').trim(), maxBytes).trim()
  return flat === '' ? truncateUtf8(fallback, maxBytes) : flat
}

/** The longest prefix of `text` of at most `maxBytes` UTF-8 bytes, never splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (computeUtf8ByteLength(text, maxBytes) <= maxBytes) return text
  let bytes = 0
  let end = 0
  for (const ch of text) {
    const size = computeUtf8ByteLength(ch)
    if (bytes + size > maxBytes) break
    bytes += size
    end += ch.length
  }
  return text.slice(0, end)
}

/**
 * A completer's answers as the one completion string it commits to: a JSON array, shortened (the
 * longest answer halved, repeatedly) until it fits `maxBytes`.
 */
export function encodeCompletion(answers: readonly string[], maxBytes: number): string {
  const parts = [...answers]
  for (;;) {
    const text = JSON.stringify(parts)
    if (computeUtf8ByteLength(text, maxBytes) <= maxBytes) return text
    let longest = 0
    for (let i = 1; i < parts.length; i++) if (parts[i]!.length > parts[longest]!.length) longest = i
    if (parts[longest]!.length === 0) return truncateUtf8(text, maxBytes)
    parts[longest] = parts[longest]!.slice(0, Math.floor(parts[longest]!.length / 2))
  }
}
