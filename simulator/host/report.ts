/** Builds `metrics.json` (metrics/schema.ts) from the collector and the world at the end of a run. */
import type { Amount } from '../../protocol/core/types.ts'
import { computeReputationScore } from '../../protocol/reputation/stats.ts'
import { computeSelectionWeight, WEIGHT_SCALE } from '../../protocol/selection/weights.ts'
import { toRecord } from '../metrics/coverage.ts'
import { LATENCY_PHASES, METRICS_FORMAT, METRICS_FORMAT_VERSION, type BehaviourTotals, type NodesSection, type SimulationMetrics } from '../metrics/schema.ts'
import { MINER_BEHAVIOURS } from '../scenario/behaviours.ts'
import { HOST_KINDS } from './events.ts'
import type { SimHost } from './host.ts'

const COR = 10n ** 18n

export function buildMetrics(h: SimHost, status: 'completed' | 'interrupted' | 'violation'): SimulationMetrics {
  const m = h.metrics
  m.closeLeader(h.nowMs)
  const nodes = buildNodes(h)
  const eventsByKind: Record<string, number> = {}
  HOST_KINDS.names.forEach((name, i) => (eventsByKind[name] = m.eventsByKind[i]!))
  const rejectedByType: Record<string, Record<string, number>> = {}
  for (const type of [...m.rejected.keys()].sort()) rejectedByType[type] = toRecord(m.rejected.get(type)!)
  const latency = Object.fromEntries(LATENCY_PHASES.map((p) => [p, m.latency[p].summary()])) as SimulationMetrics['tasks']['latency']
  const confusion = (counts: Float64Array): Record<string, { valid: number; outlier: number }> => {
    const out: Record<string, { valid: number; outlier: number }> = {}
    MINER_BEHAVIOURS.forEach((b, i) => {
      if (counts[i * 2]! + counts[i * 2 + 1]! > 0) out[b] = { valid: counts[i * 2]!, outlier: counts[i * 2 + 1]! }
    })
    return out
  }
  const similarity: Record<string, ReturnType<(typeof m.similarity)[number]['data']>> = {}
  MINER_BEHAVIOURS.forEach((b, i) => {
    const data = m.similarity[i]!.data()
    if (data.counts.some((c) => c > 0)) similarity[b] = data
  })
  const present = MINER_BEHAVIOURS.filter((_, i) => m.behaviourIndex.includes(i))
  return {
    format: METRICS_FORMAT,
    formatVersion: METRICS_FORMAT_VERSION,
    run: { seed: h.seed, status, simulatedMs: h.nowMs, warmUpEndMs: h.warmUpEndMs, eventsProcessed: h.sim.eventsProcessed, eventsByKind, commitScheme: h.scenario.commitScheme },
    counts: { miners: h.miners.count, oracles: h.oracles.count, clients: h.clients.count, sessions: h.world.sessions.size },
    commands: { applied: m.commandsApplied, rejected: m.commandsRejected, acceptedByType: toRecord(m.accepted), rejectedByType },
    chain: { txSent: m.txSent, txLost: m.txLost, txReverted: m.txReverted, gasEstimated: m.gasEstimated },
    tasks: {
      submitted: m.tasksSubmitted,
      deferred: m.tasksDeferred,
      ended: m.tasksEnded,
      succeeded: m.tasksSucceeded,
      failed: toRecord(m.taskFailures),
      requeued: m.tasksRequeued,
      forcedPhaseEnds: toRecord(m.forcedPhaseEnds),
      openAtEnd: h.tasks.size,
      withheldReveals: m.withheldReveals,
      copyAttempts: m.copyAttempts,
      copyRevealsAccepted: m.copyRevealsAccepted,
      copyRevealsRefused: m.copyRevealsRefused,
      latency,
    },
    rounds: {
      requested: m.roundsRequested,
      genesis: m.roundsGenesis,
      completed: m.roundsCompleted,
      failed: toRecord(m.roundFailures),
      creatorReplacements: m.creatorReplacements,
      preparerReplacements: m.preparerReplacements,
      durationMs: m.roundDuration.summary(),
    },
    nodes,
    behaviours: Object.fromEntries(present.map((b) => [b, behaviourTotals(h, nodes, MINER_BEHAVIOURS.indexOf(b))])),
    poi: { threshold: h.params.poi.cosineThreshold, confusion: confusion(m.confusion), similarity, roundConfusion: confusion(m.roundConfusion) },
    oracles: {
      address: [...h.oracles.address],
      behaviour: [...h.oracles.behaviour],
      leaderMs: Array.from(m.leaderMs),
      actions: Array.from(m.oracleActions),
      handovers: { ...m.handovers },
      timeline: m.timeline,
      timelineTruncated: m.timelineTruncated,
      faults: m.faults,
      failoverGapMs: m.failoverGap.summary(),
    },
    series: {
      sampleEveryMs: h.scenario.sampleEveryMs,
      atMs: m.series.atMs,
      tasksEnded: m.series.tasksEnded,
      tasksSucceeded: m.series.tasksSucceeded,
      commandsApplied: m.series.commandsApplied,
      poolAvailable: m.series.poolAvailable,
      reserved: m.series.reserved,
      earnedByBehaviour: Object.fromEntries(present.map((b) => [b, m.series.earnedByBehaviour[MINER_BEHAVIOURS.indexOf(b)]!])),
      reputationByBehaviour: Object.fromEntries(present.map((b) => [b, m.series.reputationByBehaviour[MINER_BEHAVIOURS.indexOf(b)]!])),
    },
    coverage: m.coverage.summary(),
    invariants: { everyCommands: h.scenario.invariants.everyCommands, everyMs: h.scenario.invariants.everyMs, checks: m.invariantChecks, lastCheckMs: m.lastCheckMs, violations: m.violations },
  }
}

function buildNodes(h: SimHost): NodesSection {
  const m = h.metrics
  const n = h.miners.count
  const status: string[] = []
  const level: number[] = []
  const reputation: number[] = []
  const selectionWeight: number[] = []
  const earned: Amount[] = []
  const slashed: Amount[] = []
  const stake: Amount[] = []
  for (let i = 0; i < n; i++) {
    const address = h.miners.address[i]!
    const node = h.world.nodes.get(address)
    const account = h.world.nodeAccounts.get(address)
    const score = node === undefined ? 0 : computeReputationScore(node.reputation, h.nowMs, h.params)
    status.push(node?.status.kind ?? 'Unregistered')
    level.push(node?.reputation.level.level ?? 0)
    reputation.push(Math.round(score * 1e6) / 1e6)
    selectionWeight.push(Math.round((computeSelectionWeight(score, account?.stake ?? 0n, h.params) / WEIGHT_SCALE) * 1e6) / 1e6)
    earned.push(account?.earned ?? 0n)
    slashed.push(account?.slashed ?? 0n)
    stake.push(account?.stake ?? 0n)
  }
  const tiers = h.inference.options.tiers
  return {
    address: [...h.miners.address],
    behaviour: [...h.miners.behaviour],
    tier: Array.from(h.miners.tier, (t) => tiers[t]!.name),
    region: Array.from(h.miners.region, (r) => h.scenario.network.regions[r]!),
    status,
    level,
    reputation,
    selectionWeight,
    earned,
    slashed,
    stake,
    tasksAssigned: Array.from(m.tasksAssigned),
    tasksValid: Array.from(m.tasksValid),
    tasksOutlier: Array.from(m.tasksOutlier),
    tasksTimedOut: Array.from(m.tasksTimedOut),
    reservations: Array.from(m.reservations),
    roundsPicked: Array.from(m.roundsPicked),
    roundsSucceeded: Array.from(m.roundsSucceeded),
    inferenceMs: Array.from(m.inferenceMs),
  }
}

function behaviourTotals(h: SimHost, nodes: NodesSection, b: number): BehaviourTotals {
  const m = h.metrics
  let count = 0
  let earned = 0n
  let slashed = 0n
  let assigned = 0
  let valid = 0
  let outlier = 0
  let timedOut = 0
  let inferenceMs = 0
  let reputation = 0
  let inPool = 0
  for (let i = 0; i < h.miners.count; i++) {
    if (m.behaviourIndex[i] !== b) continue
    count++
    earned += nodes.earned[i]!
    slashed += nodes.slashed[i]!
    assigned += nodes.tasksAssigned[i]!
    valid += nodes.tasksValid[i]!
    outlier += nodes.tasksOutlier[i]!
    timedOut += nodes.tasksTimedOut[i]!
    inferenceMs += nodes.inferenceMs[i]!
    reputation += nodes.reputation[i]!
    const s = nodes.status[i]
    if (s === 'Available' || s === 'Reserved' || s === 'PendingRevalidation') inPool++
  }
  const earnedCor = Number((earned * 1_000_000n) / COR) / 1_000_000
  return {
    nodes: count,
    earned,
    slashed,
    tasksAssigned: assigned,
    tasksValid: valid,
    tasksOutlier: outlier,
    tasksTimedOut: timedOut,
    inferenceMs,
    earnedCorPerTask: assigned > 0 ? round6(earnedCor / assigned) : null,
    earnedCorPerInferenceSecond: inferenceMs > 0 ? round6(earnedCor / (inferenceMs / 1000)) : null,
    meanReputation: count > 0 ? round6(reputation / count) : null,
    poolShare: count > 0 ? round6(inPool / count) : 0,
  }
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6
}

