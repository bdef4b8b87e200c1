/**
 * Money never appears or disappears. Everything that came in (deposits and stakes) is either
 * still held (available, escrowed, pending, staked, treasury) or went out (withdrawn by sessions,
 * withdrawn by nodes, unstaked), with exact bigint equality. The invariant catalog calls
 * `checkLedgerConservation` over the whole collection at an interval the host chooses; the
 * per-account identities and the network's running totals localise a violation.
 */
import type { Amount, SessionId } from '../core/types.ts'
import type { NetworkAccount, NodeAccount, SessionAccount, TaskEscrow } from './types.ts'

export const LEDGER_CONSERVATION_STATEMENT =
  'Funds are conserved: deposits + stakes = available + escrowed + pending + stakes + treasury + everything withdrawn or unstaked, exactly, and no balance is negative.'

export interface LedgerTotals {
  readonly deposited: Amount
  readonly staked: Amount
  /** deposited + staked. */
  readonly moneyIn: Amount
  readonly available: Amount
  readonly escrowed: Amount
  readonly pending: Amount
  readonly stake: Amount
  readonly treasury: Amount
  /** available + escrowed + pending + stake + treasury. */
  readonly held: Amount
  readonly sessionWithdrawn: Amount
  readonly nodeWithdrawn: Amount
  readonly unstaked: Amount
  /** sessionWithdrawn + nodeWithdrawn + unstaked. */
  readonly moneyOut: Amount
  readonly charged: Amount
  readonly refunded: Amount
  readonly earned: Amount
  readonly slashed: Amount
}

export interface LedgerCheck {
  readonly ok: boolean
  /** One sentence per broken identity, naming the account and the amounts. */
  readonly violations: readonly string[]
}

/** Sums every account (one pass over each collection, so single-use iterators such as `map.values()` work). */
export function computeLedgerTotals(sessions: Iterable<SessionAccount>, nodes: Iterable<NodeAccount>, network: NetworkAccount): LedgerTotals {
  return sumAccounts(sessions, nodes, network, undefined)
}

function sumAccounts(sessions: Iterable<SessionAccount>, nodes: Iterable<NodeAccount>, network: NetworkAccount, violations: string[] | undefined): LedgerTotals {
  let deposited = 0n, available = 0n, escrowed = 0n, charged = 0n, refunded = 0n, sessionWithdrawn = 0n
  for (const s of sessions) {
    if (violations) checkSession(s, violations)
    deposited += s.deposited
    available += s.available
    escrowed += s.escrowed
    charged += s.charged
    refunded += s.refunded
    sessionWithdrawn += s.withdrawn
  }
  let staked = 0n, stake = 0n, pending = 0n, nodeWithdrawn = 0n, unstaked = 0n, earned = 0n, slashed = 0n
  for (const n of nodes) {
    if (violations) checkNode(n, violations)
    staked += n.staked
    stake += n.stake
    pending += n.pending
    nodeWithdrawn += n.withdrawn
    unstaked += n.unstaked
    earned += n.earned
    slashed += n.slashed
  }
  const treasury = network.treasury
  return {
    deposited,
    staked,
    moneyIn: deposited + staked,
    available,
    escrowed,
    pending,
    stake,
    treasury,
    held: available + escrowed + pending + stake + treasury,
    sessionWithdrawn,
    nodeWithdrawn,
    unstaked,
    moneyOut: sessionWithdrawn + nodeWithdrawn + unstaked,
    charged,
    refunded,
    earned,
    slashed,
  }
}

/** Checks global conservation, every account's own identities and the network's running totals. */
export function checkLedgerConservation(sessions: Iterable<SessionAccount>, nodes: Iterable<NodeAccount>, network: NetworkAccount): LedgerCheck {
  const violations: string[] = []
  const t = sumAccounts(sessions, nodes, network, violations)
  if (t.moneyIn !== t.held + t.moneyOut) {
    violations.push(`money in ${t.moneyIn} ≠ held ${t.held} + out ${t.moneyOut} (difference ${t.moneyIn - t.held - t.moneyOut})`)
  }
  const totals: readonly [string, Amount, Amount][] = [
    ['deposited', network.deposited, t.deposited],
    ['staked', network.staked, t.staked],
    ['charged', network.charged, t.charged],
    ['refunded', network.refunded, t.refunded],
    ['allocated', network.allocated, t.earned],
    ['slashed', network.slashed, t.slashed],
    ['sessionWithdrawn', network.sessionWithdrawn, t.sessionWithdrawn],
    ['nodeWithdrawn', network.nodeWithdrawn, t.nodeWithdrawn],
    ['unstaked', network.unstaked, t.unstaked],
  ]
  for (const [name, recorded, summed] of totals) {
    if (recorded !== summed) violations.push(`network total ${name} ${recorded} ≠ sum over accounts ${summed}`)
  }
  // The treasury only ever receives what was charged and not allocated, and what was slashed.
  if (network.treasury !== network.charged - network.allocated + network.slashed) {
    violations.push(`treasury ${network.treasury} ≠ charged ${network.charged} − allocated ${network.allocated} + slashed ${network.slashed}`)
  }
  if (network.treasury < 0n) violations.push(`treasury is negative (${network.treasury})`)
  return { ok: violations.length === 0, violations }
}

/** Each session's escrowed amount is exactly the sum of its open task escrows. */
export function checkEscrowBacking(sessions: Iterable<SessionAccount>, escrows: Iterable<TaskEscrow>): LedgerCheck {
  const open = new Map<SessionId, Amount>()
  for (const e of escrows) if (e.status === 'Open') open.set(e.sessionId, (open.get(e.sessionId) ?? 0n) + e.amount)
  const violations: string[] = []
  for (const s of sessions) {
    const held = open.get(s.sessionId) ?? 0n
    if (held !== s.escrowed) violations.push(`session ${s.sessionId} escrowed ${s.escrowed} ≠ open task escrows ${held}`)
    open.delete(s.sessionId)
  }
  for (const [sessionId, amount] of open) violations.push(`open task escrows of ${amount} belong to unknown session ${sessionId}`)
  return { ok: violations.length === 0, violations }
}

function checkSession(s: SessionAccount, violations: string[]): void {
  const who = `session ${s.sessionId}`
  for (const [name, v] of [['available', s.available], ['escrowed', s.escrowed], ['deposited', s.deposited], ['charged', s.charged], ['refunded', s.refunded], ['withdrawn', s.withdrawn]] as const) {
    if (v < 0n) violations.push(`${who}: ${name} is negative (${v})`)
  }
  if (s.deposited !== s.available + s.escrowed + s.charged + s.withdrawn) {
    violations.push(`${who}: deposited ${s.deposited} ≠ available ${s.available} + escrowed ${s.escrowed} + charged ${s.charged} + withdrawn ${s.withdrawn}`)
  }
}

function checkNode(n: NodeAccount, violations: string[]): void {
  const who = `node ${n.address}`
  for (const [name, v] of [['stake', n.stake], ['pending', n.pending], ['withdrawn', n.withdrawn], ['earned', n.earned], ['slashed', n.slashed], ['staked', n.staked], ['unstaked', n.unstaked]] as const) {
    if (v < 0n) violations.push(`${who}: ${name} is negative (${v})`)
  }
  if (n.staked !== n.stake + n.unstaked + n.slashed) {
    violations.push(`${who}: staked ${n.staked} ≠ stake ${n.stake} + unstaked ${n.unstaked} + slashed ${n.slashed}`)
  }
  if (n.earned !== n.pending + n.withdrawn) violations.push(`${who}: earned ${n.earned} ≠ pending ${n.pending} + withdrawn ${n.withdrawn}`)
}
