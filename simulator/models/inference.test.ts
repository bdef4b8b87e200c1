// Goal: the inference model draws tiers by share, node speeds per tier, output lengths capped by
// maxTokens, and durations of prefill + tokens / speed scaled by the model's speed factor; model
// capability follows minTier; invalid options are named. Method: fixed-seed frequencies and means
// against the analytic values; direct checks of the capability table and of each rejection.
import { describe, expect, it } from 'vitest'
import { createRng } from '../../protocol/core/rng.ts'
import { computeDistributionMean } from './distribution.ts'
import { createInferenceModel, DEFAULT_INFERENCE_OPTIONS, validateInferenceOptions, type InferenceOptions } from './inference.ts'

const model = createInferenceModel()
const N = 40_000

describe('inference model', () => {
  it('draws tiers in proportion to their shares', () => {
    const rng = createRng(1)
    const counts = new Array<number>(DEFAULT_INFERENCE_OPTIONS.tiers.length).fill(0)
    for (let i = 0; i < N; i++) counts[model.sampleTier(rng)]!++
    DEFAULT_INFERENCE_OPTIONS.tiers.forEach((tier, i) => expect(Math.abs(counts[i]! / N - tier.share)).toBeLessThan(0.01))
  })

  it('draws node speeds from the tier distribution', () => {
    const rng = createRng(2)
    const gpu = model.tierIndex('gpu-consumer')
    let sum = 0
    for (let i = 0; i < N; i++) sum += model.sampleNodeTokensPerSecond(rng, gpu)
    const expected = computeDistributionMean(DEFAULT_INFERENCE_OPTIONS.tiers[gpu]!.tokensPerSecond)
    expect(Math.abs(sum / N - expected) / expected).toBeLessThan(0.01)
  })

  it('caps output lengths at maxTokens and keeps them ≥ 1', () => {
    const rng = createRng(3)
    const lengths = Array.from({ length: N }, () => model.sampleOutputTokens(rng, 200))
    expect(Math.max(...lengths)).toBe(200)
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(1)
    expect(lengths.every(Number.isInteger)).toBe(true)
    expect(model.sampleOutputTokens(rng, 1)).toBe(1)
    expect(() => model.sampleOutputTokens(rng, 0)).toThrow(/maxTokens/)
  })

  it('takes prefill plus tokens over speed, faster for a faster model', () => {
    const options: InferenceOptions = { ...DEFAULT_INFERENCE_OPTIONS, tiers: [{ name: 't', share: 1, tokensPerSecond: { kind: 'constant', value: 10 }, prefillMs: { kind: 'constant', value: 500 } }], models: [{ id: 1, name: 'ref', speedFactor: 1, minTier: 't' }, { id: 2, name: 'fast', speedFactor: 2, minTier: 't' }], taskSpeedSigma: 0 }
    const exact = createInferenceModel(options)
    const rng = createRng(4)
    expect(exact.sampleInferenceMs(rng, 0, 10, exact.modelIndex(1), 100)).toBe(500 + 10_000)
    expect(exact.sampleInferenceMs(rng, 0, 10, exact.modelIndex(2), 100)).toBe(500 + 5_000)
  })

  it('varies a node’s speed from task to task around its own speed', () => {
    const rng = createRng(5)
    const cpu = model.tierIndex('cpu')
    const ref = model.modelIndex(2)
    const durations = Array.from({ length: N }, () => model.sampleInferenceMs(rng, cpu, 8, ref, 100))
    const sorted = Float64Array.from(durations).sort()
    // Median ≈ prefill median 1,500 ms + 100 tokens at a median 8 t/s (12,500 ms) = 14,000 ms.
    expect(Math.abs(sorted[N >> 1]! - 14_000) / 14_000).toBeLessThan(0.03)
    expect(sorted[Math.floor(N * 0.9)]! - sorted[Math.floor(N * 0.1)]!).toBeGreaterThan(2000)
  })

  it('serves a model only on tiers at or above its minimum tier', () => {
    const qwq = model.modelIndex(3)
    expect(['arm-board', 'cpu', 'gpu-consumer', 'gpu-datacenter'].map((t) => model.canServe(model.tierIndex(t), qwq))).toEqual([false, false, true, true])
    expect(model.canServe(0, model.modelIndex(2))).toBe(true)
  })

  it('refuses unknown tiers, models and indices', () => {
    expect(() => model.tierIndex('tpu')).toThrow(/unknown tier/)
    expect(() => model.modelIndex(99)).toThrow(/unknown model id 99/)
    expect(() => model.canServe(9, 0)).toThrow(/tier index 9/)
    expect(() => model.canServe(0, 9)).toThrow(/model index 9/)
    expect(() => model.sampleNodeTokensPerSecond(createRng(1), -1)).toThrow(/tier index/)
    expect(() => model.sampleInferenceMs(createRng(1), 0, 0, 0, 10)).toThrow(/tokens\/s > 0/)
  })
})

describe('validateInferenceOptions', () => {
  function paths(input: unknown): string[] {
    const r = validateInferenceOptions(input)
    return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`)
  }
  const tier = DEFAULT_INFERENCE_OPTIONS.tiers[0]!

  it('accepts the defaults and names every bad field', () => {
    expect(paths(DEFAULT_INFERENCE_OPTIONS)).toEqual([])
    expect(paths([])).toEqual([': must be an object, got an array'])
    expect(paths({ ...DEFAULT_INFERENCE_OPTIONS, tiers: [...DEFAULT_INFERENCE_OPTIONS.tiers, tier] })).toEqual(["tiers[4].name: duplicate tier 'arm-board'"])
    expect(paths({ ...DEFAULT_INFERENCE_OPTIONS, tiers: [{ ...tier, share: 0 }], models: [{ id: 0, name: 'm', speedFactor: 1, minTier: 'arm-board' }] })).toEqual(['tiers: at least one tier needs a share above 0'])
    expect(paths({ ...DEFAULT_INFERENCE_OPTIONS, tiers: [3, ...DEFAULT_INFERENCE_OPTIONS.tiers] })).toEqual(['tiers[0]: must be an object, got number 3'])
    expect(paths({ ...DEFAULT_INFERENCE_OPTIONS, tiers: [{ ...tier, tokensPerSecond: { kind: 'constant', value: 0 } }, ...DEFAULT_INFERENCE_OPTIONS.tiers.slice(1)] })).toEqual(['tiers[0].tokensPerSecond.value: 0 must be at least 0.01'])
    const models = DEFAULT_INFERENCE_OPTIONS.models
    expect(paths({ ...DEFAULT_INFERENCE_OPTIONS, models: [...models, { ...models[0]! }] })).toEqual(['models[5].id: duplicate model id 0'])
    expect(paths({ ...DEFAULT_INFERENCE_OPTIONS, models: [{ ...models[0]!, minTier: 'tpu' }] })).toEqual(["models[0].minTier: unknown tier 'tpu'"])
    expect(paths({ ...DEFAULT_INFERENCE_OPTIONS, models: [{ ...models[0]!, speedFactor: 0 }] })).toEqual(['models[0].speedFactor: 0 must be above 0'])
    expect(paths({ ...DEFAULT_INFERENCE_OPTIONS, models: ['x'] })).toEqual(["models[0]: must be an object, got 'x'"])
    expect(paths({ ...DEFAULT_INFERENCE_OPTIONS, outputTokens: { kind: 'constant', value: 0 } })).toEqual(['outputTokens.value: 0 must be at least 1'])
    expect(paths({ ...DEFAULT_INFERENCE_OPTIONS, taskSpeedSigma: -1 })).toEqual(['taskSpeedSigma: -1 must be at least 0'])
    expect(() => createInferenceModel({ ...DEFAULT_INFERENCE_OPTIONS, taskSpeedSigma: 9 })).toThrow(/invalid inference options/)
  })
})
