// Goal: completion requests are checked field by field, and a task's llmParams (§4.3) become a
// request with every sampling option set. Method: one invalid value per field against a valid
// base; decoding the app's example llmParams through the protocol's own decoder.
import { describe, expect, it } from 'vitest'
import { defaultParams } from '../../protocol/params/validate.ts'
import { decodeLlmParams } from '../../protocol/session/llm.ts'
import { InferenceError } from './errors.ts'
import { assertValidRequest, buildRequestFromLlmParams, describeInvalidRequest } from './request.ts'
import type { CompletionRequest } from './types.ts'

const valid: CompletionRequest = { prompt: 'hi', maxTokens: 8, temperature: 0.7, topP: 1, topK: 40, seed: 0, presencePenalty: 0, frequencyPenalty: 0 }

describe('describeInvalidRequest', () => {
  it('accepts a valid request, with or without penalties', () => {
    expect(describeInvalidRequest(valid)).toBeUndefined()
    expect(describeInvalidRequest({ prompt: '', maxTokens: 1, temperature: 0, topP: 0, topK: 0, seed: 2 ** 32 - 1 })).toBeUndefined()
  })

  const cases: readonly [string, Record<string, unknown>][] = [
    ['prompt', { prompt: 3 }],
    ['maxTokens', { maxTokens: 0 }],
    ['maxTokens', { maxTokens: 2.5 }],
    ['temperature', { temperature: -0.1 }],
    ['temperature', { temperature: Number.POSITIVE_INFINITY }],
    ['topP', { topP: 1.01 }],
    ['topP', { topP: Number.NaN }],
    ['topK', { topK: -1 }],
    ['seed', { seed: 2 ** 32 }],
    ['seed', { seed: 1.5 }],
    ['presencePenalty', { presencePenalty: 2.5 }],
    ['frequencyPenalty', { frequencyPenalty: -3 }],
  ]
  for (const [field, patch] of cases) {
    it(`names ${field} when it is ${JSON.stringify(Object.values(patch)[0])}`, () => {
      const problem = describeInvalidRequest({ ...valid, ...patch } as unknown as CompletionRequest)
      expect(problem).toContain(field)
    })
  }

  it('rejects a non-object, and assertValidRequest throws InvalidRequest', () => {
    expect(describeInvalidRequest(null as unknown as CompletionRequest)).toMatch(/object/)
    expect(() => assertValidRequest({ ...valid, topK: -2 })).toThrow(InferenceError)
    expect(() => assertValidRequest({ ...valid, topK: -2 })).toThrow(/topK/)
  })
})

describe('buildRequestFromLlmParams', () => {
  it('turns the app example [1024, 70, 100, 40, 100, 0, 0] into a request', () => {
    const decoded = decodeLlmParams([1024, 70, 100, 40, 100, 0, 0], defaultParams())
    if (!decoded.ok) throw new Error(decoded.message)
    const request = buildRequestFromLlmParams('Once upon a time', decoded.llm, 99)
    expect(request).toEqual({ prompt: 'Once upon a time', maxTokens: 1024, temperature: 0.7, topP: 1, topK: 40, seed: 99, presencePenalty: 1, frequencyPenalty: 0 })
    expect(describeInvalidRequest(request)).toBeUndefined()
  })
})
