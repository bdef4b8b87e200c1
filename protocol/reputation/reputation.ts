/**
 * Creating a reputation and the one-call update for a cognitive round (record, then re-level).
 * The node machine calls these; a host without node states can call them directly.
 */
import { METRICS } from '../core/effects.ts'
import type { Ms } from '../core/types.ts'
import type { Params } from '../params/spec.ts'
import { recordCognitiveOutcome } from './cognitive.ts'
import { applyLevelChange, evaluateLevel } from './levels.ts'
import type { LevelChange, MetricStats, Reputation } from './types.ts'
import { createOutcomeWindow } from './window.ts'

/** A new node's reputation: no attempts, level 0, an empty window starting at `nowMs`. */
export function createReputation(nowMs: Ms, params: Params): Reputation {
  const empty: MetricStats = { counter: 0, points: 0, recentAttempts: 0, recentSuccesses: 0, updatedAtMs: nowMs }
  return {
    metrics: METRICS.map(() => empty),
    cognitive: { attempts: 0, successes: 0, successStreak: 0, failureStreak: 0, window: createOutcomeWindow(nowMs, params) },
    level: { level: 0, successStreak: 0, failureStreak: 0, changedAtMs: null },
  }
}

export interface CognitiveUpdate {
  readonly reputation: Reputation
  /** The level move this outcome caused, if any (log it as `NodeLevelChanged`). */
  readonly levelChange: LevelChange | null
}

/** Records a cognitive round's outcome and applies the level move it calls for, if any. */
export function processCognitiveOutcome(rep: Reputation, success: boolean, nowMs: Ms, params: Params): CognitiveUpdate {
  const recorded = recordCognitiveOutcome(rep, success, nowMs, params)
  const levelChange = evaluateLevel(recorded, nowMs, params)
  return { reputation: levelChange === null ? recorded : applyLevelChange(recorded, levelChange, nowMs), levelChange }
}
