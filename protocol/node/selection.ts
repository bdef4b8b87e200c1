/**
 * What the selection module sees of a node (§6, §15.8): may it be picked for a requirement, and
 * its candidate record `{ address, reputation, stake }` for weighted sampling.
 *
 * Selectable means registered, not banned, online at `nowMs`, in the pool (Available), serving
 * the model, at or above the SLA level and staked at least `selection.minStake`. Two cases skip
 * the pool check, as they are about a session's own nodes rather than the pool: a node dedicated
 * to `requirement.sessionId`, and a node already reserved by that session. Model, level and stake
 * still apply to them. These checks run for every candidate of every draw, so the reason is a
 * bare code, with no message built.
 */
import type { Amount, Address, Ms, SessionId } from '../core/types.ts'
import type { Params } from '../params/spec.ts'
import { computeReputationScore } from '../reputation/stats.ts'
import { isOnlineAt } from './liveness.ts'
import type { NodeState } from './types.ts'

export interface SelectionRequirement {
  readonly modelId: number
  /** Lowest node level the session's SLA tier accepts. */
  readonly minLevel: number
  /** The node's stake, from the ledger. */
  readonly stake: Amount
  /** The session selecting, when its dedicated or reserved nodes should count as selectable. */
  readonly sessionId?: SessionId
}

export type NotSelectableReason =
  | 'NotRegistered'
  | 'NodeBanned'
  | 'NodeOffline'
  | 'NodeReserved'
  | 'NodeNotAvailable'
  | 'ModelNotServed'
  | 'LevelTooLow'
  | 'StakeTooLow'

/** Why the node cannot be picked for `requirement` at `nowMs`, or null when it can. */
export function checkSelectable(node: NodeState, requirement: SelectionRequirement, nowMs: Ms, params: Params): NotSelectableReason | null {
  const s = node.status
  if (s.kind === 'Unregistered') return 'NotRegistered'
  if (s.kind === 'Banned') return 'NodeBanned'
  if (!isOnlineAt(node, nowMs, params)) return 'NodeOffline'
  if (s.kind !== 'Available' && !isSessionOwnNode(node, requirement.sessionId)) return s.kind === 'Reserved' ? 'NodeReserved' : 'NodeNotAvailable'
  if (!node.models.includes(requirement.modelId)) return 'ModelNotServed'
  if (node.reputation.level.level < requirement.minLevel) return 'LevelTooLow'
  if (requirement.stake < params.selection.minStake) return 'StakeTooLow'
  return null
}

export function isSelectable(node: NodeState, requirement: SelectionRequirement, nowMs: Ms, params: Params): boolean {
  return checkSelectable(node, requirement, nowMs, params) === null
}

/** Is the node dedicated to, or reserved by, `sessionId`? */
function isSessionOwnNode(node: NodeState, sessionId: SessionId | undefined): boolean {
  if (sessionId === undefined) return false
  if (node.status.kind === 'Reserved' && node.status.sessionId === sessionId) return true
  return node.dedicatedSessions.includes(sessionId)
}

export interface SelectionCandidate {
  readonly address: Address
  /** Reputation score R in [0, 1] at the time of selection. */
  readonly reputation: number
  readonly stake: Amount
}

/** The node as a selection candidate, with its reputation score at `nowMs`. */
export function toSelectionCandidate(node: NodeState, stake: Amount, nowMs: Ms, params: Params): SelectionCandidate {
  return { address: node.address, reputation: computeReputationScore(node.reputation, nowMs, params), stake }
}
