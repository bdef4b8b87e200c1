/**
 * Step 3 of a calibration: from measured similarities to the statistics of the file — per
 * strategy summaries and AUC, the threshold sweep (ROC) with Wilson 95% intervals on both error
 * rates, and the operating points (the recommended τ for the target FPR, and the protocol's
 * default τ). Pure: the same samples give the same numbers, bit for bit.
 */
import { CalibrationError } from './errors.ts'
import type { SampleTable } from './measure.ts'
import { buildThresholdGrid, computeAuc, computeQuantile, computeRecommendedThreshold, computeWilsonInterval, countBelow, sortAscending, type RateInterval } from './stats.ts'
import { CHEAT_STRATEGIES, SAMPLE_KEYS, type CheatStrategy, type SampleKey } from './types.ts'

/** Rates are stored at this resolution (they are ratios of small counts; more digits are noise). */
const RATE_DECIMALS = 1e6

export interface SampleSummary {
  readonly n: number
  readonly median: number
  readonly p5: number
  readonly p95: number
}

export interface CheatSummary extends SampleSummary {
  /** P(honest similarity > this strategy's), ties one half. */
  readonly auc: number
}

/** Column arrays, one entry per threshold. */
export interface RateColumns {
  readonly rate: readonly number[]
  readonly low: readonly number[]
  readonly high: readonly number[]
}

export interface RocCurve {
  readonly thresholds: readonly number[]
  /** Honest results flagged (similarity < τ). */
  readonly falsePositive: RateColumns
  /** Per strategy: the share of cheats flagged (true-positive rate), and the share accepted with its interval. */
  readonly strategies: { readonly [S in CheatStrategy]: { readonly truePositive: readonly number[]; readonly falseNegative: RateColumns } }
  /** All cheat strategies pooled. */
  readonly overall: { readonly truePositive: readonly number[]; readonly falseNegative: RateColumns }
}

export interface OperatingPoint {
  readonly threshold: number
  readonly falsePositive: RateInterval
  readonly falseNegative: { readonly [S in CheatStrategy]: RateInterval }
  readonly overallFalseNegative: RateInterval
}

export interface TemperatureSummary {
  readonly temperature: number
  readonly honest: SampleSummary
  readonly strategies: Partial<{ readonly [S in CheatStrategy]: CheatSummary }>
  /** The target-FPR threshold for tasks at this temperature alone, with its honest false-positive rate. */
  readonly recommended: { readonly threshold: number; readonly falsePositive: RateInterval }
}

export interface CalibrationStatistics {
  readonly summary: { readonly honest: SampleSummary } & { readonly [S in CheatStrategy]: CheatSummary }
  /** AUC of all cheats pooled against honest. */
  readonly overallAuc: number
  readonly byTemperature: readonly TemperatureSummary[]
  readonly roc: RocCurve
  readonly recommended: OperatingPoint & { readonly targetFpr: number }
  readonly protocolDefault: OperatingPoint
}

export function roundRate(x: number): number {
  return Math.round(x * RATE_DECIMALS) / RATE_DECIMALS
}

function roundInterval(r: RateInterval): RateInterval {
  return { rate: roundRate(r.rate), low: roundRate(r.low), high: roundRate(r.high) }
}

/** Count and quantiles (interpolated quantiles are rounded like the samples they come from). */
export function summarizeSamples(sorted: Float64Array): SampleSummary {
  const q = (p: number): number => roundRate(computeQuantile(sorted, p))
  return { n: sorted.length, median: q(0.5), p5: q(0.05), p95: q(0.95) }
}

/** Throws `TooFewSamples` unless every key has at least two samples (the simulator's minimum). */
export function assertEnoughSamples(samples: SampleTable): void {
  for (const key of SAMPLE_KEYS) {
    if (samples[key].length < 2) {
      throw new CalibrationError('TooFewSamples', `only ${samples[key].length} usable ${key} sample(s); every strategy needs at least 2 (more prompts or seeds, or an embedder that can embed these outputs)`)
    }
  }
}

/** Every statistic of the file, from the pooled samples and the per-temperature split. */
export function computeStatistics(samples: SampleTable, byTemperature: readonly SampleTable[], temperatures: readonly number[], targetFpr: number, protocolThreshold: number): CalibrationStatistics {
  assertEnoughSamples(samples)
  const sorted = sortTable(samples)
  const pooled = sortAscending(CHEAT_STRATEGIES.flatMap((s) => samples[s]))
  const summary = { honest: summarizeSamples(sorted.honest) } as { honest: SampleSummary } & { [S in CheatStrategy]: CheatSummary }
  for (const s of CHEAT_STRATEGIES) summary[s] = { ...summarizeSamples(sorted[s]), auc: roundRate(computeAuc(sorted.honest, sorted[s])) }
  const allValues = SAMPLE_KEYS.map((k) => sorted[k][0]!)
  const recommendedThreshold = computeRecommendedThreshold(sorted.honest, targetFpr)
  return {
    summary,
    overallAuc: roundRate(computeAuc(sorted.honest, pooled)),
    byTemperature: byTemperature.map((table, t) => summarizeTemperature(table, temperatures[t]!, targetFpr)).filter((x): x is TemperatureSummary => x !== undefined),
    roc: computeRoc(sorted, pooled, buildThresholdGrid(Math.min(...allValues))),
    recommended: { targetFpr, ...computeOperatingPoint(sorted, pooled, recommendedThreshold) },
    protocolDefault: computeOperatingPoint(sorted, pooled, protocolThreshold),
  }
}

function sortTable(samples: SampleTable): { readonly [K in SampleKey]: Float64Array } {
  const out = {} as { [K in SampleKey]: Float64Array }
  for (const key of SAMPLE_KEYS) out[key] = sortAscending(samples[key])
  return out
}

function summarizeTemperature(table: SampleTable, temperature: number, targetFpr: number): TemperatureSummary | undefined {
  if (table.honest.length === 0) return undefined
  const honest = sortAscending(table.honest)
  const strategies: Partial<{ [S in CheatStrategy]: CheatSummary }> = {}
  for (const s of CHEAT_STRATEGIES) {
    if (table[s].length === 0) continue
    strategies[s] = { ...summarizeSamples(sortAscending(table[s])), auc: roundRate(computeAuc(honest, table[s])) }
  }
  const threshold = computeRecommendedThreshold(honest, targetFpr)
  return { temperature, honest: summarizeSamples(honest), strategies, recommended: { threshold, falsePositive: roundInterval(flaggedInterval(honest, threshold)) } }
}

function computeRoc(sorted: { readonly [K in SampleKey]: Float64Array }, pooled: Float64Array, thresholds: readonly number[]): RocCurve {
  const strategies = {} as { [S in CheatStrategy]: { truePositive: number[]; falseNegative: RateColumns } }
  for (const s of CHEAT_STRATEGIES) strategies[s] = computeCheatColumns(sorted[s], thresholds)
  return {
    thresholds,
    falsePositive: toColumns(thresholds.map((t) => flaggedInterval(sorted.honest, t))),
    strategies,
    overall: computeCheatColumns(pooled, thresholds),
  }
}

function computeCheatColumns(sorted: Float64Array, thresholds: readonly number[]): { truePositive: number[]; falseNegative: RateColumns } {
  const accepted = thresholds.map((t) => acceptedInterval(sorted, t))
  return { truePositive: accepted.map((r) => roundRate(1 - r.rate)), falseNegative: toColumns(accepted) }
}

function computeOperatingPoint(sorted: { readonly [K in SampleKey]: Float64Array }, pooled: Float64Array, threshold: number): OperatingPoint {
  const falseNegative = {} as { [S in CheatStrategy]: RateInterval }
  for (const s of CHEAT_STRATEGIES) falseNegative[s] = roundInterval(acceptedInterval(sorted[s], threshold))
  return { threshold, falsePositive: roundInterval(flaggedInterval(sorted.honest, threshold)), falseNegative, overallFalseNegative: roundInterval(acceptedInterval(pooled, threshold)) }
}

/** Share of `sorted` flagged at τ (similarity < τ). */
function flaggedInterval(sorted: Float64Array, threshold: number): RateInterval {
  return computeWilsonInterval(countBelow(sorted, threshold), sorted.length)
}

/** Share of `sorted` accepted at τ (similarity ≥ τ). */
function acceptedInterval(sorted: Float64Array, threshold: number): RateInterval {
  return computeWilsonInterval(sorted.length - countBelow(sorted, threshold), sorted.length)
}

function toColumns(intervals: readonly RateInterval[]): RateColumns {
  return { rate: intervals.map((r) => roundRate(r.rate)), low: intervals.map((r) => roundRate(r.low)), high: intervals.map((r) => roundRate(r.high)) }
}
