/**
 * One node's lifecycle state and events (cortensor-protocol.md §3.3, §15.10, §15.11, §15.20).
 *
 * The status is a tagged union along §3.3: Unregistered → Registered → Probation → Available (in
 * the ephemeral pool) → Reserved(session) → PendingRevalidation → Available again, with Banned
 * reachable from every registered status. Being offline is not a status but an overlay
 * (`online`, `missedPings`), so a node that drops out and pings again keeps its place. Dedicated
 * sessions are a parallel track: a short list of sessions the owners attached the node to.
 */
import type { Metric } from '../core/effects.ts'
import type { Address, Ms, RoundId, SessionId } from '../core/types.ts'
import type { Reputation } from '../reputation/types.ts'

export const NODE_STATUSES = ['Unregistered', 'Registered', 'Probation', 'Available', 'Reserved', 'PendingRevalidation', 'Banned'] as const
export type NodeStatusKind = (typeof NODE_STATUSES)[number]

/** The terms of an ephemeral reservation, fixed by the session when it reserves the node. */
export interface Reservation {
  readonly sessionId: SessionId
  readonly reservedAtMs: Ms
  /** User tasks of this session the node has finished (drives release by task count). */
  readonly tasksExecuted: number
  readonly reservePeriodMs: Ms
  readonly maxTaskExecutionCount: number
}

export type NodeStatus =
  | { readonly kind: 'Unregistered' }
  | { readonly kind: 'Registered' }
  | { readonly kind: 'Probation' }
  | { readonly kind: 'Available' }
  | ({ readonly kind: 'Reserved' } & Reservation)
  | { readonly kind: 'PendingRevalidation'; readonly releasedAtMs: Ms; readonly passedRounds: number }
  | { readonly kind: 'Banned' }

export interface NodeState {
  readonly address: Address
  readonly status: NodeStatus
  /** Incremented on every status change; node timers carry it so a stale timer is recognisable. */
  readonly statusSeq: number
  readonly statusSinceMs: Ms
  readonly registeredAtMs: Ms | null
  readonly updatedAtMs: Ms
  /** Liveness overlay: false after `node.offlineAfterMissedPings` missed ping intervals. */
  readonly online: boolean
  readonly lastPingAtMs: Ms
  /** Whole ping intervals since `lastPingAtMs`, as of the last liveness check. */
  readonly missedPings: number
  /** Model ids the node serves (≤ `node.maxModels`, no duplicates). */
  readonly models: readonly number[]
  /** Sessions the node is dedicated to (≤ `node.maxDedicatedSessions`, no duplicates). */
  readonly dedicatedSessions: readonly SessionId[]
  readonly reputation: Reputation
  /**
   * Guard against a cognitive outcome being booked twice: the newest round id seen and a bit
   * mask of the 32 ids below it (bit i set = round `lastRoundId − 1 − i` seen). Rounds may end
   * out of order, so a plain "newest id" check would drop honest outcomes.
   */
  readonly lastRoundId: RoundId
  readonly roundsSeenMask: number
}

/** Why a reservation ends. `deactivated` and `manual` are always allowed; the others when due. */
export const RELEASE_REASONS = ['period', 'taskCount', 'deactivated', 'manual'] as const
export type ReleaseReason = (typeof RELEASE_REASONS)[number]

/**
 * Node events. `actor` is present where the machine or the host must check who acts: the node
 * itself (register, ping; checked here), an ACL admin (ban, unban) or a session owner
 * (addDedicated, removeDedicated), whose authority the host checks as it knows the roles.
 * The other events come from protocol effects the host routes (`stat`, `taskExecuted`,
 * `cognitiveOutcome`), from the pool (`reserve`, `release`) or from the host's clock (`checkLiveness`).
 */
export type NodeEvent =
  | { readonly type: 'register'; readonly actor: Address; readonly models: readonly number[] }
  | { readonly type: 'ping'; readonly actor: Address }
  | { readonly type: 'checkLiveness' }
  | { readonly type: 'cognitiveOutcome'; readonly roundId: RoundId; readonly success: boolean }
  | { readonly type: 'stat'; readonly metric: Metric; readonly success: boolean }
  | { readonly type: 'reserve'; readonly sessionId: SessionId; readonly reservePeriodMs: Ms; readonly maxTaskExecutionCount: number }
  | { readonly type: 'taskExecuted'; readonly sessionId: SessionId }
  | { readonly type: 'release'; readonly sessionId: SessionId; readonly reason: ReleaseReason }
  | { readonly type: 'ban'; readonly actor: Address }
  | { readonly type: 'unban'; readonly actor: Address }
  | { readonly type: 'addDedicated'; readonly actor: Address; readonly sessionId: SessionId }
  | { readonly type: 'removeDedicated'; readonly actor: Address; readonly sessionId: SessionId }

export type NodeEventType = NodeEvent['type']

export const NODE_EVENT_TYPES: readonly NodeEventType[] = [
  'register',
  'ping',
  'checkLiveness',
  'cognitiveOutcome',
  'stat',
  'reserve',
  'taskExecuted',
  'release',
  'ban',
  'unban',
  'addDedicated',
  'removeDedicated',
]
