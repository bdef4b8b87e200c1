/**
 * Samples over time, every `scenario.sampleEveryMs`: throughput since the last sample, the pool's
 * size, cumulative earnings and reputation quantiles by behaviour. One pass over the nodes per
 * sample (about a hundred samples a run), so the series cost no per-event work.
 */
import { computeReputationScore } from '../../protocol/reputation/stats.ts'
import { MINER_BEHAVIOURS } from '../scenario/behaviours.ts'
import { K_HOST, SRC_HOST } from './events.ts'
import type { SimHost } from './host.ts'

export function onSample(h: SimHost): void {
  const step = h.scenario.sampleEveryMs
  if (h.nowMs + step <= h.endMs) h.sim.scheduleAfter(step, K_HOST, SRC_HOST, { type: 'sample' })
  takeSample(h)
}

export function takeSample(h: SimHost): void {
  const m = h.metrics
  const s = m.series
  if (s.atMs.length > 0 && s.atMs[s.atMs.length - 1] === h.nowMs) return
  s.atMs.push(h.nowMs)
  s.tasksEnded.push(m.endedSinceSample)
  s.tasksSucceeded.push(m.succeededSinceSample)
  s.commandsApplied.push(m.commandsSinceSample)
  m.endedSinceSample = 0
  m.succeededSinceSample = 0
  m.commandsSinceSample = 0
  const earned = MINER_BEHAVIOURS.map(() => 0n)
  const scores = MINER_BEHAVIOURS.map(() => [] as number[])
  let available = 0
  let reserved = 0
  for (let i = 0; i < h.miners.count; i++) {
    const address = h.miners.address[i]!
    const node = h.world.nodes.get(address)
    const b = m.behaviourIndex[i]!
    earned[b]! += h.world.nodeAccounts.get(address)?.earned ?? 0n
    if (node === undefined) continue
    if (node.status.kind === 'Available') available++
    else if (node.status.kind === 'Reserved') reserved++
    scores[b]!.push(computeReputationScore(node.reputation, h.nowMs, h.params))
  }
  s.poolAvailable.push(available)
  s.reserved.push(reserved)
  MINER_BEHAVIOURS.forEach((_, b) => {
    s.earnedByBehaviour[b]!.push(earned[b]!)
    s.reputationByBehaviour[b]!.push(computeQuantiles(scores[b]!))
  })
}

/** [p10, p25, p50, p75, p90] of `values` (nearest rank, 4 decimals); empty for no values. */
export function computeQuantiles(values: number[]): number[] {
  if (values.length === 0) return []
  values.sort((a, b) => a - b)
  return [0.1, 0.25, 0.5, 0.75, 0.9].map((q) => Math.round(values[Math.min(values.length - 1, Math.floor(q * values.length))]! * 1e4) / 1e4)
}
