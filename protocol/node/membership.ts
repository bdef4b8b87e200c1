/**
 * Who the node is and who may use it: registration (§3.1 step 1), the ACL blocklist (ban and
 * unban) and dedicated sessions (`addDedicatedNode`, `DEDICATED_NODE_AUTHORIZED_SESSIONS`).
 *
 * A node registers itself (`tool register` signs with the node key), so the actor must be the
 * node. Ban/unban come from an ACL admin and dedicated changes from a session owner; the host,
 * which knows those roles, checks them, and the actor is recorded in the emitted event.
 */
import type { Ctx } from '../core/context.ts'
import { emit, type Effect } from '../core/effects.ts'
import { accept, reject, type Transition } from '../core/result.ts'
import type { Address, SessionId } from '../core/types.ts'
import { BANNED, PROBATION, REGISTERED, moveTo, updateNode } from './state.ts'
import type { NodeState } from './types.ts'

export function processRegister(state: NodeState, actor: Address, models: readonly number[], ctx: Ctx): Transition<NodeState> {
  if (actor !== state.address) return reject('WrongActor', `node ${state.address} must register itself, not through ${actor}`)
  const effects: Effect[] = []
  const moved = moveTo(state, REGISTERED, ctx.nowMs, effects)
  const next = updateNode(moved, { registeredAtMs: ctx.nowMs, models: [...models], online: true, lastPingAtMs: ctx.nowMs, missedPings: 0 }, ctx.nowMs)
  effects.unshift(emit('NodeRegistered', { node: state.address, models: [...models] }))
  return accept(next, effects)
}

/** Blocklists the node from any status; a reserved node leaves its session (`NodeReleased`, reason banned). */
export function processBan(state: NodeState, actor: Address, ctx: Ctx): Transition<NodeState> {
  const effects: Effect[] = []
  const s = state.status
  if (s.kind === 'Reserved') {
    effects.push(emit('NodeReleased', { node: state.address, sessionId: s.sessionId, reason: 'banned', tasksExecuted: s.tasksExecuted }))
  }
  effects.push(emit('NodeBanned', { node: state.address, actor }))
  return accept(moveTo(state, BANNED, ctx.nowMs, effects), effects)
}

/** Off the blocklist: the node qualifies again from Probation; its reputation is kept. */
export function processUnban(state: NodeState, actor: Address, ctx: Ctx): Transition<NodeState> {
  const effects: Effect[] = [emit('NodeUnbanned', { node: state.address, actor })]
  return accept(moveTo(state, PROBATION, ctx.nowMs, effects), effects)
}

export function processAddDedicated(state: NodeState, actor: Address, sessionId: SessionId, ctx: Ctx): Transition<NodeState> {
  const max = ctx.params.node.maxDedicatedSessions
  if (state.dedicatedSessions.includes(sessionId)) return reject('AlreadyExists', `node ${state.address} is already dedicated to session ${sessionId}`)
  if (state.dedicatedSessions.length >= max) {
    return reject('LimitExceeded', `node ${state.address} is dedicated to ${state.dedicatedSessions.length} sessions, node.maxDedicatedSessions is ${max}`)
  }
  const next = updateNode(state, { dedicatedSessions: [...state.dedicatedSessions, sessionId] }, ctx.nowMs)
  return accept(next, [emit('DedicatedNodeAdded', { node: state.address, sessionId, actor })])
}

export function processRemoveDedicated(state: NodeState, actor: Address, sessionId: SessionId, ctx: Ctx): Transition<NodeState> {
  const index = state.dedicatedSessions.indexOf(sessionId)
  if (index < 0) return reject('UnknownSession', `node ${state.address} is not dedicated to session ${sessionId}`)
  const dedicatedSessions = state.dedicatedSessions.filter((id) => id !== sessionId)
  return accept(updateNode(state, { dedicatedSessions }, ctx.nowMs), [emit('DedicatedNodeRemoved', { node: state.address, sessionId, actor })])
}
