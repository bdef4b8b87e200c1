/**
 * A whole calibration on backends the caller has loaded: generate the texts, embed and score
 * them with protocol/poi, compute the statistics and assemble the file. `runCalibration` (run.ts)
 * loads the real model and embedder around this; tests pass FakeInference or a lexical embedder.
 */
import { defaultParams, withParam } from '../../protocol/params/validate.ts'
import type { Embedder } from '../embedding/types.ts'
import type { InferenceBackend } from '../inference/types.ts'
import { buildCalibrationFile, describeStrategies, formatCalibrationJson, type CalibrationFile, type CalibrationProvenance, type FileDigest } from './file.ts'
import { deriveHonestSeed, generateTaskOutputs } from './generate.ts'
import { measureSimilarities } from './measure.ts'
import { assertValidPlan } from './plan.ts'
import { CALIBRATION_PROMPTS } from './prompts.ts'
import { computeStatistics } from './report.ts'
import type { CalibrationPlan, ProgressListener } from './types.ts'

/** What the provenance records beyond the plan (the caller knows the files and versions). */
export interface CalibrationMeta {
  readonly packageVersion: string
  readonly model: FileDigest
  readonly maxThreads: number
  readonly embedderKind: string
  /** The embedder's model file, when it has one. */
  readonly embedderModel?: FileDigest | undefined
}

export interface CalibrationOutput {
  readonly file: CalibrationFile
  /** The file's text, exactly as it is written. */
  readonly text: string
}

export const PROMPTS_SOURCE = 'reference-node/calibration/prompts.ts'

export async function computeCalibration(backend: InferenceBackend, embedder: Embedder, plan: CalibrationPlan, meta: CalibrationMeta, onProgress?: ProgressListener): Promise<CalibrationOutput> {
  assertValidPlan(plan)
  const prompts = CALIBRATION_PROMPTS.slice(0, plan.promptCount)
  const params = withParam(defaultParams(), 'poi.centre', plan.centre)
  const tasks = await generateTaskOutputs(backend, plan, prompts, onProgress)
  const measured = await measureSimilarities(tasks, embedder, plan, params, onProgress)
  const statistics = computeStatistics(measured.poi, measured.poiByTemperature, plan.temperatures, plan.targetFpr, params.poi.cosineThreshold)
  const provenance = buildProvenance(backend, embedder, plan, meta, prompts, params.poi.cosineThreshold)
  const file = buildCalibrationFile(embedder.id, measured, statistics, tasks.length, provenance)
  return { file, text: formatCalibrationJson(file) }
}

function buildProvenance(backend: InferenceBackend, embedder: Embedder, plan: CalibrationPlan, meta: CalibrationMeta, prompts: readonly string[], protocolThreshold: number): CalibrationProvenance {
  return {
    tool: 'ctb calibrate',
    packageVersion: meta.packageVersion,
    model: meta.model,
    inference: { backend: backend.id, maxThreads: meta.maxThreads, maxTokens: plan.maxTokens, topP: plan.topP, topK: plan.topK, presencePenalty: 0, frequencyPenalty: 0 },
    embedder: { kind: meta.embedderKind, id: embedder.id, dimensions: embedder.dimensions, ...(meta.embedderModel !== undefined ? { model: meta.embedderModel } : {}) },
    prompts: { source: PROMPTS_SOURCE, count: prompts.length, texts: prompts },
    seed: plan.seed,
    honestSeeds: Array.from({ length: plan.seedCount }, (_, k) => deriveHonestSeed(plan, k)),
    temperatures: plan.temperatures,
    strategies: describeStrategies(plan),
    poi: {
      centre: plan.centre,
      meanCentre: plan.meanCentre,
      corpus: plan.meanCentre ? 'the mean embedding of every usable honest answer of the run' : 'none (raw cosines)',
      protocolThreshold,
    },
  }
}
