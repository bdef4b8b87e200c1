// Goal: levels move one step at a time on the per-level streak and window rate, restart their
// streaks at each change, and stay within 0..levels.max. Method: feed outcome strings through
// processCognitiveOutcome and read the level and the reported changes; a fast-check property runs
// random outcome sequences and checks the bounds and the one-step rule.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ProtocolAssertionError } from '../core/result.ts'
import type { Params } from '../params/spec.ts'
import { paramsWith } from '../testing/fixtures.ts'
import { LEVEL_SUCCESS_RATE_CAP, applyLevelChange, computeLevelRequirement, evaluateLevel } from './levels.ts'
import { createReputation, processCognitiveOutcome } from './reputation.ts'
import type { LevelChange, Reputation } from './types.ts'

const params = paramsWith({ 'levels.max': 3, 'levels.baseConsecutive': 2, 'levels.stepConsecutive': 1, 'levels.baseSuccessRate': 0.5, 'levels.stepSuccessRate': 0.1, 'levels.downgradeFailureStreak': 2 })

function run(seq: string, p: Params = params, rep: Reputation = createReputation(0, p)): { rep: Reputation; changes: LevelChange[] } {
  const changes: LevelChange[] = []
  ;[...seq].forEach((c, i) => {
    const r = processCognitiveOutcome(rep, c === 's', i, p)
    rep = r.reputation
    if (r.levelChange) changes.push(r.levelChange)
  })
  return { rep, changes }
}

describe('level requirements', () => {
  it('grow by the step per level and cap the rate at 0.99', () => {
    expect(computeLevelRequirement(0, params)).toEqual({ consecutiveSuccesses: 2, successRate: 0.5 })
    expect(computeLevelRequirement(2, params).consecutiveSuccesses).toBe(4)
    expect(computeLevelRequirement(2, params).successRate).toBeCloseTo(0.7, 12)
    expect(computeLevelRequirement(20, params).successRate).toBe(LEVEL_SUCCESS_RATE_CAP)
  })
})

describe('level moves', () => {
  it('moves up once the streak and rate are met, and restarts the streak', () => {
    const { rep, changes } = run('ss')
    expect(changes).toEqual([{ previousLevel: 0, newLevel: 1, reason: 'successStreak' }])
    expect(rep.level).toEqual({ level: 1, successStreak: 0, failureStreak: 0, changedAtMs: 1 })
  })

  it('needs the larger streak of the next level before the next move', () => {
    expect(run('sssss').rep.level.level).toBe(2) // 2 for level 1, then 3 more for level 2
    expect(run('ssss').rep.level.level).toBe(1)
  })

  it('does not move up while the window rate is below the requirement', () => {
    const strict = paramsWith({ 'levels.baseConsecutive': 2, 'levels.baseSuccessRate': 0.6 })
    // 3 failures then 2 successes: streak 2 met, window rate 2/5 < 0.6
    expect(run('fffss', strict).changes).toEqual([])
    // the streak keeps counting, so the move comes once the rate is reached (3 of 6 < 0.6, 4 of 7 < 0.6, 5 of 8 ≥ 0.6)
    expect(run('fffsssss', strict).changes).toEqual([{ previousLevel: 0, newLevel: 1, reason: 'successStreak' }])
  })

  it('moves down one level after the failure streak, and not below 0', () => {
    const { rep, changes } = run('ssff')
    expect(changes.map((c) => c.newLevel)).toEqual([1, 0])
    expect(changes[1]!.reason).toBe('failureStreak')
    expect(rep.level.failureStreak).toBe(0)
    expect(run('ffffff').rep.level.level).toBe(0)
  })

  it('stops at levels.max', () => {
    const { rep, changes } = run('s'.repeat(40))
    expect(rep.level.level).toBe(3)
    expect(changes).toHaveLength(3)
    expect(evaluateLevel(rep, 100, params)).toBeNull()
  })

  it('keeps the eligibility streak across level changes', () => {
    expect(run('sss').rep.cognitive.successStreak).toBe(3)
  })

  it('refuses a change that does not start at the node level or skips levels (a bug)', () => {
    const rep = createReputation(0, params)
    expect(() => applyLevelChange(rep, { previousLevel: 1, newLevel: 2, reason: 'successStreak' }, 0)).toThrow(ProtocolAssertionError)
    expect(() => applyLevelChange(rep, { previousLevel: 0, newLevel: 2, reason: 'successStreak' }, 0)).toThrow(ProtocolAssertionError)
  })

  it('stays within bounds and moves one step at a time over random outcomes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.array(fc.boolean(), { maxLength: 150 }), (max, seq) => {
        const p = paramsWith({ 'levels.max': max, 'levels.baseConsecutive': 1, 'levels.stepConsecutive': 1, 'levels.downgradeFailureStreak': 1 })
        let rep = createReputation(0, p)
        seq.forEach((success, i) => {
          const r = processCognitiveOutcome(rep, success, i * 1000, p)
          const delta = r.reputation.level.level - rep.level.level
          expect(Math.abs(delta)).toBeLessThanOrEqual(1)
          expect(r.levelChange === null).toBe(delta === 0)
          expect(r.reputation.level.level).toBeGreaterThanOrEqual(0)
          expect(r.reputation.level.level).toBeLessThanOrEqual(max)
          rep = r.reputation
        })
      }),
      { seed: 0x5eed03, numRuns: 200 },
    )
  })
})
