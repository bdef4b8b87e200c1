// Goal: every transition and every rejection of the oracle-set machine, one behaviour per test.
// Method: build small oracle sets at explicit times (window 60 s, grace 15 s by default), apply
// one event and assert leader, window, activity, effects and rejection codes. States given to the
// machine are frozen, so a transition that mutated its input (instead of returning a new state)
// would throw.
import { describe, expect, it } from 'vitest'
import type { Effect } from '../core/effects.ts'
import { computeSyntheticAddress, type Address } from '../core/types.ts'
import type { Params } from '../params/spec.ts'
import { ctxAt, paramsWith } from '../testing/fixtures.ts'
import { getLeaderAt, getRotationDueAtMs } from './leadership.ts'
import { EMPTY_ORACLE_SET, authorizeOracleAction, createOracleSet, transitionOracleSet } from './machine.ts'
import { ORACLE_TABLE } from './table.ts'
import type { OracleEvent, OracleSetState } from './types.ts'

const oracle = (i: number): Address => computeSyntheticAddress(0x04ac1e, i)
const [A, B, C, D] = [oracle(1), oracle(2), oracle(3), oracle(4)]
const OUTSIDER = computeSyntheticAddress(0xbad, 1)
const W = 60_000
const G = 15_000

function setOf(oracles: readonly Address[], now = 0, params: Params = paramsWith()): OracleSetState {
  const r = createOracleSet(oracles, ctxAt(now, params))
  if (!r.ok) throw new Error(r.message)
  return freeze(r.state)
}

function freeze(state: OracleSetState): OracleSetState {
  Object.freeze(state.oracles)
  Object.freeze(state.rotatedOut)
  return Object.freeze(state)
}

function step(state: OracleSetState, event: OracleEvent, now: number, params: Params = paramsWith()): OracleSetState {
  const r = transitionOracleSet(state, event, ctxAt(now, params))
  if (!r.ok) throw new Error(`unexpected rejection ${r.code}: ${r.message}`)
  return freeze(r.state)
}

function effectsOf(state: OracleSetState, event: OracleEvent, now: number, params: Params = paramsWith()): readonly Effect[] {
  const r = transitionOracleSet(state, event, ctxAt(now, params))
  if (!r.ok) throw new Error(r.message)
  return r.effects
}

function rejected(state: OracleSetState, event: OracleEvent, now: number, params: Params = paramsWith()): string {
  const r = transitionOracleSet(state, event, ctxAt(now, params))
  expect(r.ok).toBe(false)
  return r.ok ? 'accepted' : r.code
}

function emitted(effects: readonly Effect[]): unknown[] {
  return effects.flatMap((e) => (e.kind === 'emit' ? [{ name: e.event.name, ...e.event.args }] : []))
}

describe('oracle set: creation and registration', () => {
  it('sorts oracles by address and lets the base leader of the current window lead at once', () => {
    const r = createOracleSet([C, A, B], ctxAt(70_000))
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.state.oracles).toEqual([A, B, C])
    expect(r.state).toMatchObject({ status: 'Active', window: 1, leader: B, leaderSinceMs: 70_000, leaderActiveAtMs: 70_000 })
    expect(emitted(r.effects)).toContainEqual({ name: 'LeaderChanged', window: 1, from: null, to: B, reason: 'window' })
  })

  it('starts empty with no leader, and an empty creation stays empty', () => {
    const r = createOracleSet([], ctxAt(0))
    expect(r.ok && r.state).toBe(EMPTY_ORACLE_SET)
    expect(getLeaderAt(EMPTY_ORACLE_SET, 5, paramsWith())).toBeNull()
    expect(getRotationDueAtMs(EMPTY_ORACLE_SET, 5, paramsWith())).toBeNull()
  })

  it('rejects a duplicate or malformed oracle at creation', () => {
    const dup = createOracleSet([A, A], ctxAt(0))
    expect(dup.ok ? 'accepted' : dup.code).toBe('AlreadyExists')
    const bad = createOracleSet(['0xABC' as Address], ctxAt(0))
    expect(bad.ok ? 'accepted' : bad.code).toBe('MalformedEvent')
  })

  it('lets the first oracle registered one by one lead from its registration', () => {
    const r = transitionOracleSet(EMPTY_ORACLE_SET, { type: 'register', oracle: C }, ctxAt(70_000))
    expect(r.ok && r.state).toMatchObject({ status: 'Active', oracles: [C], window: 1, leader: C, leaderSinceMs: 70_000 })
    expect(r.ok && emitted(r.effects)).toEqual([
      { name: 'OracleRegistered', oracle: C },
      { name: 'LeaderChanged', window: 1, from: null, to: C, reason: 'window' },
    ])
  })

  it('inserts a new oracle in address order without changing the leader', () => {
    const s = setOf([A, D])
    const next = step(s, { type: 'register', oracle: C }, 10)
    expect(next.oracles).toEqual([A, C, D])
    expect(next.leader).toBe(A)
    expect(rejected(next, { type: 'register', oracle: C }, 11)).toBe('AlreadyExists')
  })

  it('allows only registration while empty; an action there is NotOracle', () => {
    expect(rejected(EMPTY_ORACLE_SET, { type: 'heartbeat', actor: A }, 0)).toBe('WrongPhase')
    expect(rejected(EMPTY_ORACLE_SET, { type: 'tick' }, 0)).toBe('WrongPhase')
    const r = authorizeOracleAction(EMPTY_ORACLE_SET, A, 0, paramsWith())
    expect(r.ok ? 'accepted' : r.code).toBe('NotOracle')
  })
})

describe('oracle set: deregistration', () => {
  it('removes a non-leader, also from the rotated-out list', () => {
    let s = setOf([A, B, C])
    s = step(s, { type: 'rotate', actor: OUTSIDER }, G)
    expect(s.rotatedOut).toEqual([A])
    s = step(s, { type: 'deregister', oracle: A }, G + 1)
    expect(s.oracles).toEqual([B, C])
    expect(s.rotatedOut).toEqual([])
    expect(emitted(effectsOf(setOf([A, B]), { type: 'deregister', oracle: B }, 1))).toEqual([{ name: 'OracleDeregistered', oracle: B }])
  })

  it('rejects an unknown oracle, the last oracle and the current leader', () => {
    expect(rejected(setOf([A, B]), { type: 'deregister', oracle: C }, 1)).toBe('UnknownOracle')
    expect(rejected(setOf([A]), { type: 'deregister', oracle: A }, 1)).toBe('LastOracle')
    expect(rejected(setOf([A, B]), { type: 'deregister', oracle: A }, 1)).toBe('LeaderCannotLeave')
  })
})

describe('oracle set: heartbeats and actions', () => {
  it("counts the leader's heartbeat as activity and ignores another oracle's", () => {
    const s = setOf([A, B])
    const byLeader = step(s, { type: 'heartbeat', actor: A }, 5_000)
    expect(byLeader.leaderActiveAtMs).toBe(5_000)
    expect(step(s, { type: 'heartbeat', actor: B }, 5_000).leaderActiveAtMs).toBe(0)
    expect(emitted(effectsOf(s, { type: 'heartbeat', actor: B }, 5_000))).toEqual([{ name: 'OracleHeartbeat', oracle: B, window: 0 }])
    expect(rejected(s, { type: 'heartbeat', actor: OUTSIDER }, 5_000)).toBe('NotOracle')
  })

  it('strict mode accepts only the leader, and its action counts as activity', () => {
    const params = paramsWith({ 'oracle.mode': 'strict' })
    const s = setOf([A, B], 0, params)
    const ok = authorizeOracleAction(s, A, 7_000, params)
    expect(ok.ok && ok.state.leaderActiveAtMs).toBe(7_000)
    const notLeader = authorizeOracleAction(s, B, 7_000, params)
    expect(notLeader.ok ? 'accepted' : notLeader.code).toBe('NotLeader')
    const outsider = authorizeOracleAction(s, OUTSIDER, 7_000, params)
    expect(outsider.ok ? 'accepted' : outsider.code).toBe('NotOracle')
  })

  it("lenient mode accepts any registered oracle; a non-leader's action does not refresh the leader", () => {
    const params = paramsWith({ 'oracle.mode': 'lenient' })
    const s = setOf([A, B], 0, params)
    const r = authorizeOracleAction(s, B, 7_000, params)
    expect(r.ok && r.state.leaderActiveAtMs).toBe(0)
    const outsider = authorizeOracleAction(s, OUTSIDER, 7_000, params)
    expect(outsider.ok ? 'accepted' : outsider.code).toBe('NotOracle')
  })

  it('returns the same state for a repeated leader action at the same instant', () => {
    const params = paramsWith()
    const s = step(setOf([A, B]), { type: 'act', actor: A }, 9_000)
    const again = authorizeOracleAction(s, A, 9_000, params)
    expect(again.ok && again.state).toBe(s)
  })

  it('advances the window before judging an action', () => {
    const params = paramsWith()
    const s = setOf([A, B])
    const r = authorizeOracleAction(s, B, W + 1, params)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.state).toMatchObject({ window: 1, leader: B, leaderSinceMs: W, leaderActiveAtMs: W + 1 })
    expect(emitted(r.effects)).toEqual([{ name: 'LeaderChanged', window: 1, from: A, to: B, reason: 'window' }])
  })
})

describe('oracle set: failover', () => {
  it('rejects rotation before the grace has passed and rotates to the next oracle at the grace', () => {
    const s = setOf([A, B, C])
    expect(rejected(s, { type: 'rotate', actor: OUTSIDER }, G - 1)).toBe('PhaseNotOver')
    const r = transitionOracleSet(s, { type: 'rotate', actor: OUTSIDER }, ctxAt(G))
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.state).toMatchObject({ leader: B, leaderSinceMs: G, leaderActiveAtMs: G, rotatedOut: [A] })
    expect(emitted(r.effects)).toEqual([{ name: 'LeaderChanged', window: 0, from: A, to: B, reason: 'failover' }])
  })

  it('measures the grace from the later of the last activity and the takeover', () => {
    let s = setOf([A, B, C])
    s = step(s, { type: 'act', actor: A }, 10_000)
    expect(getRotationDueAtMs(s, 10_000, paramsWith())).toBe(10_000 + G)
    expect(rejected(s, { type: 'rotate', actor: OUTSIDER }, 10_000 + G - 1)).toBe('PhaseNotOver')
    s = step(s, { type: 'rotate', actor: OUTSIDER }, 10_000 + G)
    expect(rejected(s, { type: 'rotate', actor: OUTSIDER }, 10_000 + 2 * G - 1)).toBe('PhaseNotOver')
    expect(step(s, { type: 'rotate', actor: OUTSIDER }, 10_000 + 2 * G).leader).toBe(C)
  })

  it('never hands leadership back to an oracle rotated out in the same window', () => {
    let s = setOf([A, B])
    s = step(s, { type: 'rotate', actor: OUTSIDER }, G)
    expect(s.leader).toBe(B)
    expect(rejected(s, { type: 'rotate', actor: OUTSIDER }, 2 * G)).toBe('NoSuccessor')
    expect(rejected(s, { type: 'act', actor: A }, 2 * G)).toBe('NotLeader')
  })

  it('skips oracles already rotated out and wraps around the address order', () => {
    let s = setOf([A, B, C], W * 2) // window 2: base leader C (2 mod 3)
    expect(s.leader).toBe(C)
    s = step(s, { type: 'tick' }, W * 3 + 1) // window 3: base leader A
    expect(s.leader).toBe(A)
    s = step(s, { type: 'rotate', actor: OUTSIDER }, W * 3 + G)
    s = step(s, { type: 'rotate', actor: OUTSIDER }, W * 3 + 2 * G)
    expect([s.leader, s.rotatedOut]).toEqual([C, [A, B]])
    s = step(setOf([A, B, C], W * 2), { type: 'rotate', actor: OUTSIDER }, W * 2 + G)
    expect(s.leader).toBe(A)
  })

  it('under the missed-heartbeats rule waits heartbeat × missed instead of the grace', () => {
    const params = paramsWith({ 'oracle.failoverRule': 'missedHeartbeats', 'oracle.heartbeatMs': 10_000, 'oracle.missedHeartbeats': 3 })
    const s = setOf([A, B], 0, params)
    expect(rejected(s, { type: 'rotate', actor: OUTSIDER }, 29_999, params)).toBe('PhaseNotOver')
    expect(step(s, { type: 'rotate', actor: OUTSIDER }, 30_000, params).leader).toBe(B)
  })

  it('rejects a malformed rotate caller', () => {
    expect(rejected(setOf([A, B]), { type: 'rotate', actor: 'nobody' as Address }, G)).toBe('MalformedEvent')
  })
})

describe('oracle set: windows and time', () => {
  it('resets leadership to the base leader of a new window and clears rotations', () => {
    let s = setOf([A, B, C])
    s = step(s, { type: 'rotate', actor: OUTSIDER }, G)
    const effects = effectsOf(s, { type: 'tick' }, W)
    expect(emitted(effects)).toEqual([])
    s = step(s, { type: 'tick' }, W)
    expect(s).toMatchObject({ window: 1, leader: B, leaderSinceMs: W, leaderActiveAtMs: W, rotatedOut: [] })
    expect(emitted(effectsOf(s, { type: 'tick' }, 5 * W + 3))).toEqual([{ name: 'LeaderChanged', window: 5, from: B, to: C, reason: 'window' }])
  })

  it('leaves the state as it is on a tick within the window', () => {
    const s = setOf([A, B])
    const r = transitionOracleSet(s, { type: 'tick' }, ctxAt(W - 1))
    expect(r.ok && r.state).toBe(s)
  })

  it('reads the leader of a later window without a state change', () => {
    const s = setOf([A, B, C])
    expect(getLeaderAt(s, W - 1, paramsWith())).toBe(A)
    expect(getLeaderAt(s, 4 * W, paramsWith())).toBe(B)
    expect(getRotationDueAtMs(s, 4 * W + 7, paramsWith())).toBe(4 * W + G)
  })

  it('rejects an event dated before the leader last acted, and a malformed time', () => {
    const s = step(setOf([A, B]), { type: 'act', actor: A }, 9_000)
    expect(rejected(s, { type: 'tick' }, 8_999)).toBe('TimeWentBackwards')
    expect(rejected(s, { type: 'tick' }, -1)).toBe('MalformedEvent')
    const r = authorizeOracleAction(s, A, 9_000.5, paramsWith())
    expect(r.ok ? 'accepted' : r.code).toBe('MalformedEvent')
  })

  it('rejects malformed actors and oracles', () => {
    const s = setOf([A, B])
    expect(rejected(s, { type: 'heartbeat', actor: 'A' as Address }, 1)).toBe('MalformedEvent')
    expect(rejected(s, { type: 'deregister', oracle: 42 as unknown as Address }, 1)).toBe('MalformedEvent')
  })
})

describe('oracle table', () => {
  it('lists every event from Active and only registration from Empty', () => {
    expect(ORACLE_TABLE.rows.filter((r) => r.from === 'Active').map((r) => r.event).sort()).toEqual([...ORACLE_TABLE.events].sort())
    expect(ORACLE_TABLE.rows.filter((r) => r.from === 'Empty').map((r) => r.event)).toEqual(['register'])
  })
})
