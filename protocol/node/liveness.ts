/**
 * The liveness overlay (§15.20): a node pings every `node.pingIntervalMs`; after
 * `node.offlineAfterMissedPings` whole intervals without a ping it is offline, and the next ping
 * brings it back. Offline is not a status, so an Available or Reserved node keeps its place.
 *
 * Pings are counted in NodeStats `Ping`: a ping is a successful attempt, and each missed interval
 * a liveness check finds is a failed one, so the Ping rate measures uptime.
 */
import type { Ctx } from '../core/context.ts'
import { emit } from '../core/effects.ts'
import { accept, reject, type Transition } from '../core/result.ts'
import type { Address, Ms } from '../core/types.ts'
import type { Params } from '../params/spec.ts'
import { recordStat, recordStatBatch } from '../reputation/stats.ts'
import { updateNode } from './state.ts'
import type { NodeState } from './types.ts'

/** Whole ping intervals since the last ping at `nowMs`. */
export function computeMissedPings(state: NodeState, nowMs: Ms, params: Params): number {
  const elapsedMs = nowMs - state.lastPingAtMs
  return elapsedMs <= 0 ? 0 : Math.floor(elapsedMs / params.node.pingIntervalMs)
}

/** When the node goes offline unless it pings first (a host may schedule its liveness check here). */
export function computeOfflineAtMs(state: NodeState, params: Params): Ms {
  return state.lastPingAtMs + params.node.offlineAfterMissedPings * params.node.pingIntervalMs
}

/**
 * Is the node online at `nowMs`? Uses the clock as well as the flag, so a node whose liveness has
 * not been checked lately is not mistaken for a live one.
 */
export function isOnlineAt(state: NodeState, nowMs: Ms, params: Params): boolean {
  return state.online && computeMissedPings(state, nowMs, params) < params.node.offlineAfterMissedPings
}

export function processPing(state: NodeState, actor: Address, ctx: Ctx): Transition<NodeState> {
  if (actor !== state.address) return reject('WrongActor', `ping for node ${state.address} sent by ${actor}; a node pings for itself`)
  const nowMs = ctx.nowMs
  const next = updateNode(
    state,
    {
      online: true,
      lastPingAtMs: nowMs > state.lastPingAtMs ? nowMs : state.lastPingAtMs,
      missedPings: 0,
      reputation: recordStat(state.reputation, 'Ping', true, nowMs, ctx.params),
    },
    nowMs,
  )
  return accept(next, state.online ? [] : [emit('NodeOnline', { node: state.address })])
}

/** Books the intervals missed since the last check; takes the node offline at the threshold. */
export function processCheckLiveness(state: NodeState, ctx: Ctx): Transition<NodeState> {
  const params = ctx.params
  const missed = computeMissedPings(state, ctx.nowMs, params)
  if (missed <= state.missedPings) return accept(state)
  const goesOffline = state.online && missed >= params.node.offlineAfterMissedPings
  const next = updateNode(
    state,
    {
      online: state.online && !goesOffline,
      missedPings: missed,
      reputation: recordStatBatch(state.reputation, 'Ping', missed - state.missedPings, 0, ctx.nowMs, params),
    },
    ctx.nowMs,
  )
  return accept(next, goesOffline ? [emit('NodeOffline', { node: state.address, missedPings: missed, lastPingAtMs: state.lastPingAtMs })] : [])
}
