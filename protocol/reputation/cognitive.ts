/**
 * Cognitive (network-task) outcomes and ephemeral-pool eligibility (§3.1 steps 3–4, §15.10).
 *
 * Eligible means, at `nowMs`: at least `eligibility.minAttempts` rounds in the window, a window
 * success rate of at least `eligibility.minSuccessRate`, and a trailing run of at least
 * `eligibility.minConsecutiveSuccesses` successes. The trailing run is the node's own streak and
 * is not reset by level changes (the level keeps separate streaks, see levels.ts).
 */
import type { Ms } from '../core/types.ts'
import type { Params } from '../params/spec.ts'
import type { PoolIneligibility, Reputation } from './types.ts'
import { getWindowCounts, recordWindowOutcome } from './window.ts'

/**
 * Records one cognitive round's outcome: lifetime totals, trailing streaks, the window and the
 * level streaks. It does not move the level; `evaluateLevel` decides that from the result.
 */
export function recordCognitiveOutcome(rep: Reputation, success: boolean, nowMs: Ms, params: Params): Reputation {
  const c = rep.cognitive
  const l = rep.level
  return {
    metrics: rep.metrics,
    cognitive: {
      attempts: c.attempts + 1,
      successes: c.successes + (success ? 1 : 0),
      successStreak: success ? c.successStreak + 1 : 0,
      failureStreak: success ? 0 : c.failureStreak + 1,
      window: recordWindowOutcome(c.window, success, nowMs, params),
    },
    level: {
      level: l.level,
      successStreak: success ? l.successStreak + 1 : 0,
      failureStreak: success ? 0 : l.failureStreak + 1,
      changedAtMs: l.changedAtMs,
    },
  }
}

/** Why the node is not eligible for the pool at `nowMs`, or null when it is. */
export function checkPoolEligibility(rep: Reputation, nowMs: Ms, params: Params): PoolIneligibility | null {
  const e = params.eligibility
  const counts = getWindowCounts(rep.cognitive.window, nowMs, params)
  if (counts.attempts < e.minAttempts) return 'tooFewAttempts'
  // An empty window has no successes; with minAttempts = 0 it passes only a 0 success-rate bar.
  const rate = counts.attempts > 0 ? counts.successes / counts.attempts : 0
  if (rate < e.minSuccessRate) return 'lowSuccessRate'
  if (rep.cognitive.successStreak < e.minConsecutiveSuccesses) return 'shortStreak'
  return null
}

export function isPoolEligible(rep: Reputation, nowMs: Ms, params: Params): boolean {
  return checkPoolEligibility(rep, nowMs, params) === null
}

/**
 * Does the node's window record still hold (enough attempts at a high enough rate)? Used by
 * `eligibility.poolExit = 'windowFails'`, which ignores the streak so one failed round does not
 * throw a pooled node out.
 */
export function isWindowRecordHeld(rep: Reputation, nowMs: Ms, params: Params): boolean {
  const reason = checkPoolEligibility(rep, nowMs, params)
  return reason === null || reason === 'shortStreak'
}
