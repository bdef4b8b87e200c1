// Goal: the benchmark hook reports what it ran (prompt and token totals, tokens per second of
// wall time) for any backend, and the llama entry point runs real inference end to end. Method:
// FakeInference with a fake clock, so every figure is checkable by arithmetic; one short real
// run on stories260K checked for consistency (counts), never for speed.
import { describe, expect, it } from 'vitest'
import { benchmarkLlamaInference, createBenchPrompts, measureRawInference } from './bench.ts'
import { FakeInference } from './fake.ts'
import { disposeSharedLlamas, getSharedLlama } from './llama-runtime.ts'
import { requireModelPath, STORIES_260K_GGUF } from './model-files.ts'

describe('createBenchPrompts', () => {
  it('gives the requested number of distinct prompts, the same each time', () => {
    const prompts = createBenchPrompts(120)
    expect(prompts).toHaveLength(120)
    expect(new Set(prompts).size).toBe(120)
    expect(createBenchPrompts(120)).toEqual(prompts)
    expect(createBenchPrompts(3)).toEqual(prompts.slice(0, 3))
  })
})

describe('measureRawInference', () => {
  it('sums tokens and derives tokens per second from the wall clock', async () => {
    let clockMs = 0
    const now = (): number => (clockMs += 10)
    const fake = new FakeInference()
    const prompts = createBenchPrompts(4)
    const result = await measureRawInference(fake, { prompts, maxTokens: 5, now, warmupCount: 2 })
    expect(fake.completed).toBe(6)
    const expected = await Promise.all(prompts.map((prompt) => new FakeInference().complete({ prompt, maxTokens: 5, temperature: 0, topP: 1, topK: 0, seed: 1 })))
    expect(result.promptTokens).toBe(expected.reduce((s, r) => s + r.promptTokens, 0))
    expect(result.outputTokens).toBe(20)
    expect(result.inferenceMs).toBe(20)
    // The clock advances 10 ms per reading: start, then two readings per prompt, then the end.
    expect(result.wallMs).toBe(10 * (2 * prompts.length + 1))
    expect(result.medianPromptMs).toBe(10)
    expect(result.outputTokensPerSecond).toBeCloseTo((20 * 1000) / result.wallMs, 9)
    expect(result).toMatchObject({ backendId: 'fake', promptCount: 4 })
  })

  it('refuses an empty prompt list', async () => {
    await expect(measureRawInference(new FakeInference(), { prompts: [], maxTokens: 5 })).rejects.toMatchObject({ code: 'InvalidOptions' })
  })
})

describe('benchmarkLlamaInference', () => {
  it('loads the model, runs the prompts and reports consistent totals', async () => {
    requireModelPath(STORIES_260K_GGUF, 'stories260K (the test model)')
    const result = await benchmarkLlamaInference({ promptCount: 3, maxTokens: 8 })
    expect(result).toMatchObject({ backendId: 'llama:stories260K.gguf', promptCount: 3, outputTokens: 24 })
    expect(result.promptTokens).toBeGreaterThan(3)
    expect(result.outputTokensPerSecond).toBeGreaterThan(0)
    expect(result.loadMs).toBeGreaterThan(0)
    expect(result.wallMs).toBeGreaterThan(0)
  })

  it('the shared runtime is created once and replaced after disposal', async () => {
    const runtime = await getSharedLlama()
    expect(await getSharedLlama()).toBe(runtime)
    await disposeSharedLlamas()
    expect(runtime.disposed).toBe(true)
    const fresh = await getSharedLlama()
    expect(fresh).not.toBe(runtime)
    await disposeSharedLlamas()
  })
})
