/**
 * A scenario: everything about a run except the seed and the protocol parameters — who takes
 * part (miners and oracles by behaviour, clients), what they do (the workload), the models of the
 * world around the protocol, the faults, and how the run is checked. A resolved `Scenario` has
 * every field filled in; it is what `run.json` records and what `ctb replay` re-runs.
 */
import type { ChainOptions } from '../models/chain.ts'
import type { DistributionSpec } from '../models/distribution.ts'
import type { EmbeddingCalibration, EmbeddingOptions } from '../models/embeddings.ts'
import type { FaultOptions } from '../models/faults.ts'
import type { InferenceOptions } from '../models/inference.ts'
import type { NetworkOptions } from '../models/network.ts'
import type { MinerBehaviour, MinerKnobs, OracleBehaviour, OracleKnobs } from './behaviours.ts'

export const SCENARIO_FORMAT_VERSION = 1

export interface MinerGroup extends MinerKnobs {
  readonly behaviour: MinerBehaviour
  readonly count: number
  /** A region of the network model, or null to draw one per miner (uniform). */
  readonly region: string | null
  /** A hardware tier of the inference model, or null to draw one per miner (by share). */
  readonly tier: string | null
  /** Stake in whole COR; null stakes `selection.minStake`. */
  readonly stakeCor: number | null
}

export interface OracleGroup extends OracleKnobs {
  readonly behaviour: OracleBehaviour
  readonly count: number
  readonly region: string | null
}

/** One kind of session clients open; `weight` is its share among clients. */
export interface SessionProfile {
  readonly weight: number
  readonly redundancy: number
  readonly minNodes: number
  readonly maxNodes: number
  /** A model id of the inference model. */
  readonly modelId: number
  readonly sla: number
  readonly reservePeriodMs: number
  readonly maxTaskExecutionCount: number
  /** llmParams[0] of every task. */
  readonly maxTokens: number
}

export type ArrivalSpec =
  | { readonly kind: 'poisson' }
  /** Bursts arrive as a Poisson process; each holds a geometric number of tasks (mean `meanBurstSize`) `gapMs` apart. */
  | { readonly kind: 'bursty'; readonly meanBurstSize: number; readonly gapMs: number }

export interface Workload {
  /** Average tasks each miner is assigned per simulated minute (DESIGN.md: 1). */
  readonly tasksPerMinerPerMinute: number
  /** Clients, each with one session; null derives it from `reserveShare`. */
  readonly clients: number | null
  /** Share of the miners the clients' sessions hold when full (derives `clients`). */
  readonly reserveShare: number
  readonly arrival: ArrivalSpec
  readonly sessions: readonly SessionProfile[]
  /** Deposit per session at start, and per top-up when the balance runs low, in whole COR. */
  readonly depositCor: number
  /** Tokens of each answer in a network-task completion (one answer per challenge). */
  readonly roundAnswerTokens: number
}

/**
 * Genesis (bootstrap): nodes join the pool only through real network-task rounds. For
 * `durationMs` the leader requests a round every `roundIntervalMs` and picks its miners among the
 * nodes that are not yet pool-eligible, so every node qualifies within minutes rather than weeks.
 */
export interface WarmUp {
  readonly durationMs: number
  readonly roundIntervalMs: number
}

export interface InvariantChecks {
  /** Check after every N applied commands (1 = every step); 0 = not by count. */
  readonly everyCommands: number
  /** Check every N ms of simulated time; 0 = not by time. */
  readonly everyMs: number
}

export interface Scenario {
  readonly formatVersion: typeof SCENARIO_FORMAT_VERSION
  readonly durationMs: number
  readonly miners: readonly MinerGroup[]
  readonly oracles: readonly OracleGroup[]
  readonly workload: Workload
  readonly warmUp: WarmUp
  readonly network: NetworkOptions
  /** Region of the chain's sequencer and RPC: every transaction and every event crosses to it. */
  readonly chainRegion: string
  readonly chain: ChainOptions
  readonly inference: InferenceOptions
  readonly embeddings: EmbeddingOptions
  readonly calibration: EmbeddingCalibration | null
  readonly faults: FaultOptions
  /** `fast`: the non-cryptographic binding stand-in; `keccak`: the contracts' hashes (conformance). */
  readonly commitScheme: 'fast' | 'keccak'
  readonly invariants: InvariantChecks
  /** Ms between metric samples over time (throughput, earnings, reputation); 0 derives it. */
  readonly sampleEveryMs: number
}

/** Re-export for scenario files that spell out distributions. */
export type { DistributionSpec }
