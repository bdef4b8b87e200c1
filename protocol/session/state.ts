/** Reads over a session's state, shared by the machine's handlers and by hosts. */
import type { Address } from '../core/types.ts'
import type { SessionState, SessionStatus } from './types.ts'

export function sessionKey(sessionId: number): string {
  return `session ${sessionId}`
}

/** Ephemeral plus dedicated nodes: the count the apps' health rule compares with minNumOfNodes. */
export function getSessionNodeCount(state: SessionState): number {
  return state.ephemeralNodes.length + state.dedicatedNodes.length
}

/** Is `node` in the session, as an ephemeral or a dedicated node? */
export function isSessionNode(state: SessionState, node: Address): boolean {
  return state.ephemeralNodes.includes(node) || state.dedicatedNodes.includes(node)
}

export function isSessionRouter(state: SessionState, address: Address): boolean {
  return findRouter(state, address) >= 0
}

export function findRouter(state: SessionState, address: Address): number {
  for (let i = 0; i < state.routers.length; i++) if (state.routers[i]!.address === address) return i
  return -1
}

/** Ready while the session has at least minNumOfNodes nodes (the apps' health rule, §4.2). */
export function computeLiveStatus(state: SessionState): SessionStatus {
  return getSessionNodeCount(state) >= state.config.minNumOfNodes ? 'Ready' : 'Created'
}

/** `state` with its status recomputed from its nodes and its update time set. */
export function settleStatus(state: SessionState, nowMs: number): SessionState {
  return { ...state, status: computeLiveStatus(state), updatedAtMs: nowMs }
}
