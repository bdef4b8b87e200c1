/**
 * Summary statistics for box and violin plots: Tukey's box (quartiles by linear interpolation,
 * whiskers at the furthest values within 1.5 IQR of the box) and a Gaussian kernel density with
 * Silverman's rule-of-thumb bandwidth, evaluated on a fixed grid so the result is deterministic.
 */
import { quantileSorted } from 'd3'
import { thinEvenly } from './thin.ts'

export interface BoxStats {
  readonly count: number
  readonly min: number
  readonly q1: number
  readonly median: number
  readonly q3: number
  readonly max: number
  readonly mean: number
  /** Ends of the whiskers: the extreme values inside the 1.5 IQR fences. */
  readonly whiskerLo: number
  readonly whiskerHi: number
  /** Values beyond the fences, ascending. */
  readonly outliers: readonly number[]
}

/** Box statistics of values already sorted ascending and finite; undefined when empty. */
export function computeBoxStats(sorted: readonly number[]): BoxStats | undefined {
  const n = sorted.length
  if (n === 0) return undefined
  // d3's types ask for a mutable array although quantileSorted only reads it.
  const values = sorted as number[]
  const q1 = quantileSorted(values, 0.25)!
  const median = quantileSorted(values, 0.5)!
  const q3 = quantileSorted(values, 0.75)!
  const iqr = q3 - q1
  const loFence = q1 - 1.5 * iqr
  const hiFence = q3 + 1.5 * iqr
  let sum = 0
  let whiskerLo = median
  let whiskerHi = median
  const outliers: number[] = []
  for (const v of sorted) {
    sum += v
    if (v < loFence || v > hiFence) outliers.push(v)
    else {
      if (v < whiskerLo) whiskerLo = v
      if (v > whiskerHi) whiskerHi = v
    }
  }
  return { count: n, min: sorted[0]!, q1, median, q3, max: sorted[n - 1]!, mean: sum / n, whiskerLo, whiskerHi, outliers }
}

export interface DensityPoint {
  readonly value: number
  readonly density: number
}

/** Order statistics the density sums over; beyond this many values an even sample of them is used. */
export const DENSITY_SAMPLE_MAX = 2048

/**
 * Gaussian kernel density of sorted finite values at `gridCount` evenly spaced points from min to
 * max. Undefined when the values have no spread (the bandwidth would be zero): a violin of one
 * repeated value is a line, which the box already shows. The bandwidth comes from all values;
 * the kernel sum runs over at most DENSITY_SAMPLE_MAX evenly spaced order statistics, which
 * follow the distribution closely and keep a million samples from costing 40 million kernels.
 */
export function computeDensity(sorted: readonly number[], gridCount = 40): DensityPoint[] | undefined {
  const n = sorted.length
  if (n < 2) return undefined
  const stats = computeBoxStats(sorted)!
  let sq = 0
  for (const v of sorted) sq += (v - stats.mean) ** 2
  const sd = Math.sqrt(sq / (n - 1))
  const spread = Math.min(sd, (stats.q3 - stats.q1) / 1.34) || sd
  const bandwidth = 0.9 * spread * n ** -0.2
  if (!(bandwidth > 0)) return undefined
  const sample = thinEvenly(sorted, DENSITY_SAMPLE_MAX)
  const out: DensityPoint[] = []
  const norm = 1 / (sample.length * bandwidth * Math.sqrt(2 * Math.PI))
  for (let i = 0; i < gridCount; i++) {
    const at = stats.min + ((stats.max - stats.min) * i) / (gridCount - 1)
    let total = 0
    for (const v of sample) {
      const z = (at - v) / bandwidth
      total += Math.exp(-0.5 * z * z)
    }
    out.push({ value: at, density: total * norm })
  }
  return out
}
