/** Fresh accounts and the small checks every ledger operation shares. */
import { reject, type Rejection } from '../core/result.ts'
import type { Address, Amount, SessionId } from '../core/types.ts'
import type { NetworkAccount, NodeAccount, NodeAccountLookup, SessionAccount } from './types.ts'

/** A session's account at registration (`registerSession(sessionId, owner)`), empty. */
export function createSessionAccount(sessionId: SessionId, owner: Address): SessionAccount {
  return { sessionId, owner, available: 0n, escrowed: 0n, deposited: 0n, charged: 0n, refunded: 0n, withdrawn: 0n }
}

export function createNodeAccount(address: Address): NodeAccount {
  return { address, stake: 0n, pending: 0n, withdrawn: 0n, earned: 0n, slashed: 0n, staked: 0n, unstaked: 0n }
}

export function createNetworkAccount(): NetworkAccount {
  return {
    treasury: 0n,
    deposited: 0n,
    staked: 0n,
    charged: 0n,
    allocated: 0n,
    refunded: 0n,
    slashed: 0n,
    sessionWithdrawn: 0n,
    nodeWithdrawn: 0n,
    unstaked: 0n,
  }
}

/** The node's account, or a fresh one for an address that never had money here. */
export function getNodeAccount(nodes: NodeAccountLookup, address: Address): NodeAccount {
  return nodes.get(address) ?? createNodeAccount(address)
}

/**
 * Names the operation in a rejection message. A function, so that the message is only built when
 * an operation is rejected: accepted operations are the hot path and build no strings.
 */
export type Describe = () => string

/** A rejection unless `amount` is a bigint above zero. */
export function checkPositiveAmount(amount: Amount, what: Describe): Rejection | undefined {
  if (typeof amount !== 'bigint') return reject('MalformedEvent', `${what()}: amount ${String(amount)} is not a bigint`)
  if (amount < 0n) return reject('MalformedEvent', `${what()}: amount ${amount} is negative`)
  if (amount === 0n) return reject('ZeroAmount', `${what()}: amount must be above zero`)
  return undefined
}

/** A rejection unless `amount` is a bigint of zero or more. */
export function checkNonNegativeAmount(amount: Amount, what: Describe): Rejection | undefined {
  if (typeof amount !== 'bigint') return reject('MalformedEvent', `${what()}: amount ${String(amount)} is not a bigint`)
  if (amount < 0n) return reject('MalformedEvent', `${what()}: amount ${amount} is negative`)
  return undefined
}

/** An `InsufficientBalance` rejection naming what there is and what is needed. */
export function insufficient(what: Describe, balance: string, have: Amount, need: Amount): Rejection {
  return reject('InsufficientBalance', `${what()}: ${balance}: have ${have}, need ${need}`)
}
