/**
 * The calibration file: the simulator's format (`CALIBRATION_FORMAT`, read by `loadCalibration`
 * in simulator/models/embeddings.ts — the one thing this folder takes from simulator/) extended
 * with the measurement and its provenance. No dates and no machine paths, so one seed gives one
 * file, byte for byte.
 *
 * - `similarities`: anchor-similarity estimates (measure.ts) under the simulator's strategy names
 *   (`truncated` → `lazy`, `copyEdit` → `copyWithEdits`; `otherPrompt` has no simulator strategy).
 * - `measurement`: the PoI similarities and every statistic computed on them (report.ts).
 * - `provenance`: model and embedder (sha256), prompts, seeds, temperatures, strategy settings,
 *   PoI rule, package version.
 */
import { CALIBRATION_FORMAT, CALIBRATION_FORMAT_VERSION, type CalibratedKey } from '../../simulator/models/embeddings.ts'
import type { MeasuredSimilarities, SampleTable } from './measure.ts'
import type { CalibrationStatistics } from './report.ts'
import { SAMPLE_KEYS, type CalibrationPlan, type SampleKey } from './types.ts'

/** Where each measured key goes in the simulator's `similarities` (undefined: no such simulator strategy). */
export const SIMULATOR_KEY_OF: { readonly [K in SampleKey]: CalibratedKey | undefined } = {
  honest: 'honest',
  truncated: 'lazy',
  cheapModel: 'cheapModel',
  random: 'random',
  copyEdit: 'copyWithEdits',
  otherPrompt: undefined,
}

/** The simulator needs at least this many values per calibrated key. */
const SIMULATOR_MIN_VALUES = 2

export interface FileDigest {
  /** Base name only: a path would make the file machine-specific. */
  readonly file: string
  readonly sha256: string
  readonly bytes: number
}

export interface CalibrationProvenance {
  readonly tool: 'ctb calibrate'
  readonly packageVersion: string
  readonly model: FileDigest
  readonly inference: {
    readonly backend: string
    readonly maxThreads: number
    readonly maxTokens: number
    readonly topP: number
    readonly topK: number
    readonly presencePenalty: number
    readonly frequencyPenalty: number
  }
  readonly embedder: { readonly kind: string; readonly id: string; readonly dimensions: number; readonly model?: FileDigest }
  readonly prompts: { readonly source: string; readonly count: number; readonly texts: readonly string[] }
  readonly seed: number
  readonly honestSeeds: readonly number[]
  readonly temperatures: readonly number[]
  readonly strategies: Readonly<Record<string, Readonly<Record<string, string | number>>>>
  readonly poi: { readonly centre: string; readonly meanCentre: boolean; readonly corpus: string; readonly protocolThreshold: number }
}

export interface CalibrationMeasurement extends CalibrationStatistics {
  readonly similarityOf: string
  readonly flaggedWhen: string
  readonly tasks: { readonly count: number; readonly skipped: number; readonly anchorSkipped: number }
  readonly excluded: { readonly [K in SampleKey]: number }
  readonly samples: SampleTable
}

export interface CalibrationFile {
  readonly format: typeof CALIBRATION_FORMAT
  readonly formatVersion: typeof CALIBRATION_FORMAT_VERSION
  readonly embeddingModel: string
  readonly notes: string
  readonly similarities: { readonly [K in CalibratedKey]?: readonly number[] }
  readonly provenance: CalibrationProvenance
  readonly measurement: CalibrationMeasurement
}

/** Describes each strategy's settings for the provenance. */
export function describeStrategies(plan: CalibrationPlan): CalibrationProvenance['strategies'] {
  return {
    truncated: { fraction: plan.truncateFraction, how: 'the honest request again with maxTokens cut to this share of the honest tokens (exactly its prefix)' },
    cheapModel: { temperature: plan.cheapTemperature, topK: 0, topP: 1, how: 'proxy for a much smaller model: the same model sampled from a flattened distribution, own seeds' },
    random: { how: 'as many words as the honest answer, drawn from RANDOM_VOCABULARY with the seed' },
    copyEdit: { editRate: plan.editRate, how: "the next honest miner's answer, each word deleted or swapped with its neighbour at this rate" },
    otherPrompt: { how: 'the honest answer (same seed and temperature) to the next prompt: a cached answer' },
  }
}

export function buildCalibrationFile(embeddingModel: string, measured: MeasuredSimilarities, statistics: CalibrationStatistics, taskCount: number, provenance: CalibrationProvenance): CalibrationFile {
  const similarities: { [K in CalibratedKey]?: number[] } = {}
  for (const key of SAMPLE_KEYS) {
    const target = SIMULATOR_KEY_OF[key]
    if (target !== undefined && measured.anchor[key].length >= SIMULATOR_MIN_VALUES) similarities[target] = measured.anchor[key]
  }
  return {
    format: CALIBRATION_FORMAT,
    formatVersion: CALIBRATION_FORMAT_VERSION,
    embeddingModel,
    notes:
      "similarities: each strategy's estimated similarity to its anchor (the correct answer; for copyWithEdits the copied answer), for the simulator's embedding model. " +
      'measurement: the similarity to the PoI centre that protocol/poi computes for the same outputs, with the ROC and error rates. Produced by ctb calibrate; see calibration/README.md.',
    similarities,
    provenance,
    measurement: {
      similarityOf: `cosine to the PoI centre (computePoiOutcome, poi.centre=${provenance.poi.centre}${provenance.poi.meanCentre ? ', mean-centred' : ''}) among the task's honest answers plus the candidate`,
      flaggedWhen: 'similarity < threshold',
      tasks: { count: taskCount, skipped: measured.tasksSkipped, anchorSkipped: measured.anchorTasksSkipped },
      excluded: measured.excluded,
      samples: measured.poi,
      ...statistics,
    },
  }
}

/**
 * JSON text of `value`: two-space indentation, arrays of numbers on one line (a file of thousands
 * of samples stays readable), keys in insertion order, a final newline.
 */
export function formatCalibrationJson(value: unknown): string {
  return `${formatValue(value, '')}\n`
}

function formatValue(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    if (value.every((v) => typeof v === 'number')) return `[${value.map(formatNumber).join(', ')}]`
    const inner = indent + '  '
    return `[\n${value.map((v) => inner + formatValue(v, inner)).join(',\n')}\n${indent}]`
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined)
    if (entries.length === 0) return '{}'
    const inner = indent + '  '
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatValue(v, inner)}`).join(',\n')}\n${indent}}`
  }
  if (typeof value === 'number') return formatNumber(value)
  const text = JSON.stringify(value)
  if (text === undefined) throw new TypeError(`cannot write a ${typeof value} to a calibration file`)
  return text
}

/** JSON would write NaN and ±Infinity as null: a bug upstream, never data. */
function formatNumber(x: number): string {
  if (!Number.isFinite(x)) throw new TypeError(`cannot write the non-finite number ${x} to a calibration file`)
  return JSON.stringify(x)
}
