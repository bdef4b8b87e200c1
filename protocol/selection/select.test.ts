// Goal: the selection rule — integer weights from reputation and stake, weighted draws without
// replacement, network-task picks outside cooldown — and its statistical behaviour.
// Method: exact weight values for hand-picked inputs and a monotonicity property; statistical
// checks with fixed seeds (Pearson chi-square at α = 0.001 against the weights, and a control
// showing the same statistic rejects a wrong hypothesis); a scripted rng proving every positive
// weight owns an interval of r; every rejection path of the inputs.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRng } from '../core/rng.ts'
import { COR } from '../core/types.ts'
import { miner, paramsWith } from '../testing/fixtures.ts'
import { drawBelow, sampleLinear } from './draw.ts'
import { computeWeights, selectMiners, selectNetworkMiners, type NetworkCandidate } from './select.ts'
import { CHI_SQUARE_CRITICAL_0_001, candidate, chiSquare, countPicks, scriptedRng } from './testkit.ts'
import { MAX_WEIGHT, WEIGHT_SCALE, checkCandidate, computeSelectionWeight, computeStakeRatio } from './weights.ts'

const params = paramsWith()
const MIN_STAKE = params.selection.minStake

describe('computeSelectionWeight', () => {
  it('scales reputation^1 by WEIGHT_SCALE and floors it at reputationFloor', () => {
    expect(computeSelectionWeight(1, MIN_STAKE, params)).toBe(WEIGHT_SCALE)
    expect(computeSelectionWeight(0.5, MIN_STAKE, params)).toBe(WEIGHT_SCALE / 2)
    expect(computeSelectionWeight(0, MIN_STAKE, params)).toBe(Math.round(0.01 * WEIGHT_SCALE))
  })

  it('gives every candidate the same weight with both exponents 0', () => {
    const p = paramsWith({ 'selection.reputationExponent': 0 })
    expect(new Set([0, 0.3, 1].map((r) => computeSelectionWeight(r, 5n * MIN_STAKE, p)))).toEqual(new Set([WEIGHT_SCALE]))
  })

  it('weighs stake by (stake/minStake)^stakeExponent, capped at stakeRatioCap, and saturates at MAX_WEIGHT', () => {
    const p = paramsWith({ 'selection.stakeExponent': 1 })
    expect(computeSelectionWeight(1, 2n * MIN_STAKE, p)).toBe(2 * WEIGHT_SCALE)
    expect(computeSelectionWeight(1, 1000n * MIN_STAKE, p)).toBe(100 * WEIGHT_SCALE)
    expect(computeSelectionWeight(1, 1000n * MIN_STAKE, paramsWith({ 'selection.stakeExponent': 3 }))).toBe(MAX_WEIGHT)
    expect(computeStakeRatio(7n, 0n, 50)).toBe(50)
    expect(computeStakeRatio(MIN_STAKE / 4n, MIN_STAKE, 50)).toBe(0.25)
  })

  it('never gives an eligible candidate weight 0', () => {
    const p = paramsWith({ 'selection.reputationFloor': 0, 'selection.stakeExponent': 2 })
    expect(computeSelectionWeight(0, 0n, p)).toBe(1)
  })

  it('is an integer in [1, MAX_WEIGHT], non-decreasing in reputation and in stake (property)', () => {
    const exp = fc.double({ min: 0, max: 4, noNaN: true })
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.bigInt({ min: 0n, max: 10n ** 25n }), exp, exp, (a, b, stake, re, se) => {
        const p = paramsWith({ 'selection.reputationExponent': re, 'selection.stakeExponent': se })
        const [lo, hi] = a <= b ? [a, b] : [b, a]
        const w = computeSelectionWeight(lo, stake, p)
        return Number.isInteger(w) && w >= 1 && w <= MAX_WEIGHT && w <= computeSelectionWeight(hi, stake, p) && w <= computeSelectionWeight(lo, stake + COR, p)
      }),
      { seed: 31337, numRuns: 500 },
    )
  })

  it('describes malformed candidates', () => {
    expect(checkCandidate(null as never, 0)).toContain('not an object')
    expect(checkCandidate({ ...candidate(1, 1), address: 'x' as never }, 0)).toContain('not an address')
    expect(checkCandidate(candidate(1, Number.NaN), 0)).toContain('reputation')
    expect(checkCandidate({ ...candidate(1, 1), stake: -1n }, 0)).toContain('stake')
    expect(checkCandidate(candidate(1, 0.4), 0)).toBeUndefined()
  })
})

describe('selectMiners', () => {
  const pool = [0.1, 0.2, 0.3, 0.4, 1].map((r, i) => candidate(i + 1, r))

  it('returns `count` distinct candidates, the same for the same seed', () => {
    const a = selectMiners(pool, 3, createRng(9), params)
    const b = selectMiners(pool, 3, createRng(9), params)
    expect(a).toEqual(b)
    if (!a.ok) throw new Error(a.message)
    expect(new Set(a.miners).size).toBe(3)
    expect(selectMiners(pool, 5, createRng(9), params)).toMatchObject({ ok: true })
    expect(selectMiners(pool, 0, createRng(9), params)).toEqual({ ok: true, miners: [] })
  })

  it('matches the weights with k = 1 (chi-square, α = 0.001), and the statistic rejects uniformity', () => {
    const rng = createRng(2024)
    const picks = Array.from({ length: 20_000 }, () => {
      const r = selectMiners(pool, 1, rng, params)
      if (!r.ok) throw new Error(r.message)
      return r.miners[0]!
    })
    const counts = countPicks(picks, pool.map((c) => c.address))
    const weights = Array.from(computeWeights(pool, params))
    expect(chiSquare(counts, weights)).toBeLessThan(CHI_SQUARE_CRITICAL_0_001[4]!)
    expect(chiSquare(counts, [1, 1, 1, 1, 1])).toBeGreaterThan(CHI_SQUARE_CRITICAL_0_001[4]!)
  })

  it('is uniform with reputationExponent 0 (chi-square, α = 0.001)', () => {
    const p = paramsWith({ 'selection.reputationExponent': 0 })
    const rng = createRng(77)
    const picks = Array.from({ length: 10_000 }, () => (selectMiners(pool, 1, rng, p) as { miners: readonly `0x${string}`[] }).miners[0]!)
    expect(chiSquare(countPicks(picks, pool.map((c) => c.address)), [1, 1, 1, 1, 1])).toBeLessThan(CHI_SQUARE_CRITICAL_0_001[4]!)
  })

  it('lets every positive weight win some r: the first r of each interval picks it', () => {
    const weights = [1, MAX_WEIGHT, 1, MAX_WEIGHT, 1]
    let before = 0
    for (let i = 0; i < weights.length; i++) {
      expect(sampleLinear(weights, 1, scriptedRng([before]))).toEqual([i])
      before += weights[i]!
    }
  })

  it('rejects too few candidates, bad counts, malformed and duplicate candidates', () => {
    const rng = createRng(1)
    expect(selectMiners(pool, 6, rng, params)).toMatchObject({ ok: false, code: 'TooFewMiners' })
    expect(selectMiners(pool, -1, rng, params)).toMatchObject({ ok: false, code: 'MalformedEvent' })
    expect(selectMiners(pool, 1.5, rng, params)).toMatchObject({ ok: false, code: 'MalformedEvent' })
    expect(selectMiners('x' as never, 1, rng, params)).toMatchObject({ ok: false, code: 'MalformedEvent' })
    expect(selectMiners([candidate(1, 2)], 1, rng, params)).toMatchObject({ ok: false, code: 'MalformedEvent' })
    expect(selectMiners([candidate(1, 1), candidate(1, 0.5)], 1, rng, params)).toMatchObject({ ok: false, code: 'DuplicateMiner' })
  })
})

describe('drawBelow', () => {
  it('uses one nextInt for 32-bit bounds and stays below 2^53 bounds', () => {
    expect(drawBelow(createRng(5), 1000)).toBe(createRng(5).nextInt(1000))
    const rng = createRng(6)
    for (const bound of [2 ** 32 + 1, 3 * 2 ** 40, 2 ** 53]) {
      const x = drawBelow(rng, bound)
      expect(Number.isInteger(x) && x >= 0 && x < bound).toBe(true)
    }
    expect(() => drawBelow(rng, 0)).toThrow(/bound/)
    expect(() => drawBelow(rng, 2 ** 53 + 2)).toThrow(/bound/)
  })
})

describe('network-task selection', () => {
  const net = (i: number, reputation: number, last: number | null): NetworkCandidate => ({ ...candidate(i, reputation), lastSelectedRound: last })

  it('picks only miners out of cooldown, and rejects when too few remain', () => {
    const pool = [net(1, 1, 9), net(2, 1, null), net(3, 1, 8), net(4, 1, 5)] // round 10, cooldown 2: miners 1 and 3 sit out
    const r = selectNetworkMiners(pool, 2, 10, createRng(3), params)
    if (!r.ok) throw new Error(r.message)
    expect([...r.miners].sort()).toEqual([miner(2), miner(4)])
    expect(selectNetworkMiners(pool, 3, 10, createRng(3), params)).toMatchObject({ ok: false, code: 'TooFewMiners' })
    expect(selectNetworkMiners(pool, -2, 10, createRng(3), params)).toMatchObject({ ok: false, code: 'MalformedEvent' })
  })

  it('draws ordered pairs uniformly by default, ignoring reputation (chi-square over the 6 pairs)', () => {
    const pool = [net(1, 0, null), net(2, 0.5, null), net(3, 1, null)]
    const rng = createRng(11)
    const keys = ['12', '13', '21', '23', '31', '32']
    const counts = keys.map(() => 0)
    for (let i = 0; i < 12_000; i++) {
      const r = selectNetworkMiners(pool, 2, 1, rng, params)
      if (!r.ok) throw new Error(r.message)
      const key = r.miners.map((m) => String(pool.findIndex((c) => c.address === m) + 1)).join('')
      counts[keys.indexOf(key)]!++
    }
    expect(chiSquare(counts, [1, 1, 1, 1, 1, 1])).toBeLessThan(CHI_SQUARE_CRITICAL_0_001[5]!)
  })

  it('follows the selection weights when networkTaskWeighting is weighted', () => {
    const p = paramsWith({ 'selection.networkTaskWeighting': 'weighted' })
    const pool = [net(1, 0.1, null), net(2, 1, null)]
    const rng = createRng(12)
    const picks = Array.from({ length: 5000 }, () => (selectNetworkMiners(pool, 1, 1, rng, p) as { miners: readonly `0x${string}`[] }).miners[0]!)
    const counts = countPicks(picks, pool.map((c) => c.address))
    expect(chiSquare(counts, [0.1, 1])).toBeLessThan(CHI_SQUARE_CRITICAL_0_001[1]!)
    expect(chiSquare(counts, [1, 1])).toBeGreaterThan(CHI_SQUARE_CRITICAL_0_001[1]!)
  })
})
