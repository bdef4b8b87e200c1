/**
 * The invariant catalog: named predicates over the whole world, each with a one-sentence statement
 * that reports quote. A check returns the violations it found (empty when the invariant holds); the
 * host decides how often to run the catalog (every step in small runs, at an interval in large ones).
 */
import type { Ctx } from '../core/context.ts'
import { checkEscrowBacking, checkLedgerConservation } from '../payments/conservation.ts'
import { taskKey } from '../task/machine.ts'
import type { WorldState } from '../world/types.ts'
import { checkNodes, checkSessions } from './nodes.ts'
import { checkTaskAssignment, checkTaskPayments, checkTaskReveals, checkTaskSlots } from './tasks.ts'

export interface Invariant {
  /** Stable id, e.g. `fundsConserved`. */
  readonly id: string
  /**
   * `safety` holds after every command whatever the actors do; `liveness` holds only while honest
   * oracles act on time (so it is checked in simulations, not against arbitrary command streams).
   */
  readonly kind: 'safety' | 'liveness'
  /** One sentence a report can quote. */
  readonly statement: string
  check(world: WorldState, ctx: Ctx): string[]
}

export const INVARIANTS: readonly Invariant[] = [
  {
    id: 'fundsConserved',
    kind: 'safety',
    statement: 'Funds are conserved exactly: every deposit and stake is held in a balance, an escrow, a pending payment, a stake or the treasury, or was withdrawn.',
    check: (w) => [...checkLedgerConservation(w.sessionAccounts.values(), w.nodeAccounts.values(), w.network).violations],
  },
  {
    id: 'escrowBacked',
    kind: 'safety',
    statement: "Each session's escrowed amount equals the sum of its open task escrows.",
    check: (w) => [...checkEscrowBacking(w.sessionAccounts.values(), w.escrows.values()).violations],
  },
  {
    id: 'paidOnlyForMatchingReveals',
    kind: 'safety',
    statement: 'No miner is paid for a task unless it revealed a result matching its precommit and PoI judged it valid.',
    check: (w, ctx) => checkTaskReveals(w, ctx),
  },
  {
    id: 'settledExactlyOnce',
    kind: 'safety',
    statement: 'A succeeded task is settled exactly once and a failed one refunded exactly once; an open task holds its escrow untouched.',
    check: (w) => checkTaskPayments(w),
  },
  {
    id: 'assignmentShape',
    kind: 'safety',
    statement: 'An assigned task has exactly `redundant` distinct miners; a queued one has none.',
    check: (w) => checkTaskAssignment(w),
  },
  {
    id: 'slotConsistency',
    kind: 'safety',
    statement: "Every miner's result state carries the data it implies (a hash once precommitted, a result and salt once revealed).",
    check: (w) => checkTaskSlots(w),
  },
  {
    id: 'tasksEndOrWithinDeadline',
    kind: 'liveness',
    statement: 'Every task has ended (paid or refunded) or is still within its total timeout plus one oracle window.',
    check: (w, ctx) => {
      const out: string[] = []
      const limitMs = ctx.params.userTask.totalTimeoutMs + ctx.params.oracle.windowMs
      for (const t of w.tasks.values()) {
        if (t.status !== 'Ended' && ctx.nowMs > t.createdAtMs + limitMs) {
          out.push(`task ${taskKey(t.sessionId, t.taskId)} is ${t.status} at ${ctx.nowMs} ms, created at ${t.createdAtMs} ms (limit ${limitMs} ms)`)
        }
      }
      return out
    },
  },
  {
    id: 'oneLeader',
    kind: 'safety',
    statement: 'At every moment exactly one registered oracle leads, and a leader rotated out is not leader again in the same window.',
    check: (w) => {
      const o = w.oracle
      if (o.status === 'Empty') return o.leader === null ? [] : [`empty oracle set has leader ${o.leader}`]
      const out: string[] = []
      if (o.leader === null || !o.oracles.includes(o.leader)) out.push(`leader ${String(o.leader)} is not a registered oracle`)
      if (o.leader !== null && o.rotatedOut.includes(o.leader)) out.push(`leader ${o.leader} was rotated out in window ${o.window}`)
      return out
    },
  },
  {
    id: 'reservedNodeOneSession',
    kind: 'safety',
    statement: "A reserved node belongs to exactly one live session, and every session's ephemeral node is reserved to it.",
    check: (w) => checkSessions(w),
  },
  {
    id: 'nodeStateBounds',
    kind: 'safety',
    statement: 'Node levels stay within 0..levels.max, stats never count more successes than attempts, and a banned node is in no session.',
    check: (w, ctx) => checkNodes(w, ctx),
  },
  {
    id: 'sessionCapacity',
    kind: 'safety',
    statement: 'A session never holds more nodes than its maxNumOfNodes, nor the same node twice.',
    check: (w) => {
      const out: string[] = []
      for (const s of w.sessions.values()) {
        const all = [...s.ephemeralNodes, ...s.dedicatedNodes]
        if (all.length > s.config.maxNumOfNodes) out.push(`session ${s.sessionId} holds ${all.length} nodes, max ${s.config.maxNumOfNodes}`)
        if (new Set(all).size !== all.length) out.push(`session ${s.sessionId} lists a node twice`)
      }
      return out
    },
  },
  {
    id: 'roundRevealsMatch',
    kind: 'safety',
    statement: "Every revealed round completion hashes to its completer's precommit.",
    check: (w, ctx) => {
      const out: string[] = []
      for (const r of w.rounds.values()) {
        for (const c of r.completers) {
          if (c.completion === null) continue
          const h = computeRoundPrecommitHashFor(ctx, c.miner, r.roundId, c.salt!, c.completion)
          if (h !== c.precommitHash) out.push(`round ${r.roundId}: completion of ${c.miner} does not match its precommit`)
        }
      }
      return out
    },
  },
  {
    id: 'endedHasOutcome',
    kind: 'safety',
    statement: 'A task or round has an outcome exactly when it has ended.',
    check: (w) => {
      const out: string[] = []
      for (const t of w.tasks.values()) if ((t.status === 'Ended') !== (t.outcome !== null)) out.push(`task ${taskKey(t.sessionId, t.taskId)}: status ${t.status} with outcome ${JSON.stringify(t.outcome)}`)
      for (const r of w.rounds.values()) if ((r.status === 'End') !== (r.outcome !== null)) out.push(`round ${r.roundId}: status ${r.status} with outcome ${JSON.stringify(r.outcome)}`)
      return out
    },
  },
]

/** Through `ctx.commit`, so the check agrees with whatever scheme the host runs the machines with. */
function computeRoundPrecommitHashFor(ctx: Ctx, miner: `0x${string}`, roundId: number, salt: `0x${string}`, completion: string): string {
  return ctx.commit.roundHash(ctx.params.networkTask.commitScheme, { miner, roundId, salt, completion })
}

export interface InvariantViolation {
  readonly id: string
  readonly statement: string
  readonly details: readonly string[]
}

export interface CheckOptions {
  /** Only these invariant ids. */
  readonly only?: readonly string[]
  /** Only invariants of this kind. */
  readonly kind?: 'safety' | 'liveness'
}

/** Runs every invariant (or the selected ones) and returns the broken ones. */
export function checkInvariants(world: WorldState, ctx: Ctx, options: CheckOptions = {}): InvariantViolation[] {
  const out: InvariantViolation[] = []
  for (const inv of INVARIANTS) {
    if (options.only !== undefined && !options.only.includes(inv.id)) continue
    if (options.kind !== undefined && inv.kind !== options.kind) continue
    const details = inv.check(world, ctx)
    if (details.length > 0) out.push({ id: inv.id, statement: inv.statement, details })
  }
  return out
}
