/**
 * User task (SessionQueue) state and events.
 *
 * Status order follows §4.6 of cortensor-protocol.md so the Solidity enum can use the same
 * numbers: Queued=0, Assigned=1, Acked=2, Precommitted=3, Committed=4, Validated=5, Ended=6.
 */
import type { Hex32 } from '../core/commit.ts'
import type { Address, Amount, Ms, SessionId, TaskId } from '../core/types.ts'

export const TASK_STATUSES = ['Queued', 'Assigned', 'Acked', 'Precommitted', 'Committed', 'Validated', 'Ended'] as const
export type TaskStatus = (typeof TASK_STATUSES)[number]

/** Per-miner result state, as `getTaskResultState` reports it. */
export const MINER_RESULT_STATES = ['Assigned', 'Acked', 'Precommitted', 'Committed', 'Valid', 'Outlier', 'TimedOut'] as const
export type MinerResultState = (typeof MINER_RESULT_STATES)[number]

export interface MinerSlot {
  readonly miner: Address
  readonly state: MinerResultState
  readonly ackedAtMs: Ms | null
  readonly precommitHash: Hex32 | null
  readonly precommitAtMs: Ms | null
  readonly result: string | null
  readonly salt: Hex32 | null
  readonly committedAtMs: Ms | null
  readonly outputTokens: number
  /** PoI similarity to the cluster centre, once validated. */
  readonly similarity: number | null
}

export type TaskOutcome =
  | { readonly result: 'success'; readonly validMiners: readonly Address[]; readonly charge: Amount }
  | { readonly result: 'failed'; readonly reason: TaskFailureReason }

export type TaskFailureReason = 'tooFewAcks' | 'tooFewPrecommits' | 'tooFewCommits' | 'noConsensus' | 'timedOut'

export interface TaskState {
  readonly sessionId: SessionId
  readonly taskId: TaskId
  /** Global id across sessions. */
  readonly gid: number
  readonly status: TaskStatus
  /** Incremented on every status change; timers carry it so a stale deadline is recognisable. */
  readonly phaseSeq: number
  /** When the current phase may be closed even if not every miner acted. */
  readonly phaseDeadlineMs: Ms | null
  readonly createdAtMs: Ms
  readonly updatedAtMs: Ms
  readonly finishedAtMs: Ms | null
  readonly redundant: number
  readonly quorum: number
  readonly modelId: number
  readonly maxTokens: number
  /** Funds held for this task since submission (returned or charged at the end). */
  readonly escrow: Amount
  readonly router: Address | null
  readonly miners: readonly MinerSlot[]
  /** Miners that timed out on this task; they are not assigned to it again. */
  readonly excluded: readonly Address[]
  readonly reassignments: number
  readonly validatedBy: Address | null
  readonly outcome: TaskOutcome | null
}

export interface PoiVerdict {
  readonly miner: Address
  readonly verdict: 'valid' | 'outlier'
  readonly similarity: number
}

export type TaskEvent =
  | { readonly type: 'assign'; readonly actor: Address; readonly miners: readonly Address[] }
  | { readonly type: 'ack'; readonly actor: Address }
  | { readonly type: 'endAck'; readonly actor: Address }
  | { readonly type: 'precommit'; readonly actor: Address; readonly hash: Hex32 }
  | { readonly type: 'endPrecommit'; readonly actor: Address }
  | { readonly type: 'commit'; readonly actor: Address; readonly result: string; readonly salt: Hex32; readonly outputTokens: number }
  | { readonly type: 'endCommit'; readonly actor: Address }
  | { readonly type: 'validate'; readonly actor: Address; readonly verdicts: readonly PoiVerdict[] }
  | { readonly type: 'end'; readonly actor: Address; readonly forceEnd: boolean }

export type TaskEventType = TaskEvent['type']

export const TASK_EVENT_TYPES: readonly TaskEventType[] = [
  'assign',
  'ack',
  'endAck',
  'precommit',
  'endPrecommit',
  'commit',
  'endCommit',
  'validate',
  'end',
]

/** Parameters of a new task, fixed at submission. */
export interface NewTask {
  readonly sessionId: SessionId
  readonly taskId: TaskId
  readonly gid: number
  readonly redundant: number
  readonly modelId: number
  readonly maxTokens: number
  readonly escrow: Amount
  readonly router: Address | null
}
