/**
 * Running aggregates of a run: counters, histograms and per-node columns, updated in O(1) per
 * event, so memory stays bounded however long the run (no per-event lists unless a trace is
 * written). `metrics/build.ts` turns them into `metrics.json` at the end.
 */
import { MINER_BEHAVIOURS, type MinerBehaviour } from '../scenario/behaviours.ts'
import { CoverageTracker } from './coverage.ts'
import { LinearHistogram, LogHistogram } from './histogram.ts'
import { LATENCY_PHASES, type InvariantViolationRecord, type LatencyPhase, type LeaderInterval } from './schema.ts'

/** Most leader intervals and faults kept for the timeline (counts are kept for all). */
export const TIMELINE_MAX = 5000
const SIMILARITY_BUCKETS = 100

export function bump(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by)
}

export class Collector {
  readonly eventsByKind = new Float64Array(8)
  readonly accepted = new Map<string, number>()
  readonly rejected = new Map<string, Map<string, number>>()
  commandsApplied = 0
  commandsRejected = 0
  txSent = 0
  txLost = 0
  txReverted = 0
  gasEstimated = 0

  tasksSubmitted = 0
  tasksDeferred = 0
  tasksEnded = 0
  tasksSucceeded = 0
  readonly taskFailures = new Map<string, number>()
  tasksRequeued = 0
  readonly forcedPhaseEnds = new Map<string, number>()
  withheldReveals = 0
  copyAttempts = 0
  copyRevealsAccepted = 0
  copyRevealsRefused = 0
  readonly latency = Object.fromEntries(LATENCY_PHASES.map((p) => [p, new LogHistogram()])) as Record<LatencyPhase, LogHistogram>

  roundsRequested = 0
  roundsGenesis = 0
  roundsCompleted = 0
  readonly roundFailures = new Map<string, number>()
  creatorReplacements = 0
  preparerReplacements = 0
  readonly roundDuration = new LogHistogram()

  readonly tasksAssigned: Float64Array
  readonly tasksValid: Float64Array
  readonly tasksOutlier: Float64Array
  readonly tasksTimedOut: Float64Array
  readonly reservations: Float64Array
  readonly roundsPicked: Float64Array
  readonly roundsSucceeded: Float64Array
  readonly inferenceMs: Float64Array
  /** Behaviour index of each miner (MINER_BEHAVIOURS order). */
  readonly behaviourIndex: Uint8Array

  /** [behaviour × 2]: valid, outlier (user tasks and rounds). */
  readonly confusion = new Float64Array(MINER_BEHAVIOURS.length * 2)
  readonly roundConfusion = new Float64Array(MINER_BEHAVIOURS.length * 2)
  readonly similarity = MINER_BEHAVIOURS.map(() => new LinearHistogram(-1, 1, SIMILARITY_BUCKETS))

  readonly leaderMs: Float64Array
  readonly oracleActions: Float64Array
  readonly timeline: LeaderInterval[] = []
  timelineTruncated = false
  readonly handovers = { window: 0, failover: 0 }
  readonly faults: { kind: string; target: number; startMs: number; endMs: number }[] = []
  readonly failoverGap = new LogHistogram()
  private leader = -1
  private leaderSinceMs = 0
  private leaderReason = 'start'

  readonly coverage = new CoverageTracker()

  invariantChecks = 0
  lastCheckMs: number | null = null
  readonly violations: InvariantViolationRecord[] = []

  /** Counters since the last sample, for the series. */
  endedSinceSample = 0
  succeededSinceSample = 0
  commandsSinceSample = 0
  readonly series = {
    atMs: [] as number[],
    tasksEnded: [] as number[],
    tasksSucceeded: [] as number[],
    commandsApplied: [] as number[],
    poolAvailable: [] as number[],
    reserved: [] as number[],
    earnedByBehaviour: MINER_BEHAVIOURS.map(() => [] as bigint[]),
    reputationByBehaviour: MINER_BEHAVIOURS.map(() => [] as number[][]),
  }

  constructor(
    minerBehaviours: readonly MinerBehaviour[],
    oracleCount: number,
    readonly oracleAddresses: readonly string[],
  ) {
    const n = minerBehaviours.length
    this.tasksAssigned = new Float64Array(n)
    this.tasksValid = new Float64Array(n)
    this.tasksOutlier = new Float64Array(n)
    this.tasksTimedOut = new Float64Array(n)
    this.reservations = new Float64Array(n)
    this.roundsPicked = new Float64Array(n)
    this.roundsSucceeded = new Float64Array(n)
    this.inferenceMs = new Float64Array(n)
    this.behaviourIndex = Uint8Array.from(minerBehaviours, (b) => MINER_BEHAVIOURS.indexOf(b))
    this.leaderMs = new Float64Array(oracleCount)
    this.oracleActions = new Float64Array(oracleCount)
  }

  commandAccepted(type: string): void {
    this.commandsApplied++
    this.commandsSinceSample++
    bump(this.accepted, type)
  }

  commandRejected(type: string, code: string): void {
    this.commandsRejected++
    let byCode = this.rejected.get(type)
    if (byCode === undefined) this.rejected.set(type, (byCode = new Map()))
    bump(byCode, code)
  }

  taskEnded(success: boolean, reason: string | null): void {
    this.tasksEnded++
    this.endedSinceSample++
    if (success) {
      this.tasksSucceeded++
      this.succeededSinceSample++
    } else bump(this.taskFailures, reason ?? 'unknown')
  }

  /** A PoI verdict on miner `miner` with `similarity` to the centre. */
  verdict(miner: number, valid: boolean, similarity: number, round: boolean): void {
    const b = this.behaviourIndex[miner]!
    if (round) {
      this.roundConfusion[b * 2 + (valid ? 0 : 1)]!++
      return
    }
    this.confusion[b * 2 + (valid ? 0 : 1)]!++
    this.similarity[b]!.add(similarity)
    if (valid) this.tasksValid[miner]!++
    else this.tasksOutlier[miner]!++
  }

  /** Leadership moved to oracle `to` at `atMs`. */
  leaderChanged(to: number, atMs: number, reason: string): void {
    if (this.leader >= 0) {
      this.leaderMs[this.leader]! += atMs - this.leaderSinceMs
      this.pushInterval(this.leaderSinceMs, atMs, this.leader, this.leaderReason)
    }
    if (reason === 'failover') this.handovers.failover++
    else if (reason === 'window') this.handovers.window++
    this.leader = to
    this.leaderSinceMs = atMs
    this.leaderReason = reason
  }

  /** Closes the open leader interval at the end of the run. */
  closeLeader(atMs: number): void {
    if (this.leader < 0) return
    this.leaderMs[this.leader]! += atMs - this.leaderSinceMs
    this.pushInterval(this.leaderSinceMs, atMs, this.leader, this.leaderReason)
    this.leader = -1
  }

  private pushInterval(fromMs: number, toMs: number, oracle: number, reason: string): void {
    if (this.timeline.length >= TIMELINE_MAX) {
      this.timelineTruncated = true
      return
    }
    this.timeline.push({ fromMs, toMs, oracle: this.oracleAddresses[oracle]!, reason })
  }

  fault(kind: string, target: number, startMs: number, endMs: number): void {
    if (this.faults.length < TIMELINE_MAX) this.faults.push({ kind, target, startMs, endMs })
  }
}
