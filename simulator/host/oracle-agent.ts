/**
 * Oracle agents. Every `oracle.heartbeatMs` each live oracle sends a heartbeat; a leader (by its
 * own clock) then sweeps its duties — tasks and rounds owing an action, the pool, due releases,
 * liveness checks — and a non-leader watches the leader: once the leader's silence passes the
 * failover limit (`getRotationDueAtMs`), the next oracle in line sends `rotateLeader` (the one
 * after it a heartbeat later, and so on, so a dead successor does not block the handover).
 *
 * Between ticks, notices from the chain (a task owes a duty, the pool has work, leadership moved
 * to this oracle) make the leader act at once. Stalling oracles heartbeat but never act as
 * leader; hung oracles (fault `oracleStall`) and crashed ones send nothing at all.
 */
import { computeMissedPings } from '../../protocol/node/liveness.ts'
import { getLeaderAt, getRotationDueAtMs } from '../../protocol/oracle/leadership.ts'
import { K_AGENT, K_HOST, Origin, SRC_HOST } from './events.ts'
import type { SimHost } from './host.ts'
import { performRoundDuty, performTaskDuty } from './oracle-duties.ts'
import { doPoolWork, pickRoundMiners, refreshSlice } from './pool.ts'
import { RoundRecord, type TaskRecord } from './records.ts'
import { computeMaxOpenRounds } from '../scenario/defaults.ts'

/** Leader sweeps between two liveness sweeps (12 × 5 s = one minute at the default heartbeat). */
const LIVENESS_EVERY_TICKS = 12

const acting: number[] = []

export function scheduleFirstOracleTicks(h: SimHost): void {
  const interval = h.params.oracle.heartbeatMs
  for (let o = 0; o < h.oracles.count; o++) {
    h.sim.schedule(1 + h.oracles.rngBehaviour[o]!.nextInt(interval), K_AGENT, h.oracleSource(o), { type: 'oracleTick', oracle: o })
  }
}

export function onOracleTick(h: SimHost, o: number): void {
  h.sim.scheduleAfter(h.params.oracle.heartbeatMs, K_AGENT, h.oracleSource(o), { type: 'oracleTick', oracle: o })
  if (!h.canOracleSend(o)) return
  const actor = h.oracles.address[o]!
  h.sendTx(h.oracleSource(o), h.oracles.region[o]!, h.oracles.rngNet[o]!, { type: 'oracleHeartbeat', actor }, Origin.heartbeat, o, null, null)
  if (h.believesLeader(o)) {
    if (h.oracles.behaviour[o] !== 'stalling') sweep(h, o)
    return
  }
  watchLeader(h, o)
}

/** Rotates a silent leader out, the next oracle in address order first. */
function watchLeader(h: SimHost, o: number): void {
  const state = h.world.oracle
  const myNow = h.nowMs + h.oracles.skewMs[o]!
  const dueAtMs = getRotationDueAtMs(state, myNow, h.params)
  const leader = getLeaderAt(state, myNow, h.params)
  if (dueAtMs === null || leader === null) return
  const n = state.oracles.length
  const rank = (state.oracles.indexOf(h.oracles.address[o]!) - state.oracles.indexOf(leader) + n) % n
  if (myNow < dueAtMs + (rank - 1) * h.params.oracle.heartbeatMs) return
  h.sendTx(h.oracleSource(o), h.oracles.region[o]!, h.oracles.rngNet[o]!, { type: 'rotateLeader', actor: h.oracles.address[o]! }, Origin.watchdog, o, null, null)
}

/** Everything a leader checks on its tick. */
function sweep(h: SimHost, o: number): void {
  refreshSlice(h)
  for (const rec of h.tasks.values()) performTaskDuty(h, o, rec)
  for (const rec of h.rounds.values()) performRoundDuty(h, o, rec)
  doPoolWork(h, o)
  if (++h.leaderTicks % LIVENESS_EVERY_TICKS === 0) sendLivenessChecks(h, o)
}

/** `checkLiveness` for nodes that missed a ping since their last check (books the misses). */
function sendLivenessChecks(h: SimHost, o: number): void {
  const now = h.nowMs
  for (let m = 0; m < h.miners.count; m++) {
    const node = h.world.nodes.get(h.miners.address[m]!)
    if (node === undefined || node.status.kind === 'Unregistered' || node.status.kind === 'Banned') continue
    if (computeMissedPings(node, now, h.params) <= node.missedPings) continue
    h.sendTx(h.oracleSource(o), h.oracles.region[o]!, h.oracles.rngNet[o]!, { type: 'checkLiveness', node: node.address }, Origin.pool, o, null, null)
  }
}

/** A notice that a task or round owes a duty: the acting leader(s) perform it. */
export function onDutyNotice(h: SimHost, task: TaskRecord | null, round: RoundRecord | null): void {
  if (task !== null) task.dutyNoticePending = false
  if (round !== null) round.dutyNoticePending = false
  for (const o of h.actingOracles(acting)) {
    if (task !== null) performTaskDuty(h, o, task)
    if (round !== null) performRoundDuty(h, o, round)
  }
}

/** Leadership moved to `o`, or the pool has work: act at once instead of at the next tick. */
export function onLeaderNotice(h: SimHost, o: number): void {
  if (!h.canOracleSend(o) || h.oracles.behaviour[o] === 'stalling' || !h.believesLeader(o)) return
  sweep(h, o)
}

export function onPoolNotice(h: SimHost): void {
  h.poolNoticePending = false
  for (const o of h.actingOracles(acting)) doPoolWork(h, o)
}

/** Asks the acting leader to do pool work soon (one notice in flight at a time). */
export function notifyPool(h: SimHost): void {
  if (h.poolNoticePending) return
  const leader = h.world.oracle.leader
  const o = leader === null ? 0 : (h.oracles.indexOf.get(leader) ?? 0)
  h.poolNoticePending = h.deliver(h.oracleSource(o), h.oracles.region[o]!, h.oracleRng, { type: 'pool' })
}

/**
 * The leader's round schedule: a round every `networkTask.intervalMs` (every
 * `warmUp.roundIntervalMs` during genesis), requested by whoever believes it leads.
 */
export function onRoundClock(h: SimHost): void {
  const next = h.inGenesis ? h.scenario.warmUp.roundIntervalMs : h.params.networkTask.intervalMs
  if (h.nowMs + next < h.endMs) h.sim.scheduleAfter(next, K_HOST, SRC_HOST, { type: 'roundClock' })
  for (const o of h.actingOracles(acting)) requestRound(h, o)
}

function requestRound(h: SimHost, o: number): void {
  if (h.rounds.size >= computeMaxOpenRounds(h.miners.count, h.params.networkTask.completers)) return
  const roundId = h.world.nextRoundId
  const [creator] = pickRoundMiners(h, o, roundId, 1, [])
  if (creator === undefined) return
  const reference = new Float64Array(h.embeddings.dimension)
  h.embeddings.writeReference(h.oracles.rngWork[o]!, reference)
  const rec = new RoundRecord(h.nowMs, reference, h.inGenesis)
  const actor = h.oracles.address[o]!
  h.sendTx(h.oracleSource(o), h.oracles.region[o]!, h.oracles.rngNet[o]!, { type: 'requestRound', actor, creator }, Origin.round, o, null, rec)
}
