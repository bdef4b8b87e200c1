/**
 * Node-side ledger operations: staking, unstaking, pulling earned payments
 * (`withdrawNodePayment`) and slashing (a `slash` effect of the task machine, §15.6).
 */
import { emit } from '../core/effects.ts'
import { accept, reject, type Rejection, type Transition } from '../core/result.ts'
import { isAddress, type Address, type Amount } from '../core/types.ts'
import { checkPositiveAmount, insufficient } from './accounts.ts'
import type { NetworkAccount, NodeAccount } from './types.ts'

export interface NodeAndNetwork {
  readonly node: NodeAccount
  readonly network: NetworkAccount
}

/** The node locks `amount` more as stake. */
export function stake(node: NodeAccount, network: NetworkAccount, actor: Address, amount: Amount): Transition<NodeAndNetwork> {
  const problem = checkSelf(node, actor, 'stake') ?? checkPositiveAmount(amount, () => `stake of ${node.address}`)
  if (problem) return problem
  return accept(
    { node: { ...node, stake: node.stake + amount, staked: node.staked + amount }, network: { ...network, staked: network.staked + amount } },
    [emit('Staked', { node: node.address, amount, stake: node.stake + amount })],
  )
}

/** The node takes `amount` of its stake back (no more than it has staked). */
export function unstake(node: NodeAccount, network: NetworkAccount, actor: Address, amount: Amount): Transition<NodeAndNetwork> {
  const what = (): string => `unstake of ${node.address}`
  const problem = checkSelf(node, actor, 'unstake') ?? checkPositiveAmount(amount, what)
  if (problem) return problem
  if (amount > node.stake) return insufficient(what, 'stake', node.stake, amount)
  return accept(
    { node: { ...node, stake: node.stake - amount, unstaked: node.unstaked + amount }, network: { ...network, unstaked: network.unstaked + amount } },
    [emit('Unstaked', { node: node.address, amount, stake: node.stake - amount })],
  )
}

/** The node pulls everything it has earned and not yet withdrawn. */
export function withdrawNodePayment(node: NodeAccount, network: NetworkAccount, actor: Address): Transition<NodeAndNetwork> {
  const problem = checkSelf(node, actor, 'withdrawNodePayment')
  if (problem) return problem
  if (node.pending === 0n) return reject('NothingToWithdraw', `withdrawNodePayment: ${node.address} has no pending payment`)
  const amount = node.pending
  return accept(
    { node: { ...node, pending: 0n, withdrawn: node.withdrawn + amount }, network: { ...network, nodeWithdrawn: network.nodeWithdrawn + amount } },
    [emit('NodePaymentWithdrawn', { node: node.address, amount })],
  )
}

/**
 * Moves `bps` of the node's stake to the treasury (rounded down, so a slash never takes more than
 * the rule says). A node without stake is slashed by zero; the event still records the verdict.
 */
export function slash(node: NodeAccount, network: NetworkAccount, bps: number, reason: string): Transition<NodeAndNetwork> {
  if (!Number.isInteger(bps) || bps < 0 || bps > 10_000) return reject('MalformedEvent', `slash of ${node.address}: ${String(bps)} bps is not an integer in [0, 10000]`)
  const amount = (node.stake * BigInt(bps)) / 10_000n
  return accept(
    {
      node: { ...node, stake: node.stake - amount, slashed: node.slashed + amount },
      network: { ...network, treasury: network.treasury + amount, slashed: network.slashed + amount },
    },
    [emit('Slashed', { node: node.address, amount, bps, reason })],
  )
}

/** Only the node itself moves its own stake and payments. */
function checkSelf(node: NodeAccount, actor: Address, what: string): Rejection | undefined {
  if (actor === node.address) return undefined
  if (!isAddress(actor)) return reject('MalformedEvent', `${what}: actor ${String(actor)} is not an address`)
  return reject('WrongActor', `${what}: ${actor} may not act for ${node.address}`)
}
