/**
 * NodeStats per metric and the reputation score R (§8, §15.18).
 *
 * The score uses recency-weighted success rates. With `reputation.decay = 'halfLife'` each metric
 * keeps attempt and success sums that lose half their weight every `decayHalfLifeMs`; the decay
 * is applied lazily (only when the metric is touched or read), so an update is O(1) and nothing
 * grows with the node's history. This replaces §8's "last K = 100 attempts" window, which would
 * need K entries per metric per node. With `'none'` the rates are plain lifetime rates.
 *
 *   rate(metric) = (recentSuccesses + k·p) / (recentAttempts + k)      k = priorWeight, p = priorRate
 *   R = wPrecommit·rate(Precommit) + wCommit·rate(Commit) + wCorrectness·rate(Correctness)
 *
 * With k = 0 (the default) a metric with no attempts yet scores the neutral prior p = 0.5, and a
 * metric with attempts scores its measured rate; k > 0 pulls thin records towards p, and with
 * decay also pulls a node that stopped working back towards p over time.
 */
import { METRICS, type Metric } from '../core/effects.ts'
import { ProtocolAssertionError } from '../core/result.ts'
import type { Ms } from '../core/types.ts'
import type { Params } from '../params/spec.ts'
import type { MetricStats, Reputation } from './types.ts'

/** Position of each metric in `Reputation.metrics` (the order of `METRICS`). */
export const METRIC_INDEX: Readonly<Record<Metric, number>> = Object.fromEntries(METRICS.map((m, i) => [m, i])) as Record<Metric, number>

/** The NodeStats entry of one metric. */
export function getMetricStats(rep: Reputation, metric: Metric): MetricStats {
  const stats = rep.metrics[METRIC_INDEX[metric]]
  // Thrown by hand, not through assert(), so the hot path builds no message string.
  if (stats === undefined) throw new ProtocolAssertionError(`reputation has no entry for metric ${String(metric)}`)
  return stats
}

/** Weight left to an observation `elapsedMs` old: 2^(−elapsed / halfLife); 1 for no elapsed time. */
export function computeDecayFactor(elapsedMs: Ms, halfLifeMs: Ms): number {
  return elapsedMs <= 0 ? 1 : Math.pow(2, -elapsedMs / halfLifeMs)
}

/**
 * Records `attempts` attempts of which `successes` succeeded (a batch, so a liveness check can
 * book several missed pings at once). Time never runs backwards for a node; an earlier `nowMs`
 * is treated as no elapsed time.
 */
export function recordStatBatch(
  rep: Reputation,
  metric: Metric,
  attempts: number,
  successes: number,
  nowMs: Ms,
  params: Params,
): Reputation {
  const m = getMetricStats(rep, metric)
  const factor = params.reputation.decay === 'halfLife' ? computeDecayFactor(nowMs - m.updatedAtMs, params.reputation.decayHalfLifeMs) : 1
  const metrics = rep.metrics.slice()
  metrics[METRIC_INDEX[metric]] = {
    counter: m.counter + attempts,
    points: m.points + successes,
    recentAttempts: m.recentAttempts * factor + attempts,
    recentSuccesses: m.recentSuccesses * factor + successes,
    updatedAtMs: nowMs > m.updatedAtMs ? nowMs : m.updatedAtMs,
  }
  return { metrics, cognitive: rep.cognitive, level: rep.level }
}

/** Records one attempt of `metric` (the host routes the protocol's `stat` effects here). */
export function recordStat(rep: Reputation, metric: Metric, success: boolean, nowMs: Ms, params: Params): Reputation {
  return recordStatBatch(rep, metric, 1, success ? 1 : 0, nowMs, params)
}

/** The recency-weighted success rate of one metric at `nowMs`, in [0, 1] (see the file comment). */
export function computeSuccessRate(rep: Reputation, metric: Metric, nowMs: Ms, params: Params): number {
  const m = getMetricStats(rep, metric)
  const k = params.reputation.priorWeight
  const p = params.reputation.priorRate
  if (k === 0) {
    // Decay scales both sums by the same factor, so the ratio needs no decay at all.
    return m.recentAttempts > 0 ? m.recentSuccesses / m.recentAttempts : p
  }
  const factor = params.reputation.decay === 'halfLife' ? computeDecayFactor(nowMs - m.updatedAtMs, params.reputation.decayHalfLifeMs) : 1
  return (m.recentSuccesses * factor + k * p) / (m.recentAttempts * factor + k)
}

/** The reputation score R in [0, 1] that selection weighs nodes by. */
export function computeReputationScore(rep: Reputation, nowMs: Ms, params: Params): number {
  const w = params.reputation
  const score =
    w.weightPrecommit * computeSuccessRate(rep, 'Precommit', nowMs, params) +
    w.weightCommit * computeSuccessRate(rep, 'Commit', nowMs, params) +
    w.weightCorrectness * computeSuccessRate(rep, 'Correctness', nowMs, params)
  // The weights sum to 1 only within 1e-9 (params/validate.ts), so clamp the rounding away.
  return score < 0 ? 0 : score > 1 ? 1 : score
}
