// Goal: cognitive outcomes update lifetime totals, trailing streaks and level streaks, and pool
// eligibility applies each §15.10 condition. Method: small thresholds, sequences built by hand,
// one test per ineligibility reason with the other conditions met.
import { describe, expect, it } from 'vitest'
import type { Params } from '../params/spec.ts'
import { paramsWith } from '../testing/fixtures.ts'
import { checkPoolEligibility, isPoolEligible, isWindowRecordHeld, recordCognitiveOutcome } from './cognitive.ts'
import { createReputation } from './reputation.ts'
import type { Reputation } from './types.ts'

const params = paramsWith({ 'eligibility.minAttempts': 4, 'eligibility.minSuccessRate': 0.5, 'eligibility.minConsecutiveSuccesses': 2 })

function outcomes(seq: string, p: Params = params, start = 0): Reputation {
  let rep = createReputation(0, p)
  ;[...seq].forEach((c, i) => {
    rep = recordCognitiveOutcome(rep, c === 's', start + i, p)
  })
  return rep
}

describe('recording cognitive outcomes', () => {
  it('counts lifetime attempts and successes and keeps trailing streaks', () => {
    const rep = outcomes('ssfss')
    expect(rep.cognitive).toMatchObject({ attempts: 5, successes: 4, successStreak: 2, failureStreak: 0 })
    expect(outcomes('sff').cognitive).toMatchObject({ successStreak: 0, failureStreak: 2 })
  })

  it('feeds the level streaks without moving the level', () => {
    const rep = outcomes('fssss')
    expect(rep.level).toEqual({ level: 0, successStreak: 4, failureStreak: 0, changedAtMs: null })
    expect(outcomes('ssff').level).toMatchObject({ successStreak: 0, failureStreak: 2 })
  })

  it('shares the metrics and leaves its input unchanged', () => {
    const before = createReputation(0, params)
    const after = recordCognitiveOutcome(before, true, 1, params)
    expect(after.metrics).toBe(before.metrics)
    expect(before.cognitive.attempts).toBe(0)
  })
})

describe('pool eligibility', () => {
  it('is eligible with enough attempts, rate and trailing streak', () => {
    expect(checkPoolEligibility(outcomes('fsss'), 10, params)).toBeNull()
    expect(isPoolEligible(outcomes('fsss'), 10, params)).toBe(true)
  })

  it('needs enough attempts in the window', () => {
    expect(checkPoolEligibility(outcomes('sss'), 10, params)).toBe('tooFewAttempts')
  })

  it('needs the success rate', () => {
    expect(checkPoolEligibility(outcomes('fffss'), 10, params)).toBe('lowSuccessRate')
  })

  it('needs the trailing streak', () => {
    expect(checkPoolEligibility(outcomes('sssf'), 10, params)).toBe('shortStreak')
    expect(isPoolEligible(outcomes('sssf'), 10, params)).toBe(false)
  })

  it('forgets attempts that left the window', () => {
    const rep = outcomes('ssss')
    expect(checkPoolEligibility(rep, params.eligibility.windowMs + 10, params)).toBe('tooFewAttempts')
  })

  it('treats an empty window as a 0 success rate when no attempts are required', () => {
    const none = paramsWith({ 'eligibility.minAttempts': 0, 'eligibility.minConsecutiveSuccesses': 0 })
    expect(checkPoolEligibility(createReputation(0, none), 0, none)).toBe('lowSuccessRate')
    const open = paramsWith({ 'eligibility.minAttempts': 0, 'eligibility.minConsecutiveSuccesses': 0, 'eligibility.minSuccessRate': 0 })
    expect(isPoolEligible(createReputation(0, open), 0, open)).toBe(true)
  })

  it('holds the window record without the streak (for poolExit = windowFails)', () => {
    expect(isWindowRecordHeld(outcomes('sssf'), 10, params)).toBe(true)
    expect(isWindowRecordHeld(outcomes('fffsf'), 10, params)).toBe(false)
    expect(isWindowRecordHeld(outcomes('ss'), 10, params)).toBe(false)
  })
})
