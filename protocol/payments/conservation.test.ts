// Goal: money never appears or disappears, and the conservation check notices when it does.
// Method: (1) fast-check drives random sequences of every ledger operation (deposits, escrows,
// settlements with random payees and share tables, refunds, withdrawals, stakes, unstakes,
// slashes) with random bigint amounts up to 2^300, valid and invalid alike, over frozen accounts;
// after every step the whole ledger must satisfy `checkLedgerConservation` and
// `checkEscrowBacking`, and no balance may be negative. (2) Hand-broken ledgers must each be
// reported with the identity they break.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Address } from '../core/types.ts'
import { ORACLE, OWNER, ROUTER, miner, paramsWith } from '../testing/fixtures.ts'
import { createNetworkAccount, createNodeAccount, createSessionAccount } from './accounts.ts'
import { LEDGER_CONSERVATION_STATEMENT, checkEscrowBacking, checkLedgerConservation, computeLedgerTotals } from './conservation.ts'
import { slash, stake, unstake, withdrawNodePayment } from './node.ts'
import { depositToSession, escrowTask, withdrawSessionBalance } from './session.ts'
import { refundTask, settleTask } from './settle.ts'
import type { NetworkAccount, NodeAccount, SessionAccount, TaskEscrow } from './types.ts'

const OWNERS = [OWNER, miner(50)]
const NODES: readonly Address[] = [miner(1), miner(2), miner(3), ORACLE, ROUTER]

const amountArb = fc.oneof(
  fc.bigInt({ min: -2n, max: 1_000n }),
  fc.bigInt({ min: 0n, max: 10n ** 24n }),
  fc.bigInt({ min: 0n, max: 2n ** 300n }),
)

/**
 * Taking out `raw` of a balance: half the time `raw` as it is (mostly too much when huge), half
 * the time scaled into [0, balance + 1] so that withdrawals and escrows are often accepted.
 */
function within(raw: bigint, balance: bigint, scaled: boolean): bigint {
  return scaled && raw >= 0n ? raw % (balance + 2n) : raw
}
const sessionArb = fc.integer({ min: 0, max: 1 })
const nodeArb = fc.integer({ min: 0, max: NODES.length - 1 })
const maskArb = fc.integer({ min: 0, max: (1 << NODES.length) - 1 })

const opArb = fc.oneof(
  fc.record({ kind: fc.constant('deposit' as const), s: sessionArb, amount: amountArb, byOwner: fc.boolean() }),
  fc.record({ kind: fc.constant('escrow' as const), s: sessionArb, amount: amountArb, scaled: fc.boolean() }),
  fc.record({ kind: fc.constant('settle' as const), t: fc.nat(), charge: amountArb, miners: maskArb, validators: maskArb, router: fc.boolean() }),
  fc.record({ kind: fc.constant('refund' as const), t: fc.nat() }),
  fc.record({ kind: fc.constant('withdrawSession' as const), s: sessionArb, amount: amountArb, scaled: fc.boolean() }),
  fc.record({ kind: fc.constant('stake' as const), n: nodeArb, amount: amountArb }),
  fc.record({ kind: fc.constant('unstake' as const), n: nodeArb, amount: amountArb, scaled: fc.boolean() }),
  fc.record({ kind: fc.constant('withdrawNode' as const), n: nodeArb }),
  fc.record({ kind: fc.constant('slash' as const), n: nodeArb, bps: fc.integer({ min: 0, max: 10_000 }) }),
)
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never

const sharesArb = fc
  .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }))
  .map(([a, b, c]) => [a, b, c].sort((x, y) => x - y))
  .map(([a, b, c]) =>
    paramsWith({ 'payments.minerShareBps': a!, 'payments.validatorShareBps': b! - a!, 'payments.routerShareBps': c! - b!, 'payments.treasuryShareBps': 10_000 - c! }),
  )

class Ledger {
  sessions: SessionAccount[] = OWNERS.map((o, i) => Object.freeze(createSessionAccount(i + 1, o)))
  nodes = new Map<Address, NodeAccount>()
  escrows: TaskEscrow[] = []
  network: NetworkAccount = Object.freeze(createNetworkAccount())
  readonly acceptedByKind = new Map<Op['kind'], number>()
  private current: Op['kind'] = 'deposit'

  node(i: number): NodeAccount {
    return this.nodes.get(NODES[i]!) ?? Object.freeze(createNodeAccount(NODES[i]!))
  }

  setNode(n: NodeAccount): void {
    this.nodes.set(n.address, Object.freeze(n))
  }

  apply(op: Op, params: ReturnType<typeof paramsWith>): void {
    this.current = op.kind
    switch (op.kind) {
      case 'deposit': {
        const r = depositToSession(this.sessions[op.s]!, this.network, op.byOwner ? OWNERS[op.s]! : ROUTER, op.amount)
        if (r.ok) this.take(r.state.network, () => (this.sessions[op.s] = Object.freeze(r.state.session)))
        return
      }
      case 'escrow': {
        const s = this.sessions[op.s]!
        const r = escrowTask(s, this.escrows.length, within(op.amount, s.available, op.scaled))
        if (r.ok) this.take(this.network, () => {
          this.sessions[op.s] = Object.freeze(r.state.session)
          this.escrows.push(Object.freeze(r.state.escrow))
        })
        return
      }
      case 'settle': {
        if (this.escrows.length === 0) return
        const e = this.escrows[op.t % this.escrows.length]!
        const pick = (mask: number): Address[] => NODES.filter((_, i) => (mask >> i) & 1)
        const s = this.sessions[e.sessionId - 1]!
        // Charges mostly within the escrow, sometimes just above it.
        const charge = op.charge < 0n ? op.charge : op.charge % (e.amount + 2n)
        const r = settleTask(s, e, this.nodes, this.network, { op: 'settleTask', sessionId: e.sessionId, taskId: e.taskId, charge, miners: pick(op.miners), validators: pick(op.validators), router: op.router ? ROUTER : null }, params)
        if (r.ok) this.take(r.state.network, () => {
          this.sessions[e.sessionId - 1] = Object.freeze(r.state.session)
          this.escrows[e.taskId] = Object.freeze(r.state.escrow)
          for (const n of r.state.nodes) this.setNode(n)
        })
        return
      }
      case 'refund': {
        if (this.escrows.length === 0) return
        const e = this.escrows[op.t % this.escrows.length]!
        const r = refundTask(this.sessions[e.sessionId - 1]!, e, this.network, { op: 'refundTask', sessionId: e.sessionId, taskId: e.taskId })
        if (r.ok) this.take(r.state.network, () => {
          this.sessions[e.sessionId - 1] = Object.freeze(r.state.session)
          this.escrows[e.taskId] = Object.freeze(r.state.escrow)
        })
        return
      }
      case 'withdrawSession': {
        const s = this.sessions[op.s]!
        const r = withdrawSessionBalance(s, this.network, OWNERS[op.s]!, within(op.amount, s.available, op.scaled))
        if (r.ok) this.take(r.state.network, () => (this.sessions[op.s] = Object.freeze(r.state.session)))
        return
      }
      case 'stake': {
        const r = stake(this.node(op.n), this.network, NODES[op.n]!, op.amount)
        if (r.ok) this.take(r.state.network, () => this.setNode(r.state.node))
        return
      }
      case 'unstake': {
        const n = this.node(op.n)
        const r = unstake(n, this.network, NODES[op.n]!, within(op.amount, n.stake, op.scaled))
        if (r.ok) this.take(r.state.network, () => this.setNode(r.state.node))
        return
      }
      case 'withdrawNode': {
        const r = withdrawNodePayment(this.node(op.n), this.network, NODES[op.n]!)
        if (r.ok) this.take(r.state.network, () => this.setNode(r.state.node))
        return
      }
      case 'slash': {
        const r = slash(this.node(op.n), this.network, op.bps, 'test')
        if (r.ok) this.take(r.state.network, () => this.setNode(r.state.node))
        return
      }
    }
  }

  private take(network: NetworkAccount, write: () => void): void {
    write()
    this.network = Object.freeze(network)
    this.acceptedByKind.set(this.current, (this.acceptedByKind.get(this.current) ?? 0) + 1)
  }
}

describe('ledger conservation', () => {
  it('conserves money exactly and keeps every balance non-negative under any sequence of operations', () => {
    const accepted = new Map<Op['kind'], number>()
    let total = 0
    fc.assert(
      fc.property(sharesArb, fc.array(opArb, { minLength: 10, maxLength: 120, size: 'medium' }), (params, ops) => {
        const ledger = new Ledger()
        for (const op of ops) {
          ledger.apply(op, params)
          const check = checkLedgerConservation(ledger.sessions, ledger.nodes.values(), ledger.network)
          expect(check.violations).toEqual([])
          expect(checkEscrowBacking(ledger.sessions, ledger.escrows).violations).toEqual([])
        }
        total += ops.length
        for (const [kind, n] of ledger.acceptedByKind) accepted.set(kind, (accepted.get(kind) ?? 0) + n)
        const t = computeLedgerTotals(ledger.sessions, ledger.nodes.values(), ledger.network)
        expect(t.moneyIn).toBe(t.held + t.moneyOut)
      }),
      { seed: 1_234_567, numRuns: 200 },
    )
    // The property means little if nearly every operation, or every one of a kind, was rejected.
    const acceptedTotal = [...accepted.values()].reduce((a, b) => a + b, 0)
    expect(acceptedTotal / total).toBeGreaterThan(0.3)
    for (const kind of ['deposit', 'escrow', 'settle', 'refund', 'withdrawSession', 'stake', 'unstake', 'withdrawNode', 'slash'] as const) {
      expect(accepted.get(kind) ?? 0, kind).toBeGreaterThan(50)
    }
  })
})

describe('checkLedgerConservation', () => {
  const session = { ...createSessionAccount(1, OWNER), deposited: 10n, available: 4n, escrowed: 3n, charged: 2n, withdrawn: 1n }
  const node = { ...createNodeAccount(miner(1)), staked: 9n, stake: 5n, unstaked: 3n, slashed: 1n, earned: 2n, pending: 2n }
  const network: NetworkAccount = { ...createNetworkAccount(), deposited: 10n, staked: 9n, charged: 2n, allocated: 2n, slashed: 1n, treasury: 1n, sessionWithdrawn: 1n, unstaked: 3n }

  it('accepts a consistent ledger and states its rule', () => {
    expect(checkLedgerConservation([session], [node], network)).toEqual({ ok: true, violations: [] })
    expect(LEDGER_CONSERVATION_STATEMENT).toMatch(/deposits \+ stakes/)
  })

  it('reports money created out of nothing', () => {
    const r = checkLedgerConservation([{ ...session, available: 5n }], [node], network)
    expect(r.ok).toBe(false)
    expect(r.violations.some((v) => v.startsWith('money in 19 ≠ held 16 + out 4 (difference -1)'))).toBe(true)
    expect(r.violations.some((v) => v.startsWith('session 1: deposited 10 ≠ available 5'))).toBe(true)
  })

  it('reports a node whose stake or payments do not add up, and negative balances', () => {
    const r = checkLedgerConservation([session], [{ ...node, stake: 4n, pending: -1n, withdrawn: 2n }], network)
    expect(r.violations).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/pending is negative/),
        expect.stringMatching(/staked 9 ≠ stake 4/),
        expect.stringMatching(/earned 2 ≠ pending -1 \+ withdrawn 2/),
      ]),
    )
    const neg = checkLedgerConservation([{ ...session, available: -1n, withdrawn: 6n }], [node], { ...network, sessionWithdrawn: 6n })
    expect(neg.violations).toEqual([expect.stringMatching(/session 1: available is negative/)])
  })

  it('reports network totals that disagree with the accounts and a treasury out of line', () => {
    const r = checkLedgerConservation([session], [node], { ...network, deposited: 11n })
    expect(r.violations).toEqual(['network total deposited 11 ≠ sum over accounts 10'])
    const t = checkLedgerConservation([session], [node], { ...network, treasury: 2n })
    expect(t.violations).toEqual(['money in 19 ≠ held 16 + out 4 (difference -1)', 'treasury 2 ≠ charged 2 − allocated 2 + slashed 1'])
    const negative = checkLedgerConservation([], [], { ...createNetworkAccount(), treasury: -1n, slashed: -1n })
    expect(negative.violations).toEqual(expect.arrayContaining([expect.stringMatching(/treasury is negative/)]))
  })
})

describe('checkEscrowBacking', () => {
  const escrow = (sessionId: number, amount: bigint, status: TaskEscrow['status'] = 'Open'): TaskEscrow => ({ sessionId, taskId: 1, amount, status, charged: 0n })

  it('matches each session against its open escrows only', () => {
    const s = { ...createSessionAccount(1, OWNER), escrowed: 5n }
    expect(checkEscrowBacking([s], [escrow(1, 5n), escrow(1, 9n, 'Settled')]).ok).toBe(true)
    expect(checkEscrowBacking([s], [escrow(1, 4n)]).violations).toEqual(['session 1 escrowed 5 ≠ open task escrows 4'])
    expect(checkEscrowBacking([s], [escrow(1, 5n), escrow(2, 1n)]).violations).toEqual(['open task escrows of 1 belong to unknown session 2'])
  })
})
