/**
 * The `llmParams` and `requestParams` arrays of SessionV2.submit. Cortensor's apps encode
 * llmParams as `[maxTokens, temperature×100, topP×100, topK, presencePenalty×100,
 * frequencyPenalty×100, reserved…]` (§4.3), e.g. `[1024, 70, 100, 40, 100, 0, 0]`; entries are
 * uint256 on chain, non-negative safe integers here.
 */
import type { Params } from '../params/spec.ts'
import { reject, type Rejection } from '../core/result.ts'
import type { LlmParams } from './types.ts'

interface Slot {
  readonly name: string
  /** Largest accepted raw value. */
  readonly max: number
  /** Raw value used when the array is shorter than this slot. */
  readonly fallback: number
}

/**
 * Bounds and fallbacks of slots 1–5 (slot 0, maxTokens, is bounded by parameters). The bounds are
 * the usual OpenAI/llama.cpp ranges; fallbacks follow the app example for sampling and use "no
 * penalty" for the penalties (the app's 100 there reads like llama.cpp's neutral repeat penalty 1.0).
 */
const SLOTS: readonly Slot[] = [
  { name: 'temperature×100', max: 200, fallback: 70 },
  { name: 'topP×100', max: 100, fallback: 100 },
  { name: 'topK', max: 1000, fallback: 40 },
  { name: 'presencePenalty×100', max: 200, fallback: 0 },
  { name: 'frequencyPenalty×100', max: 200, fallback: 0 },
]

export type LlmParamsResult = { readonly ok: true; readonly llm: LlmParams } | Rejection

/**
 * Decodes and validates `llmParams`. Missing trailing entries take defaults (maxTokens:
 * `session.defaultMaxTokens`); entries after the sixth are reserved and only checked to be
 * non-negative integers. maxTokens must lie in [1, session.maxTokensCap].
 */
export function decodeLlmParams(llmParams: readonly number[], params: Params): LlmParamsResult {
  const invalid = checkParamArray('llmParams', llmParams, params)
  if (invalid) return invalid
  const maxTokens = llmParams.length > 0 ? llmParams[0]! : params.session.defaultMaxTokens
  if (maxTokens < 1 || maxTokens > params.session.maxTokensCap) {
    return reject('MalformedEvent', `llmParams[0] (maxTokens) ${maxTokens} is outside [1, ${params.session.maxTokensCap}] (session.maxTokensCap)`)
  }
  const raw: number[] = []
  for (let i = 0; i < SLOTS.length; i++) {
    const slot = SLOTS[i]!
    const value = i + 1 < llmParams.length ? llmParams[i + 1]! : slot.fallback
    if (value > slot.max) return reject('MalformedEvent', `llmParams[${i + 1}] (${slot.name}) ${value} exceeds ${slot.max}`)
    raw.push(value)
  }
  const [temperature, topP, topK, presencePenalty, frequencyPenalty] = raw as [number, number, number, number, number]
  return {
    ok: true,
    llm: {
      maxTokens,
      temperature: temperature / 100,
      topP: topP / 100,
      topK,
      presencePenalty: presencePenalty / 100,
      frequencyPenalty: frequencyPenalty / 100,
    },
  }
}

/** A `MalformedEvent` rejection unless `values` is a list of at most `session.maxParamEntries` non-negative safe integers. */
export function checkParamArray(field: string, values: readonly number[], params: Params): Rejection | undefined {
  if (!Array.isArray(values)) return reject('MalformedEvent', `${field} must be a list of integers`)
  if (values.length > params.session.maxParamEntries) {
    return reject('MalformedEvent', `${field} has ${values.length} entries, at most ${params.session.maxParamEntries} (session.maxParamEntries)`)
  }
  for (let i = 0; i < values.length; i++) {
    const v: unknown = values[i]
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
      return reject('MalformedEvent', `${field}[${i}] ${String(v)} is not a non-negative integer`)
    }
  }
  return undefined
}
