// Goal: the safety and liveness properties of oracle leadership under arbitrary event sequences.
// Method: fast-check generates parameters (window, grace, mode), an initial oracle set and a
// sequence of timed events (register, deregister, heartbeat, act, rotate, tick, including bad
// ones) applied in time order. After every step the properties below are checked against the
// machine's own reads and a small model that only remembers who was rotated out per window.
// States are frozen, so a transition that mutated its input would throw.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { computeSyntheticAddress, type Address } from '../core/types.ts'
import type { Params } from '../params/spec.ts'
import { ctxAt, paramsWith } from '../testing/fixtures.ts'
import { computeBaseLeader, computeSilenceLimitMs, computeWindow, getLeaderAt, getRotationDueAtMs } from './leadership.ts'
import { authorizeOracleAction, createOracleSet, transitionOracleSet } from './machine.ts'
import type { OracleEvent, OracleSetState } from './types.ts'

const POOL = [1, 2, 3, 4, 5, 6].map((i) => computeSyntheticAddress(0x04ac1e, i))
const OUTSIDER = computeSyntheticAddress(0xbad, 9)

const paramsArb = fc
  .record({
    windowMs: fc.integer({ min: 10, max: 5_000 }),
    graceFraction: fc.double({ min: 0, max: 0.99, noNaN: true }),
    mode: fc.constantFrom('strict', 'lenient'),
  })
  .map(({ windowMs, graceFraction, mode }) =>
    paramsWith({ 'oracle.windowMs': windowMs, 'oracle.graceMs': Math.floor(windowMs * graceFraction), 'oracle.mode': mode }),
  )

const stepArb = fc.record({
  dtMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 12_000 })),
  kind: fc.constantFrom('register', 'deregister', 'heartbeat', 'act', 'rotate', 'rotate', 'tick'),
  who: fc.integer({ min: 0, max: POOL.length }), // POOL.length means an outsider
})
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never

function eventFor(s: Step): OracleEvent {
  const who = POOL[s.who] ?? OUTSIDER
  switch (s.kind) {
    case 'register':
    case 'deregister':
      return { type: s.kind, oracle: who }
    case 'heartbeat':
    case 'act':
    case 'rotate':
      return { type: s.kind, actor: who }
    default:
      return { type: 'tick' }
  }
}

function freeze(state: OracleSetState): OracleSetState {
  Object.freeze(state.oracles)
  Object.freeze(state.rotatedOut)
  return Object.freeze(state)
}

/** Every oracle that strict mode would accept at `nowMs`. */
function acceptedLeaders(state: OracleSetState, nowMs: number, params: Params): Address[] {
  const strict = { ...params, oracle: { ...params.oracle, mode: 'strict' as const } }
  return [...POOL, OUTSIDER].filter((o) => authorizeOracleAction(state, o, nowMs, strict).ok)
}

describe('oracle leadership properties', () => {
  it('has exactly one leader at every instant, never re-accepts a rotated-out leader in its window, and keeps the set sorted', () => {
    fc.assert(
      fc.property(paramsArb, fc.integer({ min: 1, max: 4 }), fc.array(stepArb, { maxLength: 60 }), (params, initial, steps) => {
        const created = createOracleSet(POOL.slice(0, initial), ctxAt(0, params))
        if (!created.ok) throw new Error(created.message)
        let state = freeze(created.state)
        let nowMs = 0
        const rotatedOutByWindow = new Map<number, Set<Address>>()
        for (const s of steps) {
          nowMs += s.dtMs
          const r = transitionOracleSet(state, eventFor(s), ctxAt(nowMs, params))
          if (r.ok) {
            for (const e of r.effects) {
              if (e.kind === 'emit' && e.event.name === 'LeaderChanged' && e.event.args['reason'] === 'failover') {
                const w = e.event.args['window'] as number
                if (!rotatedOutByWindow.has(w)) rotatedOutByWindow.set(w, new Set())
                rotatedOutByWindow.get(w)!.add(e.event.args['from'] as Address)
              }
            }
            state = freeze(r.state)
          }
          const leader = getLeaderAt(state, nowMs, params)
          expect(acceptedLeaders(state, nowMs, params)).toEqual([leader])
          expect(state.oracles).toContain(state.leader)
          expect(state.rotatedOut).not.toContain(state.leader)
          expect(state.rotatedOut.every((o) => state.oracles.includes(o))).toBe(true)
          expect([...state.oracles].sort()).toEqual(state.oracles)
          expect(new Set(state.oracles).size).toBe(state.oracles.length)
          expect(rotatedOutByWindow.get(computeWindow(nowMs, params.oracle.windowMs))?.has(leader!) ?? false).toBe(false)
        }
      }),
      { seed: 20_240_611, numRuns: 300 },
    )
  })

  it('lenient mode accepts every registered oracle, strict mode only the leader, neither an outsider', () => {
    fc.assert(
      fc.property(paramsArb, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 100_000 }), (params, n, nowMs) => {
        const created = createOracleSet(POOL.slice(0, n), ctxAt(0, params))
        if (!created.ok) throw new Error(created.message)
        const lenient = { ...params, oracle: { ...params.oracle, mode: 'lenient' as const } }
        const strict = { ...params, oracle: { ...params.oracle, mode: 'strict' as const } }
        const byLenient = POOL.filter((o) => authorizeOracleAction(created.state, o, nowMs, lenient).ok)
        const byStrict = POOL.filter((o) => authorizeOracleAction(created.state, o, nowMs, strict).ok)
        expect(byLenient).toEqual(POOL.slice(0, n))
        expect(byStrict).toEqual([getLeaderAt(created.state, nowMs, params)])
        for (const p of [lenient, strict]) {
          const r = authorizeOracleAction(created.state, OUTSIDER, nowMs, p)
          expect(r.ok ? 'accepted' : r.code).toBe('NotOracle')
        }
      }),
      { seed: 7_771, numRuns: 300 },
    )
  })

  it('fails over exactly at the silence limit, one oracle per limit, within the window', () => {
    fc.assert(
      fc.property(paramsArb, fc.integer({ min: 2, max: 6 }), fc.integer({ min: 0, max: 50 }), (params, n, window) => {
        const windowMs = params.oracle.windowMs
        const limitMs = computeSilenceLimitMs(params.oracle)
        const startMs = window * windowMs
        const created = createOracleSet(POOL.slice(0, n), ctxAt(startMs, params))
        if (!created.ok) throw new Error(created.message)
        let state = created.state
        const order = POOL.slice(0, n)
        const base = order.indexOf(computeBaseLeader(order, window))
        // Every leader stays silent: each rotation is due exactly `limitMs` after the last one.
        for (let k = 1; k < n && startMs + k * limitMs < startMs + windowMs; k++) {
          const dueMs = startMs + k * limitMs
          expect(getRotationDueAtMs(state, dueMs, params)).toBe(dueMs)
          if (limitMs > 0) {
            const early = transitionOracleSet(state, { type: 'rotate', actor: OUTSIDER }, ctxAt(dueMs - 1, params))
            expect(early.ok ? 'accepted' : early.code).toBe('PhaseNotOver')
          }
          const r = transitionOracleSet(state, { type: 'rotate', actor: OUTSIDER }, ctxAt(dueMs, params))
          if (!r.ok) throw new Error(r.message)
          state = r.state
          expect(state.leader).toBe(order[(base + k) % n])
        }
      }),
      { seed: 99_001, numRuns: 300 },
    )
  })

  it('a new window always starts with its base leader, whatever happened before', () => {
    fc.assert(
      fc.property(paramsArb, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 1_000 }), fc.boolean(), (params, n, windows, failFirst) => {
        const created = createOracleSet(POOL.slice(0, n), ctxAt(0, params))
        if (!created.ok) throw new Error(created.message)
        let state = created.state
        if (failFirst && n > 1) {
          const r = transitionOracleSet(state, { type: 'rotate', actor: OUTSIDER }, ctxAt(computeSilenceLimitMs(params.oracle), params))
          if (r.ok) state = r.state
        }
        const atMs = windows * params.oracle.windowMs
        const r = transitionOracleSet(state, { type: 'tick' }, ctxAt(atMs, params))
        if (!r.ok) throw new Error(r.message)
        expect(r.state.leader).toBe(POOL[windows % n])
        expect(r.state.rotatedOut).toEqual([])
        expect(r.state.leaderSinceMs).toBe(atMs)
      }),
      { seed: 31_337, numRuns: 300 },
    )
  })
})
