/**
 * Closing a task's escrow: `settleTask` charges the task and splits the charge (§15.13
 * interpretation, shares in `payments.*ShareBps`), `refundTask` returns the whole escrow. Both
 * apply the ledger ops the user-task machine emits, exactly once per escrow.
 *
 * Split: the miner share is divided equally among the valid miners, the validator share among the
 * validators, the router share goes to the router. The treasury receives its own share, the share
 * of any role that is absent, and every remainder of integer division, so nothing is lost to
 * rounding and nothing is created by it. Nodes are credited pending payments they pull later.
 */
import { emit, type Effect } from '../core/effects.ts'
import { assertMove, checkAllowed } from '../core/machine.ts'
import { accept, assert, ProtocolAssertionError, reject, type Rejection, type Transition } from '../core/result.ts'
import { isAddress, type Address, type Amount } from '../core/types.ts'
import type { Params } from '../params/spec.ts'
import { checkNonNegativeAmount, getNodeAccount, insufficient, type Describe } from './accounts.ts'
import { ESCROW_TABLE } from './table.ts'
import { updateEscrow, updateNetworkAccount, updateNodeAccount, updateSessionAccount } from './update.ts'
import type { EscrowEventType, NetworkAccount, NodeAccount, NodeAccountLookup, RefundTaskOp, SessionAccount, SettleTaskOp, TaskEscrow } from './types.ts'

const BPS = 10_000n

export interface SettlementSplit {
  readonly perMiner: Amount
  readonly perValidator: Amount
  readonly router: Amount
  /** The treasury share, the shares of absent roles and every rounding remainder. */
  readonly treasury: Amount
}

export interface SettlementResult {
  readonly session: SessionAccount
  readonly escrow: TaskEscrow
  /** Only the node accounts credited (new ones included); the host writes them back. */
  readonly nodes: readonly NodeAccount[]
  readonly network: NetworkAccount
}

export interface RefundResult {
  readonly session: SessionAccount
  readonly escrow: TaskEscrow
  readonly network: NetworkAccount
}

/** How `charge` is divided among `miners` miners, `validators` validators, a router and the treasury. */
export function computeSettlementSplit(charge: Amount, miners: number, validators: number, hasRouter: boolean, payments: Params['payments']): SettlementSplit {
  const perMiner = miners > 0 ? (charge * BigInt(payments.minerShareBps)) / BPS / BigInt(miners) : 0n
  const perValidator = validators > 0 ? (charge * BigInt(payments.validatorShareBps)) / BPS / BigInt(validators) : 0n
  const router = hasRouter ? (charge * BigInt(payments.routerShareBps)) / BPS : 0n
  const treasury = charge - perMiner * BigInt(miners) - perValidator * BigInt(validators) - router
  if (treasury < 0n) throw new ProtocolAssertionError(`settlement split pays out more than the charge ${charge}: the payment shares exceed 10000 bps`)
  return { perMiner, perValidator, router, treasury }
}

/** Applies a `settleTask` ledger op to the task's escrow, its session, the payees and the network. */
export function settleTask(
  session: SessionAccount,
  escrow: TaskEscrow,
  nodes: NodeAccountLookup,
  network: NetworkAccount,
  op: SettleTaskOp,
  params: Params,
): Transition<SettlementResult> {
  const problem = checkEscrowOp(session, escrow, op, 'settle') ?? checkSettleOp(escrow, op) ?? checkShares(params.payments)
  if (problem) return problem
  const charge = op.charge
  const split = computeSettlementSplit(charge, op.miners.length, op.validators.length, op.router !== null, params.payments)
  const credited = new Map<Address, NodeAccount>()
  const effects: Effect[] = [
    emit('PaymentToNetwork', { sessionId: op.sessionId, taskId: op.taskId, amount: charge, returned: escrow.amount - charge, treasury: split.treasury }),
  ]
  const pay = (node: Address, amount: Amount, role: string): void => {
    if (amount === 0n) return
    const account = credited.get(node) ?? getNodeAccount(nodes, node)
    credited.set(node, updateNodeAccount(account, { pending: account.pending + amount, earned: account.earned + amount }))
    effects.push(emit('NodePaymentAllocated', { node, sessionId: op.sessionId, taskId: op.taskId, amount, role }))
  }
  for (const m of op.miners) pay(m, split.perMiner, 'miner')
  for (const v of op.validators) pay(v, split.perValidator, 'validator')
  if (op.router !== null) pay(op.router, split.router, 'router')
  const allocated = charge - split.treasury
  const settled: TaskEscrow = updateEscrow(escrow, { status: 'Settled', charged: charge })
  assertMove(ESCROW_TABLE, escrow.status, 'settle', settled.status)
  return accept(
    {
      session: updateSessionAccount(session, { escrowed: session.escrowed - escrow.amount, available: session.available + (escrow.amount - charge), charged: session.charged + charge }),
      escrow: settled,
      nodes: [...credited.values()],
      network: updateNetworkAccount(network, { treasury: network.treasury + split.treasury, charged: network.charged + charge, allocated: network.allocated + allocated }),
    },
    effects,
  )
}

/** Applies a `refundTask` ledger op: the whole escrow goes back to the session's available balance. */
export function refundTask(session: SessionAccount, escrow: TaskEscrow, network: NetworkAccount, op: RefundTaskOp): Transition<RefundResult> {
  const problem = checkEscrowOp(session, escrow, op, 'refund')
  if (problem) return problem
  const refunded: TaskEscrow = updateEscrow(escrow, { status: 'Refunded' })
  assertMove(ESCROW_TABLE, escrow.status, 'refund', refunded.status)
  return accept(
    {
      session: updateSessionAccount(session, { escrowed: session.escrowed - escrow.amount, available: session.available + escrow.amount, refunded: session.refunded + escrow.amount }),
      escrow: refunded,
      network: updateNetworkAccount(network, { refunded: network.refunded + escrow.amount }),
    },
    [emit('SessionRefunded', { sessionId: op.sessionId, taskId: op.taskId, amount: escrow.amount })],
  )
}

/** The escrow is open, belongs to the op's task and to this session. */
function checkEscrowOp(session: SessionAccount, escrow: TaskEscrow, op: SettleTaskOp | RefundTaskOp, event: EscrowEventType): Rejection | undefined {
  const notAllowed = checkAllowed(ESCROW_TABLE, escrow.status, event)
  if (notAllowed) return reject('WrongPhase', `escrow of task ${escrow.sessionId}/${escrow.taskId}: ${notAllowed.message}`)
  if (op.sessionId !== escrow.sessionId || op.taskId !== escrow.taskId) {
    return reject('UnknownTask', `escrow of task ${escrow.sessionId}/${escrow.taskId} does not belong to task ${op.sessionId}/${op.taskId}`)
  }
  if (session.sessionId !== escrow.sessionId) {
    return reject('UnknownSession', `escrow of task ${escrow.sessionId}/${escrow.taskId} is not held by session ${session.sessionId}`)
  }
  assert(session.escrowed >= escrow.amount, 'session holds less in escrow than one of its open task escrows')
  return undefined
}

function checkSettleOp(escrow: TaskEscrow, op: SettleTaskOp): Rejection | undefined {
  const what = (): string => `settlement of task ${escrow.sessionId}/${escrow.taskId}`
  const bad = checkNonNegativeAmount(op.charge, what)
  if (bad) return bad
  if (op.charge > escrow.amount) return insufficient(what, 'escrow', escrow.amount, op.charge)
  const payees = checkPayees(op.miners, 'miner', what) ?? checkPayees(op.validators, 'validator', what)
  if (payees) return payees
  if (op.router !== null && !isAddress(op.router)) return reject('MalformedEvent', `${what()}: router ${String(op.router)} is not an address`)
  return undefined
}

function checkPayees(list: readonly Address[], role: 'miner' | 'validator', what: Describe): Rejection | undefined {
  if (!Array.isArray(list)) return reject('MalformedEvent', `${what()}: ${role}s must be a list of addresses`)
  for (const a of list) if (!isAddress(a)) return reject('MalformedEvent', `${what()}: ${role} ${String(a)} is not an address`)
  // Each payee of a role gets one equal share; a repeated address would take two.
  if (hasDuplicate(list)) return reject(role === 'miner' ? 'DuplicateMiner' : 'MalformedEvent', `${what()}: a ${role} appears twice`)
  return undefined
}

/** Pairwise for the usual handful of payees (no allocation), a set for long lists. */
function hasDuplicate(list: readonly Address[]): boolean {
  if (list.length > 16) return new Set(list).size !== list.length
  for (let i = 1; i < list.length; i++) for (let j = 0; j < i; j++) if (list[i] === list[j]) return true
  return false
}

/** Shares above 100% would pay out more than the charge; the catalog's validation forbids it. */
function checkShares(payments: Params['payments']): Rejection | undefined {
  const sum = payments.minerShareBps + payments.validatorShareBps + payments.routerShareBps
  if (sum > 10_000) return reject('InvalidParams', `payment shares of miners, validators and router sum to ${sum} bps, above 10000`)
  return undefined
}
