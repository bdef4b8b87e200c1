/**
 * The leader's pool duties (§3.1 steps 5–6, the `poolv1` agent's job):
 *   - release a session's reserved node once its reserve period is over (`getDueReleaseReason`;
 *     release by task count happens on chain with the task that reaches it), or once it went
 *     offline (a manual release, allowed to an oracle: a dead node must not hold a seat);
 *   - fill a session short of maxNumOfNodes with pool nodes (`assignNodes`), drawn by the
 *     protocol's weighted selection among nodes selectable for its model and SLA;
 *   - book missed pings (`checkLiveness`) for nodes that missed one since their last check.
 */
import { computeMissedPings, isOnlineAt } from '../../protocol/node/liveness.ts'
import { getDueReleaseReason } from '../../protocol/node/reservation.ts'
import { checkSelectable, toSelectionCandidate, type SelectionCandidate } from '../../protocol/node/selection.ts'
import { selectMiners } from '../../protocol/selection/select.ts'
import type { SessionState } from '../../protocol/session/types.ts'
import type { OracleWork } from './oracle-work.ts'
import type { SweepView } from './oracle-tracking.ts'

export async function performPoolDuties(w: OracleWork, view: SweepView, nowMs: number): Promise<void> {
  for (const sessionId of w.tracking.sortedSessions()) {
    if (w.ctx.signal.aborted) return
    const session = await view.session(sessionId)
    if (session === null || session.status === 'Deactivated') {
      w.tracking.sessions.delete(sessionId)
      w.ctx.tx.forget(`session:${sessionId}`)
      continue
    }
    await releaseDue(w, view, session, nowMs)
    if (w.settings.reserveNodes) await fillSession(w, view, session, nowMs)
  }
}

async function releaseDue(w: OracleWork, view: SweepView, session: SessionState, nowMs: number): Promise<void> {
  const { ctx, settings } = w
  for (const address of session.ephemeralNodes) {
    const node = await view.node(address)
    if (node === null) continue
    const reason = getDueReleaseReason(node, nowMs, ctx.params) === 'period' ? 'period' : isOnlineAt(node, nowMs, ctx.params) ? null : 'manual'
    if (reason === null) continue
    const entity = `release:${address}`
    const action = `release#${node.statusSeq}`
    ctx.tx.keepOnly(entity, action)
    await ctx.tx.send(entity, action, { type: 'releaseNode', actor: ctx.me, node: address, reason }, { retryAfterMs: settings.dutyRetryMs })
  }
}

async function fillSession(w: OracleWork, view: SweepView, session: SessionState, nowMs: number): Promise<void> {
  const { ctx, settings } = w
  // Mode 1 (Dedicated) takes no pool nodes.
  if (session.config.mode === 1) return
  const have = session.ephemeralNodes.length + session.dedicatedNodes.length
  const want = session.config.maxNumOfNodes - have
  const entity = `session:${session.sessionId}`
  const action = `assignNodes#${have}`
  const options = { retryAfterMs: settings.dutyRetryMs }
  if (want <= 0 || !ctx.tx.wouldSend(entity, action, options)) return
  const requirement = { modelId: session.config.modelIdentifier, minLevel: session.config.sla }
  const candidates: SelectionCandidate[] = []
  for (const address of w.tracking.sortedNodes()) {
    if (view.taken.has(address)) continue
    const node = await view.node(address)
    if (node === null) continue
    const stake = await view.stake(address)
    if (checkSelectable(node, { ...requirement, stake }, nowMs, ctx.params) === null) candidates.push(toSelectionCandidate(node, stake, nowMs, ctx.params))
  }
  if (candidates.length === 0) return
  const picked = selectMiners(candidates, Math.min(want, candidates.length), w.rng, ctx.params)
  if (!picked.ok) return
  for (const m of picked.miners) view.taken.add(m)
  await ctx.tx.send(entity, action, { type: 'session', sessionId: session.sessionId, event: { type: 'assignNodes', actor: ctx.me, nodes: [...picked.miners] } }, options)
}

/** `checkLiveness` for every registered node that missed a ping since its last check. */
export async function performLivenessChecks(w: OracleWork, view: SweepView, nowMs: number): Promise<void> {
  const { ctx } = w
  for (const address of w.tracking.sortedNodes()) {
    if (ctx.signal.aborted) return
    const node = await view.node(address)
    if (node === null || node.status.kind === 'Banned') continue
    const missed = computeMissedPings(node, nowMs, ctx.params)
    if (missed <= node.missedPings) continue
    const entity = `liveness:${address}`
    const action = `liveness#${missed}@${node.lastPingAtMs}`
    ctx.tx.keepOnly(entity, action)
    await ctx.tx.send(entity, action, { type: 'checkLiveness', node: address })
  }
}
