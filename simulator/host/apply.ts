/**
 * A transaction reaches the world: `applyCommand` at the block's time, then the world's effects
 * are executed — timers are scheduled as `deadline` events, emitted events go to effects.ts —
 * and, when a task or round now owes the oracle an action, the leader is told (after its network
 * delay). Rejections are counted by command and code; an agent that learns its transaction failed
 * may try again (duties), nothing else is retried.
 */
import { getRoundDuty, getTaskDuty } from '../../protocol/policy/oracle.ts'
import { applyCommand } from '../../protocol/world/apply.ts'
import type { WorldCommand } from '../../protocol/world/types.ts'
import { HOST_KINDS, K_DEADLINE, Origin, SRC_CHAIN, type TxPayload } from './events.ts'
import { onEmitted } from './effects.ts'
import type { SimHost } from './host.ts'
import { checkInvariantsNow } from './checks.ts'
import type { RoundRecord, TaskRecord } from './records.ts'

export function onTx(h: SimHost, p: TxPayload, source: number): void {
  const now = h.sim.nowMs
  h.ctx.nowMs = now
  const cmd = p.command
  if (p.reverted) {
    h.metrics.txReverted++
    trace(h, source, cmd, 'reverted')
    return
  }
  const before = readStatusBefore(h, cmd, p)
  h.changedNodes.length = 0
  const r = applyCommand(h.world, cmd, h.ctx)
  h.metrics.gasEstimated += h.chain.estimateGas(gasCallOf(cmd), 0)
  if (!r.ok) {
    h.metrics.commandRejected(cmd.type, r.code)
    onRejected(h, p, r.code)
    trace(h, source, cmd, r.code)
    return
  }
  h.metrics.commandAccepted(cmd.type)
  recordCoverage(h, cmd, p, before)
  const effects = r.effects
  for (let i = 0; i < effects.length; i++) {
    const e = effects[i]!
    if (e.kind === 'schedule') h.sim.schedule(e.atMs > now ? e.atMs : now, K_DEADLINE, SRC_CHAIN, { type: 'timer', timer: e.timer })
    else if (e.kind === 'emit') {
      onEmitted(h, e.event, p)
      if (h.hooks?.onEvent !== undefined) h.hooks.onEvent(e.event, h.world, now)
    }
  }
  trace(h, source, cmd, 'ok')
  if (p.task !== null) triggerTaskDuty(h, p.task)
  if (p.round !== null) triggerRoundDuty(h, p.round)
  if (h.hooks?.afterCommand !== undefined) h.hooks.afterCommand(h.world, h.metrics.commandsApplied)
  const every = h.scenario.invariants.everyCommands
  if (every > 0 && ++h.commandsSinceCheck >= every) {
    h.commandsSinceCheck = 0
    checkInvariantsNow(h, `${cmd.type}${eventTypeOf(cmd)} at ${now} ms`)
  }
}

/** Tells the leader when `task` owes it an action now (once per pending notice). */
export function triggerTaskDuty(h: SimHost, rec: TaskRecord): void {
  if (rec.taskId < 0 || rec.dutyNoticePending) return
  const task = h.world.tasks.get(rec.key)
  if (task === undefined || getTaskDuty(task, h.sim.nowMs, h.params) === null) return
  rec.dutyNoticePending = h.deliver(SRC_CHAIN, leaderRegion(h), h.oracleRng, { type: 'dutyTask', task: rec })
}

export function triggerRoundDuty(h: SimHost, rec: RoundRecord): void {
  if (rec.roundId < 0 || rec.dutyNoticePending) return
  const round = h.world.rounds.get(rec.roundId)
  if (round === undefined || getRoundDuty(round, h.sim.nowMs, h.params) === null) return
  rec.dutyNoticePending = h.deliver(SRC_CHAIN, leaderRegion(h), h.oracleRng, { type: 'dutyRound', round: rec })
}

function leaderRegion(h: SimHost): number {
  const leader = h.world.oracle.leader
  const o = leader === null ? undefined : h.oracles.indexOf.get(leader)
  return o === undefined ? h.chainRegion : h.oracles.region[o]!
}

function onRejected(h: SimHost, p: TxPayload, code: string): void {
  switch (p.origin) {
    case Origin.duty:
      // Let the next notice or sweep try again (the state may have moved on, or this oracle was not the leader).
      if (p.task !== null && p.task.dutyOracle === p.agent) p.task.dutyKind = ''
      if (p.round !== null && p.round.dutyOracle === p.agent) p.round.dutyKind = ''
      return
    case Origin.pool:
      if (p.command.type === 'session' && p.command.event.type === 'assignNodes') {
        for (const node of p.command.event.nodes) h.reservingUntilMs[h.minerIndex(node)] = 0
        const client = h.sessionClient.get(p.command.sessionId)
        if (client !== undefined) h.sessionsNeedingNodes.add(client)
      }
      if (p.command.type === 'releaseNode') h.pendingReleases.delete(h.minerIndex(p.command.node))
      return
    case Origin.miner:
      if (code === 'RevealMismatch' && p.task !== null) h.metrics.copyRevealsRefused++
      return
    default:
      return
  }
}

/**
 * The status of the entity `cmd` addresses, before it runs (for the coverage of table rows), or
 * undefined when the command addresses none the host tracks. Read into no new object: the string
 * is the entity's own status.
 */
function readStatusBefore(h: SimHost, cmd: WorldCommand, p: TxPayload): string | undefined {
  const w = h.world
  switch (cmd.type) {
    case 'task':
      return p.task === null ? undefined : w.tasks.get(p.task.key)?.status
    case 'round':
      return w.rounds.get(cmd.roundId)?.status
    case 'session':
      return w.sessions.get(cmd.sessionId)?.status
    case 'ping':
    case 'registerNode':
      return w.nodes.get(cmd.actor)?.status.kind ?? 'Unregistered'
    case 'checkLiveness':
      return w.nodes.get(cmd.node)?.status.kind
    case 'rotateLeader':
      h.leaderActiveBeforeRotateMs = w.oracle.leaderActiveAtMs
      return w.oracle.status
    case 'oracleHeartbeat':
      return w.oracle.status
    default:
      return undefined
  }
}

const NODE_EVENT_OF: Readonly<Record<string, string>> = { ping: 'ping', registerNode: 'register', checkLiveness: 'checkLiveness' }

function recordCoverage(h: SimHost, cmd: WorldCommand, p: TxPayload, from: string | undefined): void {
  const cov = h.metrics.coverage
  if (p.origin === Origin.duty || p.origin === Origin.pool || p.origin === Origin.round) {
    cov.record('oracle', 'Active', 'act')
    h.metrics.oracleActions[p.agent]!++
  }
  if (from === undefined) return
  switch (cmd.type) {
    case 'task':
    case 'round':
    case 'session':
      cov.record(cmd.type, from, cmd.event.type)
      return
    case 'oracleHeartbeat':
      cov.record('oracle', from, 'heartbeat')
      return
    case 'rotateLeader':
      cov.record('oracle', from, 'rotate')
      return
    default: {
      // Status changes are recorded from NodeStatusChanged; only the moves that keep the status here.
      const event = NODE_EVENT_OF[cmd.type]
      if (event !== undefined && (event !== 'register' || h.changedNodes.length === 0)) cov.record('node', from, event)
    }
  }
}

function eventTypeOf(cmd: WorldCommand): string {
  return cmd.type === 'task' || cmd.type === 'round' || cmd.type === 'session' ? `.${cmd.event.type}` : ''
}

const TASK_GAS: Readonly<Record<string, string>> = { assign: 'assignTask', ack: 'ack', precommit: 'precommit', commit: 'commit', end: 'endTask' }
const ROUND_GAS: Readonly<Record<string, string>> = { create: 'createRound', prepare: 'prepareRound', start: 'startRound', end: 'endRound' }
const COMMAND_GAS: Readonly<Record<string, string>> = { registerNode: 'register', ping: 'ping', createSession: 'createSession', depositToSession: 'deposit', requestRound: 'requestRound', withdrawNodePayment: 'withdraw' }

/** The chain model's call name for the gas estimate (unknown calls take its default). */
function gasCallOf(cmd: WorldCommand): string {
  switch (cmd.type) {
    case 'task':
      return TASK_GAS[cmd.event.type] ?? cmd.event.type
    case 'round':
      return ROUND_GAS[cmd.event.type] ?? cmd.event.type
    case 'session':
      return cmd.event.type
    default:
      return COMMAND_GAS[cmd.type] ?? cmd.type
  }
}

function trace(h: SimHost, source: number, cmd: WorldCommand, outcome: string): void {
  if (h.traceSink === undefined) return
  h.traceSink({ t: h.sim.nowMs, k: HOST_KINDS.names[0], src: source, seq: h.sim.eventSeq, cmd: cmd.type + eventTypeOf(cmd), r: outcome })
}
