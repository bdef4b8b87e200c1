// Goal: equal-width bins depend only on the domain and count, include the maximum, and count
// values outside. Method: exact counts on hand-made data, and a conservation property.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { binEdge, binIndex, computeBinCounts } from './bins.ts'

describe('computeBinCounts', () => {
  it('puts each value in [lo + i·w, lo + (i+1)·w) and the maximum in the last bin', () => {
    expect(computeBinCounts([0, 0.24, 0.25, 0.5, 0.99, 1], 0, 1, 4)).toEqual({ counts: [2, 1, 1, 2], outsideCount: 0 })
  })

  it('puts a value on an edge in the bin that starts there, despite float division', () => {
    // 0.6 / 0.1 is 5.999…, so a bare floor would put 0.6 in the bin [0.5, 0.6).
    expect(binIndex(0.6, 0, 1, 10)).toBe(6)
    expect(binIndex(0.3, 0, 1, 10)).toBe(3)
    expect(binIndex(0.7, 0, 1, 10)).toBe(7)
    expect(binIndex(1, 0, 1, 10)).toBe(9)
    expect(binEdge(0, 1, 10, 6)).toBe(0.6)
  })

  it('agrees with binEdge for every value (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, min: -3, max: 7 }), fc.integer({ min: 1, max: 40 }), (v, n) => {
        const i = binIndex(v, -3, 7, n)
        expect(v >= binEdge(-3, 7, n, i) || i === 0).toBe(true)
        expect(v < binEdge(-3, 7, n, i + 1) || i === n - 1).toBe(true)
      }),
      { seed: 4104, numRuns: 300 },
    )
  })

  it('counts values outside the domain instead of binning them', () => {
    expect(computeBinCounts([-0.1, 0.5, 1.1], 0, 1, 2)).toEqual({ counts: [0, 1], outsideCount: 2 })
  })

  it('rejects an empty domain or a bad count', () => {
    expect(() => computeBinCounts([1], 1, 1, 3)).toThrow(RangeError)
    expect(() => computeBinCounts([1], 0, 1, 0)).toThrow(RangeError)
    expect(() => computeBinCounts([1], 0, 1, 2.5)).toThrow(RangeError)
  })

  it('conserves values: bins plus outside equals the input size (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: -10, max: 10 })), fc.integer({ min: 1, max: 50 }), (values, n) => {
        const r = computeBinCounts(values, -5, 5, n)
        expect(r.counts.reduce((a, b) => a + b, 0) + r.outsideCount).toBe(values.length)
        expect(r.outsideCount).toBe(values.filter((v) => v < -5 || v > 5).length)
      }),
      { seed: 4103, numRuns: 200 },
    )
  })
})
