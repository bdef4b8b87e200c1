/**
 * The host's event kinds, payloads and event sources.
 *
 * Kinds, in rank order (at the same instant a lower rank runs first):
 * 1. `tx` — a transaction included in a block: the command reaches the world (`applyCommand`);
 * 2. `deadline` — a timer the world asked for (a phase deadline, a reservation's end);
 * 3. `notify` — an agent observes what the chain emitted (after its network delay);
 * 4. `agent` — an agent's own timer (inference finished, next ping, next arrival, a fault);
 * 5. `host` — the simulator's bookkeeping (round clock, invariant checks, samples, archiving).
 * So a block's transactions are applied before anyone reacts to the same instant, and the
 * simulator's own bookkeeping sees the instant's final state.
 *
 * Sources: 0 is the chain, 1 the host, then oracles, miners and clients by index. A transaction
 * or a notification carries the source of the agent it belongs to, so its per-source sequence
 * number makes the order of same-instant events a function of the run alone.
 */
import type { TimerRef } from '../../protocol/core/effects.ts'
import type { WorldCommand } from '../../protocol/world/types.ts'
import { defineEventKinds } from '../engine/kinds.ts'
import type { RoundRecord, RoundWork, SlotWork, TaskRecord } from './records.ts'

export const HOST_KINDS = defineEventKinds(['tx', 'deadline', 'notify', 'agent', 'host'])
export const K_TX = HOST_KINDS.rank.tx
export const K_DEADLINE = HOST_KINDS.rank.deadline
export const K_NOTIFY = HOST_KINDS.rank.notify
export const K_AGENT = HOST_KINDS.rank.agent
export const K_HOST = HOST_KINDS.rank.host

export const SRC_CHAIN = 0
export const SRC_HOST = 1

/** Who sent a transaction, so the host can account for its outcome. */
export const Origin = { setup: 0, miner: 1, duty: 2, client: 3, heartbeat: 4, watchdog: 5, pool: 6, round: 7 } as const
export type Origin = (typeof Origin)[keyof typeof Origin]

export interface TxPayload {
  readonly type: 'tx'
  readonly command: WorldCommand
  readonly origin: Origin
  /** The agent's index in its table (miner, oracle or client), or -1. */
  readonly agent: number
  /** The task or round the command is about, when there is one. */
  readonly task: TaskRecord | null
  readonly round: RoundRecord | null
  /** Decided when sent: the transaction is included but reverts. */
  readonly reverted: boolean
}

export interface TimerPayload {
  readonly type: 'timer'
  readonly timer: TimerRef
}

/** What a miner learns about one of its tasks. */
export const TaskNews = { assigned: 0, precommitOpen: 1, revealOpen: 2, peerPrecommitted: 3, peerRevealed: 4 } as const
export type TaskNews = (typeof TaskNews)[keyof typeof TaskNews]

/** What a miner learns about one of its rounds. */
export const RoundNews = { create: 0, prepare: 1, start: 2, revealOpen: 3 } as const
export type RoundNews = (typeof RoundNews)[keyof typeof RoundNews]

export type NotifyPayload =
  | { readonly type: 'minerTask'; readonly task: TaskRecord; readonly work: SlotWork; readonly news: TaskNews; readonly peer: SlotWork | null }
  | { readonly type: 'minerRound'; readonly miner: number; readonly round: RoundRecord; readonly news: RoundNews }
  | { readonly type: 'dutyTask'; readonly task: TaskRecord }
  | { readonly type: 'dutyRound'; readonly round: RoundRecord }
  | { readonly type: 'leader'; readonly oracle: number }
  | { readonly type: 'pool' }
  | { readonly type: 'deposited'; readonly client: number }

export type AgentPayload =
  | { readonly type: 'ping'; readonly miner: number }
  | { readonly type: 'inferred'; readonly task: TaskRecord; readonly work: SlotWork }
  | { readonly type: 'prepared'; readonly miner: number; readonly round: RoundRecord; readonly epoch: number }
  | { readonly type: 'completed'; readonly round: RoundRecord; readonly work: RoundWork }
  | { readonly type: 'flaky'; readonly miner: number; readonly goOffline: boolean }
  | { readonly type: 'arrival'; readonly client: number; readonly burstLeft: number }
  | { readonly type: 'oracleTick'; readonly oracle: number }
  | { readonly type: 'fault'; readonly fault: number; readonly start: boolean }

export type HostPayload =
  | { readonly type: 'roundClock' }
  | { readonly type: 'check' }
  | { readonly type: 'sample' }
  | { readonly type: 'archive' }
  | { readonly type: 'startClients' }

export type Payload = TxPayload | TimerPayload | NotifyPayload | AgentPayload | HostPayload
