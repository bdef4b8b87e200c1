/**
 * Random distributions as small pure functions over an `Rng`: the only randomness in a run, so a
 * seed fixes every draw. Each function draws a fixed or bounded number of values from the stream
 * it is given and touches nothing else. Invalid arguments (a negative mean, a probability above
 * one) are bugs in the caller and fail an assertion; models validate user input earlier.
 */
import type { Rng } from '../../protocol/core/rng.ts'
import { fail } from './assert.ts'

const TWO_PI = 2 * Math.PI

/** Uniform in [min, max). */
export function sampleUniform(rng: Rng, min: number, max: number): number {
  if (!(max >= min)) fail(`uniform needs min ≤ max, got [${min}, ${max})`)
  return min + (max - min) * rng.nextFloat()
}

/** Exponential with the given mean (> 0): the gap between events of a Poisson process. */
export function sampleExponential(rng: Rng, mean: number): number {
  if (!(mean > 0) || mean === Number.POSITIVE_INFINITY) fail(`exponential needs a finite mean > 0, got ${mean}`)
  // 1 − u lies in (0, 1], so the logarithm is finite.
  return -mean * Math.log(1 - rng.nextFloat())
}

/** Standard normal by Box–Muller (two uniforms per draw; the second normal is discarded). */
export function sampleStandardNormal(rng: Rng): number {
  const radius = Math.sqrt(-2 * Math.log(1 - rng.nextFloat()))
  return radius * Math.cos(TWO_PI * rng.nextFloat())
}

/** Fills `out` with independent standard normals, using both values of each Box–Muller pair. */
export function fillStandardNormal(rng: Rng, out: Float64Array): void {
  const n = out.length
  for (let i = 0; i < n; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(1 - rng.nextFloat()))
    const angle = TWO_PI * rng.nextFloat()
    out[i] = radius * Math.cos(angle)
    if (i + 1 < n) out[i + 1] = radius * Math.sin(angle)
  }
}

/** Normal with mean `mean` and standard deviation `sd` (≥ 0). */
export function sampleNormal(rng: Rng, mean: number, sd: number): number {
  if (!(sd >= 0)) fail(`normal needs sd ≥ 0, got ${sd}`)
  return mean + sd * sampleStandardNormal(rng)
}

/** Lognormal: exp of a normal with mean `mu` and standard deviation `sigma`; its median is e^mu. */
export function sampleLognormal(rng: Rng, mu: number, sigma: number): number {
  return Math.exp(sampleNormal(rng, mu, sigma))
}

/** Lognormal given by its median (> 0) and the sigma of its logarithm. */
export function sampleLognormalByMedian(rng: Rng, median: number, sigma: number): number {
  if (!(median > 0)) fail(`lognormal needs a median > 0, got ${median}`)
  return median * Math.exp(sampleNormal(rng, 0, sigma))
}

/** True with probability `p` ∈ [0, 1]. */
export function sampleBernoulli(rng: Rng, p: number): boolean {
  if (!(p >= 0 && p <= 1)) fail(`bernoulli needs p in [0, 1], got ${p}`)
  return rng.nextFloat() < p
}

/**
 * Index drawn with probability proportional to `weights[i]` (≥ 0, sum > 0); O(n). For repeated
 * draws from a large fixed list, build a cumulative array once and use `sampleCumulativeIndex`.
 */
export function sampleWeightedIndex(rng: Rng, weights: ArrayLike<number>): number {
  let total = 0
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!
    if (!(w >= 0) || w === Number.POSITIVE_INFINITY) fail(`weight ${i} must be finite and ≥ 0, got ${w}`)
    total += w
  }
  if (!(total > 0)) fail('weighted choice needs at least one positive weight')
  let remaining = rng.nextFloat() * total
  let lastPositive = -1
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!
    if (w === 0) continue
    if (remaining < w) return i
    remaining -= w
    lastPositive = i
  }
  return lastPositive // Rounding left a sliver past the last weight: it belongs to that weight.
}

/** Index drawn from a non-decreasing cumulative weight array (last entry > 0); O(log n). */
export function sampleCumulativeIndex(rng: Rng, cumulative: ArrayLike<number>): number {
  const n = cumulative.length
  const total = n > 0 ? cumulative[n - 1]! : 0
  if (!(total > 0) || total === Number.POSITIVE_INFINITY) fail(`cumulative weights must end in a finite total > 0, got ${total}`)
  const target = rng.nextFloat() * total
  let lo = 0
  let hi = n - 1
  // The first index whose cumulative weight exceeds the target; zero-weight entries are never hit.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (cumulative[mid]! > target) hi = mid
    else lo = mid + 1
  }
  return lo
}

/**
 * Poisson count with the given mean (≥ 0): multiplication of uniforms below 10, and Hörmann's
 * PTRS transformed rejection above (exact, O(1) expected draws), as numpy does.
 */
export function samplePoisson(rng: Rng, mean: number): number {
  if (!(mean >= 0) || mean > 1e12) fail(`poisson needs a mean in [0, 1e12], got ${mean}`)
  if (mean === 0) return 0
  return mean < 10 ? samplePoissonSmall(rng, mean) : samplePoissonPtrs(rng, mean)
}

function samplePoissonSmall(rng: Rng, mean: number): number {
  const limit = Math.exp(-mean)
  let count = 0
  let product = rng.nextFloat()
  while (product > limit) {
    count++
    product *= rng.nextFloat()
  }
  return count
}

function samplePoissonPtrs(rng: Rng, mean: number): number {
  const sqrtMean = Math.sqrt(mean)
  const logMean = Math.log(mean)
  const b = 0.931 + 2.53 * sqrtMean
  const a = -0.059 + 0.02483 * b
  const logInvAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4))
  const vr = 0.9277 - 3.6224 / (b - 2)
  for (;;) {
    const u = rng.nextFloat() - 0.5
    const v = rng.nextFloat()
    const us = 0.5 - Math.abs(u)
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43)
    if (us >= 0.07 && v <= vr) return k
    if (k < 0 || (us < 0.013 && v > us)) continue
    if (Math.log(v) + logInvAlpha - Math.log(a / (us * us) + b) <= -mean + k * logMean - computeLogGamma(k + 1)) return k
  }
}

const LOG_GAMMA_SERIES = [
  8.333333333333333e-2, -2.777777777777778e-3, 7.936507936507937e-4, -5.952380952380952e-4, 8.417508417508418e-4,
  -1.917526917526918e-3, 6.41025641025641e-3, -2.955065359477124e-2, 1.796443723688307e-1, -1.3924322169059,
]
const LOG_TWO_PI = 1.8378770664093453

/** ln Γ(x) for x ≥ 1 (Stirling series after shifting x to ≥ 7), accurate to ~1e-15. */
export function computeLogGamma(x: number): number {
  if (x === 1 || x === 2) return 0
  const shift = x < 7 ? Math.floor(7 - x) : 0
  let x0 = x + shift
  const inv2 = 1 / (x0 * x0)
  let series = LOG_GAMMA_SERIES[9]!
  for (let k = 8; k >= 0; k--) series = series * inv2 + LOG_GAMMA_SERIES[k]!
  let result = series / x0 + 0.5 * LOG_TWO_PI + (x0 - 0.5) * Math.log(x0) - x0
  for (let k = 1; k <= shift; k++) {
    result -= Math.log(x0 - 1)
    x0 -= 1
  }
  return result
}

/**
 * Arrival times of a Poisson process in integer ms. The exact (fractional) time is kept between
 * calls and only the returned value is rounded up, so rounding does not bias the rate.
 */
export interface PoissonArrivals {
  /** The next arrival time (integer ms, ≥ the previous one). */
  nextMs(): number
}

export function createPoissonArrivals(rng: Rng, ratePerSecond: number, startMs: number): PoissonArrivals {
  if (!(ratePerSecond > 0) || ratePerSecond === Number.POSITIVE_INFINITY) fail(`arrival rate must be finite and > 0 per second, got ${ratePerSecond}`)
  if (!Number.isSafeInteger(startMs) || startMs < 0) fail(`startMs must be a non-negative integer, got ${startMs}`)
  const meanGapMs = 1000 / ratePerSecond
  let exactMs = startMs
  return {
    nextMs() {
      exactMs += sampleExponential(rng, meanGapMs)
      return Math.ceil(exactMs)
    },
  }
}
