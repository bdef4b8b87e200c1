/**
 * Node levels (CognitiveLevel, §8). Levels run 0..`levels.max` and move one step at a time:
 *
 * - up from level L when the level's success streak ≥ baseConsecutive + stepConsecutive·L and the
 *   window success rate ≥ min(0.99, baseSuccessRate + stepSuccessRate·L)
 *   (CognitiveLevel's `minConsecutiveCount` / `minSuccessPercentage` per level, values ours);
 * - down one level after `levels.downgradeFailureStreak` consecutive failures.
 *
 * Both level streaks restart at 0 on every level change, as CognitiveLevel keeps its consecutive
 * counter per level: a node must prove itself again at its new level before the next move, so a
 * single long streak climbs one level per requirement met, not several at once.
 */
import { assert } from '../core/result.ts'
import type { Ms } from '../core/types.ts'
import type { Params } from '../params/spec.ts'
import type { LevelChange, Reputation } from './types.ts'
import { computeWindowSuccessRate } from './window.ts'

/** The success-rate requirement never reaches 1: one failure in the window must not freeze a node. */
export const LEVEL_SUCCESS_RATE_CAP = 0.99

export interface LevelRequirement {
  readonly consecutiveSuccesses: number
  readonly successRate: number
}

/** What a node at `level` needs to move up one level. */
export function computeLevelRequirement(level: number, params: Params): LevelRequirement {
  const l = params.levels
  return {
    consecutiveSuccesses: l.baseConsecutive + l.stepConsecutive * level,
    successRate: Math.min(LEVEL_SUCCESS_RATE_CAP, l.baseSuccessRate + l.stepSuccessRate * level),
  }
}

/** The level move the node's record calls for at `nowMs`, or null to stay. */
export function evaluateLevel(rep: Reputation, nowMs: Ms, params: Params): LevelChange | null {
  const { level, successStreak, failureStreak } = rep.level
  if (level < params.levels.max) {
    const need = computeLevelRequirement(level, params)
    if (successStreak >= need.consecutiveSuccesses && computeWindowSuccessRate(rep.cognitive.window, nowMs, params) >= need.successRate) {
      return { previousLevel: level, newLevel: level + 1, reason: 'successStreak' }
    }
  }
  if (level > 0 && failureStreak >= params.levels.downgradeFailureStreak) {
    return { previousLevel: level, newLevel: level - 1, reason: 'failureStreak' }
  }
  return null
}

/** Moves the node to `change.newLevel` and restarts both level streaks. */
export function applyLevelChange(rep: Reputation, change: LevelChange, nowMs: Ms): Reputation {
  assert(change.previousLevel === rep.level.level, `level change from ${change.previousLevel}, node is at ${rep.level.level}`)
  assert(Math.abs(change.newLevel - change.previousLevel) === 1, `level changes move one step, got ${change.previousLevel} → ${change.newLevel}`)
  return { ...rep, level: { level: change.newLevel, successStreak: 0, failureStreak: 0, changedAtMs: nowMs } }
}
