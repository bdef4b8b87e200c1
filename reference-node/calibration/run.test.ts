// Goal: a calibration on real llama.cpp output (stories260K) is deterministic to the byte, separates
// random and truncated answers from honest ones where the measurements say it can, yields a file
// the simulator loads and reproduces, and fails with typed errors for missing or broken models.
// Method: small runs (4 prompts, 2 seeds, temperatures 0 and 0.7) with the lexical and the llama
// embedder. What is claimed is what the shipped 48-prompt measurements support
// (calibration/README.md): at temperature 0 (greedy; honest miners agree exactly) random and
// truncated answers score below the honest 5th percentile with AUC ≥ 0.9 for both embedders; at
// 0.7 only random text stays separated (lexical AUC ≥ 0.9, measured 0.96), while truncation is
// near chance there, so nothing is claimed for it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRng } from '../../protocol/core/rng.ts'
import { createEmbeddingModel, DEFAULT_EMBEDDING_OPTIONS, loadCalibration, type CalibratedKey } from '../../simulator/models/embeddings.ts'
import { disposeSharedLlamas } from '../inference/llama-runtime.ts'
import { DISTILBERT_TOKENIZER_DIR, requireModelPath, STORIES_260K_GGUF } from '../inference/model-files.ts'
import type { CalibrationOutput } from './calibrate.ts'
import { computeFileDigest, runCalibration, type RunCalibrationOptions } from './run.ts'
import { computeQuantile, sortAscending } from './stats.ts'
import { DEFAULT_PLAN, type CalibrationPlan } from './types.ts'

const PLAN: CalibrationPlan = { ...DEFAULT_PLAN, promptCount: 4, seedCount: 2, temperatures: [0, 0.7] }
const BASE: RunCalibrationOptions = { plan: PLAN, modelPath: STORIES_260K_GGUF, embedder: { kind: 'lexical' }, packageVersion: '0.0.0-test' }

let lexical: CalibrationOutput
let llama: CalibrationOutput
let scratch: string

beforeAll(async () => {
  requireModelPath(STORIES_260K_GGUF, 'stories260K (the calibration test model)')
  scratch = mkdtempSync(join(tmpdir(), 'ctb-calibrate-'))
  lexical = await runCalibration(BASE)
  llama = await runCalibration({ ...BASE, embedder: { kind: 'llama' }, plan: { ...PLAN, temperatures: [0] } })
})

afterAll(async () => {
  await disposeSharedLlamas()
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true })
})

describe('runCalibration on stories260K', () => {
  it('gives a byte-identical file for the same seed, and a different one for another seed', async () => {
    expect((await runCalibration(BASE)).text).toBe(lexical.text)
    expect((await runCalibration({ ...BASE, plan: { ...PLAN, seed: 2 } })).text).not.toBe(lexical.text)
  })

  it('records the provenance: model sha256, embedder, prompts, seeds, temperatures', () => {
    const p = lexical.file.provenance
    expect(p.model).toEqual({ file: 'stories260K.gguf', sha256: '270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d', bytes: 1_185_376 })
    expect(p.inference).toMatchObject({ backend: 'llama:stories260K.gguf', maxThreads: 1, maxTokens: 48 })
    expect(p.embedder).toEqual({ kind: 'lexical', id: lexical.file.embeddingModel, dimensions: 384 })
    expect(llama.file.provenance.embedder).toMatchObject({ kind: 'llama', dimensions: 64, model: { sha256: p.model.sha256 } })
    expect(p.prompts.count).toBe(4)
    expect(p.honestSeeds).toHaveLength(2)
    expect(p.temperatures).toEqual([0, 0.7])
  })

  for (const [name, get] of [['lexical', () => lexical], ['llama', () => llama]] as const) {
    it(`${name}: at temperature 0, random and truncated answers fall below the honest 5th percentile (AUC ≥ 0.9)`, () => {
      const greedy = get().file.measurement.byTemperature[0]!
      expect(greedy.temperature).toBe(0)
      for (const s of ['random', 'truncated'] as const) {
        const cheat = greedy.strategies[s]!
        expect(cheat.n).toBe(8)
        expect(cheat.median).toBeLessThan(greedy.honest.p5)
        expect(cheat.auc).toBeGreaterThanOrEqual(0.9)
      }
    })
  }

  it('lexical: at temperature 0.7 random text is still separated from honest answers', () => {
    const sampled = lexical.file.measurement.byTemperature[1]!
    expect(sampled.temperature).toBe(0.7)
    expect(sampled.strategies.random!.auc).toBeGreaterThanOrEqual(0.9)
  })

  it('writes a file the simulator loads, whose embedding model reproduces the measured medians', () => {
    for (const output of [lexical, llama]) {
      const path = join(scratch, 'calibration.json')
      writeFileSync(path, output.text)
      const loaded = loadCalibration(readFileSync(path, 'utf8'))
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors))
      const model = createEmbeddingModel(DEFAULT_EMBEDDING_OPTIONS, loaded.value)
      expect(model.calibrated.length).toBeGreaterThanOrEqual(4)
      const rng = createRng(17)
      for (const key of model.calibrated) {
        const measured = computeQuantile(sortAscending(loaded.value.similarities[key as CalibratedKey]!), 0.5)
        const drawn = sortAscending(Array.from({ length: 4001 }, () => model.sampleSimilarity(rng, key)))
        expect(Math.abs(computeQuantile(drawn, 0.5) - measured)).toBeLessThan(0.03)
      }
    }
  })
})

describe('runCalibration failures', () => {
  it('names a missing model and how to get it', async () => {
    const error = await runCalibration({ ...BASE, modelPath: join(scratch, 'nope.gguf') }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'ModelUnavailable', message: expect.stringContaining('models:pull') })
  })

  it('refuses a file that is not a GGUF', async () => {
    const junk = join(scratch, 'junk.gguf')
    writeFileSync(junk, 'not a model')
    await expect(runCalibration({ ...BASE, modelPath: junk })).rejects.toMatchObject({ code: 'ModelUnavailable', message: expect.stringContaining('cannot load the inference model') })
  })

  it('reports an embedder that fails to load', async () => {
    await expect(runCalibration({ ...BASE, embedder: { kind: 'llama', modelPath: join(scratch, 'none.gguf') } })).rejects.toMatchObject({ code: 'EmbedderUnavailable' })
    await expect(runCalibration({ ...BASE, embedder: { kind: 'transformers', model: join(scratch, 'no-model') } })).rejects.toMatchObject({ code: 'EmbedderUnavailable' })
    await expect(runCalibration({ ...BASE, embedder: { kind: 'onnx' } as never })).rejects.toMatchObject({ code: 'EmbedderUnavailable' })
  })

  it('checks the plan before touching a model', async () => {
    await expect(runCalibration({ ...BASE, modelPath: join(scratch, 'nope.gguf'), plan: { ...PLAN, temperatures: [3] } })).rejects.toMatchObject({ code: 'InvalidPlan' })
  })
})

describe('computeFileDigest', () => {
  it('digests a folder by its sorted file digests, the same every time', async () => {
    const a = await computeFileDigest(DISTILBERT_TOKENIZER_DIR)
    expect(a).toEqual(await computeFileDigest(DISTILBERT_TOKENIZER_DIR))
    expect(a.file).toBe('distilbert-base-uncased-tokenizer')
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(a.bytes).toBeGreaterThan(466_000)
  })
})
