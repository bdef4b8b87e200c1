// Goal: NodeStats counters, recency-weighted success rates (half-life and none), the prior, and the
// score R. Method: record hand-picked attempts at chosen times and compare with values worked out
// by hand from the formulas in stats.ts; a fast-check property drives random attempt sequences and
// checks the bounds (rates and R in [0, 1], points ≤ counter, counters never decrease).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { METRICS } from '../core/effects.ts'
import { paramsWith } from '../testing/fixtures.ts'
import { createReputation } from './reputation.ts'
import { computeDecayFactor, computeReputationScore, computeSuccessRate, getMetricStats, recordStat, recordStatBatch } from './stats.ts'

const HOUR = 3_600_000

describe('NodeStats counters', () => {
  const params = paramsWith()

  it('starts every metric at zero', () => {
    const rep = createReputation(5, params)
    for (const metric of METRICS) expect(getMetricStats(rep, metric)).toEqual({ counter: 0, points: 0, recentAttempts: 0, recentSuccesses: 0, updatedAtMs: 5 })
  })

  it('counts attempts in counter and successes in points, per metric', () => {
    let rep = createReputation(0, params)
    rep = recordStat(rep, 'Precommit', true, 10, params)
    rep = recordStat(rep, 'Precommit', false, 20, params)
    rep = recordStat(rep, 'Commit', true, 30, params)
    expect(getMetricStats(rep, 'Precommit')).toMatchObject({ counter: 2, points: 1 })
    expect(getMetricStats(rep, 'Commit')).toMatchObject({ counter: 1, points: 1 })
    expect(getMetricStats(rep, 'Ack')).toMatchObject({ counter: 0, points: 0 })
  })

  it('books a batch of attempts at once', () => {
    const rep = recordStatBatch(createReputation(0, params), 'Ping', 3, 1, 10, params)
    expect(getMetricStats(rep, 'Ping')).toMatchObject({ counter: 3, points: 1, recentAttempts: 3, recentSuccesses: 1 })
  })

  it('shares the metrics it did not touch and leaves the input unchanged', () => {
    const before = createReputation(0, params)
    const after = recordStat(before, 'Commit', true, 10, params)
    expect(getMetricStats(after, 'Precommit')).toBe(getMetricStats(before, 'Precommit'))
    expect(after.cognitive).toBe(before.cognitive)
    expect(getMetricStats(before, 'Commit').counter).toBe(0)
  })

  it('keeps the newest update time when an attempt arrives with an earlier time', () => {
    let rep = recordStat(createReputation(0, params), 'Commit', true, 100, params)
    rep = recordStat(rep, 'Commit', false, 50, params)
    expect(getMetricStats(rep, 'Commit').updatedAtMs).toBe(100)
    expect(getMetricStats(rep, 'Commit').recentAttempts).toBe(2)
  })
})

describe('decay', () => {
  it('halves per half-life and is 1 for no elapsed time', () => {
    expect(computeDecayFactor(0, 10)).toBe(1)
    expect(computeDecayFactor(-5, 10)).toBe(1)
    expect(computeDecayFactor(10, 10)).toBe(0.5)
    expect(computeDecayFactor(30, 10)).toBe(0.125)
  })

  it('weighs an attempt one half-life old half as much as a new one', () => {
    const params = paramsWith({ 'reputation.decayHalfLifeMs': HOUR })
    let rep = recordStat(createReputation(0, params), 'Precommit', false, 0, params)
    rep = recordStat(rep, 'Precommit', true, HOUR, params)
    expect(getMetricStats(rep, 'Precommit').recentAttempts).toBeCloseTo(1.5, 12)
    expect(computeSuccessRate(rep, 'Precommit', HOUR, params)).toBeCloseTo(1 / 1.5, 12)
  })

  it("uses plain lifetime rates with decay 'none'", () => {
    const params = paramsWith({ 'reputation.decay': 'none', 'reputation.decayHalfLifeMs': HOUR })
    let rep = recordStat(createReputation(0, params), 'Precommit', false, 0, params)
    rep = recordStat(rep, 'Precommit', true, 10 * HOUR, params)
    expect(getMetricStats(rep, 'Precommit').recentAttempts).toBe(2)
    expect(computeSuccessRate(rep, 'Precommit', 20 * HOUR, params)).toBe(0.5)
  })
})

describe('success rate and prior', () => {
  it('scores a metric with no attempts at the prior rate', () => {
    const params = paramsWith({ 'reputation.priorRate': 0.3 })
    expect(computeSuccessRate(createReputation(0, params), 'Commit', 0, params)).toBe(0.3)
  })

  it('uses the measured rate once there are attempts and the prior weight is 0', () => {
    const params = paramsWith({ 'reputation.priorRate': 0.3 })
    const rep = recordStat(createReputation(0, params), 'Commit', true, 0, params)
    expect(computeSuccessRate(rep, 'Commit', 0, params)).toBe(1)
  })

  it('pulls a thin record towards the prior with pseudo-attempts, more so as it decays', () => {
    const params = paramsWith({ 'reputation.priorWeight': 2, 'reputation.priorRate': 0.5, 'reputation.decayHalfLifeMs': HOUR })
    const rep = recordStat(createReputation(0, params), 'Commit', true, 0, params)
    expect(computeSuccessRate(rep, 'Commit', 0, params)).toBeCloseTo(2 / 3, 12) // (1 + 1) / (1 + 2)
    expect(computeSuccessRate(rep, 'Commit', HOUR, params)).toBeCloseTo(1.5 / 2.5, 12) // (0.5 + 1) / (0.5 + 2)
    const none = paramsWith({ 'reputation.priorWeight': 2, 'reputation.decay': 'none' })
    expect(computeSuccessRate(rep, 'Commit', HOUR, none)).toBeCloseTo(2 / 3, 12)
  })
})

describe('reputation score', () => {
  it('weights precommit, commit and correctness rates, with the prior for an empty metric', () => {
    const params = paramsWith()
    let rep = createReputation(0, params)
    rep = recordStat(rep, 'Precommit', true, 0, params)
    rep = recordStat(rep, 'Commit', false, 0, params)
    // 0.5·1 + 0.3·0 + 0.2·0.5 (Correctness has no attempts: prior 0.5)
    expect(computeReputationScore(rep, 0, params)).toBeCloseTo(0.6, 12)
  })

  it('ignores metrics outside the score', () => {
    const params = paramsWith()
    const rep = recordStat(createReputation(0, params), 'Ping', false, 0, params)
    expect(computeReputationScore(rep, 0, params)).toBe(0.5)
  })

  it('clamps rounding of weights that sum to 1 only within tolerance', () => {
    const params = paramsWith({ 'reputation.weightPrecommit': 0.5 + 5e-10, 'reputation.priorRate': 1 })
    expect(computeReputationScore(createReputation(0, params), 0, params)).toBe(1)
  })

  it('stays in [0, 1] and keeps counters monotone over random attempt sequences', () => {
    const scored = ['Precommit', 'Commit', 'Correctness'] as const
    fc.assert(
      fc.property(
        fc.constantFrom<'halfLife' | 'none'>('halfLife', 'none'),
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.array(fc.tuple(fc.constantFrom(...scored), fc.boolean(), fc.integer({ min: 0, max: 5 * 24 * HOUR })), { maxLength: 60 }),
        (decay, priorWeight, steps) => {
          const params = paramsWith({ 'reputation.decay': decay, 'reputation.priorWeight': priorWeight, 'reputation.decayHalfLifeMs': HOUR })
          let rep = createReputation(0, params)
          let now = 0
          for (const [metric, success, dt] of steps) {
            now += dt
            const next = recordStat(rep, metric, success, now, params)
            expect(getMetricStats(next, metric).counter).toBe(getMetricStats(rep, metric).counter + 1)
            expect(getMetricStats(next, metric).points).toBe(getMetricStats(rep, metric).points + (success ? 1 : 0))
            expect(getMetricStats(next, metric).points).toBeLessThanOrEqual(getMetricStats(next, metric).counter)
            rep = next
            const rate = computeSuccessRate(rep, metric, now + dt, params)
            expect(rate).toBeGreaterThanOrEqual(0)
            expect(rate).toBeLessThanOrEqual(1)
            const score = computeReputationScore(rep, now + dt, params)
            expect(score).toBeGreaterThanOrEqual(0)
            expect(score).toBeLessThanOrEqual(1)
          }
        },
      ),
      { seed: 0x5eed01, numRuns: 200 },
    )
  })
})
