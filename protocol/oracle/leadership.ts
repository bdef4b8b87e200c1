/**
 * Pure arithmetic and reads of oracle leadership: which window a time falls in, who leads it,
 * when a silent leader may be rotated out and who comes next. No state changes here.
 */
import { emit, type Effect } from '../core/effects.ts'
import { assert } from '../core/result.ts'
import type { Address, Ms } from '../core/types.ts'
import type { Params } from '../params/spec.ts'
import type { LeaderChangeReason, OracleSetState } from './types.ts'

type OracleParams = Params['oracle']

/** The window containing `nowMs` (windows start at time 0). */
export function computeWindow(nowMs: Ms, windowMs: Ms): number {
  return Math.floor(nowMs / windowMs)
}

export function computeWindowStartMs(window: number, windowMs: Ms): Ms {
  return window * windowMs
}

/** Round-robin by address order (§15.9): the leader a window starts with. */
export function computeBaseLeader(oracles: readonly Address[], window: number): Address {
  assert(oracles.length > 0, 'oracle: base leader of an empty set')
  return oracles[window % oracles.length]!
}

/** How long a leader may stay silent before anyone may rotate it out. */
export function computeSilenceLimitMs(oracle: OracleParams): Ms {
  switch (oracle.failoverRule) {
    case 'grace':
      return oracle.graceMs
    case 'missedHeartbeats':
      return oracle.heartbeatMs * oracle.missedHeartbeats
  }
}

/** The leader at `nowMs`: the base leader of a later window, else the recorded one (null while empty). */
export function getLeaderAt(state: OracleSetState, nowMs: Ms, params: Params): Address | null {
  if (state.leader === null) return null
  const window = computeWindow(nowMs, params.oracle.windowMs)
  return window > state.window ? computeBaseLeader(state.oracles, window) : state.leader
}

/**
 * Earliest time `rotate` succeeds if the leader at `nowMs` stays silent (null while empty). In a
 * later window the base leader's silence counts from the window start.
 */
export function getRotationDueAtMs(state: OracleSetState, nowMs: Ms, params: Params): Ms | null {
  if (state.leader === null) return null
  const window = computeWindow(nowMs, params.oracle.windowMs)
  const activeAtMs = window > state.window ? computeWindowStartMs(window, params.oracle.windowMs) : state.leaderActiveAtMs
  return activeAtMs + computeSilenceLimitMs(params.oracle)
}

/**
 * The oracle that takes over from the current leader: the next one in address order, cyclically,
 * that has not been rotated out in this window. Null when every other oracle already was.
 */
export function getSuccessor(state: OracleSetState): Address | null {
  const n = state.oracles.length
  const at = state.leader === null ? -1 : state.oracles.indexOf(state.leader)
  assert(at >= 0, `oracle: leader ${String(state.leader)} is not registered`)
  for (let step = 1; step < n; step++) {
    const candidate = state.oracles[(at + step) % n]!
    if (!state.rotatedOut.includes(candidate)) return candidate
  }
  return null
}

/**
 * Moves the state to the window of `nowMs` when that window is later: its base leader takes over
 * from the window start and the rotated-out list is cleared. Returns the same object otherwise.
 */
export function advanceWindow(state: OracleSetState, nowMs: Ms, params: Params, effects: Effect[]): OracleSetState {
  if (state.leader === null) return state
  const window = computeWindow(nowMs, params.oracle.windowMs)
  if (window <= state.window) return state
  const startMs = computeWindowStartMs(window, params.oracle.windowMs)
  const leader = computeBaseLeader(state.oracles, window)
  if (leader !== state.leader) effects.push(leaderChanged(window, state.leader, leader, 'window'))
  return { ...state, window, leader, leaderSinceMs: startMs, leaderActiveAtMs: startMs, rotatedOut: [] }
}

export function leaderChanged(window: number, from: Address | null, to: Address, reason: LeaderChangeReason): Effect {
  return emit('LeaderChanged', { window, from, to, reason })
}
