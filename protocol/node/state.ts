/**
 * Building and moving a node state: creation, status changes, the node's timer. Shared by the
 * event handlers of this folder.
 */
import type { Ctx } from '../core/context.ts'
import { emit, type Effect, type TimerRef } from '../core/effects.ts'
import { assert } from '../core/result.ts'
import { isAddress, type Address, type Ms } from '../core/types.ts'
import { createReputation } from '../reputation/reputation.ts'
import type { NodeState, NodeStatus } from './types.ts'

// Statuses without data are shared constants, so moving between them allocates nothing.
export const UNREGISTERED: NodeStatus = { kind: 'Unregistered' }
export const REGISTERED: NodeStatus = { kind: 'Registered' }
export const PROBATION: NodeStatus = { kind: 'Probation' }
export const AVAILABLE: NodeStatus = { kind: 'Available' }
export const BANNED: NodeStatus = { kind: 'Banned' }

/** A node the protocol knows by address only, before it registers. */
export function createNode(address: Address, ctx: Ctx): NodeState {
  assert(isAddress(address), `node address ${String(address)} is not a canonical address`)
  return {
    address,
    status: UNREGISTERED,
    statusSeq: 0,
    statusSinceMs: ctx.nowMs,
    registeredAtMs: null,
    updatedAtMs: ctx.nowMs,
    online: false,
    lastPingAtMs: ctx.nowMs,
    missedPings: 0,
    models: [],
    dedicatedSessions: [],
    reputation: createReputation(ctx.nowMs, ctx.params),
    lastRoundId: -1,
    roundsSeenMask: 0,
  }
}

/** Fields an update may replace (the address never changes; `updatedAtMs` is always the event time). */
export type NodeChanges = Partial<Omit<NodeState, 'address' | 'updatedAtMs'>>

/**
 * `state` with `changes` applied, stamped `nowMs`. Written out as a literal on purpose: stats,
 * pings and task counts update a node millions of times per simulated day, and V8 (Node 20)
 * builds a literal several times faster than it copies an object through `{ ...state }`.
 */
export function updateNode(state: NodeState, changes: NodeChanges, nowMs: Ms): NodeState {
  return {
    address: state.address,
    status: changes.status !== undefined ? changes.status : state.status,
    statusSeq: changes.statusSeq !== undefined ? changes.statusSeq : state.statusSeq,
    statusSinceMs: changes.statusSinceMs !== undefined ? changes.statusSinceMs : state.statusSinceMs,
    registeredAtMs: changes.registeredAtMs !== undefined ? changes.registeredAtMs : state.registeredAtMs,
    updatedAtMs: nowMs,
    online: changes.online !== undefined ? changes.online : state.online,
    lastPingAtMs: changes.lastPingAtMs !== undefined ? changes.lastPingAtMs : state.lastPingAtMs,
    missedPings: changes.missedPings !== undefined ? changes.missedPings : state.missedPings,
    models: changes.models !== undefined ? changes.models : state.models,
    dedicatedSessions: changes.dedicatedSessions !== undefined ? changes.dedicatedSessions : state.dedicatedSessions,
    reputation: changes.reputation !== undefined ? changes.reputation : state.reputation,
    lastRoundId: changes.lastRoundId !== undefined ? changes.lastRoundId : state.lastRoundId,
    roundsSeenMask: changes.roundsSeenMask !== undefined ? changes.roundsSeenMask : state.roundsSeenMask,
  }
}

/**
 * Moves `state` to `status`: a new kind bumps `statusSeq` (invalidating timers of the old
 * status) and pushes a `NodeStatusChanged` event onto `effects`; new data under the same kind
 * (e.g. one more re-validation round passed) only replaces the status.
 */
export function moveTo(state: NodeState, status: NodeStatus, nowMs: Ms, effects: Effect[]): NodeState {
  if (status === state.status) return state
  if (status.kind === state.status.kind) return updateNode(state, { status }, nowMs)
  effects.push(emit('NodeStatusChanged', { node: state.address, from: state.status.kind, to: status.kind }))
  return updateNode(state, { status, statusSeq: state.statusSeq + 1, statusSinceMs: nowMs }, nowMs)
}

/** The timer of the node's current status (the reservation's release check). */
export function nodeTimer(state: NodeState): TimerRef {
  return { machine: 'node', key: state.address, phase: state.status.kind, seq: state.statusSeq }
}

/** Is a node timer for (`phase`, `seq`) still about the node's current status? */
export function isNodeTimerCurrent(state: NodeState, phase: string, seq: number): boolean {
  return state.status.kind === phase && state.statusSeq === seq
}
