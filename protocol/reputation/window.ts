/**
 * The sliding window of cognitive outcomes (§15.10: "≥ 20 attempts in the last 7 days"), kept in
 * a fixed ring of time buckets so a node's memory does not grow with its history.
 *
 * The window is bucket-aligned: at time t it holds the bucket containing t and the
 * `windowBuckets − 1` before it, i.e. between (buckets−1)/buckets and all of `windowMs`. More
 * buckets make the edge sharper at the cost of a longer ring to copy on each update.
 */
import { ProtocolAssertionError } from '../core/result.ts'
import type { Ms } from '../core/types.ts'
import type { Params } from '../params/spec.ts'
import type { OutcomeWindow, WindowCounts } from './types.ts'

/** Length of one bucket: the window split into `windowBuckets` parts, rounded up to whole ms. */
export function computeBucketMs(params: Params): Ms {
  return Math.ceil(params.eligibility.windowMs / params.eligibility.windowBuckets)
}

function bucketOf(nowMs: Ms, params: Params): number {
  return Math.floor(nowMs / computeBucketMs(params))
}

/** An empty window whose newest bucket is the one containing `nowMs`. */
export function createOutcomeWindow(nowMs: Ms, params: Params): OutcomeWindow {
  const zeros: readonly number[] = new Array<number>(params.eligibility.windowBuckets).fill(0)
  return { headBucket: bucketOf(nowMs, params), attempts: zeros, successes: zeros, totalAttempts: 0, totalSuccesses: 0 }
}

/**
 * Adds one outcome at `nowMs`. Buckets between the old head and the new one are cleared first
 * (at most the ring's length). An outcome reported with an earlier time than the head is counted
 * in the head bucket: a host's clock does not run backwards, so this only absorbs same-instant
 * reordering.
 */
export function recordWindowOutcome(window: OutcomeWindow, success: boolean, nowMs: Ms, params: Params): OutcomeWindow {
  const size = params.eligibility.windowBuckets
  if (window.attempts.length !== size) throw new ProtocolAssertionError(`outcome window has ${window.attempts.length} buckets, params say ${size}`)
  const bucket = Math.max(bucketOf(nowMs, params), window.headBucket)
  const attempts = window.attempts.slice()
  const successes = window.successes.slice()
  let totalAttempts = window.totalAttempts
  let totalSuccesses = window.totalSuccesses
  const expired = Math.min(bucket - window.headBucket, size)
  for (let i = 1; i <= expired; i++) {
    const slot = (window.headBucket + i) % size
    totalAttempts -= attempts[slot]!
    totalSuccesses -= successes[slot]!
    attempts[slot] = 0
    successes[slot] = 0
  }
  const slot = bucket % size
  attempts[slot] = attempts[slot]! + 1
  totalAttempts += 1
  if (success) {
    successes[slot] = successes[slot]! + 1
    totalSuccesses += 1
  }
  return { headBucket: bucket, attempts, successes, totalAttempts, totalSuccesses }
}

/** Attempts and successes inside the window at `nowMs` (buckets older than the window dropped). */
export function getWindowCounts(window: OutcomeWindow, nowMs: Ms, params: Params): WindowCounts {
  const size = params.eligibility.windowBuckets
  const expired = Math.min(bucketOf(nowMs, params) - window.headBucket, size)
  if (expired <= 0) return { attempts: window.totalAttempts, successes: window.totalSuccesses }
  let attempts = window.totalAttempts
  let successes = window.totalSuccesses
  // The buckets that fell out are the oldest ones of the ring: the slots right after the head.
  for (let i = 1; i <= expired; i++) {
    const slot = (window.headBucket + i) % size
    attempts -= window.attempts[slot]!
    successes -= window.successes[slot]!
  }
  return { attempts, successes }
}

/** Success rate inside the window at `nowMs`; 0 when the window is empty (no evidence is no success). */
export function computeWindowSuccessRate(window: OutcomeWindow, nowMs: Ms, params: Params): number {
  const counts = getWindowCounts(window, nowMs, params)
  return counts.attempts > 0 ? counts.successes / counts.attempts : 0
}
