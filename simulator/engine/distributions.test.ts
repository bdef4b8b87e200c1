// Goal: each distribution has the mean and variance (or frequencies) it claims, stays in its
// support, and refuses invalid arguments. Method: draw 100,000 values from a fixed-seed stream and
// compare sample moments against the analytic ones with tolerances of about four standard errors
// (fixed seeds make the tests repeatable; the tolerances keep them honest if a seed changes).
import { describe, expect, it } from 'vitest'
import { createRng, type Rng } from '../../protocol/core/rng.ts'
import {
  computeLogGamma,
  createPoissonArrivals,
  fillStandardNormal,
  sampleBernoulli,
  sampleCumulativeIndex,
  sampleExponential,
  sampleLognormal,
  sampleLognormalByMedian,
  sampleNormal,
  samplePoisson,
  sampleStandardNormal,
  sampleUniform,
  sampleWeightedIndex,
} from './distributions.ts'

const N = 100_000

function moments(sample: (rng: Rng) => number, seed = 11, n = N): { mean: number; variance: number; min: number; values: number[] } {
  const rng = createRng(seed)
  const values = Array.from({ length: n }, () => sample(rng))
  const mean = values.reduce((a, b) => a + b, 0) / n
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)
  return { mean, variance, min: Math.min(...values.slice(0, 50_000)), values }
}

function median(values: number[]): number {
  const sorted = Float64Array.from(values).sort()
  return sorted[sorted.length >> 1]!
}

describe('continuous distributions', () => {
  it('uniform has mean (a+b)/2 and variance (b−a)²/12 within [a, b)', () => {
    const m = moments((r) => sampleUniform(r, 2, 10))
    expect(m.mean).toBeCloseTo(6, 1)
    expect(m.variance).toBeCloseTo(64 / 12, 1)
    expect(m.values.every((v) => v >= 2 && v < 10)).toBe(true)
  })

  it('exponential has mean μ and variance μ²', () => {
    const m = moments((r) => sampleExponential(r, 5))
    expect(Math.abs(m.mean - 5)).toBeLessThan(0.07)
    expect(Math.abs(m.variance - 25) / 25).toBeLessThan(0.04)
    expect(m.min).toBeGreaterThanOrEqual(0)
  })

  it('normal has the given mean and standard deviation', () => {
    const m = moments((r) => sampleNormal(r, -3, 2))
    expect(Math.abs(m.mean + 3)).toBeLessThan(0.03)
    expect(Math.abs(m.variance - 4) / 4).toBeLessThan(0.02)
    const z = moments(sampleStandardNormal, 12)
    expect(Math.abs(z.mean)).toBeLessThan(0.015)
    expect(Math.abs(z.variance - 1)).toBeLessThan(0.02)
  })

  it('fills vectors with independent standard normals, odd lengths included', () => {
    const rng = createRng(3)
    const out = new Float64Array(N + 1)
    fillStandardNormal(rng, out)
    const mean = out.reduce((a, b) => a + b, 0) / out.length
    const variance = out.reduce((a, b) => a + (b - mean) ** 2, 0) / out.length
    expect(Math.abs(mean)).toBeLessThan(0.015)
    expect(Math.abs(variance - 1)).toBeLessThan(0.02)
    // Neighbours come from one Box–Muller pair (cos and sin): they must still be uncorrelated.
    let cross = 0
    for (let i = 0; i + 1 < out.length; i += 2) cross += out[i]! * out[i + 1]!
    expect(Math.abs(cross / (out.length / 2))).toBeLessThan(0.02)
    expect(Number.isFinite(out[N]!)).toBe(true)
  })

  it('lognormal has median e^μ and mean e^(μ+σ²/2)', () => {
    const m = moments((r) => sampleLognormal(r, 1, 0.5))
    expect(Math.abs(median(m.values) - Math.E) / Math.E).toBeLessThan(0.01)
    const mean = Math.exp(1 + 0.125)
    expect(Math.abs(m.mean - mean) / mean).toBeLessThan(0.01)
    const byMedian = moments((r) => sampleLognormalByMedian(r, 200, 0.3), 13)
    expect(Math.abs(median(byMedian.values) - 200) / 200).toBeLessThan(0.01)
    expect(byMedian.min).toBeGreaterThan(0)
  })

  it('refuses invalid parameters', () => {
    const rng = createRng(1)
    expect(() => sampleUniform(rng, 2, 1)).toThrow(/min ≤ max/)
    expect(() => sampleExponential(rng, 0)).toThrow(/mean > 0/)
    expect(() => sampleExponential(rng, Number.POSITIVE_INFINITY)).toThrow(/mean > 0/)
    expect(() => sampleNormal(rng, 0, -1)).toThrow(/sd ≥ 0/)
    expect(() => sampleLognormalByMedian(rng, 0, 1)).toThrow(/median > 0/)
  })
})

describe('discrete distributions', () => {
  it('bernoulli hits p, and never or always at the ends', () => {
    const m = moments((r) => (sampleBernoulli(r, 0.3) ? 1 : 0))
    expect(Math.abs(m.mean - 0.3)).toBeLessThan(0.006)
    const rng = createRng(2)
    for (let i = 0; i < 1000; i++) {
      expect(sampleBernoulli(rng, 0)).toBe(false)
      expect(sampleBernoulli(rng, 1)).toBe(true)
    }
    expect(() => sampleBernoulli(rng, 1.1)).toThrow(/p in \[0, 1\]/)
  })

  for (const mean of [0.5, 4, 9.9, 10, 37, 2500]) {
    it(`poisson(${mean}) has mean and variance ${mean}`, () => {
      const m = moments((r) => samplePoisson(r, mean), 17)
      const se = Math.sqrt(mean / N)
      expect(Math.abs(m.mean - mean)).toBeLessThan(5 * se)
      expect(Math.abs(m.variance - mean) / mean).toBeLessThan(0.03)
      expect(m.values.every((v) => Number.isInteger(v) && v >= 0)).toBe(true)
    })
  }

  it('poisson(2) gives P(0) = e^−2 and poisson(0) is always 0', () => {
    const m = moments((r) => samplePoisson(r, 2), 19)
    const zeros = m.values.filter((v) => v === 0).length / N
    expect(Math.abs(zeros - Math.exp(-2))).toBeLessThan(0.005)
    expect(samplePoisson(createRng(1), 0)).toBe(0)
    expect(() => samplePoisson(createRng(1), -1)).toThrow(/poisson/)
  })

  it('log-gamma matches known values', () => {
    expect(computeLogGamma(1)).toBe(0)
    expect(computeLogGamma(2)).toBe(0)
    expect(computeLogGamma(10)).toBeCloseTo(Math.log(362_880), 12)
    expect(computeLogGamma(3.5)).toBeCloseTo(Math.log(3.323350970447843), 12)
    expect(computeLogGamma(101)).toBeCloseTo(363.73937555556347, 9)
  })

  it('weighted and cumulative choices follow the weights and never pick a zero weight', () => {
    const weights = [1, 0, 3, 6, 0]
    const cumulative = [1, 1, 4, 10, 10]
    for (const pick of [(r: Rng) => sampleWeightedIndex(r, weights), (r: Rng) => sampleCumulativeIndex(r, cumulative)]) {
      const counts = [0, 0, 0, 0, 0]
      const rng = createRng(23)
      for (let i = 0; i < N; i++) counts[pick(rng)]!++
      expect(counts[1]).toBe(0)
      expect(counts[4]).toBe(0)
      expect(Math.abs(counts[0]! / N - 0.1)).toBeLessThan(0.005)
      expect(Math.abs(counts[2]! / N - 0.3)).toBeLessThan(0.007)
      expect(Math.abs(counts[3]! / N - 0.6)).toBeLessThan(0.007)
    }
  })

  it('weighted choice returns the last positive weight when rounding overshoots', () => {
    // An rng whose float is just below 1 puts the target at the very end of the total.
    const top: Rng = { nextU32: () => 0, nextFloat: () => 1 - 2 ** -53, nextInt: () => 0, getState: () => [0, 0, 0, 0], setState: () => {} }
    expect(sampleWeightedIndex(top, [0.1, 0.2, 0.3, 0])).toBe(2)
    expect(sampleCumulativeIndex(top, [0.1, 0.3, 0.6, 0.6])).toBe(2)
  })

  it('refuses invalid weights', () => {
    const rng = createRng(1)
    expect(() => sampleWeightedIndex(rng, [0, 0])).toThrow(/positive weight/)
    expect(() => sampleWeightedIndex(rng, [1, -1])).toThrow(/weight 1/)
    expect(() => sampleWeightedIndex(rng, [1, Number.NaN])).toThrow(/weight 1/)
    expect(() => sampleCumulativeIndex(rng, [])).toThrow(/cumulative/)
    expect(() => sampleCumulativeIndex(rng, [0, 0])).toThrow(/cumulative/)
  })
})

describe('createPoissonArrivals', () => {
  it('produces non-decreasing integer times at the given rate', () => {
    const arrivals = createPoissonArrivals(createRng(31), 20, 1000)
    const times: number[] = []
    let t = 0
    while ((t = arrivals.nextMs()) < 1000 + 1_000_000) times.push(t)
    expect(times.every((v, i) => Number.isInteger(v) && v >= 1000 && (i === 0 || v >= times[i - 1]!))).toBe(true)
    // 20 per second for 1000 s: 20,000 expected, standard deviation about 141.
    expect(Math.abs(times.length - 20_000)).toBeLessThan(600)
  })

  it('does not lose rate to rounding when gaps are far below a millisecond', () => {
    const arrivals = createPoissonArrivals(createRng(32), 10_000, 0)
    let count = 0
    while (arrivals.nextMs() <= 1000) count++
    expect(Math.abs(count - 10_000)).toBeLessThan(400)
  })

  it('refuses a bad rate or start', () => {
    expect(() => createPoissonArrivals(createRng(1), 0, 0)).toThrow(/rate/)
    expect(() => createPoissonArrivals(createRng(1), 1, -5)).toThrow(/startMs/)
  })
})
