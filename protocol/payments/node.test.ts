// Goal: every path of the node-side ledger operations (stake, unstake, withdraw, slash).
// Method: apply one operation to a frozen node account and compare stake, pending, lifetime
// counters, network totals, events and rejection codes with hand-computed values.
import { describe, expect, it } from 'vitest'
import type { Address } from '../core/types.ts'
import { miner } from '../testing/fixtures.ts'
import { createNetworkAccount, createNodeAccount } from './accounts.ts'
import { slash, stake, unstake, withdrawNodePayment } from './node.ts'
import type { NetworkAccount, NodeAccount } from './types.ts'

const M = miner(1)
const OTHER = miner(2)

function staked(amount: bigint): { node: NodeAccount; network: NetworkAccount } {
  const r = stake(Object.freeze(createNodeAccount(M)), Object.freeze(createNetworkAccount()), M, amount)
  if (!r.ok) throw new Error(r.message)
  return { node: Object.freeze(r.state.node), network: Object.freeze(r.state.network) }
}

function code(r: { ok: boolean; code?: string }): string {
  return r.ok ? 'accepted' : r.code!
}

describe('stake and unstake', () => {
  it('adds stake and records the lifetime and network totals', () => {
    const { node, network } = staked(100n)
    expect(node).toMatchObject({ stake: 100n, staked: 100n })
    expect(network.staked).toBe(100n)
    const r = stake(node, network, M, 5n)
    expect(r.ok && r.effects).toEqual([{ kind: 'emit', event: { name: 'Staked', args: { node: M, amount: 5n, stake: 105n } } }])
  })

  it('returns stake up to what is staked', () => {
    const { node, network } = staked(100n)
    const r = unstake(node, network, M, 40n)
    expect(r.ok && r.state.node).toMatchObject({ stake: 60n, unstaked: 40n, staked: 100n })
    expect(r.ok && r.state.network.unstaked).toBe(40n)
    expect(r.ok && r.effects[0]).toMatchObject({ event: { name: 'Unstaked', args: { amount: 40n, stake: 60n } } })
    const over = unstake(node, network, M, 101n)
    expect(code(over)).toBe('InsufficientBalance')
    expect(over.ok ? '' : over.message).toMatch(/have 100, need 101/)
  })

  it('rejects zero amounts, another actor and a malformed actor', () => {
    const { node, network } = staked(1n)
    expect(code(stake(node, network, M, 0n))).toBe('ZeroAmount')
    expect(code(unstake(node, network, M, 0n))).toBe('ZeroAmount')
    expect(code(stake(node, network, OTHER, 1n))).toBe('WrongActor')
    expect(code(unstake(node, network, OTHER, 1n))).toBe('WrongActor')
    expect(code(stake(node, network, 'me' as Address, 1n))).toBe('MalformedEvent')
  })
})

describe('withdrawNodePayment', () => {
  it('pays out everything pending, once', () => {
    const node = Object.freeze({ ...createNodeAccount(M), pending: 7n, earned: 9n, withdrawn: 2n })
    const r = withdrawNodePayment(node, createNetworkAccount(), M)
    expect(r.ok && r.state.node).toMatchObject({ pending: 0n, withdrawn: 9n, earned: 9n })
    expect(r.ok && r.state.network.nodeWithdrawn).toBe(7n)
    expect(r.ok && r.effects[0]).toMatchObject({ event: { name: 'NodePaymentWithdrawn', args: { node: M, amount: 7n } } })
    expect(code(withdrawNodePayment(r.ok ? r.state.node : node, createNetworkAccount(), M))).toBe('NothingToWithdraw')
  })

  it('lets only the node itself withdraw', () => {
    const node = { ...createNodeAccount(M), pending: 7n, earned: 7n }
    expect(code(withdrawNodePayment(node, createNetworkAccount(), OTHER))).toBe('WrongActor')
  })
})

describe('slash', () => {
  it('moves bps of the stake, rounded down, to the treasury', () => {
    const { node, network } = staked(1_999n)
    const r = slash(node, network, 1_000, 'missedReveal')
    expect(r.ok && r.state.node).toMatchObject({ stake: 1_800n, slashed: 199n, staked: 1_999n })
    expect(r.ok && r.state.network).toMatchObject({ treasury: 199n, slashed: 199n })
    expect(r.ok && r.effects).toEqual([{ kind: 'emit', event: { name: 'Slashed', args: { node: M, amount: 199n, bps: 1_000, reason: 'missedReveal' } } }])
  })

  it('slashes a node without stake by zero and records the verdict', () => {
    const r = slash(createNodeAccount(M), createNetworkAccount(), 10_000, 'missedReveal')
    expect(r.ok && r.state.node.slashed).toBe(0n)
    expect(r.ok && r.effects).toHaveLength(1)
  })

  it('takes the whole stake at 10000 bps and rejects bps outside [0, 10000]', () => {
    const { node, network } = staked(12n)
    const r = slash(node, network, 10_000, 'x')
    expect(r.ok && r.state.node.stake).toBe(0n)
    expect(code(slash(node, network, 10_001, 'x'))).toBe('MalformedEvent')
    expect(code(slash(node, network, -1, 'x'))).toBe('MalformedEvent')
    expect(code(slash(node, network, 0.5, 'x'))).toBe('MalformedEvent')
  })
})
