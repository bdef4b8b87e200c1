/**
 * The leader's duties for user tasks: for each open task, ask `getTaskDuty` what is owed at the
 * latest block's time and, if anything, supply what the duty needs and send it —
 *   assign: `redundant` miners drawn by the protocol's weighted selection (`selectMiners`) among
 *           the session's nodes that are selectable for it (`checkSelectable`) and did not time
 *           out on this task before; when the session has too few, the pool step reserves more;
 *   endAck / endPrecommit / endCommit / end: the call itself;
 *   validate: PoI verdicts on the revealed results (poi.ts).
 * Phase ends are never decided here: `getTaskDuty` decides them.
 */
import type { Address } from '../../protocol/core/types.ts'
import { checkSelectable, toSelectionCandidate, type SelectionCandidate } from '../../protocol/node/selection.ts'
import { getTaskDuty } from '../../protocol/policy/oracle.ts'
import { selectMiners } from '../../protocol/selection/select.ts'
import type { TaskEvent, TaskState } from '../../protocol/task/types.ts'
import type { OracleWork } from './oracle-work.ts'
import type { SweepView } from './oracle-tracking.ts'
import { judgeTexts } from './poi.ts'

export async function performTaskDuties(w: OracleWork, view: SweepView, nowMs: number): Promise<void> {
  for (const ref of w.tracking.sortedTasks()) {
    if (w.ctx.signal.aborted) return
    const task = await w.ctx.chain.readTask(ref.sessionId, ref.taskId)
    const entity = `task:${ref.sessionId}/${ref.taskId}`
    if (task === null || task.status === 'Ended') {
      w.tracking.tasks.delete(`${ref.sessionId}/${ref.taskId}`)
      w.ctx.tx.forget(entity)
      continue
    }
    await performTaskDuty(w, view, task, entity, nowMs)
  }
}

async function performTaskDuty(w: OracleWork, view: SweepView, task: TaskState, entity: string, nowMs: number): Promise<void> {
  const { ctx, settings } = w
  const duty = getTaskDuty(task, nowMs, ctx.params)
  if (duty === null) return
  const action = `${duty.kind}#${task.phaseSeq}`
  const options = { retryAfterMs: settings.dutyRetryMs }
  if (!ctx.tx.wouldSend(entity, action, options)) return
  const actor = ctx.me
  let event: TaskEvent
  switch (duty.kind) {
    case 'assign': {
      const miners = await pickTaskMiners(w, view, task, duty.count, nowMs)
      if (miners === null) return
      event = { type: 'assign', actor, miners }
      break
    }
    case 'endAck':
    case 'endPrecommit':
    case 'endCommit':
      event = { type: duty.kind, actor }
      break
    case 'validate': {
      const revealed = task.miners.filter((s) => s.state === 'Committed').map((s) => ({ miner: s.miner, text: s.result! }))
      event = { type: 'validate', actor, verdicts: await judgeTexts(w.embedder, revealed, ctx.params, settings.corpusMean) }
      break
    }
    case 'end':
      event = { type: 'end', actor, forceEnd: duty.forceEnd }
      break
  }
  await ctx.tx.send(entity, action, { type: 'task', sessionId: task.sessionId, taskId: task.taskId, event }, options)
}

/** `count` of the session's nodes by weighted selection, or null when too few are selectable. */
async function pickTaskMiners(w: OracleWork, view: SweepView, task: TaskState, count: number, nowMs: number): Promise<Address[] | null> {
  const session = await view.session(task.sessionId)
  if (session === null) return null
  const params = w.ctx.params
  const requirement = { modelId: session.config.modelIdentifier, minLevel: session.config.sla, sessionId: session.sessionId }
  const candidates: SelectionCandidate[] = []
  const members = [...new Set([...session.ephemeralNodes, ...session.dedicatedNodes])].sort()
  for (const address of members) {
    if (task.excluded.includes(address)) continue
    const node = await view.node(address)
    if (node === null) continue
    const stake = await view.stake(address)
    if (checkSelectable(node, { ...requirement, stake }, nowMs, params) !== null) continue
    candidates.push(toSelectionCandidate(node, stake, nowMs, params))
  }
  if (candidates.length < count) return null
  const picked = selectMiners(candidates, count, w.rng, params)
  return picked.ok ? [...picked.miners] : null
}
