/**
 * The simulation host: one world of the composed protocol, the agents around it, and the event
 * loop that joins them. The host owns no protocol rule: every state change is a `WorldCommand`
 * that reaches `applyCommand` when its transaction is included in a block, and the world's
 * effects (emitted events, timers) are executed here — events are delivered to the agents that
 * watch them, after their network delay; timers come back as `deadline` events.
 *
 * Agents decide what to send (miners: miner-tasks.ts, miner-rounds.ts; oracles: oracle-*.ts;
 * clients: clients.ts); the host carries it (`sendTx`, `deliver`) and keeps the books
 * (metrics/collector.ts, effects.ts).
 */
import type { Hex32 } from '../../protocol/core/commit.ts'
import { keccakCommitScheme, type CommitScheme } from '../../protocol/core/commit.ts'
import type { Ctx } from '../../protocol/core/context.ts'
import type { EmittedEvent } from '../../protocol/core/effects.ts'
import type { Rng } from '../../protocol/core/rng.ts'
import type { Address } from '../../protocol/core/types.ts'
import { getLeaderAt } from '../../protocol/oracle/leadership.ts'
import type { Params } from '../../protocol/params/spec.ts'
import type { SessionEvent } from '../../protocol/session/types.ts'
import { createWorld } from '../../protocol/world/create.ts'
import type { WorldCommand, WorldState } from '../../protocol/world/types.ts'
import { Simulation } from '../engine/simulation.ts'
import { createRandomStreams, type RandomStreams } from '../engine/streams.ts'
import { createChainModel, type ChainModel } from '../models/chain.ts'
import { createSampler, type Sampler } from '../models/distribution.ts'
import { createEmbeddingModel, type EmbeddingModel } from '../models/embeddings.ts'
import { createClockSkewSampler, generateFaultSchedule, type FaultInterval } from '../models/faults.ts'
import { createInferenceModel, type InferenceModel } from '../models/inference.ts'
import { createNetworkModel, MESSAGE_LOST, type NetworkModel } from '../models/network.ts'
import { Collector } from '../metrics/collector.ts'
import type { SimulationConfig } from '../scenario/resolve.ts'
import type { Scenario } from '../scenario/types.ts'
import { K_NOTIFY, K_TX, type NotifyPayload, type Origin, type Payload, type TxPayload } from './events.ts'
import { fastCommitScheme } from './fast-commit.ts'
import { ADMIN_ADDRESS, buildClients, buildMiners, buildOracles, type ClientTable, type MinerTable, type OracleTable } from './population.ts'
import type { RoundRecord, TaskRecord } from './records.ts'
import { MinerSampler } from './sampler.ts'

/** Test-only hooks; never part of a scenario (a run with hooks is not reproducible from run.json). */
export interface TestHooks {
  /** Called after every accepted command, with the count so far (e.g. to inject a violation). */
  afterCommand?(world: WorldState, commandsApplied: number): void
  /** Called for every event the world emits, with the world after the command and the time. */
  onEvent?(event: EmittedEvent, world: WorldState, nowMs: number): void
}

export interface HostOptions {
  readonly traceSink?: ((record: unknown) => void) | undefined
  readonly hooks?: TestHooks | undefined
  /** The command line that reproduces this run, quoted when an invariant breaks. */
  readonly repro?: string | undefined
}

/** A mutable context: one object for every command of the run, its clock moved before each. */
interface HostCtx extends Ctx {
  nowMs: number
}

export class SimHost {
  readonly seed: number
  readonly scenario: Scenario
  readonly params: Params
  readonly streams: RandomStreams
  readonly sim: Simulation<Payload>
  readonly network: NetworkModel
  readonly chain: ChainModel
  readonly inference: InferenceModel
  readonly embeddings: EmbeddingModel
  readonly commit: CommitScheme
  readonly ctx: HostCtx
  readonly world: WorldState
  readonly miners: MinerTable
  readonly oracles: OracleTable
  readonly clients: ClientTable
  readonly faults: readonly FaultInterval[]
  readonly metrics: Collector
  readonly chainRegion: number
  readonly warmUpEndMs: number
  readonly endMs: number

  // ---- agents' live state ----
  /** Reasons a miner is down (crash fault, flaky outage); down while > 0. */
  readonly minerDown: Uint8Array
  /** Incremented each time a miner goes down: work from an earlier life is dropped. */
  readonly minerEpoch: Uint32Array
  readonly busyUntilMs: Float64Array
  readonly oracleDown: Uint8Array
  /** Hung oracles (fault oracleStall): alive, but send nothing. */
  readonly oracleHung: Uint8Array
  /** Per region (RPC endpoint): outages in progress. */
  readonly rpcDown: Uint8Array
  readonly clientSession: Int32Array
  readonly sessionClient = new Map<number, number>()
  /** Each client's submit event, built once and reused (the session machine copies what it keeps). */
  readonly submitEvents: SessionEvent[] = []
  /** Until when a client's deposit is in flight. */
  readonly clientDepositPendingUntilMs: Float64Array
  /** Until when an assignNodes for a client's session is in flight. */
  readonly clientAssignPendingUntilMs: Float64Array
  /** Until when a miner is seated in an open round (one at a time, see pool.ts). */
  readonly roundBusyUntilMs: Float64Array
  /** When the pool last sent a release for each node. */
  readonly releaseSentAtMs: Float64Array

  // ---- records of live tasks and rounds ----
  readonly tasks = new Map<string, TaskRecord>()
  readonly rounds = new Map<number, RoundRecord>()
  /** Ended since the last archive: [sessionId, taskId] pairs and round ids. */
  readonly endedTasks: number[] = []
  readonly endedRounds: number[] = []

  // ---- the oracles' shared view for picks ----
  readonly poolSamplers = new Map<number, MinerSampler>()
  readonly roundSampler: MinerSampler
  readonly genesisSampler: MinerSampler
  /** Until when a node is promised to an assignNodes transaction in flight. */
  readonly reservingUntilMs: Float64Array
  readonly sessionsNeedingNodes = new Set<number>()
  readonly pendingReleases = new Set<number>()
  readonly oracleRng: Rng
  readonly collusionRng: Rng
  readonly embedScratch: Float64Array
  refreshCursor = 0
  /** Nodes whose status changed in the command being applied (coverage of self-loops). */
  readonly changedNodes: string[] = []
  leaderActiveBeforeRotateMs = 0

  /** Every fault interval of the run (the scenario's and crashing oracles'), by index. */
  allFaults: FaultInterval[] = []
  leaderTicks = 0
  poolNoticePending = false
  /** The inference model of network-task work: the first model the weakest tier can run. */
  readonly referenceModelIndex: number
  private readonly downtimeSamplers: (Sampler | undefined)[] = []

  readonly traceSink: ((record: unknown) => void) | undefined
  readonly hooks: TestHooks | undefined
  readonly repro: string
  stopped: 'violation' | null = null
  commandsSinceCheck = 0

  constructor(config: SimulationConfig, options: HostOptions = {}) {
    const s = config.scenario
    this.seed = config.seed
    this.scenario = s
    this.params = config.params
    this.streams = createRandomStreams(config.seed)
    this.chain = createChainModel(s.chain)
    this.inference = createInferenceModel(s.inference)
    this.embeddings = createEmbeddingModel(s.embeddings, s.calibration ?? undefined)
    this.commit = s.commitScheme === 'keccak' ? keccakCommitScheme : fastCommitScheme
    this.chainRegion = s.network.regions.indexOf(s.chainRegion)
    this.warmUpEndMs = s.warmUp.durationMs
    this.endMs = s.durationMs
    const skew = createClockSkewSampler(s.faults, config.seed)
    this.miners = buildMiners(s, this.params, this.streams, this.inference, (i) => skew('miner', i))
    this.oracles = buildOracles(s, this.streams, (i) => skew('oracle', i))
    this.clients = buildClients(s, this.streams, this.miners.count)
    const regions = s.network.regions
    const schedule = generateFaultSchedule(s.faults, { minerCount: this.miners.count, oracleCount: this.oracles.count, rpcEndpointCount: regions.length, regions }, config.seed, s.durationMs)
    this.faults = schedule.intervals
    // Partitions from the fault schedule cut the network model's links like the scenario's own.
    this.network = createNetworkModel({ ...s.network, partitions: [...s.network.partitions, ...schedule.partitions] })
    const sourceCount = 2 + this.oracles.count + this.miners.count + this.clients.count
    this.sim = new Simulation<Payload>({ sourceCountMax: sourceCount })
    this.ctx = { nowMs: 0, rng: this.streams.subsystem('chain', 'ctx'), params: this.params, commit: this.commit }
    this.world = createWorld(ADMIN_ADDRESS, this.oracles.address, this.ctx)
    const n = this.miners.count
    this.minerDown = new Uint8Array(n)
    this.minerEpoch = new Uint32Array(n)
    this.busyUntilMs = new Float64Array(n)
    this.oracleDown = new Uint8Array(this.oracles.count)
    this.oracleHung = new Uint8Array(this.oracles.count)
    this.rpcDown = new Uint8Array(regions.length)
    this.clientSession = new Int32Array(this.clients.count).fill(-1)
    this.clientDepositPendingUntilMs = new Float64Array(this.clients.count)
    this.clientAssignPendingUntilMs = new Float64Array(this.clients.count)
    this.releaseSentAtMs = new Float64Array(n).fill(-1e15)
    this.roundBusyUntilMs = new Float64Array(n)
    this.reservingUntilMs = new Float64Array(n)
    this.roundSampler = new MinerSampler(n)
    this.genesisSampler = new MinerSampler(n)
    for (const p of s.workload.sessions) if (!this.poolSamplers.has(p.modelId)) this.poolSamplers.set(p.modelId, new MinerSampler(n))
    this.oracleRng = this.streams.subsystem('chain', 'oracleFeed')
    this.collusionRng = this.streams.subsystem('embeddings', 'collusion')
    this.embedScratch = new Float64Array(this.embeddings.dimension)
    const weakest = this.inference.options.tiers[0]!.name
    this.referenceModelIndex = Math.max(0, this.inference.options.models.findIndex((m) => m.minTier === weakest))
    this.metrics = new Collector(this.miners.behaviour, this.oracles.count, this.oracles.address)
    this.traceSink = options.traceSink
    this.hooks = options.hooks
    this.repro = options.repro ?? `ctb simulate --seed ${config.seed}`
  }

  // ---- sources ----
  oracleSource(o: number): number {
    return 2 + o
  }
  minerSource(m: number): number {
    return 2 + this.oracles.count + m
  }
  clientSource(c: number): number {
    return 2 + this.oracles.count + this.miners.count + c
  }

  get nowMs(): number {
    return this.sim.nowMs
  }

  get inGenesis(): boolean {
    return this.sim.nowMs < this.warmUpEndMs
  }

  // ---- transactions ----

  /**
   * Sends `command` from an agent in `region`: it crosses the network to the chain's sequencer
   * (or is lost, e.g. to a partition or an RPC outage) and is included a few blocks later, when
   * it reaches the world. Whether it reverts is drawn now, from the sender's stream.
   */
  sendTx(source: number, region: number, rng: Rng, command: WorldCommand, origin: Origin, agent: number, task: TaskRecord | null, round: RoundRecord | null): void {
    const now = this.sim.nowMs
    this.metrics.txSent++
    const delayMs = this.rpcDown[region]! > 0 ? MESSAGE_LOST : this.network.sampleDelayMs(rng, region, this.chainRegion, now)
    if (delayMs === MESSAGE_LOST) {
      this.metrics.txLost++
      return
    }
    const atMs = this.chain.sampleInclusionMs(rng, now + delayMs)
    const reverted = this.chain.sampleTxFails(rng)
    const payload: TxPayload = { type: 'tx', command, origin, agent, task, round, reverted }
    this.sim.schedule(atMs, K_TX, source, payload)
  }

  /** Schedules a setup transaction into the block after `atMs`, without loss or revert (genesis state). */
  sendSetupTx(source: number, atMs: number, command: WorldCommand, agent: number): void {
    const blockMs = (this.chain.blockNumberAt(atMs) + 1) * this.chain.options.blockIntervalMs
    this.sim.schedule(blockMs, K_TX, source, { type: 'tx', command, origin: 0, agent, task: null, round: null, reverted: false })
  }

  /**
   * Delivers news from the chain to an agent in `region` after its network delay (lost like any
   * message; an agent behind an RPC outage hears nothing).
   */
  deliver(source: number, region: number, rng: Rng, payload: NotifyPayload): boolean {
    if (this.rpcDown[region]! > 0) return false
    const delayMs = this.network.sampleDelayMs(rng, this.chainRegion, region, this.sim.nowMs)
    if (delayMs === MESSAGE_LOST) return false
    this.sim.schedule(this.sim.nowMs + delayMs, K_NOTIFY, source, payload)
    return true
  }

  // ---- agents' views ----

  isMinerUp(m: number): boolean {
    return this.minerDown[m] === 0
  }

  /** Can oracle `o` send anything now? */
  canOracleSend(o: number): boolean {
    return this.oracleDown[o] === 0 && this.oracleHung[o] === 0
  }

  /** Does oracle `o`, by its own clock, believe it leads now? */
  believesLeader(o: number): boolean {
    return getLeaderAt(this.world.oracle, this.sim.nowMs + this.oracles.skewMs[o]!, this.params) === this.oracles.address[o]
  }

  /** Oracles that would act on a duty now: up, not hung, not a stalling leader, and leader by their own clock. */
  actingOracles(out: number[]): number[] {
    out.length = 0
    for (let o = 0; o < this.oracles.count; o++) {
      if (!this.canOracleSend(o) || this.oracles.behaviour[o] === 'stalling') continue
      if (this.believesLeader(o)) out.push(o)
    }
    return out
  }

  minerIndex(address: Address | string): number {
    const i = this.miners.indexOf.get(address)
    return i === undefined ? -1 : i
  }

  saltOf(m: number): Hex32 {
    return this.miners.salt[m]!
  }

  /** How long a crash of (crashing) oracle `o` lasts, compiled once per oracle. */
  oracleDowntimeSampler(o: number): Sampler {
    let sampler = this.downtimeSamplers[o]
    if (sampler === undefined) this.downtimeSamplers[o] = sampler = createSampler(this.oracles.group[o]!.downtimeMs)
    return sampler
  }
}
