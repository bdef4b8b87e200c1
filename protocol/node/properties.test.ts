// Goal: no sequence of events, however odd, breaks a node's own invariants: a reserved node holds
// exactly one session, counters and the status sequence never decrease, the level stays in
// 0..levels.max, the liveness overlay and the dedicated list stay consistent, the window's totals
// match its buckets, and a rejected event leaves the state exactly as it was (the state is
// deep-frozen, so a mutation would throw). Method: fast-check generates event sequences over a
// small domain (three sessions, a few actors, round ids that repeat) under varied parameters and
// checks every invariant after every event.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { METRICS } from '../core/effects.ts'
import type { Params } from '../params/spec.ts'
import { OWNER, ctxAt } from '../testing/fixtures.ts'
import { getMetricStats } from '../reputation/stats.ts'
import { transitionNode } from './machine.ts'
import { createNode } from './state.ts'
import { MODEL, NODE, OTHER, nodeParams } from './testkit.ts'
import { NODE_STATUSES, RELEASE_REASONS, type NodeEvent, type NodeState } from './types.ts'

const PING = 60_000

const actor = fc.constantFrom(NODE, OTHER, OWNER)
const sessionId = fc.integer({ min: 1, max: 3 })
// Weighted so that sequences reach deep statuses: the node pings for itself often enough to stay
// online, and rounds, reservations and releases are common; the odd events still appear.
const eventArb: fc.Arbitrary<NodeEvent> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ type: fc.constant('register' as const), actor, models: fc.constantFrom([MODEL], [1, 2], [] as number[]) }) },
  { weight: 4, arbitrary: fc.record({ type: fc.constant('ping' as const), actor: fc.constantFrom(NODE, NODE, NODE, OTHER) }) },
  { weight: 1, arbitrary: fc.constant({ type: 'checkLiveness' as const }) },
  { weight: 5, arbitrary: fc.record({ type: fc.constant('cognitiveOutcome' as const), roundId: fc.integer({ min: 0, max: 60 }), success: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('stat' as const), metric: fc.constantFrom(...METRICS), success: fc.boolean() }) },
  {
    weight: 3,
    arbitrary: fc.record({ type: fc.constant('reserve' as const), sessionId, reservePeriodMs: fc.integer({ min: 1, max: 3 * PING }), maxTaskExecutionCount: fc.integer({ min: 1, max: 3 }) }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('taskExecuted' as const), sessionId }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('release' as const), sessionId, reason: fc.constantFrom(...RELEASE_REASONS) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('ban' as const), actor }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('unban' as const), actor }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('addDedicated' as const), actor, sessionId }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('removeDedicated' as const), actor, sessionId }) },
)

/** Mostly short steps, sometimes long gaps that take the node offline or expire a reservation. */
const dtArb = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: PING / 2 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 6 * PING }) })

const paramsArb: fc.Arbitrary<Params> = fc
  .record({
    revalidation: fc.integer({ min: 0, max: 2 }),
    poolExit: fc.constantFrom('never', 'windowFails'),
    releaseRule: fc.constantFrom('firstOf', 'periodOnly'),
    decay: fc.constantFrom('halfLife', 'none'),
    buckets: fc.integer({ min: 1, max: 6 }),
  })
  .map((p) =>
    nodeParams({
      'eligibility.minAttempts': 2,
      'eligibility.minConsecutiveSuccesses': 1,
      'eligibility.revalidationRounds': p.revalidation,
      'eligibility.poolExit': p.poolExit,
      'eligibility.windowMs': 10 * PING,
      'eligibility.windowBuckets': p.buckets,
      'session.releaseRule': p.releaseRule,
      'reputation.decay': p.decay,
      'node.maxDedicatedSessions': 2,
      'levels.max': 3,
      'levels.baseConsecutive': 1,
      'levels.downgradeFailureStreak': 1,
    }),
  )

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}

function checkInvariants(node: NodeState, params: Params, nowMs: number): void {
  expect(NODE_STATUSES).toContain(node.status.kind)
  expect(node.registeredAtMs === null).toBe(node.status.kind === 'Unregistered')
  if (node.status.kind === 'Reserved') {
    expect(Number.isInteger(node.status.sessionId)).toBe(true)
    expect(node.status.tasksExecuted).toBeGreaterThanOrEqual(0)
    expect(node.status.reservedAtMs).toBeLessThanOrEqual(nowMs)
  }
  if (node.status.kind === 'PendingRevalidation') expect(node.status.passedRounds).toBeLessThan(params.eligibility.revalidationRounds)
  const level = node.reputation.level.level
  expect(level >= 0 && level <= params.levels.max).toBe(true)
  for (const metric of METRICS) expect(getMetricStats(node.reputation, metric).points).toBeLessThanOrEqual(getMetricStats(node.reputation, metric).counter)
  expect(new Set(node.dedicatedSessions).size).toBe(node.dedicatedSessions.length)
  expect(node.dedicatedSessions.length).toBeLessThanOrEqual(params.node.maxDedicatedSessions)
  if (node.status.kind !== 'Unregistered') expect(node.online).toBe(node.missedPings < params.node.offlineAfterMissedPings)
  const w = node.reputation.cognitive.window
  expect(w.attempts).toHaveLength(params.eligibility.windowBuckets)
  expect(w.totalAttempts).toBe(w.attempts.reduce((a, b) => a + b, 0))
  expect(w.totalSuccesses).toBe(w.successes.reduce((a, b) => a + b, 0))
}

function checkMonotone(before: NodeState, after: NodeState): void {
  expect(after.statusSeq).toBeGreaterThanOrEqual(before.statusSeq)
  for (const metric of METRICS) {
    expect(getMetricStats(after.reputation, metric).counter).toBeGreaterThanOrEqual(getMetricStats(before.reputation, metric).counter)
    expect(getMetricStats(after.reputation, metric).points).toBeGreaterThanOrEqual(getMetricStats(before.reputation, metric).points)
  }
  expect(after.reputation.cognitive.attempts).toBeGreaterThanOrEqual(before.reputation.cognitive.attempts)
  expect(after.reputation.cognitive.successes).toBeGreaterThanOrEqual(before.reputation.cognitive.successes)
  expect(after.lastRoundId).toBeGreaterThanOrEqual(before.lastRoundId)
}

describe('node invariants under random events', () => {
  it('hold after every accepted event, and rejected events change nothing', () => {
    fc.assert(
      fc.property(
        paramsArb,
        fc.boolean(),
        fc.array(fc.tuple(eventArb, dtArb), { minLength: 10, maxLength: 80, size: 'max' }),
        (params, registerFirst, steps) => {
          let now = 0
          let node = deepFreeze(createNode(NODE, ctxAt(now, params)))
          const events: [NodeEvent, number][] = registerFirst ? [[{ type: 'register', actor: NODE, models: [MODEL] }, 0], ...steps] : steps
          for (const [event, dt] of events) {
            now += dt
            const before = JSON.stringify(node)
            const r = transitionNode(node, event, ctxAt(now, params))
            if (!r.ok) {
              expect(JSON.stringify(node)).toBe(before)
              continue
            }
            checkInvariants(r.state, params, now)
            checkMonotone(node, r.state)
            for (const e of r.effects) if (e.kind === 'schedule') expect(e.timer).toMatchObject({ machine: 'node', key: NODE })
            node = deepFreeze(r.state)
          }
        },
      ),
      { seed: 0x5eed04, numRuns: 400 },
    )
  })

  it('reach every status (so the property above exercises them all)', () => {
    const seen = new Set<string>()
    fc.assert(
      fc.property(paramsArb, fc.array(fc.tuple(eventArb, dtArb), { minLength: 10, maxLength: 80, size: 'max' }), (params, steps) => {
        let node = createNode(NODE, ctxAt(0, params))
        let now = 0
        for (const [event, dt] of [[{ type: 'register', actor: NODE, models: [MODEL] }, 0] as [NodeEvent, number], ...steps]) {
          now += dt
          const r = transitionNode(node, event, ctxAt(now, params))
          if (r.ok) node = r.state
          seen.add(node.status.kind)
        }
      }),
      { seed: 0x5eed05, numRuns: 400 },
    )
    expect([...seen].sort()).toEqual(NODE_STATUSES.filter((s) => s !== 'Unregistered').sort())
  })
})
