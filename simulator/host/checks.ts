/**
 * Invariants during the run, and archiving what ended. The catalog (protocol/invariants) runs
 * over the whole world after every N commands or every N ms (scenario `invariants`); a violation
 * stops the run after the event in hand, with the invariant's statement, the event, and a line
 * that reproduces it. Ended tasks and rounds are archived right after a check (each has then been
 * checked in its final state once), or every minute when the run checks nothing.
 */
import { checkInvariants } from '../../protocol/invariants/catalog.ts'
import { archiveEndedRound, archiveEndedTask } from '../../protocol/world/archive.ts'
import type { SimHost } from './host.ts'

/** Details of one violation kept in metrics (the first few; the count is in the message). */
const DETAILS_MAX = 5

export function checkInvariantsNow(h: SimHost, event: string): void {
  h.ctx.nowMs = h.nowMs
  const broken = checkInvariants(h.world, h.ctx)
  h.metrics.invariantChecks++
  h.metrics.lastCheckMs = h.nowMs
  if (broken.length > 0) {
    const repro = `${h.repro} --check-every 1`
    for (const b of broken) {
      h.metrics.violations.push({ id: b.id, statement: b.statement, details: b.details.slice(0, DETAILS_MAX), atMs: h.nowMs, event, repro })
    }
    h.stopped = 'violation'
    h.sim.requestStop()
    return
  }
  archiveEnded(h)
}

export function archiveEnded(h: SimHost): void {
  const ended = h.endedTasks
  for (let i = 0; i < ended.length; i += 2) archiveEndedTask(h.world, ended[i]!, ended[i + 1]!)
  ended.length = 0
  for (const id of h.endedRounds) archiveEndedRound(h.world, id)
  h.endedRounds.length = 0
}

/** A one-paragraph description of a violation for people (CLI, errors). */
export function describeViolation(v: { id: string; statement: string; details: readonly string[]; atMs: number; event: string; repro: string }): string {
  return [`invariant ${v.id} broken at ${v.atMs} ms, after ${v.event}:`, `  ${v.statement}`, ...v.details.map((d) => `  - ${d}`), `reproduce: ${v.repro}`].join('\n')
}
