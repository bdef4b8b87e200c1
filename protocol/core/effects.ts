/**
 * Effects are data: what a transition asks the world to do. The simulator and the reference node
 * are the two places that execute them (the protocol's own `world/` composer executes the ones
 * that only touch other protocol entities: ledger moves, stats and pool changes).
 */
import type { Address, Amount, Ms, RoundId, SessionId, TaskId } from './types.ts'

/** A value that survives JSON (bigints are encoded explicitly by `core/json.ts`). */
export type EventArg = string | number | boolean | bigint | null | readonly EventArg[]

/** A log entry, named like the published contract events where one exists (e.g. `TaskAcked`). */
export interface EmittedEvent {
  readonly name: string
  readonly args: Readonly<Record<string, EventArg>>
}

/** Which deadline a timer stands for; the host sends it back as a `deadline` event at `atMs`. */
export interface TimerRef {
  readonly machine: 'task' | 'round' | 'session' | 'node' | 'oracle'
  /** Entity key, e.g. `"3/17"` for session 3 task 17. */
  readonly key: string
  /** The phase the deadline closes; a deadline for a phase already left is stale. */
  readonly phase: string
  /** Phase sequence number at scheduling time, so a re-entered phase does not honour an old timer. */
  readonly seq: number
}

/** Node statistics metrics: the dashboard's names, plus `Ack` for user tasks. */
export const METRICS = [
  'Request',
  'Create',
  'Prepare',
  'Start',
  'Ack',
  'Precommit',
  'Commit',
  'End',
  'Correctness',
  'Ping',
] as const
export type Metric = (typeof METRICS)[number]

/** Money movements requested by task and session machines; applied by the payments ledger. */
export type LedgerOp =
  | {
      readonly op: 'settleTask'
      readonly sessionId: SessionId
      readonly taskId: TaskId
      /** Amount to charge out of the task's escrow; the rest goes back to the session. */
      readonly charge: Amount
      readonly miners: readonly Address[]
      readonly validators: readonly Address[]
      readonly router: Address | null
    }
  | { readonly op: 'refundTask'; readonly sessionId: SessionId; readonly taskId: TaskId }

/**
 * A task a session accepted (SessionV2.submit → SessionQueueV2.enqueueTask). The host adds what
 * the session cannot know — the global id and the escrow held by the payments ledger — and queues
 * it with `createTask`.
 */
export interface TaskRequest {
  readonly sessionId: SessionId
  readonly taskId: TaskId
  readonly redundant: number
  readonly modelId: number
  /** Decoded from llmParams (or session.defaultMaxTokens); bounds the escrow. */
  readonly maxTokens: number
  /** The registered router that submitted it, or null when the owner submitted directly. */
  readonly router: Address | null
  /** 0 ephemeral, 1 dedicated (the ABI's nodeType). */
  readonly nodeType: number
  readonly taskData: string
  readonly promptType: number
  readonly promptTemplate: string
  readonly llmParams: readonly number[]
  readonly requestParams: readonly number[]
  readonly clientReference: string
}

export type Effect =
  | { readonly kind: 'emit'; readonly event: EmittedEvent }
  /** Queue a task a session accepted (see `TaskRequest`). */
  | { readonly kind: 'enqueueTask'; readonly task: TaskRequest }
  | { readonly kind: 'schedule'; readonly timer: TimerRef; readonly atMs: Ms }
  | { readonly kind: 'stat'; readonly node: Address; readonly metric: Metric; readonly success: boolean }
  | { readonly kind: 'ledger'; readonly ledger: LedgerOp }
  /** A user task counted against the node's reservation (drives release by task count). */
  | { readonly kind: 'taskExecuted'; readonly node: Address; readonly sessionId: SessionId }
  /** Slash `bps` of the node's stake to the treasury (only when `payments.slashing` asks for it). */
  | { readonly kind: 'slash'; readonly node: Address; readonly bps: number; readonly reason: string }
  /** A network-task round finished for this node: feeds eligibility and re-validation. */
  | { readonly kind: 'cognitiveOutcome'; readonly node: Address; readonly roundId: RoundId; readonly success: boolean }

export function emit(name: string, args: Readonly<Record<string, EventArg>>): Effect {
  return { kind: 'emit', event: { name, args } }
}

export function schedule(timer: TimerRef, atMs: Ms): Effect {
  return { kind: 'schedule', timer, atMs }
}

export function stat(node: Address, metric: Metric, success: boolean): Effect {
  return { kind: 'stat', node, metric, success }
}
