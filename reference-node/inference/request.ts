/**
 * Checking completion requests, and building them from a task's decoded `llmParams`
 * (cortensor-protocol.md §4.3: `[maxTokens, temperature×100, topP×100, topK, presencePenalty×100,
 * frequencyPenalty×100, reserved]`, decoded by protocol/session/llm.ts).
 */
import type { LlmParams } from '../../protocol/session/types.ts'
import { InferenceError } from './errors.ts'
import type { CompletionRequest } from './types.ts'

const UINT32_LIMIT = 2 ** 32
const PENALTY_LIMIT = 2

/** Undefined when `request` is well formed, else a message naming the first bad field. */
export function describeInvalidRequest(request: CompletionRequest): string | undefined {
  if (request === null || typeof request !== 'object') return 'the request must be an object'
  if (typeof request.prompt !== 'string') return 'prompt must be a string'
  if (!isIntegerIn(request.maxTokens, 1, Number.MAX_SAFE_INTEGER)) return `maxTokens ${String(request.maxTokens)} must be an integer ≥ 1`
  if (!isFiniteIn(request.temperature, 0, Number.MAX_VALUE)) return `temperature ${String(request.temperature)} must be a finite number ≥ 0`
  if (!isFiniteIn(request.topP, 0, 1)) return `topP ${String(request.topP)} must lie in [0, 1]`
  if (!isIntegerIn(request.topK, 0, Number.MAX_SAFE_INTEGER)) return `topK ${String(request.topK)} must be an integer ≥ 0`
  if (!isIntegerIn(request.seed, 0, UINT32_LIMIT - 1)) return `seed ${String(request.seed)} must be an integer in [0, 2^32)`
  for (const key of ['presencePenalty', 'frequencyPenalty'] as const) {
    const value = request[key]
    if (value !== undefined && !isFiniteIn(value, -PENALTY_LIMIT, PENALTY_LIMIT)) return `${key} ${String(value)} must lie in [-2, 2]`
  }
  return undefined
}

/** Throws `InvalidRequest` unless `request` is well formed. */
export function assertValidRequest(request: CompletionRequest): void {
  const problem = describeInvalidRequest(request)
  if (problem !== undefined) throw new InferenceError('InvalidRequest', `invalid completion request: ${problem}`)
}

/**
 * The request a miner runs for a task: the task's prompt and decoded llmParams, and a seed the
 * caller derives (e.g. from the task id) so honest miners sample alike. The penalties are passed
 * as decoded; the protocol already bounded them to [0, 2].
 */
export function buildRequestFromLlmParams(prompt: string, llm: LlmParams, seed: number): CompletionRequest {
  return {
    prompt,
    maxTokens: llm.maxTokens,
    temperature: llm.temperature,
    topP: llm.topP,
    topK: llm.topK,
    seed,
    presencePenalty: llm.presencePenalty,
    frequencyPenalty: llm.frequencyPenalty,
  }
}

function isIntegerIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
}

function isFiniteIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max
}
