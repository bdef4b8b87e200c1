// Goal: box statistics follow Tukey's definition and the density is a proper, deterministic KDE.
// Method: hand-computed quartiles and fences; the density integrates to about 1 over the data.
import { describe, expect, it } from 'vitest'
import { computeBoxStats, computeDensity } from './box-stats.ts'

describe('computeBoxStats', () => {
  it('computes quartiles by linear interpolation, the mean and whiskers inside the fences', () => {
    const s = computeBoxStats([1, 2, 3, 4, 5, 6, 7, 8, 100])!
    expect([s.q1, s.median, s.q3]).toEqual([3, 5, 7])
    expect(s.mean).toBeCloseTo(136 / 9, 12)
    // fences: 3 − 6 = −3 and 7 + 6 = 13, so 100 is an outlier and the top whisker stops at 8
    expect([s.whiskerLo, s.whiskerHi]).toEqual([1, 8])
    expect(s.outliers).toEqual([100])
    expect([s.min, s.max, s.count]).toEqual([1, 100, 9])
  })

  it('is undefined for no values and flat for one', () => {
    expect(computeBoxStats([])).toBeUndefined()
    const one = computeBoxStats([4])!
    expect([one.q1, one.median, one.q3, one.whiskerLo, one.whiskerHi]).toEqual([4, 4, 4, 4, 4])
  })
})

describe('computeDensity', () => {
  it('integrates to about 1 over a wide sample and peaks near the centre', () => {
    const sorted = Array.from({ length: 201 }, (_, i) => -1 + i / 100)
    const d = computeDensity(sorted, 81)!
    const step = d[1]!.value - d[0]!.value
    const integral = d.reduce((sum, p) => sum + p.density * step, 0)
    expect(integral).toBeGreaterThan(0.8)
    expect(integral).toBeLessThan(1.05)
    expect(d[40]!.density).toBeGreaterThan(d[0]!.density)
  })

  it('is undefined without spread (one value, or all equal)', () => {
    expect(computeDensity([3])).toBeUndefined()
    expect(computeDensity([3, 3, 3])).toBeUndefined()
  })

  it('on large inputs sums over a sample and still matches the full density closely', () => {
    const sorted = Array.from({ length: 20_001 }, (_, i) => Math.tan(((i / 20_001) - 0.5) * 2.8))
    const sampled = computeDensity(sorted)!
    // The full kernel sum, computed here directly, for comparison.
    const stats = sampled.map((p) => p.value)
    const h = (() => {
      const n = sorted.length
      const mean = sorted.reduce((a, b) => a + b, 0) / n
      const sd = Math.sqrt(sorted.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1))
      const iqr = sorted[Math.floor(n * 0.75)]! - sorted[Math.floor(n * 0.25)]!
      return 0.9 * Math.min(sd, iqr / 1.34) * n ** -0.2
    })()
    const full = stats.map((at) => sorted.reduce((a, v) => a + Math.exp(-0.5 * ((at - v) / h) ** 2), 0) / (sorted.length * h * Math.sqrt(2 * Math.PI)))
    const peak = Math.max(...full)
    sampled.forEach((p, i) => expect(Math.abs(p.density - full[i]!)).toBeLessThan(0.05 * peak))
  })

  it('is the same on every call', () => {
    const sorted = [1, 2, 2, 3, 5, 8]
    expect(computeDensity(sorted)).toEqual(computeDensity(sorted))
  })
})
