/**
 * What the chain's emitted events set in motion: each event goes to the agents that watch it
 * (a miner hears of its assignment, a copycat of its peers' precommits, the new leader of its
 * takeover), after each one's own network delay, and updates the books (latencies, verdicts,
 * reservations, the leader timeline, table coverage). Events are named like the contracts'.
 */
import type { EmittedEvent, EventArg } from '../../protocol/core/effects.ts'
import type { Address } from '../../protocol/core/types.ts'
import { TaskNews, RoundNews, type TxPayload } from './events.ts'
import type { SimHost } from './host.ts'
import { refreshNode } from './pool.ts'
import { RoundWork, SlotWork, type RoundRecord, type TaskRecord } from './records.ts'

type Args = Readonly<Record<string, EventArg>>

export function onEmitted(h: SimHost, event: EmittedEvent, p: TxPayload): void {
  const a = event.args
  switch (event.name) {
    case 'TaskQueued':
      return onTaskQueued(h, p.task!, a)
    case 'TaskAssigned':
      return onTaskAssigned(h, p.task!, a['miners'] as readonly Address[])
    case 'TaskAllAcked':
      return onPhaseClosed(h, p.task!, a, 'ack', TaskNews.precommitOpen)
    case 'TaskAllPrecommitted':
      return onPhaseClosed(h, p.task!, a, 'precommit', TaskNews.revealOpen)
    case 'TaskAllCommitted':
      return onPhaseClosed(h, p.task!, a, 'commit', -1)
    case 'TaskPrecommitted':
      return onPeerAction(h, p.task!, a['miner'] as Address, TaskNews.peerPrecommitted)
    case 'TaskCommitted':
      if (p.agent >= 0 && h.miners.behaviour[p.agent] === 'copycat') h.metrics.copyRevealsAccepted++
      return onPeerAction(h, p.task!, a['miner'] as Address, TaskNews.peerRevealed)
    case 'TaskValidated':
      return onTaskValidated(h, p.task!)
    case 'TaskRequeued':
      h.metrics.tasksRequeued++
      h.metrics.coverage.count(h.metrics.coverage.reassignments, `task.${String(a['reason'])}`)
      p.task!.slots = []
      return
    case 'TaskEnded':
      return onTaskEnded(h, p.task!, a)
    case 'NewSessionRequest':
      return onRoundRequested(h, p.round!, a)
    case 'NewSessionRequestAssigned':
      h.metrics.creatorReplacements++
      h.metrics.coverage.count(h.metrics.coverage.reassignments, 'round.creator')
      return notifyRoundMiner(h, p.round!, a['miner'] as Address, RoundNews.create)
    case 'SessionPrepareAssigned':
      if ((h.world.rounds.get(p.round!.roundId)?.preparers.length ?? 0) > 1) {
        h.metrics.preparerReplacements++
        h.metrics.coverage.count(h.metrics.coverage.reassignments, 'round.preparer')
      }
      return notifyRoundMiner(h, p.round!, a['miner'] as Address, RoundNews.prepare)
    case 'SessionStarted':
      return onRoundStarted(h, p.round!, a['miners'] as readonly Address[])
    case 'SessionAllPrecommitted':
      if (a['forceEnd'] === true) h.metrics.coverage.count(h.metrics.coverage.timeouts, 'round.precommit')
      for (const m of a['miners'] as readonly Address[]) notifyRoundMiner(h, p.round!, m, RoundNews.revealOpen)
      return
    case 'SessionValidated':
      for (const m of a['valid'] as readonly Address[]) h.metrics.verdict(h.minerIndex(m), true, 1, true)
      for (const m of a['outliers'] as readonly Address[]) h.metrics.verdict(h.minerIndex(m), false, 0, true)
      return
    case 'SessionEnded':
      return onRoundEnded(h, p.round!, a)
    case 'SessionCreated':
      if (a['sessionId'] !== undefined) onSessionCreated(h, a['sessionId'] as number, a['owner'] as Address)
      return
    case 'NodeStatusChanged':
      return onNodeStatusChanged(h, a['node'] as Address, a['from'] as string, a['to'] as string)
    case 'NodeReserved':
      h.metrics.reservations[h.minerIndex(a['node'] as Address)]!++
      h.reservingUntilMs[h.minerIndex(a['node'] as Address)] = 0
      return
    case 'NodeReleased':
      return onNodeReleased(h, a)
    case 'LeaderChanged':
      return onLeaderChanged(h, a)
    default:
      return
  }
}

// ---- user tasks ------------------------------------------------------------------------------

function onTaskQueued(h: SimHost, rec: TaskRecord, a: Args): void {
  rec.taskId = a['taskId'] as number
  rec.key = `${rec.sessionId}/${rec.taskId}`
  rec.queuedAtMs = h.nowMs
  h.tasks.set(rec.key, rec)
  h.metrics.tasksSubmitted++
}

function onTaskAssigned(h: SimHost, rec: TaskRecord, miners: readonly Address[]): void {
  const now = h.nowMs
  if (rec.assignedAtMs < 0) h.metrics.latency.queue.add(now - rec.queuedAtMs)
  rec.assignedAtMs = now
  rec.slots = miners.map((address) => {
    const m = h.minerIndex(address)
    if (h.miners.behaviour[m] === 'copycat') rec.hasCopycat = true
    h.metrics.tasksAssigned[m]!++
    return new SlotWork(m, h.minerEpoch[m]!)
  })
  for (const slot of rec.slots) notifyTaskMiner(h, rec, slot, TaskNews.assigned, null)
}

/** A phase closed: latency, timed-out miners, a `stat` row per miner, and news for the survivors. */
function onPhaseClosed(h: SimHost, rec: TaskRecord, a: Args, phase: 'ack' | 'precommit' | 'commit', news: number): void {
  const now = h.nowMs
  const survivors = a['miners'] as readonly Address[]
  if (phase === 'ack') {
    h.metrics.latency.ack.add(now - rec.assignedAtMs)
    rec.ackedAtMs = now
  } else if (phase === 'precommit') {
    h.metrics.latency.precommit.add(now - rec.ackedAtMs)
    rec.precommittedAtMs = now
  } else {
    h.metrics.latency.commit.add(now - rec.precommittedAtMs)
    rec.committedAtMs = now
  }
  if (a['forceEnd'] === true) {
    h.metrics.forcedPhaseEnds.set(phase, (h.metrics.forcedPhaseEnds.get(phase) ?? 0) + 1)
    h.metrics.coverage.count(h.metrics.coverage.timeouts, `task.${phase}`)
  }
  for (let i = 0; i < rec.slots.length; i++) {
    const slot = rec.slots[i]!
    if (slot.out) continue
    const address = h.miners.address[slot.miner]!
    recordNodeRow(h, address, 'stat')
    if (!survivors.includes(address)) {
      slot.out = true
      h.metrics.tasksTimedOut[slot.miner]!++
    } else if (news >= 0) notifyTaskMiner(h, rec, slot, news as TaskNews, null)
  }
}

/** A copycat hears of its peers' precommits and reveals (it watches the task it was assigned). */
function onPeerAction(h: SimHost, rec: TaskRecord, actor: Address, news: TaskNews): void {
  if (!rec.hasCopycat) return
  const peer = rec.slots[rec.findSlot(h.minerIndex(actor))]
  if (peer === undefined) return
  for (const slot of rec.slots) {
    if (slot !== peer && h.miners.behaviour[slot.miner] === 'copycat' && !slot.out) notifyTaskMiner(h, rec, slot, news, peer)
  }
}

function onTaskValidated(h: SimHost, rec: TaskRecord): void {
  h.metrics.latency.validate.add(h.nowMs - rec.committedAtMs)
  rec.validatedAtMs = h.nowMs
  const task = h.world.tasks.get(rec.key)
  if (task === undefined) return
  for (const slot of task.miners) {
    if (slot.state !== 'Valid' && slot.state !== 'Outlier') continue
    h.metrics.verdict(h.minerIndex(slot.miner), slot.state === 'Valid', slot.similarity ?? 0, false)
  }
}

function onTaskEnded(h: SimHost, rec: TaskRecord, a: Args): void {
  const now = h.nowMs
  const success = a['success'] === true
  h.metrics.taskEnded(success, success ? null : String(a['reason']))
  if (rec.validatedAtMs >= 0) h.metrics.latency.end.add(now - rec.validatedAtMs)
  h.metrics.latency.total.add(now - rec.submittedAtMs)
  h.metrics.coverage.record('escrow', 'Open', success ? 'settle' : 'refund')
  if (a['reason'] === 'timedOut') h.metrics.coverage.count(h.metrics.coverage.timeouts, 'task.total')
  for (const slot of rec.slots) recordNodeRow(h, h.miners.address[slot.miner]!, 'taskExecuted')
  h.tasks.delete(rec.key)
  h.endedTasks.push(rec.sessionId, rec.taskId)
}

function notifyTaskMiner(h: SimHost, rec: TaskRecord, work: SlotWork, news: TaskNews, peer: SlotWork | null): void {
  const m = work.miner
  h.deliver(h.minerSource(m), h.miners.region[m]!, h.miners.rngNet[m]!, { type: 'minerTask', task: rec, work, news, peer })
}

// ---- rounds ----------------------------------------------------------------------------------

function onRoundRequested(h: SimHost, rec: RoundRecord, a: Args): void {
  rec.roundId = a['roundId'] as number
  h.rounds.set(rec.roundId, rec)
  h.metrics.roundsRequested++
  if (rec.genesis) h.metrics.roundsGenesis++
  for (const m of a['miners'] as readonly Address[]) notifyRoundMiner(h, rec, m, RoundNews.create)
}

function onRoundStarted(h: SimHost, rec: RoundRecord, miners: readonly Address[]): void {
  for (const address of miners) {
    const m = h.minerIndex(address)
    rec.completers.set(m, new RoundWork(m, h.minerEpoch[m]!))
    h.metrics.roundsPicked[m]!++
    notifyRoundMiner(h, rec, address, RoundNews.start)
  }
}

function onRoundEnded(h: SimHost, rec: RoundRecord, a: Args): void {
  const round = h.world.rounds.get(rec.roundId)
  if (a['completed'] === true) h.metrics.roundsCompleted++
  else {
    h.metrics.roundFailures.set(String(a['reason']), (h.metrics.roundFailures.get(String(a['reason'])) ?? 0) + 1)
    h.metrics.coverage.count(h.metrics.coverage.timeouts, `round.${String(a['reason'])}`)
  }
  h.metrics.roundDuration.add(h.nowMs - rec.requestedAtMs)
  if (round !== undefined) {
    for (const slot of round.completers) {
      const m = h.minerIndex(slot.miner)
      if (slot.state === 'Valid' || slot.state === 'Committed') h.metrics.roundsSucceeded[m]!++
      h.roundBusyUntilMs[m] = 0
      recordNodeRow(h, slot.miner, 'cognitiveOutcome')
    }
    round.creators.forEach((address, i) => releaseFromRound(h, address, i === round.creators.length - 1 && round.domain !== null))
    round.preparers.forEach((address, i) => releaseFromRound(h, address, i === round.preparers.length - 1 && round.challenges.length > 0))
  }
  h.rounds.delete(rec.roundId)
  h.endedRounds.push(rec.roundId)
}

function notifyRoundMiner(h: SimHost, rec: RoundRecord, address: Address, news: RoundNews): void {
  const m = h.minerIndex(address)
  if (news === RoundNews.create || news === RoundNews.prepare) h.metrics.roundsPicked[m]!++
  h.deliver(h.minerSource(m), h.miners.region[m]!, h.miners.rngNet[m]!, { type: 'minerRound', miner: m, round: rec, news })
}

// ---- sessions, nodes, oracles ----------------------------------------------------------------

function onSessionCreated(h: SimHost, sessionId: number, owner: Address): void {
  const c = h.clients.indexOf.get(owner)
  if (c === undefined) return
  h.clientSession[c] = sessionId
  h.sessionClient.set(sessionId, c)
  h.sessionsNeedingNodes.add(c)
  const amount = BigInt(h.scenario.workload.depositCor) * 10n ** 18n
  h.sendSetupTx(h.clientSource(c), h.nowMs, { type: 'depositToSession', actor: owner, sessionId, amount }, c)
}

function onNodeStatusChanged(h: SimHost, node: Address, from: string, to: string): void {
  const m = h.minerIndex(node)
  if (m < 0) return
  h.changedNodes.push(node)
  refreshNode(h, m)
  h.metrics.coverage.record('node', from, nodeEventOf(from, to))
}

/** The node event behind a status change (the change alone identifies it, see node/table.ts). */
function nodeEventOf(from: string, to: string): string {
  if (to === 'Banned') return 'ban'
  if (from === 'Banned') return 'unban'
  if (from === 'Unregistered') return 'register'
  if (to === 'Reserved') return 'reserve'
  if (from === 'Reserved') return 'release'
  return 'cognitiveOutcome'
}

function onNodeReleased(h: SimHost, a: Args): void {
  if (a['reason'] !== undefined) {
    h.pendingReleases.delete(h.minerIndex(a['node'] as Address))
    return
  }
  // The session's side of the release: it needs a node again.
  const sessionId = a['sessionId'] as number
  const session = h.world.sessions.get(sessionId)
  if (session !== undefined) {
    const countBefore = session.ephemeralNodes.length + session.dedicatedNodes.length + 1
    h.metrics.coverage.record('session', countBefore >= session.config.minNumOfNodes ? 'Ready' : 'Created', 'releaseNode')
  }
  const c = h.sessionClient.get(sessionId)
  if (c !== undefined) h.sessionsNeedingNodes.add(c)
}

function onLeaderChanged(h: SimHost, a: Args): void {
  const to = h.oracles.indexOf.get(a['to'] as Address)
  if (to === undefined) return
  const reason = String(a['reason'])
  const atMs = reason === 'window' ? (a['window'] as number) * h.params.oracle.windowMs : h.nowMs
  h.metrics.leaderChanged(to, Math.min(atMs, h.nowMs), reason)
  h.metrics.coverage.count(h.metrics.coverage.handovers, reason)
  if (reason === 'failover') h.metrics.failoverGap.add(h.nowMs - h.leaderActiveBeforeRotateMs)
  h.deliver(h.oracleSource(to), h.oracles.region[to]!, h.oracles.rngNet[to]!, { type: 'leader', oracle: to })
}

/** A creator or preparer leaves its round: free for the next, and counted if it delivered. */
function releaseFromRound(h: SimHost, address: Address, delivered: boolean): void {
  const m = h.minerIndex(address)
  h.roundBusyUntilMs[m] = 0
  if (delivered) h.metrics.roundsSucceeded[m]!++
  recordNodeRow(h, address, 'cognitiveOutcome')
}

/** A node move that keeps its status (stat, taskExecuted, cognitiveOutcome without a change). */
function recordNodeRow(h: SimHost, address: Address, event: string): void {
  if (event === 'cognitiveOutcome' && h.changedNodes.includes(address)) return
  const node = h.world.nodes.get(address)
  if (node !== undefined) h.metrics.coverage.record('node', node.status.kind, event)
}
