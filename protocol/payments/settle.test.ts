// Goal: the settlement split and both ways an escrow closes (settle, refund), with every rejection.
// Method: hand-computed splits for fixed charges (rounding dust and absent roles go to the
// treasury), a fast-check property that the split always adds up to the charge exactly for huge
// random charges and share tables, and settle/refund applied to frozen accounts with every field
// of the result compared against the expected movement of money.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ProtocolAssertionError } from '../core/result.ts'
import type { Address } from '../core/types.ts'
import type { Params } from '../params/spec.ts'
import { ORACLE, OWNER, ROUTER, miner, paramsWith } from '../testing/fixtures.ts'
import { createNetworkAccount, createNodeAccount, createSessionAccount } from './accounts.ts'
import { depositToSession, escrowTask } from './session.ts'
import { computeSettlementSplit, refundTask, settleTask } from './settle.ts'
import type { NetworkAccount, NodeAccount, SessionAccount, SettleTaskOp, TaskEscrow } from './types.ts'

const [M1, M2, M3] = [miner(1), miner(2), miner(3)]
const PARAMS = paramsWith()

interface World {
  readonly session: SessionAccount
  readonly escrow: TaskEscrow
  readonly network: NetworkAccount
}

/** Session 5 funded with `deposit` and task 9 escrowing `held`. */
function world(deposit: bigint, held: bigint): World {
  const d = depositToSession(createSessionAccount(5, OWNER), createNetworkAccount(), OWNER, deposit)
  if (!d.ok) throw new Error(d.message)
  const e = escrowTask(d.state.session, 9, held)
  if (!e.ok) throw new Error(e.message)
  return Object.freeze({ session: Object.freeze(e.state.session), escrow: Object.freeze(e.state.escrow), network: Object.freeze(d.state.network) })
}

function settleOp(charge: bigint, miners: readonly Address[], validators: readonly Address[] = [ORACLE], router: Address | null = ROUTER): SettleTaskOp {
  return { op: 'settleTask', sessionId: 5, taskId: 9, charge, miners, validators, router }
}

function code(r: { ok: boolean; code?: string }): string {
  return r.ok ? 'accepted' : r.code!
}

describe('computeSettlementSplit', () => {
  it('splits 80/10/5/5 with the rounding dust to the treasury', () => {
    // 1000 × 80% = 800 for 3 miners → 266 each, 2 left over; 100 validator; 50 router; 50 + 2 treasury.
    expect(computeSettlementSplit(1_000n, 3, 1, true, PARAMS.payments)).toEqual({ perMiner: 266n, perValidator: 100n, router: 50n, treasury: 52n })
  })

  it('gives the shares of absent validators, router and miners to the treasury', () => {
    expect(computeSettlementSplit(1_000n, 2, 0, false, PARAMS.payments)).toEqual({ perMiner: 400n, perValidator: 0n, router: 0n, treasury: 200n })
    expect(computeSettlementSplit(1_000n, 0, 0, false, PARAMS.payments).treasury).toBe(1_000n)
  })

  it('always pays out exactly the charge, whatever the shares, counts and size of the charge', () => {
    const shares = fc
      .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }))
      .map(([a, b, c]) => [a, b, c].sort((x, y) => x - y) as [number, number, number])
      .map(([a, b, c]) => ({ minerShareBps: a, validatorShareBps: b - a, routerShareBps: c - b, treasuryShareBps: 10_000 - c }))
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 2n ** 256n }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 5 }),
        fc.boolean(),
        shares,
        (charge, miners, validators, hasRouter, bps) => {
          const payments = { ...PARAMS.payments, ...bps }
          const s = computeSettlementSplit(charge, miners, validators, hasRouter, payments)
          expect(s.perMiner * BigInt(miners) + s.perValidator * BigInt(validators) + s.router + s.treasury).toBe(charge)
          // The treasury gets at least its own share, and loses nothing to rounding.
          expect(s.treasury).toBeGreaterThanOrEqual((charge * BigInt(bps.treasuryShareBps)) / 10_000n)
          expect(s.perMiner >= 0n && s.perValidator >= 0n && s.router >= 0n).toBe(true)
        },
      ),
      { seed: 4_242, numRuns: 500 },
    )
  })
})

describe('settleTask', () => {
  it('charges the escrow, returns the rest, credits pending payments and the treasury', () => {
    const w = world(5_000n, 1_200n)
    const existing = Object.freeze({ ...createNodeAccount(M1), stake: 77n })
    const r = settleTask(w.session, w.escrow, new Map([[M1, existing]]), w.network, settleOp(1_000n, [M1, M2, M3]), PARAMS)
    if (!r.ok) throw new Error(r.message)
    expect(r.state.session).toMatchObject({ available: 4_000n, escrowed: 0n, charged: 1_000n, deposited: 5_000n })
    expect(r.state.escrow).toMatchObject({ status: 'Settled', charged: 1_000n, amount: 1_200n })
    const byAddress = new Map(r.state.nodes.map((n) => [n.address, n]))
    expect(byAddress.get(M1)).toMatchObject({ stake: 77n, pending: 266n, earned: 266n })
    expect(byAddress.get(M3)).toMatchObject({ pending: 266n })
    expect(byAddress.get(ORACLE)!.pending).toBe(100n)
    expect(byAddress.get(ROUTER)!.pending).toBe(50n)
    expect(r.state.network).toMatchObject({ treasury: 52n, charged: 1_000n, allocated: 948n })
    const names = r.effects.map((e) => (e.kind === 'emit' ? e.event.name : e.kind))
    expect(names).toEqual(['PaymentToNetwork', 'NodePaymentAllocated', 'NodePaymentAllocated', 'NodePaymentAllocated', 'NodePaymentAllocated', 'NodePaymentAllocated'])
    expect(r.effects[0]).toMatchObject({ event: { args: { amount: 1_000n, returned: 200n, treasury: 52n } } })
  })

  it('adds up the shares of one address paid in several roles', () => {
    const w = world(1_000n, 1_000n)
    const r = settleTask(w.session, w.escrow, new Map(), w.network, settleOp(1_000n, [M1], [M1], M1), PARAMS)
    expect(r.ok && r.state.nodes).toEqual([{ ...createNodeAccount(M1), pending: 950n, earned: 950n }])
  })

  it('credits nobody when the shares round to zero, leaving it all to the treasury', () => {
    const w = world(10n, 10n)
    const r = settleTask(w.session, w.escrow, new Map<Address, NodeAccount>(), w.network, settleOp(1n, [M1, M2]), PARAMS)
    expect(r.ok && r.state.nodes).toEqual([])
    expect(r.ok && r.state.network.treasury).toBe(1n)
    expect(r.ok && r.effects).toHaveLength(1)
  })

  it('settles an escrow only once and not after a refund', () => {
    const w = world(10n, 10n)
    const s = settleTask(w.session, w.escrow, new Map(), w.network, settleOp(5n, [M1]), PARAMS)
    if (!s.ok) throw new Error(s.message)
    expect(code(settleTask(s.state.session, s.state.escrow, new Map(), s.state.network, settleOp(5n, [M1]), PARAMS))).toBe('WrongPhase')
    const f = refundTask(w.session, w.escrow, w.network, { op: 'refundTask', sessionId: 5, taskId: 9 })
    if (!f.ok) throw new Error(f.message)
    expect(code(settleTask(f.state.session, f.state.escrow, new Map(), f.state.network, settleOp(5n, [M1]), PARAMS))).toBe('WrongPhase')
  })

  it('rejects an op for another task or session', () => {
    const w = world(10n, 10n)
    expect(code(settleTask(w.session, w.escrow, new Map(), w.network, { ...settleOp(1n, [M1]), taskId: 8 }, PARAMS))).toBe('UnknownTask')
    expect(code(settleTask(w.session, { ...w.escrow, sessionId: 6 }, new Map(), w.network, { ...settleOp(1n, [M1]), sessionId: 6 }, PARAMS))).toBe('UnknownSession')
  })

  it('rejects a charge above the escrow or below zero', () => {
    const w = world(10n, 10n)
    const over = settleTask(w.session, w.escrow, new Map(), w.network, settleOp(11n, [M1]), PARAMS)
    expect(code(over)).toBe('InsufficientBalance')
    expect(over.ok ? '' : over.message).toMatch(/have 10, need 11/)
    expect(code(settleTask(w.session, w.escrow, new Map(), w.network, settleOp(-1n, [M1]), PARAMS))).toBe('MalformedEvent')
  })

  it('rejects malformed or repeated payees', () => {
    const w = world(10n, 10n)
    const run = (op: SettleTaskOp): string => code(settleTask(w.session, w.escrow, new Map(), w.network, op, PARAMS))
    expect(run(settleOp(1n, [M1, M1]))).toBe('DuplicateMiner')
    expect(run(settleOp(1n, [M1], [ORACLE, ORACLE]))).toBe('MalformedEvent')
    expect(run(settleOp(1n, ['0x1' as Address]))).toBe('MalformedEvent')
    expect(run(settleOp(1n, [M1], [], 'router' as Address))).toBe('MalformedEvent')
    expect(run({ ...settleOp(1n, []), miners: 'M1' as unknown as Address[] })).toBe('MalformedEvent')
  })

  it('refuses shares that would pay out more than the charge', () => {
    const w = world(10n, 10n)
    const bad: Params = paramsWith({ 'payments.minerShareBps': 9_000, 'payments.validatorShareBps': 1_000, 'payments.routerShareBps': 500 })
    expect(code(settleTask(w.session, w.escrow, new Map(), w.network, settleOp(10n, [M1]), bad))).toBe('InvalidParams')
  })

  it('treats a session holding less in escrow than the task as a bug', () => {
    const w = world(10n, 10n)
    expect(() => settleTask({ ...w.session, escrowed: 9n }, w.escrow, new Map(), w.network, settleOp(1n, [M1]), PARAMS)).toThrow(ProtocolAssertionError)
  })
})

describe('refundTask', () => {
  it('returns the whole escrow to the available balance', () => {
    const w = world(10n, 6n)
    const r = refundTask(w.session, w.escrow, w.network, { op: 'refundTask', sessionId: 5, taskId: 9 })
    expect(r.ok && r.state.session).toMatchObject({ available: 10n, escrowed: 0n, refunded: 6n, charged: 0n })
    expect(r.ok && r.state.escrow.status).toBe('Refunded')
    expect(r.ok && r.state.network.refunded).toBe(6n)
    expect(r.ok && r.effects).toEqual([{ kind: 'emit', event: { name: 'SessionRefunded', args: { sessionId: 5, taskId: 9, amount: 6n } } }])
  })

  it('refunds only once, only the right task and only to its session', () => {
    const w = world(10n, 6n)
    const op = { op: 'refundTask', sessionId: 5, taskId: 9 } as const
    const r = refundTask(w.session, w.escrow, w.network, op)
    if (!r.ok) throw new Error(r.message)
    expect(code(refundTask(r.state.session, r.state.escrow, r.state.network, op))).toBe('WrongPhase')
    expect(code(refundTask(w.session, w.escrow, w.network, { ...op, taskId: 1 }))).toBe('UnknownTask')
    expect(code(refundTask({ ...w.session, sessionId: 4 }, w.escrow, w.network, op))).toBe('UnknownSession')
  })
})
