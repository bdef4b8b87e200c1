// Goal: FakeInference honours the backend contract deterministically, so tests built on it carry
// over to llama.cpp. Method: properties over random prompts and sampling options (fast-check,
// fixed seed): same request → same result; greedy ignores the seed; the output never exceeds
// maxTokens or the context; streaming concatenates to the text; plus each stop and error path.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FakeInference } from './fake.ts'
import type { CompletionRequest } from './types.ts'

const requestArb = fc.record({
  prompt: fc.string({ maxLength: 60 }),
  maxTokens: fc.integer({ min: 1, max: 100 }),
  temperature: fc.constantFrom(0, 0.5, 0.8),
  topP: fc.double({ min: 0, max: 1, noNaN: true }),
  topK: fc.integer({ min: 0, max: 100 }),
  seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
})

const base: CompletionRequest = { prompt: 'Once upon a time', maxTokens: 64, temperature: 0, topP: 1, topK: 40, seed: 1 }

describe('FakeInference', () => {
  it('answers the same request identically, within maxTokens, streaming the same text', async () => {
    const fake = new FakeInference()
    await fc.assert(
      fc.asyncProperty(requestArb, async (request) => {
        let streamed = ''
        const a = await fake.complete(request, { onTextChunk: (c) => (streamed += c) })
        const b = await new FakeInference().complete(request)
        expect(b).toEqual(a)
        expect(streamed).toBe(a.text)
        expect(a.outputTokens).toBeLessThanOrEqual(request.maxTokens)
        expect(a.text.split(' ').length - 1).toBe(a.outputTokens)
        expect(a.inferenceMs).toBe(a.outputTokens)
        expect(a.stopReason === 'maxTokens').toBe(a.outputTokens === request.maxTokens && a.stopReason !== 'endOfText')
      }),
      { seed: 11, numRuns: 150 },
    )
  })

  it('greedy requests ignore the seed; sampled ones depend on it; the id changes the text', async () => {
    const fake = new FakeInference()
    expect((await fake.complete({ ...base, seed: 1 })).text).toBe((await fake.complete({ ...base, seed: 2 })).text)
    const hot = { ...base, temperature: 0.8 }
    expect((await fake.complete({ ...hot, seed: 1 })).text).not.toBe((await fake.complete({ ...hot, seed: 2 })).text)
    expect((await new FakeInference({ id: 'other' }).complete(base)).text).not.toBe((await fake.complete(base)).text)
    expect(fake.completed).toBe(5)
  })

  it('stops at maxTokens, at the end of its answer, or when the context is full', async () => {
    const fake = new FakeInference({ contextSize: 12, tokensPerSecond: 500 })
    const capped = await fake.complete({ ...base, maxTokens: 3 })
    expect(capped).toMatchObject({ outputTokens: 3, stopReason: 'maxTokens', promptTokens: 5, inferenceMs: 6 })
    const full = await fake.complete({ ...base, maxTokens: 100 })
    expect(full).toMatchObject({ outputTokens: 12 - 5, stopReason: 'contextFull' })
    const free = await new FakeInference().complete({ ...base, maxTokens: 1000 })
    expect(free.stopReason).toBe('endOfText')
    expect(free.outputTokens).toBeGreaterThanOrEqual(8)
    expect(free.outputTokens).toBeLessThanOrEqual(64)
  })

  it('counts prompt tokens as words plus one', () => {
    const fake = new FakeInference()
    expect(fake.countPromptTokens('')).toBe(1)
    expect(fake.countPromptTokens('  a  b\tc ')).toBe(4)
  })

  it('an abort returns the words so far', async () => {
    const controller = new AbortController()
    let chunks = 0
    const result = await new FakeInference().complete({ ...base, maxTokens: 50 }, {
      signal: controller.signal,
      onTextChunk: () => {
        if (++chunks === 2) controller.abort()
      },
    })
    expect(result).toMatchObject({ outputTokens: 2, stopReason: 'aborted' })
  })

  it('refuses long prompts, bad requests, bad options and work after dispose', async () => {
    const fake = new FakeInference({ contextSize: 4 })
    await expect(fake.complete({ ...base, prompt: 'one two three' })).rejects.toMatchObject({ code: 'PromptTooLong' })
    await expect(fake.complete({ ...base, topP: 2 })).rejects.toMatchObject({ code: 'InvalidRequest' })
    expect(() => new FakeInference({ tokensPerSecond: 0 })).toThrow(/tokensPerSecond/)
    expect(() => new FakeInference({ contextSize: 1 })).toThrow(/contextSize/)
    await fake.dispose()
    await expect(fake.complete(base)).rejects.toMatchObject({ code: 'Disposed' })
  })
})
