// Goal: the bucketed eligibility window counts exactly the outcomes of its buckets and forgets
// older ones, in O(1) memory. Method: hand-placed outcomes at bucket edges, plus a fast-check
// property comparing against a naive model that keeps every outcome and filters by bucket.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ProtocolAssertionError } from '../core/result.ts'
import { paramsWith } from '../testing/fixtures.ts'
import { computeBucketMs, computeWindowSuccessRate, createOutcomeWindow, getWindowCounts, recordWindowOutcome } from './window.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR

describe('bucket length', () => {
  it('splits the window into equal buckets, rounded up to whole ms', () => {
    expect(computeBucketMs(paramsWith())).toBe(6 * HOUR)
    expect(computeBucketMs(paramsWith({ 'eligibility.windowMs': 10, 'eligibility.windowBuckets': 3 }))).toBe(4)
  })
})

describe('outcome window', () => {
  const params = paramsWith() // 7 days in 28 buckets of 6 h

  it('counts attempts and successes in the window', () => {
    let w = createOutcomeWindow(0, params)
    w = recordWindowOutcome(w, true, HOUR, params)
    w = recordWindowOutcome(w, false, 2 * HOUR, params)
    w = recordWindowOutcome(w, true, 3 * DAY, params)
    expect(getWindowCounts(w, 3 * DAY, params)).toEqual({ attempts: 3, successes: 2 })
    expect(computeWindowSuccessRate(w, 3 * DAY, params)).toBeCloseTo(2 / 3, 12)
  })

  it('keeps an outcome while its bucket is one of the last 28 and drops it after', () => {
    const w = recordWindowOutcome(createOutcomeWindow(0, params), true, 0, params)
    const lastBucketStart = 27 * 6 * HOUR
    expect(getWindowCounts(w, lastBucketStart + 6 * HOUR - 1, params).attempts).toBe(1)
    expect(getWindowCounts(w, 7 * DAY, params).attempts).toBe(0)
    expect(computeWindowSuccessRate(w, 7 * DAY, params)).toBe(0)
  })

  it('clears expired buckets when it records after a gap', () => {
    let w = recordWindowOutcome(createOutcomeWindow(0, params), true, 0, params)
    w = recordWindowOutcome(w, false, 30 * DAY, params)
    expect(w.totalAttempts).toBe(1)
    expect(w.totalSuccesses).toBe(0)
    expect(w.attempts.reduce((a, b) => a + b, 0)).toBe(1)
  })

  it('counts an outcome reported with an earlier time in the newest bucket', () => {
    let w = recordWindowOutcome(createOutcomeWindow(0, params), true, 2 * DAY, params)
    w = recordWindowOutcome(w, true, 0, params)
    expect(w.headBucket).toBe(8)
    expect(w.attempts[8]).toBe(2)
    expect(getWindowCounts(w, DAY, params)).toEqual({ attempts: 2, successes: 2 })
  })

  it('has a 0 success rate when empty', () => {
    expect(computeWindowSuccessRate(createOutcomeWindow(0, params), 0, params)).toBe(0)
  })

  it('refuses a window built for a different bucket count (a host bug)', () => {
    const w = createOutcomeWindow(0, params)
    expect(() => recordWindowOutcome(w, true, 0, paramsWith({ 'eligibility.windowBuckets': 7 }))).toThrow(ProtocolAssertionError)
  })

  it('agrees with a model that keeps every outcome', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 500 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.boolean()), { maxLength: 80 }),
        fc.integer({ min: 0, max: 600 }),
        (buckets, windowMs, steps, queryAfter) => {
          const p = paramsWith({ 'eligibility.windowBuckets': buckets, 'eligibility.windowMs': windowMs })
          const bucketMs = computeBucketMs(p)
          let w = createOutcomeWindow(0, p)
          const all: [number, boolean][] = []
          let now = 0
          for (const [dt, success] of steps) {
            now += dt
            w = recordWindowOutcome(w, success, now, p)
            all.push([now, success])
          }
          const query = now + queryAfter
          const oldest = Math.floor(query / bucketMs) - buckets + 1
          const inWindow = all.filter(([t]) => Math.floor(t / bucketMs) >= oldest)
          expect(getWindowCounts(w, query, p)).toEqual({ attempts: inWindow.length, successes: inWindow.filter(([, s]) => s).length })
        },
      ),
      { seed: 0x5eed02, numRuns: 300 },
    )
  })
})
