/**
 * The host's event loop: what to schedule before the first event (genesis transactions, agents'
 * first timers, the host's bookkeeping), and where each event goes. Deadlines the world asked
 * for come back here: a task's or round's current deadline tells the leader a duty is due, a
 * reservation's end puts the node on the pool's release list; stale timers are dropped.
 */
import type { TimerRef } from '../../protocol/core/effects.ts'
import { getDueReleaseReason } from '../../protocol/node/reservation.ts'
import { isNodeTimerCurrent } from '../../protocol/node/state.ts'
import { isRoundTimerCurrent } from '../../protocol/round/machine.ts'
import { isTaskTimerCurrent } from '../../protocol/task/machine.ts'
import { onTx, triggerRoundDuty, triggerTaskDuty } from './apply.ts'
import { archiveEnded, checkInvariantsNow } from './checks.ts'
import { onArrival, openSessions, startClients } from './clients.ts'
import { HOST_KINDS, K_HOST, SRC_HOST, type Payload } from './events.ts'
import type { SimHost } from './host.ts'
import { onFault, onFlaky, onPing, registerMiners, schedulePings, scheduleFaults } from './liveness.ts'
import { onCompleted, onPrepared, onRoundNews } from './miner-rounds.ts'
import { onInferred, onTaskNews } from './miner-tasks.ts'
import { notifyPool, onDutyNotice, onLeaderNotice, onOracleTick, onPoolNotice, onRoundClock, scheduleFirstOracleTicks } from './oracle-agent.ts'
import { onSample } from './sample.ts'

/** Ended entities are archived this often when the run checks no invariants by time or count. */
const ARCHIVE_EVERY_MS = 60_000

/** Schedules everything a run starts with. */
export function startHost(h: SimHost): void {
  registerMiners(h)
  openSessions(h)
  schedulePings(h)
  scheduleFirstOracleTicks(h)
  h.allFaults = scheduleFaults(h)
  h.sim.schedule(1000, K_HOST, SRC_HOST, { type: 'roundClock' })
  h.sim.schedule(Math.min(h.warmUpEndMs, h.endMs), K_HOST, SRC_HOST, { type: 'startClients' })
  const inv = h.scenario.invariants
  if (inv.everyMs > 0) h.sim.schedule(inv.everyMs, K_HOST, SRC_HOST, { type: 'check' })
  if (inv.everyMs === 0 && inv.everyCommands === 0) h.sim.schedule(ARCHIVE_EVERY_MS, K_HOST, SRC_HOST, { type: 'archive' })
  h.sim.schedule(Math.min(h.scenario.sampleEveryMs, h.endMs), K_HOST, SRC_HOST, { type: 'sample' })
}

/** The engine's handler: one event. */
export function handleEvent(h: SimHost, kind: number, source: number, p: Payload): void {
  h.metrics.eventsByKind[kind]!++
  if (p.type === 'tx') return onTx(h, p, source)
  if (h.traceSink !== undefined) h.traceSink({ t: h.sim.nowMs, k: HOST_KINDS.names[kind], src: source, seq: h.sim.eventSeq, p: p.type })
  switch (p.type) {
    case 'timer':
      return onTimer(h, p.timer)
    case 'minerTask':
      return onTaskNews(h, p.task, p.work, p.news, p.peer)
    case 'minerRound':
      return onRoundNews(h, p.miner, p.round, p.news)
    case 'dutyTask':
      return onDutyNotice(h, p.task, null)
    case 'dutyRound':
      return onDutyNotice(h, null, p.round)
    case 'leader':
      return onLeaderNotice(h, p.oracle)
    case 'pool':
      return onPoolNotice(h)
    case 'ping':
      return onPing(h, p.miner)
    case 'inferred':
      return onInferred(h, p.task, p.work)
    case 'prepared':
      return onPrepared(h, p.miner, p.round, p.epoch)
    case 'completed':
      return onCompleted(h, p.round, p.work)
    case 'flaky':
      return onFlaky(h, p.miner, p.goOffline)
    case 'arrival':
      return onArrival(h, p.client, p.burstLeft)
    case 'oracleTick':
      return onOracleTick(h, p.oracle)
    case 'fault':
      return onFault(h, h.allFaults[p.fault]!, p.start)
    case 'roundClock':
      return onRoundClock(h)
    case 'check':
      h.sim.scheduleAfter(h.scenario.invariants.everyMs, K_HOST, SRC_HOST, { type: 'check' })
      return checkInvariantsNow(h, `the scheduled check at ${h.nowMs} ms`)
    case 'archive':
      h.sim.scheduleAfter(ARCHIVE_EVERY_MS, K_HOST, SRC_HOST, { type: 'archive' })
      return archiveEnded(h)
    case 'sample':
      return onSample(h)
    case 'startClients':
      return startClients(h)
  }
}

function onTimer(h: SimHost, timer: TimerRef): void {
  switch (timer.machine) {
    case 'task': {
      const rec = h.tasks.get(timer.key)
      const task = rec === undefined ? undefined : h.world.tasks.get(rec.key)
      if (rec !== undefined && task !== undefined && isTaskTimerCurrent(task, timer.phase, timer.seq)) triggerTaskDuty(h, rec)
      return
    }
    case 'round': {
      const rec = h.rounds.get(Number(timer.key))
      const round = h.world.rounds.get(Number(timer.key))
      if (rec !== undefined && round !== undefined && isRoundTimerCurrent(round, timer.phase, timer.seq)) triggerRoundDuty(h, rec)
      return
    }
    case 'node': {
      const node = h.world.nodes.get(timer.key as `0x${string}`)
      if (node === undefined || !isNodeTimerCurrent(node, timer.phase, timer.seq)) return
      if (getDueReleaseReason(node, h.nowMs, h.params) === null) return
      h.pendingReleases.add(h.minerIndex(timer.key))
      notifyPool(h)
      return
    }
    case 'session':
    case 'oracle':
      return
  }
}
