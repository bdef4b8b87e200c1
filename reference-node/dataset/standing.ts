/**
 * Every node's standing as the PoUW rounds left it (§3.3, §8): pool state, level, liveness, stake,
 * the per-metric NodeStats counters with their success rates, the cognitive record that decides
 * pool eligibility, and the models it serves. `ctb node status` prints it and the router's
 * `/api/v1/miners` returns it; both compute it here from a node's chain state with the protocol's
 * own functions, so neither can disagree with the rules.
 */
import { METRICS, type Metric } from '../../protocol/core/effects.ts'
import type { Address, Amount, Ms, SessionId } from '../../protocol/core/types.ts'
import { isOnlineAt } from '../../protocol/node/liveness.ts'
import type { NodeState, NodeStatusKind } from '../../protocol/node/types.ts'
import type { Params } from '../../protocol/params/spec.ts'
import { checkPoolEligibility } from '../../protocol/reputation/cognitive.ts'
import { computeLevelRequirement } from '../../protocol/reputation/levels.ts'
import { computeReputationScore, computeSuccessRate, getMetricStats } from '../../protocol/reputation/stats.ts'
import type { PoolIneligibility } from '../../protocol/reputation/types.ts'
import { getWindowCounts } from '../../protocol/reputation/window.ts'
import type { ChainClient } from '../chain/types.ts'
import { findModel } from '../catalog/catalog.ts'
import { listRegisteredNodes } from '../catalog/served.ts'
import type { ModelCatalog } from '../catalog/types.ts'

export interface MetricStanding {
  readonly metric: Metric
  /** Attempts (NodeStats "counter"). */
  readonly counter: number
  /** Successes (NodeStats "points"). */
  readonly points: number
  /** points / counter; null before the first attempt. */
  readonly successRate: number | null
  /** The recency-weighted rate the reputation score uses (the prior before any attempt). */
  readonly weightedRate: number
}

export interface NodeStanding {
  readonly address: Address
  readonly status: NodeStatusKind
  /** The session holding the node, when Reserved. */
  readonly reservedBy: SessionId | null
  readonly level: number
  /** What the node needs to move up from its level (null at the top). */
  readonly nextLevel: { readonly consecutiveSuccesses: number; readonly successRate: number } | null
  readonly levelSuccessStreak: number
  readonly online: boolean
  readonly missedPings: number
  readonly lastPingAtMs: Ms
  readonly stake: Amount
  readonly reputationScore: number
  readonly models: readonly { readonly id: number; readonly name: string | null }[]
  readonly metrics: readonly MetricStanding[]
  readonly cognitive: {
    readonly attempts: number
    readonly successes: number
    readonly windowAttempts: number
    readonly windowSuccesses: number
    readonly successStreak: number
    readonly failureStreak: number
  }
  /** Why the node could not join the pool now (null when it could). */
  readonly poolIneligibility: PoolIneligibility | null
}

/** The standing of `node` at `nowMs` (chain time) with stake `stake`. */
export function describeNodeStanding(node: NodeState, stake: Amount, nowMs: Ms, params: Params, catalog?: ModelCatalog): NodeStanding {
  const rep = node.reputation
  const window = getWindowCounts(rep.cognitive.window, nowMs, params)
  const level = rep.level.level
  return {
    address: node.address,
    status: node.status.kind,
    reservedBy: node.status.kind === 'Reserved' ? node.status.sessionId : null,
    level,
    nextLevel: level < params.levels.max ? computeLevelRequirement(level, params) : null,
    levelSuccessStreak: rep.level.successStreak,
    online: isOnlineAt(node, nowMs, params),
    missedPings: node.missedPings,
    lastPingAtMs: node.lastPingAtMs,
    stake,
    reputationScore: computeReputationScore(rep, nowMs, params),
    models: node.models.map((id) => ({ id, name: catalog === undefined ? null : (findModel(catalog, id)?.name ?? null) })),
    metrics: METRICS.map((metric) => describeMetric(node, metric, nowMs, params)),
    cognitive: {
      attempts: rep.cognitive.attempts,
      successes: rep.cognitive.successes,
      windowAttempts: window.attempts,
      windowSuccesses: window.successes,
      successStreak: rep.cognitive.successStreak,
      failureStreak: rep.cognitive.failureStreak,
    },
    poolIneligibility: checkPoolEligibility(rep, nowMs, params),
  }
}

function describeMetric(node: NodeState, metric: Metric, nowMs: Ms, params: Params): MetricStanding {
  const m = getMetricStats(node.reputation, metric)
  return { metric, counter: m.counter, points: m.points, successRate: m.counter === 0 ? null : m.points / m.counter, weightedRate: computeSuccessRate(node.reputation, metric, nowMs, params) }
}

/** The standings of every registered node on `chain` at its latest block, sorted by address. */
export async function readNodeStandings(chain: ChainClient, catalog?: ModelCatalog): Promise<NodeStanding[]> {
  const [params, head, nodes] = await Promise.all([chain.getParams(), chain.getBlock(), listRegisteredNodes(chain)])
  const standings: NodeStanding[] = []
  for (const node of nodes) standings.push(describeNodeStanding(node, (await chain.readNodeAccount(node.address)).stake, head.timestampMs, params, catalog))
  return standings
}
