/**
 * A session's nodes: ephemeral nodes assigned by the pool and dedicated nodes added by the owner.
 * Together they never exceed maxNumOfNodes, and a node appears at most once in a session. That a
 * node belongs to at most one session (§15.11) needs the whole pool and is the caller's check.
 */
import type { Ctx } from '../core/context.ts'
import { emit } from '../core/effects.ts'
import { accept, reject, type Transition } from '../core/result.ts'
import { isAddress, type Address } from '../core/types.ts'
import { isNodeTypeAllowed } from './config.ts'
import { getSessionNodeCount, isSessionNode, sessionKey, settleStatus } from './state.ts'
import { NODE_TYPE_EPHEMERAL, SESSION_MODES, type SessionState } from './types.ts'

export function processAssignNodes(state: SessionState, nodes: readonly Address[], ctx: Ctx): Transition<SessionState> {
  const key = sessionKey(state.sessionId)
  if (!isNodeTypeAllowed(state.config.mode, false)) {
    return reject('WrongSessionMode', `${key}: mode ${SESSION_MODES[state.config.mode]} takes no ephemeral nodes`)
  }
  if (!Array.isArray(nodes) || nodes.length === 0) return reject('MalformedEvent', `${key}: nodes must be a non-empty list of addresses`)
  const bad = nodes.find((n) => !isAddress(n))
  if (bad !== undefined) return reject('MalformedEvent', `${key}: ${String(bad)} is not an address`)
  if (new Set(nodes).size !== nodes.length) return reject('DuplicateMiner', `${key}: a node appears twice in the assignment`)
  const present = nodes.find((n) => isSessionNode(state, n))
  if (present !== undefined) return reject('AlreadyExists', `${key}: node ${present} is already in the session`)
  const total = getSessionNodeCount(state) + nodes.length
  if (total > state.config.maxNumOfNodes) {
    return reject('SessionFull', `${key}: ${nodes.length} more nodes would make ${total}, above maxNumOfNodes ${state.config.maxNumOfNodes}`)
  }
  const next = settleStatus({ ...state, ephemeralNodes: [...state.ephemeralNodes, ...nodes] }, ctx.nowMs)
  return accept(next, [
    emit('NewNodeAssignedToSession', { sessionId: state.sessionId, nodes: [...nodes], newNodeCount: total, assignmentType: NODE_TYPE_EPHEMERAL }),
  ])
}

export function processReleaseNode(state: SessionState, node: Address, ctx: Ctx): Transition<SessionState> {
  const key = sessionKey(state.sessionId)
  if (!isAddress(node)) return reject('MalformedEvent', `${key}: ${String(node)} is not an address`)
  const index = state.ephemeralNodes.indexOf(node)
  if (index < 0) {
    const hint = state.dedicatedNodes.includes(node) ? ' (it is a dedicated node: removeDedicatedNode)' : ''
    return reject('UnknownNode', `${key}: ${node} is not an ephemeral node of the session${hint}`)
  }
  const next = settleStatus({ ...state, ephemeralNodes: without(state.ephemeralNodes, index) }, ctx.nowMs)
  return accept(next, [emit('NodeReleased', { node, sessionId: state.sessionId })])
}

export function processAddDedicatedNode(state: SessionState, node: Address, ctx: Ctx): Transition<SessionState> {
  const key = sessionKey(state.sessionId)
  if (!isNodeTypeAllowed(state.config.mode, true)) {
    return reject('WrongSessionMode', `${key}: mode ${SESSION_MODES[state.config.mode]} takes no dedicated nodes`)
  }
  if (!isAddress(node)) return reject('MalformedEvent', `${key}: ${String(node)} is not an address`)
  if (isSessionNode(state, node)) return reject('AlreadyExists', `${key}: node ${node} is already in the session`)
  if (getSessionNodeCount(state) >= state.config.maxNumOfNodes) {
    return reject('SessionFull', `${key}: already holds maxNumOfNodes ${state.config.maxNumOfNodes} nodes`)
  }
  const next = settleStatus({ ...state, dedicatedNodes: [...state.dedicatedNodes, node] }, ctx.nowMs)
  return accept(next, [emit('DedicatedNodeAdded', { sessionId: state.sessionId, node })])
}

export function processRemoveDedicatedNode(state: SessionState, node: Address, ctx: Ctx): Transition<SessionState> {
  const key = sessionKey(state.sessionId)
  if (!isAddress(node)) return reject('MalformedEvent', `${key}: ${String(node)} is not an address`)
  const index = state.dedicatedNodes.indexOf(node)
  if (index < 0) return reject('UnknownNode', `${key}: ${node} is not a dedicated node of the session`)
  const next = settleStatus({ ...state, dedicatedNodes: without(state.dedicatedNodes, index) }, ctx.nowMs)
  return accept(next, [emit('DedicatedNodeRemoved', { sessionId: state.sessionId, node })])
}

/** A copy of `list` without the entry at `index`, order kept (assignment order matters to hosts). */
export function without<T>(list: readonly T[], index: number): T[] {
  const out = list.slice(0, index)
  for (let i = index + 1; i < list.length; i++) out.push(list[i]!)
  return out
}
