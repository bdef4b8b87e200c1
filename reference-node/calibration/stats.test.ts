// Goal: the calibration statistics are right — Wilson intervals, quantiles, AUC, counts below a
// threshold, the threshold grid and the recommended threshold — including their edge cases and
// refusals. Method: published values (Newcombe 1998, Table I, method 3: Wilson score without
// continuity correction, to 4 decimals), hand-made samples whose AUC and quantiles are counted by
// hand, and fast-check properties (interval symmetry and containment, AUC antisymmetry, the
// recommended threshold's FPR bound) on fixed seeds.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildThresholdGrid, computeAuc, computeQuantile, computeRecommendedThreshold, computeWilsonInterval, countAtMost, countBelow, sortAscending } from './stats.ts'

describe('computeWilsonInterval', () => {
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
    [29, 29, 0.883, 1],
    [0, 10, 0, 0.2775],
    [5, 10, 0.2366, 0.7634],
  ])('%i of %i → [%f, %f] (Newcombe 1998)', (k, n, low, high) => {
    const r = computeWilsonInterval(k, n)
    expect(r.rate).toBe(k / n)
    expect(r.low).toBeCloseTo(low, 4)
    expect(r.high).toBeCloseTo(high, 4)
  })

  it('is exactly 0 or 1 at the ends, and narrows with a smaller z', () => {
    expect(computeWilsonInterval(0, 7).low).toBe(0)
    expect(computeWilsonInterval(7, 7).high).toBe(1)
    const wide = computeWilsonInterval(3, 10)
    const narrow = computeWilsonInterval(3, 10, 1)
    expect(narrow.low).toBeGreaterThan(wide.low)
    expect(narrow.high).toBeLessThan(wide.high)
  })

  it('refuses counts and z that make no interval', () => {
    expect(() => computeWilsonInterval(0, 0)).toThrow(/trials 0/)
    expect(() => computeWilsonInterval(1.5, 3)).toThrow(/successes 1.5/)
    expect(() => computeWilsonInterval(4, 3)).toThrow(/successes 4/)
    expect(() => computeWilsonInterval(-1, 3)).toThrow(/successes -1/)
    expect(() => computeWilsonInterval(1, 3, 0)).toThrow(/z 0/)
    expect(() => computeWilsonInterval(1, 3, Number.POSITIVE_INFINITY)).toThrow(/z Infinity/)
  })

  it('contains the rate, stays in [0, 1], and mirrors k ↔ n − k', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, share) => {
        const k = Math.round(share * n)
        const r = computeWilsonInterval(k, n)
        const mirror = computeWilsonInterval(n - k, n)
        expect(r.low).toBeGreaterThanOrEqual(0)
        expect(r.high).toBeLessThanOrEqual(1)
        expect(r.low).toBeLessThanOrEqual(r.rate)
        expect(r.high).toBeGreaterThanOrEqual(r.rate)
        expect(r.low).toBeCloseTo(1 - mirror.high, 12)
      }),
      { seed: 4242, numRuns: 300 },
    )
  })
})

describe('counts, quantiles and the grid', () => {
  const sorted = sortAscending([0.5, 0.1, 0.3, 0.3, 0.9])

  it('counts values strictly below and at most a threshold', () => {
    expect(Array.from(sorted)).toEqual([0.1, 0.3, 0.3, 0.5, 0.9])
    expect([countBelow(sorted, 0.3), countAtMost(sorted, 0.3)]).toEqual([1, 3])
    expect([countBelow(sorted, 0), countAtMost(sorted, 1)]).toEqual([0, 5])
    expect(countBelow(sorted, 0.6)).toBe(4)
  })

  it('interpolates quantiles between order statistics (type 7)', () => {
    expect(computeQuantile(sorted, 0)).toBe(0.1)
    expect(computeQuantile(sorted, 1)).toBe(0.9)
    expect(computeQuantile(sorted, 0.5)).toBe(0.3)
    // h = 4 · 0.875 = 3.5: halfway between 0.5 and 0.9.
    expect(computeQuantile(sorted, 0.875)).toBeCloseTo(0.7, 12)
    expect(computeQuantile(sortAscending([2]), 0.3)).toBe(2)
    expect(() => computeQuantile(new Float64Array(0), 0.5)).toThrow(/no values/)
    expect(() => computeQuantile(sorted, 1.1)).toThrow(/quantile 1.1/)
  })

  it('sweeps thresholds in hundredths from the smallest sample to 1', () => {
    expect(buildThresholdGrid(0.954)).toEqual([0.95, 0.96, 0.97, 0.98, 0.99, 1])
    expect(buildThresholdGrid(-0.02)).toEqual([-0.02, -0.01, 0, 0.01].concat(Array.from({ length: 99 }, (_, i) => (i + 2) / 100)))
    expect(buildThresholdGrid(1)).toEqual([1])
    expect(buildThresholdGrid(-3)).toHaveLength(201)
    expect(() => buildThresholdGrid(Number.NaN)).toThrow(/smallest similarity/)
    expect(() => buildThresholdGrid(1.5)).toThrow(/smallest similarity/)
  })
})

describe('computeAuc', () => {
  it('counts honest-above-cheat pairs, ties as one half', () => {
    const honest = sortAscending([0.9, 0.8, 0.5])
    // Pairs (h, c): c = 0.4 → 3 wins; c = 0.5 → 2 wins + 1 tie; c = 0.95 → 0. (3 + 2.5 + 0) / 9.
    expect(computeAuc(honest, [0.4, 0.5, 0.95])).toBeCloseTo(5.5 / 9, 15)
    expect(computeAuc(honest, [0.1, 0.2])).toBe(1)
    expect(computeAuc(honest, [1])).toBe(0)
    expect(computeAuc(sortAscending([0.7, 0.7]), [0.7])).toBe(0.5)
    expect(() => computeAuc(new Float64Array(0), [1])).toThrow(/at least one/)
    expect(() => computeAuc(honest, [])).toThrow(/at least one/)
  })

  it('is antisymmetric: AUC(h, c) + AUC(c, h) = 1', () => {
    const values = fc.array(fc.integer({ min: -20, max: 20 }).map((i) => i / 20), { minLength: 1, maxLength: 40 })
    fc.assert(
      fc.property(values, values, (h, c) => {
        expect(computeAuc(sortAscending(h), c) + computeAuc(sortAscending(c), h)).toBeCloseTo(1, 12)
      }),
      { seed: 77, numRuns: 200 },
    )
  })
})

describe('computeRecommendedThreshold', () => {
  it('takes the (⌊target·n⌋+1)-th smallest honest similarity', () => {
    const honest = sortAscending(Array.from({ length: 20 }, (_, i) => i / 20))
    // 5% of 20 = 1 result may be flagged: τ = the 2nd smallest, 0.05, flags only 0.
    expect(computeRecommendedThreshold(honest, 0.05)).toBe(0.05)
    expect(computeRecommendedThreshold(honest, 0.04)).toBe(0)
    expect(computeRecommendedThreshold(honest, 0.5)).toBe(0.5)
    expect(() => computeRecommendedThreshold(honest, 0)).toThrow(/target FPR 0/)
    expect(() => computeRecommendedThreshold(honest, 1)).toThrow(/target FPR 1/)
    expect(() => computeRecommendedThreshold(new Float64Array(0), 0.05)).toThrow(/at least one/)
  })

  it('never flags more than the target share, and any higher threshold would', () => {
    const sample = fc.array(fc.integer({ min: -50, max: 50 }).map((i) => i / 50), { minLength: 1, maxLength: 200 })
    fc.assert(
      fc.property(sample, fc.double({ min: 0.001, max: 0.999, noNaN: true }), (values, target) => {
        const sorted = sortAscending(values)
        const tau = computeRecommendedThreshold(sorted, target)
        expect(countBelow(sorted, tau)).toBeLessThanOrEqual(target * sorted.length)
        expect(countBelow(sorted, tau + 1e-9)).toBeGreaterThan(Math.floor(target * sorted.length))
      }),
      { seed: 99, numRuns: 300 },
    )
  })
})
