/**
 * Session-side ledger operations: deposit (`depositToSession`), holding a task's escrow, and the
 * owner withdrawing what is not held. Each touches only the accounts it names.
 */
import { emit } from '../core/effects.ts'
import { accept, reject, type Rejection, type Transition } from '../core/result.ts'
import { isAddress, type Address, type Amount, type TaskId } from '../core/types.ts'
import { checkNonNegativeAmount, checkPositiveAmount, insufficient, type Describe } from './accounts.ts'
import type { NetworkAccount, SessionAccount, TaskEscrow } from './types.ts'
import { updateSessionAccount } from './update.ts'

export interface SessionAndNetwork {
  readonly session: SessionAccount
  readonly network: NetworkAccount
}

export interface SessionAndEscrow {
  readonly session: SessionAccount
  readonly escrow: TaskEscrow
}

/** The owner adds `amount` to the session's available balance. */
export function depositToSession(session: SessionAccount, network: NetworkAccount, actor: Address, amount: Amount): Transition<SessionAndNetwork> {
  const what = (): string => `deposit to session ${session.sessionId}`
  const notOwner = checkOwner(session, actor, what)
  if (notOwner) return notOwner
  const bad = checkPositiveAmount(amount, what)
  if (bad) return bad
  return accept(
    {
      session: { ...session, available: session.available + amount, deposited: session.deposited + amount },
      network: { ...network, deposited: network.deposited + amount },
    },
    [emit('DepositToSession', { sessionId: session.sessionId, owner: actor, amount })],
  )
}

/**
 * Holds `amount` of the available balance for task `taskId` until it settles or is refunded. A
 * zero escrow is allowed: with zero prices a task is free.
 */
export function escrowTask(session: SessionAccount, taskId: TaskId, amount: Amount): Transition<SessionAndEscrow> {
  const what = (): string => `escrow for task ${session.sessionId}/${taskId}`
  if (!Number.isInteger(taskId) || taskId < 0) return reject('MalformedEvent', `${what()}: task id is not a non-negative integer`)
  const bad = checkNonNegativeAmount(amount, what)
  if (bad) return bad
  if (amount > session.available) return insufficient(what, 'available balance', session.available, amount)
  return accept(
    {
      session: updateSessionAccount(session, { available: session.available - amount, escrowed: session.escrowed + amount }),
      escrow: { sessionId: session.sessionId, taskId, amount, status: 'Open', charged: 0n },
    },
    [emit('TaskEscrowed', { sessionId: session.sessionId, taskId, amount })],
  )
}

/** The owner takes `amount` back out of the available balance (escrowed funds stay held). */
export function withdrawSessionBalance(session: SessionAccount, network: NetworkAccount, actor: Address, amount: Amount): Transition<SessionAndNetwork> {
  const what = (): string => `withdrawal from session ${session.sessionId}`
  const notOwner = checkOwner(session, actor, what)
  if (notOwner) return notOwner
  const bad = checkPositiveAmount(amount, what)
  if (bad) return bad
  if (amount > session.available) return insufficient(what, 'available balance', session.available, amount)
  return accept(
    {
      session: { ...session, available: session.available - amount, withdrawn: session.withdrawn + amount },
      network: { ...network, sessionWithdrawn: network.sessionWithdrawn + amount },
    },
    [emit('SessionBalanceWithdrawn', { sessionId: session.sessionId, owner: actor, amount })],
  )
}

function checkOwner(session: SessionAccount, actor: Address, what: Describe): Rejection | undefined {
  // The owner is a valid address, so comparing first spares the format check on the common path.
  if (actor === session.owner) return undefined
  if (!isAddress(actor)) return reject('MalformedEvent', `${what()}: actor ${String(actor)} is not an address`)
  return reject('NotOwner', `${what()}: ${actor} is not the owner ${session.owner}`)
}

/**
 * The session's ownership moved (SessionV2 `updateOwner`): deposits and withdrawals follow the new
 * owner. The session machine has already checked that the old owner asked for it.
 */
export function transferSessionAccount(session: SessionAccount, newOwner: Address): SessionAccount {
  return { ...session, owner: newOwner }
}
