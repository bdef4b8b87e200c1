// Goal: the vector helpers are exact where they must be (cosine symmetry and scale invariance,
// unit length) and mean-centring spreads vectors that share one dominant direction, as tiny
// models' embeddings do. Method: fast-check over random vectors (fixed seed) and a synthetic
// "narrow cone" corpus built from a seeded generator.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRng } from '../../protocol/core/rng.ts'
import { centreVectors, computeCorpusMean, computeCosine, normalizeInPlace } from './vectors.ts'

const vectorArb = fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 4, maxLength: 4 }).filter((v) => v.some((x) => Math.abs(x) > 1e-3))

describe('cosine and normalisation', () => {
  it('cosine is symmetric, scale invariant and in [-1, 1]', () => {
    fc.assert(
      fc.property(vectorArb, vectorArb, fc.double({ min: 0.1, max: 100, noNaN: true }), (a, b, scale) => {
        const c = computeCosine(a, b)
        expect(computeCosine(b, a)).toBe(c)
        expect(computeCosine(a.map((x) => x * scale), b)).toBeCloseTo(c, 9)
        expect(Math.abs(c)).toBeLessThanOrEqual(1 + 1e-12)
        expect(computeCosine(a, a)).toBeCloseTo(1, 12)
      }),
      { seed: 3, numRuns: 200 },
    )
  })

  it('normalises in place to unit length, leaves zero alone, and rejects mixed dimensions', () => {
    const v = [3, 4]
    expect(normalizeInPlace(v)).toBe(v)
    expect(v).toEqual([0.6, 0.8])
    expect(normalizeInPlace([0, 0])).toEqual([0, 0])
    expect(computeCosine([0, 0], [1, 0])).toBe(0)
    expect(() => computeCosine([1], [1, 2])).toThrow(/dimensions 1 and 2/)
  })
})

describe('corpus mean and centring', () => {
  it('computes the component-wise mean and refuses empty or ragged input', () => {
    expect(computeCorpusMean([[1, 2], [3, 6]])).toEqual([2, 4])
    expect(() => computeCorpusMean([])).toThrow(/at least one/)
    expect(() => computeCorpusMean([[1, 2], [3]])).toThrow(/vector 1 has dimension 1/)
    expect(() => centreVectors([[1, 2]], [0])).toThrow(/the mean 1/)
  })

  it('leaves the inputs untouched, returns unit vectors, and zero for a vector equal to the mean', () => {
    const input = [[1, 0], [3, 0], [2, 2]]
    const copy = input.map((v) => [...v])
    const centred = centreVectors(input, [2, 0])
    expect(input).toEqual(copy)
    expect(centred[0]).toEqual([-1, 0])
    expect(centred[2]).toEqual([0, 1])
    expect(centreVectors([[5, 5]])).toEqual([[0, 0]])
  })

  it('spreads a narrow cone: centred cosines separate what raw cosines cannot', () => {
    const rng = createRng(64)
    const dims = 16
    const shared = Array.from({ length: dims }, () => rng.nextFloat() * 2 - 1).map((x) => x * 10)
    const topics = [0, 1].map(() => Array.from({ length: dims }, () => rng.nextFloat() * 2 - 1))
    const noisy = (topic: number[]): number[] => topic.map((x, k) => shared[k]! + x + (rng.nextFloat() - 0.5) * 0.2)
    const corpus = [noisy(topics[0]!), noisy(topics[0]!), noisy(topics[1]!), noisy(topics[1]!)]
    const rawSame = computeCosine(corpus[0]!, corpus[1]!)
    const rawOther = computeCosine(corpus[0]!, corpus[2]!)
    expect(rawOther).toBeGreaterThan(0.9)
    const centred = centreVectors(corpus)
    const same = computeCosine(centred[0]!, centred[1]!)
    const other = computeCosine(centred[0]!, centred[2]!)
    expect(same - other).toBeGreaterThan(10 * (rawSame - rawOther))
    expect(other).toBeLessThan(0.5)
  })
})
