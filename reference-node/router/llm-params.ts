/**
 * Sampling fields of a request → the task's `llmParams` (cortensor-protocol.md §4.3):
 * `[maxTokens, temperature×100, topP×100, topK, presencePenalty×100, frequencyPenalty×100, 0]`.
 *
 * The chain carries unsigned integers, so a temperature of 0.755 cannot travel: the router rounds
 * every fractional value to the nearest hundredth and reports the rounded value back (the task's
 * `llm`), so what the client sees is what the miners ran. Negative penalties (allowed by OpenAI)
 * have no encoding and are refused. Omitted fields take the protocol's fallbacks, obtained by
 * decoding an empty llmParams, so the defaults live in one place (protocol/session/llm.ts).
 */
import { decodeLlmParams } from '../../protocol/session/llm.ts'
import type { LlmParams } from '../../protocol/session/types.ts'
import type { Params } from '../../protocol/params/spec.ts'
import { FieldError, type FieldReader } from './fields.ts'

/**
 * Accepted ranges, per request field. They are the bounds `decodeLlmParams` enforces on the encoded
 * slots (llm-params.test.ts checks that the two agree), stated here so errors name the field.
 */
export const LLM_FIELD_BOUNDS = {
  temperature: { min: 0, max: 2 },
  top_p: { min: 0, max: 1 },
  top_k: { min: 0, max: 1000 },
  presence_penalty: { min: 0, max: 2 },
  frequency_penalty: { min: 0, max: 2 },
} as const

/** Rounds to the hundredths the encoding carries. */
export function quantizeHundredths(value: number): number {
  return Math.round(value * 100) / 100
}

/** The on-chain form of `llm`; the trailing reserved slot is 0. */
export function encodeLlmParams(llm: LlmParams): number[] {
  return [
    llm.maxTokens,
    Math.round(llm.temperature * 100),
    Math.round(llm.topP * 100),
    llm.topK,
    Math.round(llm.presencePenalty * 100),
    Math.round(llm.frequencyPenalty * 100),
    0,
  ]
}

export interface LlmFields {
  readonly llm: LlmParams
  readonly llmParams: readonly number[]
}

/**
 * Reads max_tokens (or the first present of `maxTokensFields`), temperature, top_p, top_k and the
 * penalties from a request body, fills in the protocol defaults, and encodes them.
 */
export function readLlmFields(r: FieldReader, params: Params, maxTokensFields: readonly string[] = ['max_tokens']): LlmFields {
  const defaults = getDefaultLlm(params)
  let maxTokens: number | undefined
  for (const name of maxTokensFields) {
    maxTokens ??= r.integer(name, 1, params.session.maxTokensCap)
  }
  const b = LLM_FIELD_BOUNDS
  const llm: LlmParams = {
    maxTokens: maxTokens ?? defaults.maxTokens,
    temperature: quantizeHundredths(r.number('temperature', b.temperature.min, b.temperature.max) ?? defaults.temperature),
    topP: quantizeHundredths(r.number('top_p', b.top_p.min, b.top_p.max) ?? defaults.topP),
    topK: r.integer('top_k', b.top_k.min, b.top_k.max) ?? defaults.topK,
    presencePenalty: quantizeHundredths(r.number('presence_penalty', b.presence_penalty.min, b.presence_penalty.max) ?? defaults.presencePenalty),
    frequencyPenalty: quantizeHundredths(r.number('frequency_penalty', b.frequency_penalty.min, b.frequency_penalty.max) ?? defaults.frequencyPenalty),
  }
  const llmParams = encodeLlmParams(llm)
  // A final check by the protocol's own decoder: the router never sends what the chain would refuse.
  const decoded = decodeLlmParams(llmParams, params)
  if (!decoded.ok) throw new FieldError('InvalidField', r.path('llm_params'), decoded.message)
  return { llm: decoded.llm, llmParams }
}

/** The sampling defaults of a task that names none. */
export function getDefaultLlm(params: Params): LlmParams {
  const decoded = decodeLlmParams([], params)
  if (!decoded.ok) throw new Error(`protocol default llmParams rejected: ${decoded.message}`)
  return decoded.llm
}
