/**
 * Miners on user tasks. An honest miner acks its assignment at once and starts inference on its
 * own queue (one task at a time, so a busy miner answers later); it precommits when both its
 * answer is ready and the precommit phase is open, and reveals when the commit phase opens. The
 * behaviours change one step each (behaviours.ts):
 * - lazy: fewer tokens, an answer far from the reference; cheapModel: faster, near the threshold;
 *   slow: slower; colluding: an answer near its group's shared wrong answer;
 * - copycat: no inference; it watches its peers, precommits the first peer's hash it sees and
 *   reveals that peer's text and salt once the peer revealed;
 * - withholding: precommits, then withholds the reveal when its answer looks weak.
 * A miner that is down hears nothing and its work in progress is lost (`epoch`).
 */
import type { TaskEvent } from '../../protocol/task/types.ts'
import { K_AGENT, Origin, TaskNews } from './events.ts'
import type { SimHost } from './host.ts'
import { computeDot } from '../models/vectors.ts'
import { resultStrategyOf } from '../scenario/behaviours.ts'
import type { SlotWork, TaskRecord } from './records.ts'

export function onTaskNews(h: SimHost, rec: TaskRecord, work: SlotWork, news: TaskNews, peer: SlotWork | null): void {
  const m = work.miner
  if (!h.isMinerUp(m) || work.epoch !== h.minerEpoch[m] || work.out || !rec.slots.includes(work)) return
  switch (news) {
    case TaskNews.assigned:
      sendTask(h, rec, work, { type: 'ack', actor: h.miners.address[m]! })
      if (h.miners.behaviour[m] !== 'copycat') startInference(h, rec, work)
      return
    case TaskNews.precommitOpen:
      work.precommitOpen = true
      return tryPrecommit(h, rec, work)
    case TaskNews.revealOpen:
      work.revealOpen = true
      return tryReveal(h, rec, work)
    case TaskNews.peerPrecommitted:
      if (work.copiedHash === null && peer !== null) copyPrecommit(h, rec, work, peer)
      return tryPrecommit(h, rec, work)
    case TaskNews.peerRevealed:
      if (peer !== null && peer === work.copiedFrom) tryReveal(h, rec, work)
      return
  }
}

function startInference(h: SimHost, rec: TaskRecord, work: SlotWork): void {
  const m = work.miner
  const g = h.miners.group[m]!
  const rng = h.miners.rngWork[m]!
  let tokens = h.inference.sampleOutputTokens(rng, rec.maxTokens)
  let tokensPerSecond = h.miners.tokensPerSecond[m]!
  switch (g.behaviour) {
    case 'lazy':
      tokens = Math.max(1, Math.round(tokens * g.outputFraction))
      break
    case 'cheapModel':
      tokensPerSecond *= g.speedup
      break
    case 'slow':
      tokensPerSecond /= g.slowdown
      break
    default:
      break
  }
  const inferenceMs = h.inference.sampleInferenceMs(rng, h.miners.tier[m]!, tokensPerSecond, rec.modelIndex, tokens)
  const now = h.nowMs
  const doneMs = (h.busyUntilMs[m]! > now ? h.busyUntilMs[m]! : now) + inferenceMs
  h.busyUntilMs[m] = doneMs
  h.metrics.inferenceMs[m]! += inferenceMs
  work.outputTokens = tokens
  h.sim.schedule(doneMs, K_AGENT, h.minerSource(m), { type: 'inferred', task: rec, work })
}

/** The answer is ready: its text and embedding (by the miner's strategy), then precommit if open. */
export function onInferred(h: SimHost, rec: TaskRecord, work: SlotWork): void {
  const m = work.miner
  if (!h.isMinerUp(m) || work.epoch !== h.minerEpoch[m] || work.out || !rec.slots.includes(work)) return
  const strategy = resultStrategyOf(h.miners.behaviour[m]!)
  const anchor = strategy === 'colluding' ? collusionTarget(h, rec, h.miners.colludeGroup[m]!) : rec.reference
  h.embeddings.writeResult(h.miners.rngWork[m]!, strategy, anchor, h.embedScratch)
  work.vector = Array.from(h.embedScratch)
  work.quality = computeDot(h.embedScratch, rec.reference)
  work.result = `t${rec.key}m${m}`
  work.inferenceDone = true
  tryPrecommit(h, rec, work)
}

/** A colluding group's shared wrong answer for this task, drawn when the group first needs it. */
export function collusionTarget(h: SimHost, rec: { collusion: (Float64Array | undefined)[] | null; readonly reference: Float64Array }, group: number): Float64Array {
  rec.collusion ??= []
  let target = rec.collusion[group]
  if (target === undefined) {
    target = new Float64Array(h.embeddings.dimension)
    h.embeddings.writeCollusionTarget(h.collusionRng, rec.reference, target)
    rec.collusion[group] = target
  }
  return target
}

function copyPrecommit(h: SimHost, rec: TaskRecord, work: SlotWork, peer: SlotWork): void {
  const task = h.world.tasks.get(rec.key)
  const slot = task?.miners.find((s) => s.miner === h.miners.address[peer.miner])
  if (slot === undefined || slot.precommitHash === null) return
  work.copiedHash = slot.precommitHash
  work.copiedFrom = peer
}

function tryPrecommit(h: SimHost, rec: TaskRecord, work: SlotWork): void {
  if (work.precommitSent || !work.precommitOpen) return
  const m = work.miner
  let hash
  if (h.miners.behaviour[m] === 'copycat') {
    if (work.copiedHash === null) return
    hash = work.copiedHash
    h.metrics.copyAttempts++
  } else {
    if (!work.inferenceDone) return
    hash = h.commit.hash(h.params.commitReveal.scheme, { miner: h.miners.address[m]!, sessionId: rec.sessionId, taskId: rec.taskId, salt: h.saltOf(m), result: work.result! })
  }
  work.precommitSent = true
  sendTask(h, rec, work, { type: 'precommit', actor: h.miners.address[m]!, hash })
}

function tryReveal(h: SimHost, rec: TaskRecord, work: SlotWork): void {
  if (work.revealSent || !work.revealOpen || !work.precommitSent) return
  const m = work.miner
  const actor = h.miners.address[m]!
  const g = h.miners.group[m]!
  if (g.behaviour === 'copycat') {
    const victim = work.copiedFrom
    const slot = victim === null ? undefined : h.world.tasks.get(rec.key)?.miners.find((s) => s.miner === h.miners.address[victim.miner])
    if (victim === null || slot === undefined || slot.result === null || slot.salt === null) return
    work.revealSent = true
    work.result = slot.result
    work.vector = victim.vector
    sendTask(h, rec, work, { type: 'commit', actor, result: slot.result, salt: slot.salt, outputTokens: slot.outputTokens })
    return
  }
  work.revealSent = true
  if (g.behaviour === 'withholding' && work.quality < g.withholdBelow) {
    h.metrics.withheldReveals++
    return
  }
  sendTask(h, rec, work, { type: 'commit', actor, result: work.result!, salt: h.saltOf(m), outputTokens: work.outputTokens })
}

function sendTask(h: SimHost, rec: TaskRecord, work: SlotWork, event: TaskEvent): void {
  const m = work.miner
  h.sendTx(h.minerSource(m), h.miners.region[m]!, h.miners.rngNet[m]!, { type: 'task', sessionId: rec.sessionId, taskId: rec.taskId, event }, Origin.miner, m, rec, null)
}
