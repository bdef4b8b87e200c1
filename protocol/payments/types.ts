/**
 * Ledger accounts (SessionPayment, §9.1). Amounts are exact bigints in the token's smallest unit.
 *
 * Each account is its own small entity so a host holding thousands replaces only the ones an
 * operation touched. Lifetime counters sit next to balances so that every account can be checked
 * on its own (`deposited = available + escrowed + charged + withdrawn`, …) and the whole ledger
 * against the network's totals (see conservation.ts).
 */
import type { LedgerOp } from '../core/effects.ts'
import type { Address, Amount, SessionId, TaskId } from '../core/types.ts'

export interface SessionAccount {
  readonly sessionId: SessionId
  readonly owner: Address
  /** Free to escrow for new tasks or to withdraw. */
  readonly available: Amount
  /** Held for open tasks (the sum of this session's open `TaskEscrow` amounts). */
  readonly escrowed: Amount
  readonly deposited: Amount
  /** Paid to the network for settled tasks. */
  readonly charged: Amount
  /** Returned from the escrow of failed tasks (informational; the money is back in `available`). */
  readonly refunded: Amount
  readonly withdrawn: Amount
}

/** A miner, validator, router or oracle: one address may earn in several roles. */
export interface NodeAccount {
  readonly address: Address
  readonly stake: Amount
  /** Earned and not yet withdrawn (pull payments). */
  readonly pending: Amount
  readonly withdrawn: Amount
  readonly earned: Amount
  readonly slashed: Amount
  /** Lifetime amount staked in. */
  readonly staked: Amount
  /** Lifetime amount unstaked back to the node. */
  readonly unstaked: Amount
}

/** The treasury and running totals of every flow, so conservation can be checked in O(1). */
export interface NetworkAccount {
  readonly treasury: Amount
  readonly deposited: Amount
  readonly staked: Amount
  readonly charged: Amount
  /** Credited to nodes' pending payments. */
  readonly allocated: Amount
  readonly refunded: Amount
  readonly slashed: Amount
  readonly sessionWithdrawn: Amount
  readonly nodeWithdrawn: Amount
  readonly unstaked: Amount
}

/** Status of one task's escrow: open until the task settles or is refunded, exactly once. */
export const ESCROW_STATUSES = ['Open', 'Settled', 'Refunded'] as const
export type EscrowStatus = (typeof ESCROW_STATUSES)[number]

export const ESCROW_EVENT_TYPES = ['settle', 'refund'] as const
export type EscrowEventType = (typeof ESCROW_EVENT_TYPES)[number]

/** Funds held for one task; a separate entity so a session needs no per-task list. */
export interface TaskEscrow {
  readonly sessionId: SessionId
  readonly taskId: TaskId
  readonly amount: Amount
  readonly status: EscrowStatus
  /** What the task was charged when it settled (0 otherwise). */
  readonly charged: Amount
}

export type SettleTaskOp = Extract<LedgerOp, { op: 'settleTask' }>
export type RefundTaskOp = Extract<LedgerOp, { op: 'refundTask' }>

/** Read access to node accounts; a `ReadonlyMap` of every account works as is. */
export interface NodeAccountLookup {
  get(address: Address): NodeAccount | undefined
}
