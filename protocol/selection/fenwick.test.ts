// Goal: `FenwickSampler` is the selection rule of draw.ts, accelerated: for the same weights,
// order and rng state it makes exactly the picks `sampleLinear` / `selectMiners` make, consumes
// the same random numbers, and leaves its weights unchanged; its bookkeeping and guards hold.
// Method: fast-check over arbitrary integer weight arrays (with zeros, updates after building,
// weights up to MAX_WEIGHT so the 53-bit draw path is used), comparing picks and the rng state
// afterwards; hand-built boundary cases for `find`; the assertion and rejection paths.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRng } from '../core/rng.ts'
import { ProtocolAssertionError } from '../core/result.ts'
import { paramsWith } from '../testing/fixtures.ts'
import { sampleLinear } from './draw.ts'
import { FenwickSampler } from './fenwick.ts'
import { computeWeights, selectMiners } from './select.ts'
import { candidate } from './testkit.ts'
import { MAX_WEIGHT } from './weights.ts'

const weightArb = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: MAX_WEIGHT }))

describe('FenwickSampler ≡ sampleLinear', () => {
  it('makes the same picks and leaves the rng in the same state (property)', () => {
    fc.assert(
      fc.property(fc.array(weightArb, { maxLength: 120 }), fc.array(fc.tuple(fc.nat(), weightArb), { maxLength: 20 }), fc.nat(), fc.integer(), (initial, updates, k, seed) => {
        const sampler = FenwickSampler.fromWeights(initial)
        const weights = [...initial]
        for (const [at, w] of updates) {
          if (weights.length === 0) break
          sampler.setWeight(at % weights.length, w)
          weights[at % weights.length] = w
        }
        const positive = weights.filter((w) => w > 0).length
        const count = positive === 0 ? 0 : k % (positive + 1)
        const fast = createRng(seed)
        const slow = createRng(seed)
        const got = sampler.sampleWithoutReplacement(count, fast)
        expect(got).toEqual({ ok: true, indices: sampleLinear(weights, count, slow) })
        expect(fast.getState()).toEqual(slow.getState())
        expect(Array.from({ length: weights.length }, (_, i) => sampler.getWeight(i))).toEqual(weights)
        expect(sampler.total).toBe(weights.reduce((a, b) => a + b, 0))
        expect(sampler.positiveCount).toBe(positive)
      }),
      { seed: 8675309, numRuns: 400 },
    )
  })

  it('reproduces selectMiners for the same candidates and seed', () => {
    const params = paramsWith({ 'selection.stakeExponent': 1 })
    const pool = Array.from({ length: 300 }, (_, i) => candidate(i + 1, (i % 17) / 16, BigInt(10_000 + 37 * i)))
    const sampler = FenwickSampler.fromWeights(computeWeights(pool, params))
    for (const seed of [1, 2, 3, 4, 5]) {
      const expected = selectMiners(pool, 7, createRng(seed), params)
      const got = sampler.sampleWithoutReplacement(7, createRng(seed))
      if (!got.ok || !expected.ok) throw new Error('unexpected rejection')
      expect(got.indices.map((i) => pool[i]!.address)).toEqual(expected.miners)
    }
  })
})

describe('FenwickSampler bookkeeping', () => {
  it('finds the slot whose running sum first exceeds r, skipping zero weights', () => {
    const s = FenwickSampler.fromWeights([3, 0, 2, 0, 0, 1])
    expect([0, 1, 2, 3, 4, 5].map((r) => s.find(r))).toEqual([0, 0, 0, 2, 2, 5])
    expect(() => s.find(6)).toThrow(ProtocolAssertionError)
    expect(() => s.find(-1)).toThrow(ProtocolAssertionError)
  })

  it('tracks total and positive count through setWeight, including no-op updates', () => {
    const s = new FenwickSampler(4)
    expect([s.size, s.total, s.positiveCount]).toEqual([4, 0, 0])
    s.setWeight(2, 5)
    s.setWeight(2, 5)
    s.setWeight(0, 1)
    expect([s.total, s.positiveCount]).toEqual([6, 2])
    s.setWeight(2, 0)
    expect([s.total, s.positiveCount, s.find(0)]).toEqual([1, 1, 0])
  })

  it('rejects more picks than positive slots, and malformed counts', () => {
    const s = FenwickSampler.fromWeights([1, 0, 1])
    expect(s.sampleWithoutReplacement(3, createRng(1))).toMatchObject({ ok: false, code: 'TooFewMiners' })
    expect(s.sampleWithoutReplacement(-1, createRng(1))).toMatchObject({ ok: false, code: 'MalformedEvent' })
    expect(new FenwickSampler(0).sampleWithoutReplacement(0, createRng(1))).toEqual({ ok: true, indices: [] })
  })

  it('treats invalid sizes, indices and weights as bugs', () => {
    expect(() => new FenwickSampler(-1)).toThrow(ProtocolAssertionError)
    const s = new FenwickSampler(2)
    expect(() => s.setWeight(2, 1)).toThrow(ProtocolAssertionError)
    expect(() => s.getWeight(-1)).toThrow(ProtocolAssertionError)
    expect(() => s.setWeight(0, 1.5)).toThrow(ProtocolAssertionError)
    expect(() => s.setWeight(0, MAX_WEIGHT + 1)).toThrow(ProtocolAssertionError)
    expect(() => FenwickSampler.fromWeights([1, -1])).toThrow(ProtocolAssertionError)
  })
})
