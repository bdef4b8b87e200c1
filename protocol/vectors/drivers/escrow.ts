/**
 * Vector driver for a task's escrow (`Open → Settled | Refunded`, payments/settle.ts). The escrow
 * functions take the accounts an operation touches rather than one entity, so a vector's state is
 * that tuple: the escrow, the session accounts (the escrow's own and one other session's), the node
 * accounts paid so far, and the network account. An event is the ledger op plus the session account
 * the host hands in (`account`, a session id), which is how a mismatched account can be provoked.
 */
import type { Ctx } from '../../core/context.ts'
import type { Effect } from '../../core/effects.ts'
import { reject, type Transition } from '../../core/result.ts'
import type { Rng } from '../../core/rng.ts'
import { COR, computeSyntheticAddress, type Address, type Amount, type SessionId, type TaskId } from '../../core/types.ts'
import { createNetworkAccount, createSessionAccount } from '../../payments/accounts.ts'
import { depositToSession, escrowTask } from '../../payments/session.ts'
import { refundTask, settleTask } from '../../payments/settle.ts'
import { ESCROW_TABLE } from '../../payments/table.ts'
import type { NetworkAccount, NodeAccount, RefundTaskOp, SessionAccount, SettleTaskOp, TaskEscrow } from '../../payments/types.ts'
import type { MachineDriver } from '../driver.ts'

export interface EscrowVectorState {
  readonly escrow: TaskEscrow
  readonly sessions: readonly SessionAccount[]
  /** Node accounts the ledger holds, in the order they were first credited. */
  readonly nodes: readonly NodeAccount[]
  readonly network: NetworkAccount
}

export type EscrowVectorEvent =
  | { readonly type: 'settle'; readonly account: SessionId; readonly op: SettleTaskOp }
  | { readonly type: 'refund'; readonly account: SessionId; readonly op: RefundTaskOp }

export interface EscrowVectorInput {
  readonly sessionId: SessionId
  readonly taskId: TaskId
  readonly deposit: Amount
  readonly escrow: Amount
  /** Another session, funded too: the account a confused host might hand in. */
  readonly otherSessionId: SessionId
}

const OWNER = computeSyntheticAddress(0xc11e47, 1)
const OTHER_OWNER = computeSyntheticAddress(0xc11e47, 2)
const MINERS: readonly Address[] = Array.from({ length: 4 }, (_, i) => computeSyntheticAddress(0x3113e4, i + 1))
const VALIDATORS: readonly Address[] = [1, 2].map((i) => computeSyntheticAddress(0x04ac1e, i))
const ROUTER = computeSyntheticAddress(0x4007e4, 1)

function unwrap<S>(result: Transition<S>, what: string): { state: S; effects: readonly Effect[] } {
  if (!result.ok) throw new RangeError(`escrow driver: ${what} was refused: ${result.code}: ${result.message}`)
  return { state: result.state, effects: result.effects }
}

/** The escrow's session account funded with `deposit` and holding the task's escrow, plus the other session. */
function create(input: EscrowVectorInput): { state: EscrowVectorState; effects: readonly Effect[] } {
  const own = unwrap(depositToSession(createSessionAccount(input.sessionId, OWNER), createNetworkAccount(), OWNER, input.deposit), 'the deposit')
  const other = unwrap(depositToSession(createSessionAccount(input.otherSessionId, OTHER_OWNER), own.state.network, OTHER_OWNER, input.deposit), 'the other deposit')
  const held = unwrap(escrowTask(own.state.session, input.taskId, input.escrow), 'the escrow')
  return {
    state: { escrow: held.state.escrow, sessions: [held.state.session, other.state.session], nodes: [], network: other.state.network },
    effects: [...own.effects, ...other.effects, ...held.effects],
  }
}

function transition(state: EscrowVectorState, event: EscrowVectorEvent, ctx: Ctx): Transition<EscrowVectorState> {
  const session = state.sessions.find((s) => s.sessionId === event.account)
  // The host's own lookup; the escrow functions never see an account that does not exist.
  if (session === undefined) return reject('UnknownSession', `escrow vector: no session account ${String(event.account)}`)
  const sessions = (updated: SessionAccount): SessionAccount[] => state.sessions.map((s) => (s.sessionId === updated.sessionId ? updated : s))
  if (event.type === 'refund') {
    const r = refundTask(session, state.escrow, state.network, event.op)
    if (!r.ok) return r
    return { ok: true, state: { ...state, escrow: r.state.escrow, sessions: sessions(r.state.session), network: r.state.network }, effects: r.effects }
  }
  const byAddress = new Map(state.nodes.map((n) => [n.address, n]))
  const r = settleTask(session, state.escrow, byAddress, state.network, event.op, ctx.params)
  if (!r.ok) return r
  for (const node of r.state.nodes) byAddress.set(node.address, node)
  return { ok: true, state: { escrow: r.state.escrow, sessions: sessions(r.state.session), nodes: [...byAddress.values()], network: r.state.network }, effects: r.effects }
}

function pickSome(rng: Rng, items: readonly Address[], count: number): Address[] {
  const copy = items.slice()
  for (let i = copy.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1)
    ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
  }
  return copy.slice(0, count)
}

function candidates(state: EscrowVectorState, rng: Rng): EscrowVectorEvent[] {
  const { sessionId, taskId, amount } = state.escrow
  const own = sessionId
  const other = state.sessions.find((s) => s.sessionId !== own)!.sessionId
  const miners = pickSome(rng, MINERS, 1 + rng.nextInt(3))
  const settleOp = (charge: Amount, overrides: Partial<SettleTaskOp> = {}): SettleTaskOp => ({
    op: 'settleTask',
    sessionId,
    taskId,
    charge,
    miners,
    validators: pickSome(rng, VALIDATORS, rng.nextInt(3)),
    router: rng.nextInt(2) === 0 ? ROUTER : null,
    ...overrides,
  })
  const partial = amount === 0n ? 0n : (amount * BigInt(rng.nextInt(101))) / 100n
  const refund: RefundTaskOp = { op: 'refundTask', sessionId, taskId }
  return [
    { type: 'settle', account: own, op: settleOp(partial) },
    { type: 'settle', account: own, op: settleOp(amount) },
    { type: 'settle', account: own, op: settleOp(amount + 1n) },
    { type: 'settle', account: own, op: settleOp(-1n) },
    { type: 'settle', account: own, op: settleOp(partial, { miners: [miners[0]!, miners[0]!] }) },
    { type: 'settle', account: own, op: settleOp(partial, rng.nextInt(2) === 0 ? { validators: [VALIDATORS[0]!, VALIDATORS[0]!] } : { router: '0xrouter' as Address }) },
    { type: 'settle', account: own, op: settleOp(partial, { taskId: taskId + 1 }) },
    { type: 'settle', account: other, op: settleOp(partial) },
    { type: 'refund', account: own, op: refund },
    { type: 'refund', account: rng.nextInt(2) === 0 ? other : own, op: rng.nextInt(2) === 0 ? refund : { ...refund, sessionId: other } },
  ]
}

export const escrowDriver: MachineDriver<EscrowVectorState, EscrowVectorEvent, EscrowVectorInput> = {
  table: ESCROW_TABLE,
  paramVariants: [
    {},
    // No validator share and a large router share: a settlement without validators or router pays the treasury more.
    { 'payments.minerShareBps': 7000, 'payments.validatorShareBps': 0, 'payments.routerShareBps': 2000, 'payments.treasuryShareBps': 1000 },
  ],
  initialInput(rng) {
    // Amounts beyond 2^53, so a replayer that reads them as doubles fails visibly.
    const escrow = rng.nextInt(4) === 0 ? 0n : (COR / 10n) * BigInt(1 + rng.nextInt(50)) + BigInt(rng.nextInt(1000))
    return { sessionId: 1 + rng.nextInt(20), taskId: rng.nextInt(100), deposit: escrow + COR * BigInt(rng.nextInt(3)) + 1n, escrow, otherSessionId: 21 + rng.nextInt(20) }
  },
  create: (input) => create(input),
  transition,
  statusOf: (s) => s.escrow.status,
  eventTypeOf: (e) => e.type,
  candidates: (state, rng) => candidates(state, rng),
  // Escrows have no deadlines.
  timeSteps: (_state, nowMs) => [nowMs],
  reachableRejections: ['WrongPhase', 'UnknownTask', 'UnknownSession', 'MalformedEvent', 'InsufficientBalance', 'DuplicateMiner'],
}
