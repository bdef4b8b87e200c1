/**
 * The composed protocol: every entity of one network, and the commands that act on it.
 *
 * `WorldState` is a mutable container of immutable entity states: a command replaces only the
 * entities it touched, so thousands of nodes and millions of tasks cost nothing per command but
 * what the command itself does. A command is atomic, like a transaction: if any entity it touches
 * rejects, nothing is written (see tx.ts). The commands mirror the contract calls of Cortensor's
 * published ABIs; `actor` is the caller (`msg.sender`).
 */
import type { Effect } from '../core/effects.ts'
import type { Rejection } from '../core/result.ts'
import type { Address, Amount, RoundId, SessionId, TaskId } from '../core/types.ts'
import type { NodeState, ReleaseReason } from '../node/types.ts'
import type { OracleSetState } from '../oracle/types.ts'
import type { Params } from '../params/spec.ts'
import type { NetworkAccount, NodeAccount, SessionAccount, TaskEscrow } from '../payments/types.ts'
import type { RoundEvent, RoundState } from '../round/types.ts'
import type { SessionConfig, SessionEvent, SessionState } from '../session/types.ts'
import type { TaskEvent, TaskState } from '../task/types.ts'

export interface WorldState {
  readonly params: Params
  /** The ACL administrator: registers oracles, bans and unbans nodes. */
  readonly admin: Address
  nextSessionId: SessionId
  /** Global task id across sessions (`gid`). */
  nextGid: number
  nextRoundId: RoundId
  oracle: OracleSetState
  network: NetworkAccount
  readonly sessions: Map<SessionId, SessionState>
  readonly sessionAccounts: Map<SessionId, SessionAccount>
  /** Keyed by `taskKey(sessionId, taskId)`. */
  readonly tasks: Map<string, TaskState>
  readonly escrows: Map<string, TaskEscrow>
  readonly nodes: Map<Address, NodeState>
  readonly nodeAccounts: Map<Address, NodeAccount>
  readonly rounds: Map<RoundId, RoundState>
  /** The last round each miner was picked for, for the network-task cooldown. */
  readonly lastPickedRound: Map<Address, RoundId>
}

export type WorldCommand =
  // ---- oracle set ----
  | { readonly type: 'registerOracle'; readonly actor: Address; readonly oracle: Address }
  | { readonly type: 'deregisterOracle'; readonly actor: Address; readonly oracle: Address }
  | { readonly type: 'oracleHeartbeat'; readonly actor: Address }
  | { readonly type: 'rotateLeader'; readonly actor: Address }
  // ---- nodes and stake ----
  | { readonly type: 'registerNode'; readonly actor: Address; readonly models: readonly number[] }
  | { readonly type: 'stake'; readonly actor: Address; readonly amount: Amount }
  | { readonly type: 'unstake'; readonly actor: Address; readonly amount: Amount }
  | { readonly type: 'withdrawNodePayment'; readonly actor: Address }
  | { readonly type: 'ping'; readonly actor: Address }
  | { readonly type: 'checkLiveness'; readonly node: Address }
  | { readonly type: 'banNode'; readonly actor: Address; readonly node: Address }
  | { readonly type: 'unbanNode'; readonly actor: Address; readonly node: Address }
  // ---- sessions and their money ----
  | { readonly type: 'createSession'; readonly actor: Address; readonly config: SessionConfig }
  | { readonly type: 'depositToSession'; readonly actor: Address; readonly sessionId: SessionId; readonly amount: Amount }
  | { readonly type: 'withdrawSessionBalance'; readonly actor: Address; readonly sessionId: SessionId; readonly amount: Amount }
  /** Any session event (submit, assignNodes, deactivate, …); the world adds what other entities must do. */
  | { readonly type: 'session'; readonly sessionId: SessionId; readonly event: SessionEvent }
  /** Ends a node's reservation: anyone once it is due, the owner or an oracle for `manual`. */
  | { readonly type: 'releaseNode'; readonly actor: Address; readonly node: Address; readonly reason: ReleaseReason }
  // ---- user tasks ----
  | { readonly type: 'task'; readonly sessionId: SessionId; readonly taskId: TaskId; readonly event: TaskEvent }
  // ---- network-task rounds ----
  | { readonly type: 'requestRound'; readonly actor: Address; readonly creator: Address }
  | { readonly type: 'round'; readonly roundId: RoundId; readonly event: RoundEvent }

export type WorldCommandType = WorldCommand['type']

/** Accepted: the effects for the host (emitted events and timers only; the rest were applied). */
export type WorldResult = { readonly ok: true; readonly effects: readonly Effect[] } | Rejection
