/**
 * The statistics of a calibration: quantiles, AUC, the threshold sweep (ROC) and Wilson score
 * intervals. Pure functions over plain numbers, so they are unit-tested on hand-made inputs.
 *
 * Convention (protocol/poi): a result is *valid* when its similarity is ≥ τ, so the PoI check
 * *flags* a result when its similarity is < τ. A flagged honest result is a false positive; an
 * unflagged cheat is a false negative.
 */

/** z of a two-sided 95% interval: Φ⁻¹(0.975). */
export const WILSON_Z_95 = 1.959963984540054

/** A proportion with its confidence interval. */
export interface RateInterval {
  readonly rate: number
  readonly low: number
  readonly high: number
}

/**
 * Wilson score interval for `successes` out of `trials` (Wilson 1927; Newcombe 1998, method 3).
 * Unlike the normal approximation it stays inside [0, 1] and is not degenerate at 0 or n
 * successes, which matters here: a good threshold flags *no* honest result in a small sample, and
 * "0 of 40" must still say the true rate may be up to 8.8%.
 */
export function computeWilsonInterval(successes: number, trials: number, z: number = WILSON_Z_95): RateInterval {
  if (!Number.isSafeInteger(trials) || trials < 1) throw new RangeError(`trials ${String(trials)} must be an integer ≥ 1`)
  if (!Number.isSafeInteger(successes) || successes < 0 || successes > trials) throw new RangeError(`successes ${String(successes)} must be an integer in [0, ${trials}]`)
  if (!(z > 0) || !Number.isFinite(z)) throw new RangeError(`z ${String(z)} must be a finite number > 0`)
  const p = successes / trials
  const z2 = z * z
  const denominator = 1 + z2 / trials
  const centre = (p + z2 / (2 * trials)) / denominator
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))
  // At 0 (or n) successes the bound is exactly 0 (or 1); rounding must not push it past.
  return { rate: p, low: successes === 0 ? 0 : Math.max(0, centre - half), high: successes === trials ? 1 : Math.min(1, centre + half) }
}

/** A sorted copy (ascending). */
export function sortAscending(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort()
}

/** How many of `sorted` are < `threshold` (binary search). */
export function countBelow(sorted: Float64Array, threshold: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid]! < threshold) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** How many of `sorted` are ≤ `threshold`. */
export function countAtMost(sorted: Float64Array, threshold: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid]! <= threshold) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * The q-quantile of `sorted` by linear interpolation between order statistics (Hyndman–Fan type
 * 7, R's default; also how the simulator's empirical sampler reads a calibration).
 */
export function computeQuantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) throw new RangeError('the quantile of no values is undefined')
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile ${String(q)} must lie in [0, 1]`)
  const h = (sorted.length - 1) * q
  const below = Math.floor(h)
  const above = Math.min(below + 1, sorted.length - 1)
  return sorted[below]! + (h - below) * (sorted[above]! - sorted[below]!)
}

/**
 * Area under the ROC curve of "flag when similarity < τ": the probability that a random honest
 * result scores higher than a random cheat, ties counting one half (the Mann–Whitney statistic).
 * 1 separates perfectly, 0.5 is chance, below 0.5 the cheat looks *more* honest than honest output.
 */
export function computeAuc(sortedHonest: Float64Array, cheat: readonly number[] | Float64Array): number {
  if (sortedHonest.length === 0 || cheat.length === 0) throw new RangeError('AUC needs at least one honest and one cheat sample')
  let score = 0
  for (const c of cheat) {
    const below = countBelow(sortedHonest, c)
    const atMost = countAtMost(sortedHonest, c)
    score += sortedHonest.length - atMost + (atMost - below) / 2
  }
  return score / (sortedHonest.length * cheat.length)
}

/** Thresholds to sweep, in hundredths: from just at or below `minValue` up to 1 (τ = i/100, no float drift). */
export function buildThresholdGrid(minValue: number): number[] {
  if (!Number.isFinite(minValue) || minValue > 1) throw new RangeError(`the smallest similarity ${String(minValue)} must be a finite number ≤ 1`)
  const first = Math.max(-100, Math.floor(minValue * 100))
  const grid: number[] = []
  for (let i = first; i <= 100; i++) grid.push(i / 100)
  return grid
}

/**
 * The largest τ whose false-positive rate on `sortedHonest` is at most `targetFpr`: the
 * (⌊target·n⌋+1)-th smallest honest similarity. Every honest result strictly below it is flagged,
 * which is at most ⌊target·n⌋ of them; any higher τ flags that order statistic as well.
 */
export function computeRecommendedThreshold(sortedHonest: Float64Array, targetFpr: number): number {
  if (sortedHonest.length === 0) throw new RangeError('a threshold needs at least one honest sample')
  if (!(targetFpr > 0 && targetFpr < 1)) throw new RangeError(`target FPR ${String(targetFpr)} must lie in (0, 1)`)
  return sortedHonest[Math.floor(targetFpr * sortedHonest.length)]!
}
