/**
 * The oracle-set machine: registration, heartbeats, leader checks for oracle actions, failover
 * and window changes (§7, §15.9).
 *
 * Every event first brings the state to the window of `nowMs`, so leadership never depends on
 * whether someone happened to call `tick`. The returned state must replace the caller's copy even
 * for `act`, because it may hold a new window or the leader's latest activity.
 */
import type { Ctx } from '../core/context.ts'
import { emit, type Effect } from '../core/effects.ts'
import { assertMove, checkAllowed } from '../core/machine.ts'
import { accept, assertNever, reject, type Transition } from '../core/result.ts'
import { isAddress, type Address, type Ms } from '../core/types.ts'
import type { Params } from '../params/spec.ts'
import { advanceWindow, computeBaseLeader, computeSilenceLimitMs, computeWindow, getSuccessor, leaderChanged } from './leadership.ts'
import { ORACLE_TABLE } from './table.ts'
import type { OracleEvent, OracleSetState } from './types.ts'

export const EMPTY_ORACLE_SET: OracleSetState = {
  status: 'Empty',
  oracles: [],
  window: 0,
  leader: null,
  leaderSinceMs: 0,
  leaderActiveAtMs: 0,
  rotatedOut: [],
}

/**
 * An oracle set with `oracles` registered at `ctx.nowMs` (any order; empty is allowed). Unlike
 * registering one by one, the base leader of the current window leads at once, so a set created
 * from a list does not depend on the list's order.
 */
export function createOracleSet(oracles: readonly Address[], ctx: Ctx): Transition<OracleSetState> {
  const bad = oracles.find((o) => !isAddress(o))
  if (bad !== undefined) return reject('MalformedEvent', `oracle ${String(bad)} is not an address`)
  const sorted = [...oracles].sort()
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1]) return reject('AlreadyExists', `oracle ${sorted[i]} is listed twice`)
  }
  if (sorted.length === 0) return accept(EMPTY_ORACLE_SET)
  const window = computeWindow(ctx.nowMs, ctx.params.oracle.windowMs)
  const leader = computeBaseLeader(sorted, window)
  const effects = sorted.map((oracle) => emit('OracleRegistered', { oracle }))
  effects.push(leaderChanged(window, null, leader, 'window'))
  return accept({ status: 'Active', oracles: sorted, window, leader, leaderSinceMs: ctx.nowMs, leaderActiveAtMs: ctx.nowMs, rotatedOut: [] }, effects)
}

/** Applies one event to the oracle set. */
export function transitionOracleSet(state: OracleSetState, event: OracleEvent, ctx: Ctx): Transition<OracleSetState> {
  return applyOracleEvent(state, event, ctx.nowMs, ctx.params)
}

/**
 * May `actor` perform an oracle action at `nowMs`? Strict mode accepts only the current leader,
 * lenient mode any registered oracle. An accepted action by the leader counts as its activity.
 */
export function authorizeOracleAction(state: OracleSetState, actor: Address, nowMs: Ms, params: Params): Transition<OracleSetState> {
  return applyOracleEvent(state, { type: 'act', actor }, nowMs, params)
}

function applyOracleEvent(state: OracleSetState, event: OracleEvent, nowMs: Ms, params: Params): Transition<OracleSetState> {
  if (event.type === 'act' && state.status === 'Empty') return reject('NotOracle', `oracle: ${String(event.actor)} is not a registered oracle (none is)`)
  const notAllowed = checkAllowed(ORACLE_TABLE, state.status, event.type)
  if (notAllowed) return notAllowed
  const malformed = checkEventShape(event)
  if (malformed) return reject('MalformedEvent', `oracle ${event.type}: ${malformed}`)
  if (!Number.isInteger(nowMs) || nowMs < 0) return reject('MalformedEvent', `oracle ${event.type}: time ${String(nowMs)} is not a non-negative integer`)
  if (state.status === 'Active' && nowMs < state.leaderActiveAtMs) {
    return reject('TimeWentBackwards', `oracle ${event.type}: time ${nowMs} ms is before the leader's last activity at ${state.leaderActiveAtMs} ms`)
  }
  const effects: Effect[] = []
  const current = advanceWindow(state, nowMs, params, effects)
  const result = dispatch(current, event, nowMs, params, effects)
  if (result.ok) assertMove(ORACLE_TABLE, state.status, event.type, result.state.status)
  return result
}

function checkEventShape(event: OracleEvent): string | undefined {
  switch (event.type) {
    case 'register':
    case 'deregister':
      return isAddress(event.oracle) ? undefined : `oracle ${String(event.oracle)} is not an address`
    case 'heartbeat':
    case 'act':
    case 'rotate':
      return isAddress(event.actor) ? undefined : `actor ${String(event.actor)} is not an address`
    case 'tick':
      return undefined
    default:
      return assertNever(event, 'oracle event')
  }
}

function dispatch(state: OracleSetState, event: OracleEvent, nowMs: Ms, params: Params, effects: Effect[]): Transition<OracleSetState> {
  switch (event.type) {
    case 'register':
      return processRegister(state, event.oracle, nowMs, params, effects)
    case 'deregister':
      return processDeregister(state, event.oracle, effects)
    case 'heartbeat':
      return processHeartbeat(state, event.actor, nowMs, effects)
    case 'act':
      return processAct(state, event.actor, nowMs, params, effects)
    case 'rotate':
      return processRotate(state, nowMs, params, effects)
    case 'tick':
      return accept(state, effects)
    default:
      return assertNever(event, 'oracle event')
  }
}

function processRegister(state: OracleSetState, oracle: Address, nowMs: Ms, params: Params, effects: Effect[]): Transition<OracleSetState> {
  if (state.status === 'Empty') {
    // The first oracle leads from the moment it registers until the window ends.
    const window = computeWindow(nowMs, params.oracle.windowMs)
    effects.push(emit('OracleRegistered', { oracle }), leaderChanged(window, null, oracle, 'window'))
    return accept({ status: 'Active', oracles: [oracle], window, leader: oracle, leaderSinceMs: nowMs, leaderActiveAtMs: nowMs, rotatedOut: [] }, effects)
  }
  const at = findInsertionIndex(state.oracles, oracle)
  if (state.oracles[at] === oracle) return reject('AlreadyExists', `oracle ${oracle} is already registered`)
  const oracles = [...state.oracles.slice(0, at), oracle, ...state.oracles.slice(at)]
  effects.push(emit('OracleRegistered', { oracle }))
  return accept({ ...state, oracles }, effects)
}

function processDeregister(state: OracleSetState, oracle: Address, effects: Effect[]): Transition<OracleSetState> {
  if (!state.oracles.includes(oracle)) return reject('UnknownOracle', `oracle ${oracle} is not registered`)
  if (state.oracles.length === 1) return reject('LastOracle', `oracle ${oracle} is the last oracle; the set may not become empty`)
  // Handing over on deregistration could return leadership to an oracle already rotated out in
  // this window; the leader leaves after a rotation or once its window is over instead.
  if (oracle === state.leader) return reject('LeaderCannotLeave', `oracle ${oracle} leads window ${state.window}; rotate it out or wait for the next window`)
  effects.push(emit('OracleDeregistered', { oracle }))
  return accept({ ...state, oracles: state.oracles.filter((o) => o !== oracle), rotatedOut: state.rotatedOut.filter((o) => o !== oracle) }, effects)
}

function processHeartbeat(state: OracleSetState, actor: Address, nowMs: Ms, effects: Effect[]): Transition<OracleSetState> {
  if (!state.oracles.includes(actor)) return reject('NotOracle', `heartbeat from ${actor}, which is not a registered oracle`)
  effects.push(emit('OracleHeartbeat', { oracle: actor, window: state.window }))
  return accept(actor === state.leader ? markActive(state, nowMs) : state, effects)
}

function processAct(state: OracleSetState, actor: Address, nowMs: Ms, params: Params, effects: Effect[]): Transition<OracleSetState> {
  // The leader is checked first: it is the common case and needs no search of the set.
  if (actor === state.leader) return accept(markActive(state, nowMs), effects)
  if (!state.oracles.includes(actor)) return reject('NotOracle', `${actor} is not a registered oracle`)
  if (params.oracle.mode === 'strict') return reject('NotLeader', `${actor} is not the leader of window ${state.window} (${String(state.leader)} is)`)
  return accept(state, effects)
}

function processRotate(state: OracleSetState, nowMs: Ms, params: Params, effects: Effect[]): Transition<OracleSetState> {
  const dueAtMs = state.leaderActiveAtMs + computeSilenceLimitMs(params.oracle)
  if (nowMs < dueAtMs) {
    return reject('PhaseNotOver', `oracle: leader ${String(state.leader)} was active at ${state.leaderActiveAtMs} ms; rotation is possible from ${dueAtMs} ms, now ${nowMs} ms`)
  }
  const successor = getSuccessor(state)
  if (successor === null) return reject('NoSuccessor', `oracle: every other oracle was already rotated out in window ${state.window}`)
  const from = state.leader!
  effects.push(leaderChanged(state.window, from, successor, 'failover'))
  return accept({ ...state, leader: successor, leaderSinceMs: nowMs, leaderActiveAtMs: nowMs, rotatedOut: [...state.rotatedOut, from] }, effects)
}

/**
 * The state with the leader active at `nowMs` (the same object when nothing changes). A literal,
 * not a spread: every oracle action passes here, and V8 builds a literal far faster.
 */
function markActive(state: OracleSetState, nowMs: Ms): OracleSetState {
  if (state.leaderActiveAtMs === nowMs) return state
  return {
    status: state.status,
    oracles: state.oracles,
    window: state.window,
    leader: state.leader,
    leaderSinceMs: state.leaderSinceMs,
    leaderActiveAtMs: nowMs,
    rotatedOut: state.rotatedOut,
  }
}

/** Where `oracle` sits or would sit in the sorted list (binary search; addresses compare as hex). */
function findInsertionIndex(oracles: readonly Address[], oracle: Address): number {
  let lo = 0
  let hi = oracles.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (oracles[mid]! < oracle) lo = mid + 1
    else hi = mid
  }
  return lo
}
