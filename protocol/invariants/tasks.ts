/** Invariant checks over user tasks and their escrows. */
import type { Ctx } from '../core/context.ts'
import { taskKey } from '../task/machine.ts'
import type { MinerSlot, TaskState } from '../task/types.ts'
import type { WorldState } from '../world/types.ts'

export function checkTaskReveals(w: WorldState, ctx: Ctx): string[] {
  const out: string[] = []
  for (const t of w.tasks.values()) {
    if (t.outcome?.result !== 'success') continue
    for (const miner of t.outcome.validMiners) {
      const slot = t.miners.find((s) => s.miner === miner)
      if (slot === undefined || slot.state !== 'Valid') {
        out.push(`task ${taskKey(t.sessionId, t.taskId)} paid ${miner} whose result is ${slot?.state ?? 'absent'}`)
        continue
      }
      if (!revealMatches(t, slot, ctx)) out.push(`task ${taskKey(t.sessionId, t.taskId)} paid ${miner} for a reveal that does not match its precommit`)
    }
  }
  return out
}

function revealMatches(t: TaskState, slot: MinerSlot, ctx: Ctx): boolean {
  if (slot.result === null || slot.salt === null || slot.precommitHash === null) return false
  const h = ctx.commit.hash(ctx.params.commitReveal.scheme, { miner: slot.miner, sessionId: t.sessionId, taskId: t.taskId, salt: slot.salt, result: slot.result })
  return h === slot.precommitHash
}

export function checkTaskPayments(w: WorldState): string[] {
  const out: string[] = []
  for (const t of w.tasks.values()) {
    const key = taskKey(t.sessionId, t.taskId)
    const escrow = w.escrows.get(key)
    if (escrow === undefined) {
      out.push(`task ${key} has no escrow`)
      continue
    }
    const expected = t.outcome === null ? 'Open' : t.outcome.result === 'success' ? 'Settled' : 'Refunded'
    if (escrow.status !== expected) out.push(`task ${key} (${t.outcome?.result ?? 'open'}) has escrow ${escrow.status}, expected ${expected}`)
    if (t.outcome?.result === 'success' && escrow.charged !== t.outcome.charge) out.push(`task ${key} charged ${escrow.charged}, outcome says ${t.outcome.charge}`)
    if (escrow.charged > escrow.amount) out.push(`task ${key} charged ${escrow.charged} out of an escrow of ${escrow.amount}`)
    if (escrow.amount !== t.escrow) out.push(`task ${key} escrow ${escrow.amount} differs from the task's ${t.escrow}`)
  }
  return out
}

export function checkTaskAssignment(w: WorldState): string[] {
  const out: string[] = []
  for (const t of w.tasks.values()) {
    const key = taskKey(t.sessionId, t.taskId)
    if (t.status === 'Queued') {
      if (t.miners.length !== 0) out.push(`queued task ${key} lists ${t.miners.length} miners`)
      continue
    }
    if (t.status === 'Ended' && t.miners.length === 0) continue // ended from the queue or after a requeue
    if (t.miners.length !== t.redundant) out.push(`task ${key} has ${t.miners.length} miners, redundant is ${t.redundant}`)
    if (new Set(t.miners.map((s) => s.miner)).size !== t.miners.length) out.push(`task ${key} lists a miner twice`)
  }
  return out
}

export function checkTaskSlots(w: WorldState): string[] {
  const out: string[] = []
  for (const t of w.tasks.values()) {
    for (const s of t.miners) {
      const revealed = s.state === 'Committed' || s.state === 'Valid' || s.state === 'Outlier'
      const precommitted = revealed || s.state === 'Precommitted'
      if (precommitted && s.precommitHash === null) out.push(`task ${taskKey(t.sessionId, t.taskId)}: ${s.miner} is ${s.state} without a precommit hash`)
      if (revealed && (s.result === null || s.salt === null)) out.push(`task ${taskKey(t.sessionId, t.taskId)}: ${s.miner} is ${s.state} without a revealed result`)
      if ((s.state === 'Valid' || s.state === 'Outlier') && s.similarity === null) out.push(`task ${taskKey(t.sessionId, t.taskId)}: ${s.miner} is ${s.state} without a similarity`)
    }
  }
  return out
}
