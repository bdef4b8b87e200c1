// Goal: the router's sampling bounds are exactly the ones protocol/session/llm.ts enforces on the
// encoded llmParams, encoding round-trips through the protocol's decoder, and omitted fields take
// the protocol's defaults.
// Method: the decoder accepts each bound and refuses one hundredth beyond it; fast-check
// round-trips random in-range values (fixed seed).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { defaultParams } from '../../protocol/params/validate.ts'
import { decodeLlmParams } from '../../protocol/session/llm.ts'
import { FieldError, FieldReader } from './fields.ts'
import { LLM_FIELD_BOUNDS, encodeLlmParams, getDefaultLlm, quantizeHundredths, readLlmFields } from './llm-params.ts'

const params = defaultParams()
const SLOT = { temperature: 1, top_p: 2, top_k: 3, presence_penalty: 4, frequency_penalty: 5 } as const
const SCALE = { temperature: 100, top_p: 100, top_k: 1, presence_penalty: 100, frequency_penalty: 100 } as const

describe('LLM_FIELD_BOUNDS', () => {
  it.each(Object.keys(LLM_FIELD_BOUNDS) as (keyof typeof LLM_FIELD_BOUNDS)[])('%s: the max is accepted by the protocol decoder, one step more is refused', (field) => {
    const slots = [16, 70, 100, 40, 0, 0, 0]
    slots[SLOT[field]] = LLM_FIELD_BOUNDS[field].max * SCALE[field]
    expect(decodeLlmParams(slots, params).ok).toBe(true)
    slots[SLOT[field]]! += 1
    expect(decodeLlmParams(slots, params).ok).toBe(false)
    expect(LLM_FIELD_BOUNDS[field].min).toBe(0) // slots are unsigned
  })
})

describe('readLlmFields', () => {
  it('omitted fields take the protocol defaults', () => {
    const { llm, llmParams } = readLlmFields(new FieldReader({}), params)
    expect(llm).toEqual(getDefaultLlm(params))
    expect(llm.maxTokens).toBe(params.session.defaultMaxTokens)
    expect(llmParams).toEqual(encodeLlmParams(llm))
  })

  it('reads the first present max-tokens field', () => {
    const r = new FieldReader({ max_completion_tokens: 5, max_tokens: 9 })
    expect(readLlmFields(r, params, ['max_completion_tokens', 'max_tokens']).llm.maxTokens).toBe(5)
    expect(readLlmFields(new FieldReader({ max_tokens: 9 }), params, ['max_completion_tokens', 'max_tokens']).llm.maxTokens).toBe(9)
  })

  it('refuses values the chain cannot carry, naming the field', () => {
    for (const [body, field] of [[{ presence_penalty: -0.5 }, 'presence_penalty'], [{ max_tokens: params.session.maxTokensCap + 1 }, 'max_tokens'], [{ top_k: 1.5 }, 'top_k']] as const) {
      expect(() => readLlmFields(new FieldReader(body), params)).toThrow(expect.objectContaining({ field }))
    }
  })

  it('a decoder refusal the field checks missed is still caught (llm_params)', () => {
    const tight = { ...params, session: { ...params.session, maxParamEntries: 6 } }
    expect(() => readLlmFields(new FieldReader({}), tight)).toThrow(FieldError)
  })

  it('property: encode → decode gives back the quantised values', () => {
    const b = LLM_FIELD_BOUNDS
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: params.session.maxTokensCap }),
        fc.double({ min: b.temperature.min, max: b.temperature.max, noNaN: true }),
        fc.double({ min: b.top_p.min, max: b.top_p.max, noNaN: true }),
        fc.integer({ min: b.top_k.min, max: b.top_k.max }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        (maxTokens, temperature, topP, topK, presence, frequency) => {
          const body = { max_tokens: maxTokens, temperature, top_p: topP, top_k: topK, presence_penalty: presence, frequency_penalty: frequency }
          const { llm, llmParams } = readLlmFields(new FieldReader(body), params)
          expect(llm.temperature).toBe(quantizeHundredths(temperature))
          expect(Math.abs(llm.topP - topP)).toBeLessThanOrEqual(0.005 + 1e-12)
          const decoded = decodeLlmParams(llmParams, params)
          expect(decoded.ok && decoded.llm).toEqual(llm)
        },
      ),
      { seed: 11, numRuns: 300 },
    )
  })
})
