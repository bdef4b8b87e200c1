// Goal: the calibration pipeline without a real model — the texts each strategy produces, the
// requests sent (every sampling option explicit), the statistics written, the file format the
// simulator loads, determinism, and the failure paths (bad plans, unusable outputs).
// Method: FakeInference (deterministic, seeded words) behind a recording wrapper, the lexical
// embedder, and independent recounts of the file's rates from its own samples.
import { describe, expect, it } from 'vitest'
import { loadCalibration } from '../../simulator/models/embeddings.ts'
import { LexicalEmbedder } from '../embedding/lexical.ts'
import { FakeInference } from '../inference/fake.ts'
import type { CompletionRequest, CompletionResult, InferenceBackend } from '../inference/types.ts'
import { computeCalibration, type CalibrationMeta } from './calibrate.ts'
import { CalibrationError } from './errors.ts'
import { buildCheapLlmParams, computeTruncatedTokens, deriveHonestSeed, generateTaskOutputs } from './generate.ts'
import { describeInvalidPlan } from './plan.ts'
import { CALIBRATION_PROMPTS } from './prompts.ts'
import { CHEAT_STRATEGIES, DEFAULT_PLAN, SAMPLE_KEYS, type CalibrationPlan, type CalibrationProgress } from './types.ts'

const PLAN: CalibrationPlan = { ...DEFAULT_PLAN, promptCount: 3, seedCount: 3, temperatures: [0, 0.8], maxTokens: 24 }
const META: CalibrationMeta = { packageVersion: '0.0.0-test', model: { file: 'fake.gguf', sha256: '00', bytes: 1 }, maxThreads: 1, embedderKind: 'lexical' }

/** Records every request; `blank` makes chosen requests answer with no text. */
class RecordingBackend implements InferenceBackend {
  readonly id = 'fake'
  readonly requests: CompletionRequest[] = []
  private readonly inner = new FakeInference()
  constructor(private readonly blank: (r: CompletionRequest) => boolean = () => false) {}
  async complete(request: CompletionRequest): Promise<CompletionResult> {
    this.requests.push(request)
    const result = await this.inner.complete(request)
    return this.blank(request) ? { ...result, text: '', outputTokens: 0 } : result
  }
  async dispose(): Promise<void> {}
}

describe('generateTaskOutputs', () => {
  it('produces K outputs per strategy per task, in prompt-major order, from explicit requests', async () => {
    const backend = new RecordingBackend()
    const progress: CalibrationProgress[] = []
    const prompts = CALIBRATION_PROMPTS.slice(0, 3)
    const tasks = await generateTaskOutputs(backend, PLAN, prompts, (p) => progress.push(p))
    expect(tasks.map((t) => [t.promptIndex, t.temperatureIndex])).toEqual([[0, 0], [0, 1], [1, 0], [1, 1], [2, 0], [2, 1]])
    for (const task of tasks) {
      expect(task.honest.map((h) => h.seed)).toEqual([0, 1, 2].map((k) => deriveHonestSeed(PLAN, k)))
      for (const s of CHEAT_STRATEGIES) expect(task.cheats[s]).toHaveLength(3)
      expect(task.copySources).toEqual([1, 2, 0])
    }
    for (const r of backend.requests) {
      expect(Object.keys(r).sort()).toEqual(['frequencyPenalty', 'maxTokens', 'presencePenalty', 'prompt', 'seed', 'temperature', 'topK', 'topP'])
    }
    const cheap = buildCheapLlmParams(PLAN)
    expect(backend.requests.filter((r) => r.temperature === cheap.temperature && r.topK === 0)).toHaveLength(3 * 2 * 3)
    expect(progress.at(-1)).toEqual({ phase: 'generate', done: 3 * 2 * 3 * 3, total: 3 * 2 * 3 * 3 })
  })

  it('truncates to a prefix, copies the next miner, and answers the next prompt for otherPrompt', async () => {
    const tasks = await generateTaskOutputs(new RecordingBackend(), { ...PLAN, editRate: 0 }, CALIBRATION_PROMPTS.slice(0, 3))
    for (const task of tasks) {
      task.honest.forEach((h, k) => {
        const truncated = task.cheats.truncated[k]!
        expect(h.text.startsWith(truncated)).toBe(true)
        expect(truncated.trim().split(/\s+/)).toHaveLength(computeTruncatedTokens(h.outputTokens, PLAN.truncateFraction))
        expect(task.cheats.copyEdit[k]).toBe(task.honest[(k + 1) % 3]!.text.trim())
        expect(task.cheats.random[k]!.split(' ')).toHaveLength(h.text.trim().split(/\s+/).length)
      })
      const next = tasks.find((t) => t.promptIndex === (task.promptIndex + 1) % 3 && t.temperatureIndex === task.temperatureIndex)!
      expect(task.cheats.otherPrompt).toEqual(next.honest.map((h) => h.text))
    }
    // Greedy honest miners agree whatever their seed; sampled ones do not.
    expect(new Set(tasks[0]!.honest.map((h) => h.text)).size).toBe(1)
    expect(new Set(tasks[1]!.honest.map((h) => h.text)).size).toBe(3)
  })

  it('keeps at least one token when truncating, and nothing of an empty answer', () => {
    expect(computeTruncatedTokens(48, 0.15)).toBe(7)
    expect(computeTruncatedTokens(3, 0.1)).toBe(1)
    expect(computeTruncatedTokens(0, 0.5)).toBe(0)
  })
})

describe('computeCalibration on FakeInference + lexical', () => {
  it('writes a file the simulator loads, with K samples per strategy and task, the same every time', async () => {
    const a = await computeCalibration(new RecordingBackend(), new LexicalEmbedder(), PLAN, META)
    const b = await computeCalibration(new RecordingBackend(), new LexicalEmbedder(), PLAN, META)
    expect(b.text).toBe(a.text)
    expect(loadCalibration(a.text)).toMatchObject({ ok: true })
    expect(JSON.parse(a.text)).toEqual(JSON.parse(JSON.stringify(a.file)))
    const m = a.file.measurement
    for (const key of SAMPLE_KEYS) expect(m.samples[key]).toHaveLength(3 * 2 * 3)
    expect(m.tasks).toEqual({ count: 6, skipped: 0, anchorSkipped: expect.any(Number) })
    expect(Object.keys(a.file.similarities).sort()).toEqual(['cheapModel', 'copyWithEdits', 'honest', 'lazy', 'random'])
    expect(a.file.provenance).toMatchObject({ seed: PLAN.seed, temperatures: [0, 0.8], prompts: { count: 3, texts: CALIBRATION_PROMPTS.slice(0, 3) }, embedder: { kind: 'lexical', dimensions: 384 } })
    expect(a.file.measurement.byTemperature.map((t) => t.temperature)).toEqual([0, 0.8])
  })

  it("reports rates that recount from the file's own samples", async () => {
    const { file } = await computeCalibration(new RecordingBackend(), new LexicalEmbedder(), PLAN, META)
    const m = file.measurement
    const share = (values: readonly number[], pick: (x: number) => boolean): number => values.filter(pick).length / values.length
    m.roc.thresholds.forEach((tau, i) => {
      expect(m.roc.falsePositive.rate[i]).toBeCloseTo(share(m.samples.honest, (x) => x < tau), 6)
      for (const s of CHEAT_STRATEGIES) expect(m.roc.strategies[s].falseNegative.rate[i]).toBeCloseTo(share(m.samples[s], (x) => x >= tau), 6)
      expect(m.roc.falsePositive.low[i]).toBeLessThanOrEqual(m.roc.falsePositive.rate[i]!)
      expect(m.roc.falsePositive.high[i]).toBeGreaterThanOrEqual(m.roc.falsePositive.rate[i]!)
    })
    const tau = m.recommended.threshold
    expect(m.recommended.falsePositive.rate).toBeLessThanOrEqual(PLAN.targetFpr)
    expect(m.samples.honest).toContain(tau)
    expect(m.protocolDefault.threshold).toBe(0.85)
    const cheats = CHEAT_STRATEGIES.flatMap((s) => m.samples[s])
    expect(m.recommended.overallFalseNegative.rate).toBeCloseTo(share(cheats, (x) => x >= tau), 6)
    // Greedy tasks: honest miners agree exactly, so every honest sample there is 1.
    expect(m.byTemperature[0]!.honest).toMatchObject({ median: 1, p5: 1 })
  })

  it('mean-centres on the honest corpus when asked, and says so', async () => {
    const { file } = await computeCalibration(new RecordingBackend(), new LexicalEmbedder(), { ...PLAN, meanCentre: true, centre: 'mean' }, META)
    expect(file.provenance.poi).toMatchObject({ centre: 'mean', meanCentre: true })
    expect(file.measurement.similarityOf).toContain('mean-centred')
    const plain = await computeCalibration(new RecordingBackend(), new LexicalEmbedder(), PLAN, META)
    expect(file.measurement.samples.random).not.toEqual(plain.file.measurement.samples.random)
  })

  it('excludes outputs with nothing to embed, and refuses to calibrate a strategy left with fewer than two', async () => {
    const cheapBlank = new RecordingBackend((r) => r.topK === 0)
    await expect(computeCalibration(cheapBlank, new LexicalEmbedder(), PLAN, META)).rejects.toMatchObject({ code: 'TooFewSamples', message: expect.stringContaining('cheapModel') })
    // One honest miner answers nothing in every task: the other two still make each task.
    const firstSeed = deriveHonestSeed(PLAN, 0)
    const oneBlank = new RecordingBackend((r) => r.seed === firstSeed && r.topK !== 0 && r.maxTokens === PLAN.maxTokens)
    const { file } = await computeCalibration(oneBlank, new LexicalEmbedder(), PLAN, META)
    expect(file.measurement.excluded).toMatchObject({ honest: 6, truncated: 6, random: 6 })
    expect(file.measurement.samples.honest).toHaveLength(12)
    expect(file.measurement.tasks.skipped).toBe(0)
  })

  it('skips a task whose honest miners all answer nothing', async () => {
    const blank = new RecordingBackend((r) => r.topK !== 0 && r.maxTokens === PLAN.maxTokens && r.prompt === CALIBRATION_PROMPTS[1])
    const { file } = await computeCalibration(blank, new LexicalEmbedder(), PLAN, META)
    expect(file.measurement.tasks.skipped).toBe(2)
    expect(file.measurement.samples.honest).toHaveLength(12)
    expect(file.measurement.excluded.copyEdit).toBe(6)
  })

  it('refuses an invalid plan before generating anything', async () => {
    const backend = new RecordingBackend()
    const error = await computeCalibration(backend, new LexicalEmbedder(), { ...PLAN, seedCount: 1 }, META).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CalibrationError)
    expect(error).toMatchObject({ code: 'InvalidPlan' })
    expect(backend.requests).toHaveLength(0)
  })
})

describe('describeInvalidPlan', () => {
  it.each<[Partial<CalibrationPlan>, RegExp]>([
    [{ promptCount: 1 }, /prompt count 1/],
    [{ promptCount: CALIBRATION_PROMPTS.length + 1 }, /prompt count/],
    [{ seedCount: 2.5 }, /seed count 2.5/],
    [{ temperatures: [] }, /at least one temperature/],
    [{ temperatures: [0, 2.5] }, /temperature 2.5/],
    [{ temperatures: [0.7, 0.7] }, /repeat/],
    [{ maxTokens: 0 }, /max tokens 0/],
    [{ topP: 1.5 }, /topP 1.5/],
    [{ topK: -1 }, /topK -1/],
    [{ seed: 2 ** 32 }, /seed 4294967296/],
    [{ truncateFraction: 1 }, /truncate fraction 1/],
    [{ editRate: -0.1 }, /edit rate -0.1/],
    [{ cheapTemperature: 0 }, /cheap-model temperature 0/],
    [{ centre: 'median' as 'mean' }, /centre median/],
    [{ targetFpr: 0 }, /target FPR 0/],
  ])('refuses %o', (change, message) => {
    expect(describeInvalidPlan({ ...PLAN, ...change })).toMatch(message)
  })

  it('accepts the default plan', () => {
    expect(describeInvalidPlan(DEFAULT_PLAN)).toBeUndefined()
  })
})
