/**
 * A node's reputation as one small immutable value (cortensor-protocol.md §8, §15.10, §15.18).
 *
 * Three parts, each updated in O(1) (or O(buckets)) with no growing history:
 * - `metrics`: NodeStats per metric — lifetime `counter` (attempts) and `points` (successes), plus
 *   recency-weighted sums that feed the score R (decayed lazily from `updatedAtMs`).
 * - `cognitive`: network-task (Cognitive PoUW) outcomes — lifetime totals, trailing streaks, and a
 *   sliding window kept in fixed time buckets — that decide pool eligibility (NodeReputation).
 * - `level`: the CognitiveLevel standing, with its own streaks that restart at every level change
 *   (CognitiveLevel keeps its consecutive-success counter per level, so a new level starts at 0).
 */
import type { Ms } from '../core/types.ts'

export interface MetricStats {
  /** Lifetime attempts (NodeStats "counter"); never decreases. */
  readonly counter: number
  /** Lifetime successes (NodeStats "points"); never decreases, never above `counter`. */
  readonly points: number
  /** Attempts weighted by recency, as of `updatedAtMs` (equal to `counter` when decay is 'none'). */
  readonly recentAttempts: number
  /** Successes weighted by recency, as of `updatedAtMs`. */
  readonly recentSuccesses: number
  /** When the recent sums were last brought up to date. */
  readonly updatedAtMs: Ms
}

/**
 * Cognitive outcomes in the last `eligibility.windowMs`, kept in `eligibility.windowBuckets` time
 * buckets of `ceil(windowMs / windowBuckets)` ms each. Bucket `b` (absolute, `floor(t / bucketMs)`)
 * lives in slot `b % buckets`; `headBucket` is the newest bucket written. The totals are the sums
 * over the ring, so a query only has to subtract the buckets that expired since `headBucket`.
 */
export interface OutcomeWindow {
  readonly headBucket: number
  readonly attempts: readonly number[]
  readonly successes: readonly number[]
  readonly totalAttempts: number
  readonly totalSuccesses: number
}

export interface CognitiveRecord {
  /** Lifetime cognitive rounds reported for this node; never decreases. */
  readonly attempts: number
  /** Lifetime successful rounds; never decreases. */
  readonly successes: number
  /** Trailing run of successes (0 after a failure); not reset by level changes. */
  readonly successStreak: number
  /** Trailing run of failures (0 after a success); not reset by level changes. */
  readonly failureStreak: number
  readonly window: OutcomeWindow
}

export interface LevelStanding {
  /** Current level, 0..levels.max. */
  readonly level: number
  /** Consecutive successes since the last level change (or the last failure). */
  readonly successStreak: number
  /** Consecutive failures since the last level change (or the last success). */
  readonly failureStreak: number
  readonly changedAtMs: Ms | null
}

export interface Reputation {
  /**
   * One entry per metric, in `METRICS` order (read with `getMetricStats`). An array rather than a
   * record keyed by name: copying it on each stat is several times cheaper in V8.
   */
  readonly metrics: readonly MetricStats[]
  readonly cognitive: CognitiveRecord
  readonly level: LevelStanding
}

/** Why a node is not (yet) eligible for the ephemeral pool. */
export type PoolIneligibility = 'tooFewAttempts' | 'lowSuccessRate' | 'shortStreak'

/** A level move decided by `evaluateLevel`; hosts log it as `NodeLevelChanged(node, prev, new, reason)`. */
export interface LevelChange {
  readonly previousLevel: number
  readonly newLevel: number
  readonly reason: 'successStreak' | 'failureStreak'
}

/** Attempts and successes inside the eligibility window at some time. */
export interface WindowCounts {
  readonly attempts: number
  readonly successes: number
}
