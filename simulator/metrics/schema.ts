/**
 * The schema of `metrics.json`, version 1. Reports and scenarios read this file, never simulator
 * internals, so this file is the contract: a field that changes meaning or disappears bumps
 * `METRICS_FORMAT_VERSION`; adding a field does not. simulator/README.md documents each section.
 *
 * Conventions: times in integer ms of simulated time; amounts as bigints (`{ "#bigint": "…" }` in
 * the file, token units of 10^-18 COR); per-node data in columns (arrays indexed like `nodes.address`);
 * series over time share `series.sampleEveryMs` (entry k covers (k·step, (k+1)·step]).
 */
import type { Amount } from '../../protocol/core/types.ts'

export const METRICS_FORMAT = 'cortensor-testbed/metrics'
export const METRICS_FORMAT_VERSION = 1

export interface HistogramSummary {
  readonly count: number
  readonly meanMs: number | null
  readonly minMs: number | null
  readonly maxMs: number | null
  readonly p50Ms: number | null
  readonly p90Ms: number | null
  readonly p99Ms: number | null
  /** Upper bounds of the non-empty log buckets (10 per decade), and their counts. */
  readonly bucketUpperMs: readonly number[]
  readonly bucketCounts: readonly number[]
}

export interface LinearHistogramData {
  readonly low: number
  readonly high: number
  /** Equal-width buckets over [low, high). */
  readonly counts: readonly number[]
}

/** Task phases whose latency is measured, each from the previous phase's end. */
export const LATENCY_PHASES = ['queue', 'ack', 'precommit', 'commit', 'validate', 'end', 'total'] as const
export type LatencyPhase = (typeof LATENCY_PHASES)[number]

export interface RunSection {
  readonly seed: number
  /** 'completed', 'interrupted' (Ctrl-C) or 'violation' (an invariant broke). */
  readonly status: 'completed' | 'interrupted' | 'violation'
  readonly simulatedMs: number
  readonly warmUpEndMs: number
  readonly eventsProcessed: number
  readonly eventsByKind: Readonly<Record<string, number>>
  readonly commitScheme: 'fast' | 'keccak'
}

export interface CommandsSection {
  readonly applied: number
  readonly rejected: number
  /** command type → count accepted. */
  readonly acceptedByType: Readonly<Record<string, number>>
  /** command type → rejection code → count. */
  readonly rejectedByType: Readonly<Record<string, Readonly<Record<string, number>>>>
}

export interface ChainSection {
  readonly txSent: number
  /** Lost on the way to the sequencer (network loss, partition, RPC outage). */
  readonly txLost: number
  /** Included but reverted (`chain.txFailureProbability`). */
  readonly txReverted: number
  readonly gasEstimated: number
}

export interface TasksSection {
  readonly submitted: number
  /** Arrivals a client did not submit because its session was not Ready. */
  readonly deferred: number
  readonly ended: number
  readonly succeeded: number
  /** failure reason → count. */
  readonly failed: Readonly<Record<string, number>>
  readonly requeued: number
  /** Phases closed at their deadline with a miner still waiting, by phase. */
  readonly forcedPhaseEnds: Readonly<Record<string, number>>
  readonly openAtEnd: number
  readonly withheldReveals: number
  /** Copycat precommits sent, and how many copied reveals the chain accepted and refused (RevealMismatch). */
  readonly copyAttempts: number
  readonly copyRevealsAccepted: number
  readonly copyRevealsRefused: number
  readonly latency: Readonly<Record<LatencyPhase, HistogramSummary>>
}

export interface RoundsSection {
  readonly requested: number
  readonly genesis: number
  readonly completed: number
  readonly failed: Readonly<Record<string, number>>
  readonly creatorReplacements: number
  readonly preparerReplacements: number
  readonly durationMs: HistogramSummary
}

export interface NodesSection {
  readonly address: readonly string[]
  readonly behaviour: readonly string[]
  readonly tier: readonly string[]
  readonly region: readonly string[]
  readonly status: readonly string[]
  readonly level: readonly number[]
  /** Reputation score R in [0, 1] at the end. */
  readonly reputation: readonly number[]
  /** Selection weight (protocol integer weight / 2^24) at the end. */
  readonly selectionWeight: readonly number[]
  readonly earned: readonly Amount[]
  readonly slashed: readonly Amount[]
  readonly stake: readonly Amount[]
  readonly tasksAssigned: readonly number[]
  readonly tasksValid: readonly number[]
  readonly tasksOutlier: readonly number[]
  readonly tasksTimedOut: readonly number[]
  readonly reservations: readonly number[]
  readonly roundsPicked: readonly number[]
  readonly roundsSucceeded: readonly number[]
  /** Simulated inference time spent, ms. */
  readonly inferenceMs: readonly number[]
}

export interface BehaviourTotals {
  readonly nodes: number
  readonly earned: Amount
  readonly slashed: Amount
  readonly tasksAssigned: number
  readonly tasksValid: number
  readonly tasksOutlier: number
  readonly tasksTimedOut: number
  readonly inferenceMs: number
  /** earned / tasksAssigned, in COR (null without tasks). */
  readonly earnedCorPerTask: number | null
  /** earned / inference seconds, in COR (null without work). */
  readonly earnedCorPerInferenceSecond: number | null
  readonly meanReputation: number | null
  readonly poolShare: number
}

export interface PoiSection {
  readonly threshold: number
  /** behaviour → verdict counts (user tasks). A cheater's `valid` is a missed detection. */
  readonly confusion: Readonly<Record<string, { readonly valid: number; readonly outlier: number }>>
  /** behaviour → histogram of similarity to the cluster centre (user tasks). */
  readonly similarity: Readonly<Record<string, LinearHistogramData>>
  readonly roundConfusion: Readonly<Record<string, { readonly valid: number; readonly outlier: number }>>
}

export interface LeaderInterval {
  readonly fromMs: number
  readonly toMs: number
  readonly oracle: string
  /** How it took over: window start, failover, or the run's start. */
  readonly reason: string
}

export interface OraclesSection {
  readonly address: readonly string[]
  readonly behaviour: readonly string[]
  /** ms each oracle led. */
  readonly leaderMs: readonly number[]
  /** Accepted oracle actions (duties) per oracle. */
  readonly actions: readonly number[]
  readonly handovers: { readonly window: number; readonly failover: number }
  /** Leader intervals in order (at most `timelineMax`; `timelineTruncated` says if more happened). */
  readonly timeline: readonly LeaderInterval[]
  readonly timelineTruncated: boolean
  /** Faults injected (at most `timelineMax`). */
  readonly faults: readonly { readonly kind: string; readonly target: number; readonly startMs: number; readonly endMs: number }[]
  /** After each failover: ms from the leader's last activity to the new leader's takeover. */
  readonly failoverGapMs: HistogramSummary
}

export interface SeriesSection {
  readonly sampleEveryMs: number
  readonly atMs: readonly number[]
  readonly tasksEnded: readonly number[]
  readonly tasksSucceeded: readonly number[]
  readonly commandsApplied: readonly number[]
  readonly poolAvailable: readonly number[]
  readonly reserved: readonly number[]
  /** behaviour → cumulative earnings at each sample. */
  readonly earnedByBehaviour: Readonly<Record<string, readonly Amount[]>>
  /** behaviour → reputation quantiles [p10, p25, p50, p75, p90] at each sample. */
  readonly reputationByBehaviour: Readonly<Record<string, readonly (readonly number[])[]>>
}

export interface CoverageRow {
  readonly from: string
  readonly event: string
  readonly hits: number
}

export interface CoverageSection {
  /** One entry per machine table of protocol/spec/machines.ts: every row and how often the run used it. */
  readonly machines: readonly { readonly machine: string; readonly rows: readonly CoverageRow[]; readonly hitRows: number; readonly totalRows: number }[]
  readonly timeouts: Readonly<Record<string, number>>
  readonly reassignments: Readonly<Record<string, number>>
  readonly handovers: Readonly<Record<string, number>>
}

export interface InvariantViolationRecord {
  readonly id: string
  readonly statement: string
  readonly details: readonly string[]
  readonly atMs: number
  /** The event after which the check failed. */
  readonly event: string
  readonly repro: string
}

export interface InvariantsSection {
  readonly everyCommands: number
  readonly everyMs: number
  readonly checks: number
  readonly lastCheckMs: number | null
  readonly violations: readonly InvariantViolationRecord[]
}

export interface SimulationMetrics {
  readonly format: typeof METRICS_FORMAT
  readonly formatVersion: typeof METRICS_FORMAT_VERSION
  readonly run: RunSection
  readonly counts: { readonly miners: number; readonly oracles: number; readonly clients: number; readonly sessions: number }
  readonly commands: CommandsSection
  readonly chain: ChainSection
  readonly tasks: TasksSection
  readonly rounds: RoundsSection
  readonly nodes: NodesSection
  readonly behaviours: Readonly<Record<string, BehaviourTotals>>
  readonly poi: PoiSection
  readonly oracles: OraclesSection
  readonly series: SeriesSection
  readonly coverage: CoverageSection
  readonly invariants: InvariantsSection
}
