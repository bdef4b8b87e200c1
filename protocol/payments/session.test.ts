// Goal: every path of the session-side ledger operations (deposit, task escrow, withdrawal).
// Method: start from fresh accounts, apply one operation and compare every balance and counter
// with the expected values, the emitted events, and the rejection codes of each bad input. Input
// accounts are frozen, so an operation that mutated them would throw.
import { describe, expect, it } from 'vitest'
import { COR, type Address } from '../core/types.ts'
import { OWNER, miner } from '../testing/fixtures.ts'
import { createNetworkAccount, createSessionAccount } from './accounts.ts'
import { depositToSession, escrowTask, withdrawSessionBalance } from './session.ts'
import type { NetworkAccount, SessionAccount } from './types.ts'

const STRANGER = miner(9)

function funded(amount: bigint): { session: SessionAccount; network: NetworkAccount } {
  const r = depositToSession(Object.freeze(createSessionAccount(3, OWNER)), Object.freeze(createNetworkAccount()), OWNER, amount)
  if (!r.ok) throw new Error(r.message)
  return { session: Object.freeze(r.state.session), network: Object.freeze(r.state.network) }
}

function code(r: { ok: boolean; code?: string }): string {
  return r.ok ? 'accepted' : r.code!
}

describe('depositToSession', () => {
  it('adds to the available balance and to the deposit totals', () => {
    const { session, network } = funded(5n * COR)
    const r = depositToSession(session, network, OWNER, 2n)
    expect(r.ok && r.state.session).toMatchObject({ available: 5n * COR + 2n, deposited: 5n * COR + 2n, escrowed: 0n })
    expect(r.ok && r.state.network.deposited).toBe(5n * COR + 2n)
    expect(r.ok && r.effects).toEqual([{ kind: 'emit', event: { name: 'DepositToSession', args: { sessionId: 3, owner: OWNER, amount: 2n } } }])
  })

  it('rejects a non-owner, a zero, a negative and a non-bigint amount, and a malformed actor', () => {
    const { session, network } = funded(1n)
    expect(code(depositToSession(session, network, STRANGER, 1n))).toBe('NotOwner')
    expect(code(depositToSession(session, network, OWNER, 0n))).toBe('ZeroAmount')
    expect(code(depositToSession(session, network, OWNER, -1n))).toBe('MalformedEvent')
    expect(code(depositToSession(session, network, OWNER, 1 as unknown as bigint))).toBe('MalformedEvent')
    expect(code(depositToSession(session, network, 'owner' as Address, 1n))).toBe('MalformedEvent')
  })
})

describe('escrowTask', () => {
  it('moves the escrow out of the available balance into an open task escrow', () => {
    const { session } = funded(10n)
    const r = escrowTask(session, 4, 7n)
    expect(r.ok && r.state.session).toMatchObject({ available: 3n, escrowed: 7n, deposited: 10n })
    expect(r.ok && r.state.escrow).toEqual({ sessionId: 3, taskId: 4, amount: 7n, status: 'Open', charged: 0n })
    expect(r.ok && r.effects).toEqual([{ kind: 'emit', event: { name: 'TaskEscrowed', args: { sessionId: 3, taskId: 4, amount: 7n } } }])
  })

  it('allows a zero escrow for a free task', () => {
    const r = escrowTask(funded(1n).session, 0, 0n)
    expect(r.ok && r.state.session.available).toBe(1n)
  })

  it('names what the session has and needs when the balance is short', () => {
    const r = escrowTask(funded(10n).session, 4, 11n)
    expect(code(r)).toBe('InsufficientBalance')
    expect(r.ok ? '' : r.message).toMatch(/have 10, need 11/)
  })

  it('rejects a negative amount and a bad task id', () => {
    const { session } = funded(10n)
    expect(code(escrowTask(session, 4, -1n))).toBe('MalformedEvent')
    expect(code(escrowTask(session, 4, 1 as unknown as bigint))).toBe('MalformedEvent')
    expect(code(escrowTask(session, -1, 1n))).toBe('MalformedEvent')
    expect(code(escrowTask(session, 1.5, 1n))).toBe('MalformedEvent')
  })
})

describe('withdrawSessionBalance', () => {
  it('pays the owner out of the available balance only', () => {
    const { session, network } = funded(10n)
    const held = escrowTask(session, 1, 6n)
    if (!held.ok) throw new Error(held.message)
    const r = withdrawSessionBalance(held.state.session, network, OWNER, 4n)
    expect(r.ok && r.state.session).toMatchObject({ available: 0n, escrowed: 6n, withdrawn: 4n })
    expect(r.ok && r.state.network.sessionWithdrawn).toBe(4n)
    expect(r.ok && r.effects[0]).toMatchObject({ event: { name: 'SessionBalanceWithdrawn', args: { amount: 4n } } })
    expect(code(withdrawSessionBalance(held.state.session, network, OWNER, 5n))).toBe('InsufficientBalance')
  })

  it('rejects a non-owner and a zero amount', () => {
    const { session, network } = funded(10n)
    expect(code(withdrawSessionBalance(session, network, STRANGER, 1n))).toBe('NotOwner')
    expect(code(withdrawSessionBalance(session, network, OWNER, 0n))).toBe('ZeroAmount')
  })
})
