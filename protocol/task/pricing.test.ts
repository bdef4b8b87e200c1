// Goal: quorum rules, billed tokens, charge and escrow follow their definitions (§15.4, §15.13) for
// every size, and the escrow is always an upper bound of what the task can be charged.
// Method: fast-check properties against reference definitions written independently here, plus
// the edge cases (no valid results, a cap below the median).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { paramsWith } from '../testing/fixtures.ts'
import { computeBilledTokens, computeTaskCharge, computeTaskEscrow } from './pricing.ts'
import { computeQuorum } from './quorum.ts'

describe('computeQuorum', () => {
  it('needs a strict majority (at least one), everyone, or one valid result', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (redundant) => {
        const majority = computeQuorum('majority', redundant)
        // The smallest q with 2q >= redundant.
        expect(2 * majority).toBeGreaterThanOrEqual(redundant)
        expect(2 * (majority - 1)).toBeLessThan(redundant)
        expect(computeQuorum('all', redundant)).toBe(redundant)
        expect(computeQuorum('one', redundant)).toBe(1)
      }),
      { seed: 4242, numRuns: 300 },
    )
    expect([1, 2, 3, 4, 5].map((r) => computeQuorum('majority', r))).toEqual([1, 1, 2, 2, 3])
  })
})

describe('pricing', () => {
  const params = paramsWith({ 'payments.pricePerMinerTask': 7n, 'payments.pricePerOutputToken': 3n })

  it('bills the lower median token count, capped at maxTokens, and nothing without results', () => {
    expect(computeBilledTokens([], 100)).toBe(0)
    expect(computeBilledTokens([40, 10, 30, 20], 100)).toBe(20)
    expect(computeBilledTokens([40, 10, 30], 100)).toBe(30)
    expect(computeBilledTokens([40, 10, 30], 25)).toBe(25)
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { minLength: 1, maxLength: 20 }), fc.nat(1000), (counts, max) => {
        const billed = computeBilledTokens(counts, max)
        const atMost = counts.filter((c) => c <= billed).length
        // The lower median: at least half the counts are at or below it (unless capped).
        if (billed < max) expect(2 * atMost).toBeGreaterThanOrEqual(counts.length)
        expect(billed).toBeLessThanOrEqual(max)
        expect(counts.includes(billed) || billed === max).toBe(true)
      }),
      { seed: 4243, numRuns: 300 },
    )
  })

  it('charges per valid miner the base price plus the tokens, and escrows the most it can charge', () => {
    expect(computeTaskCharge(params, 3, 10)).toBe(3n * (7n + 3n * 10n))
    expect(computeTaskCharge(params, 0, 10)).toBe(0n)
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 50 }), fc.nat(5000), fc.nat(5000), (redundant, valid, maxTokens, tokens) => {
        const validMiners = Math.min(valid, redundant)
        const billed = Math.min(tokens, maxTokens)
        expect(computeTaskCharge(params, validMiners, billed)).toBeLessThanOrEqual(computeTaskEscrow(params, redundant, maxTokens))
      }),
      { seed: 4244, numRuns: 300 },
    )
  })
})
