// Goal: the protocol's answer to each fault — a crashed (or hung) leader is replaced by the next
// oracle within window + grace; a stalling leader (heartbeats, no duties) lasts to its window's
// end; a skewed oracle's early or late actions are refused while the network goes on; miners cut
// off by a partition or a crash have their tasks reassigned or refunded; no task is lost and funds
// are conserved throughout (every invariant after every command). Method: small runs with fault
// intervals; LeaderChanged, TaskAssigned, TaskRequeued and TaskEnded events observed through hooks.
import { describe, expect, it } from 'vitest'
import type { Address } from '../../protocol/core/types.ts'
import { computeSyntheticAddress } from '../../protocol/core/types.ts'
import { ORACLE_TAG } from './population.ts'
import { recordEvents, smallRun, THREE_NODE_SESSIONS } from '../testing/small-run.ts'

const oracle = (i: number): Address => computeSyntheticAddress(ORACLE_TAG, i)
const WINDOW_MS = 60_000
const GRACE_MS = 15_000
const workload = { sessions: [{ ...THREE_NODE_SESSIONS[0]!, maxNodes: 4 }], clients: 2 }
const miners = [{ behaviour: 'honest', count: 9 }]

interface Change {
  atMs: number
  from: string
  to: string
  reason: string
}

function leaderChanges(): { hooks: ReturnType<typeof recordEvents<Change>>['hooks']; seen: Change[] } {
  return recordEvents(['LeaderChanged'], (e, _w, atMs) => ({ atMs, from: String(e.args['from']), to: String(e.args['to']), reason: String(e.args['reason']) }))
}

function expectHealthy(r: ReturnType<typeof smallRun>): void {
  expect(r.metrics.invariants.violations).toEqual([])
  expect(r.metrics.invariants.checks).toBe(r.metrics.commands.applied)
  expect(r.metrics.tasks.ended + r.metrics.tasks.openAtEnd).toBe(r.metrics.tasks.submitted)
}

describe('oracle faults', () => {
  // Oracle i leads windows w ≡ i (mod 3): oracle 1 leads [420 s, 480 s) and [600 s, 660 s).
  const crashStartMs = 7 * WINDOW_MS + 10_000

  it('replaces a crashed leader with the next oracle within window + grace', () => {
    const { hooks, seen } = leaderChanges()
    const r = smallRun({ seed: 21, minutes: 14, scenario: { miners, workload, faults: { oracleCrash: { mode: 'intervals', intervals: [{ startMs: crashStartMs, endMs: crashStartMs + 300_000, target: 1 }] } } }, hooks })
    expectHealthy(r)
    const failovers = seen.filter((c) => c.reason === 'failover' && c.from === oracle(1))
    expect(failovers.length).toBeGreaterThanOrEqual(2)
    expect(failovers[0]!.to).toBe(oracle(2))
    expect(failovers[0]!.atMs - crashStartMs).toBeLessThanOrEqual(WINDOW_MS + GRACE_MS)
    expect(failovers[0]!.atMs - crashStartMs).toBeGreaterThanOrEqual(GRACE_MS - 5_000)
    expect(r.metrics.oracles.handovers.failover).toBe(failovers.length)
    expect(r.metrics.oracles.failoverGapMs.count).toBe(failovers.length)
  })

  it('replaces a hung leader (no heartbeats) the same way', () => {
    const { hooks, seen } = leaderChanges()
    const r = smallRun({ seed: 22, minutes: 10, scenario: { miners, workload, faults: { oracleStall: { mode: 'intervals', intervals: [{ startMs: crashStartMs, endMs: crashStartMs + 40_000, target: 1 }] } } }, hooks })
    expectHealthy(r)
    const failover = seen.find((c) => c.reason === 'failover')!
    expect(failover.from).toBe(oracle(1))
    expect(failover.atMs - crashStartMs).toBeLessThanOrEqual(WINDOW_MS + GRACE_MS)
  })

  it('keeps a stalling leader (heartbeats, no duties) until its window ends; tasks wait and then finish', () => {
    const { hooks, seen } = leaderChanges()
    const r = smallRun({ seed: 23, minutes: 12, oracles: 3, scenario: { miners, workload, oracles: [{ behaviour: 'honest', count: 1 }, { behaviour: 'stalling', count: 1 }, { behaviour: 'honest', count: 1 }] }, hooks })
    expectHealthy(r)
    expect(seen.some((c) => c.reason === 'failover')).toBe(false)
    expect(r.metrics.oracles.actions[1]).toBe(0)
    expect(r.metrics.tasks.succeeded).toBeGreaterThan(10)
    // Tasks queued in the stalling oracle's windows wait for the next window's leader.
    expect(r.metrics.tasks.latency.queue.maxMs!).toBeGreaterThan(20_000)
  })

  it('refuses a skewed oracle\'s actions outside its window, while the network goes on', () => {
    const r = smallRun({ seed: 24, minutes: 10, oracles: 3, scenario: { miners, workload, oracles: [{ behaviour: 'honest', count: 2 }, { behaviour: 'skewedClock', count: 1, skewMs: 20_000 }] } })
    expectHealthy(r)
    const refused = Object.values(r.metrics.commands.rejectedByType['task'] ?? {}).reduce((a, b) => a + b, 0)
    expect(r.metrics.commands.rejectedByType['task']?.['NotLeader'] ?? 0).toBeGreaterThan(0)
    expect(refused).toBeGreaterThan(0)
    expect(r.metrics.tasks.succeeded).toBeGreaterThan(20)
  })
})

describe('miner faults', () => {
  function trackTasks(): { hooks: ReturnType<typeof recordEvents<unknown>>['hooks']; assigned: { key: string; atMs: number; miners: string[] }[]; requeued: Set<string>; ended: Set<string> } {
    const assigned: { key: string; atMs: number; miners: string[] }[] = []
    const requeued = new Set<string>()
    const ended = new Set<string>()
    const { hooks } = recordEvents(['TaskAssigned', 'TaskRequeued', 'TaskEnded'], (e, _w, atMs) => {
      const key = `${String(e.args['sessionId'])}/${String(e.args['taskId'])}`
      if (e.name === 'TaskAssigned') assigned.push({ key, atMs, miners: e.args['miners'] as string[] })
      else if (e.name === 'TaskRequeued') requeued.add(key)
      else ended.add(key)
    })
    return { hooks, assigned, requeued, ended }
  }

  it('reassigns or refunds the tasks of miners cut off by a partition, and loses none', () => {
    const t = trackTasks()
    const partition = { startMs: 300_000, endMs: 480_000, sideA: ['eu'], sideB: ['us', 'asia'] }
    const r = smallRun({ seed: 25, minutes: 16, scenario: { miners: [{ behaviour: 'honest', count: 9 }], workload, chainRegion: 'us', faults: { networkPartition: { mode: 'intervals', partitions: [partition] } } }, hooks: t.hooks })
    expectHealthy(r)
    const eu = new Set(r.metrics.nodes.address.filter((_, i) => r.metrics.nodes.region[i] === 'eu'))
    expect(eu.size).toBeGreaterThan(0)
    const cutOff = t.assigned.filter((a) => a.atMs >= partition.startMs - 5_000 && a.atMs < partition.endMs - 60_000 && a.miners.some((m) => eu.has(m)))
    expect(cutOff.length).toBeGreaterThan(0)
    for (const a of cutOff) expect(t.ended.has(a.key)).toBe(true)
    expect(cutOff.filter((a) => t.requeued.has(a.key)).length + Object.values(r.metrics.tasks.failed).reduce((x, y) => x + y, 0)).toBeGreaterThan(0)
    expect(r.metrics.tasks.requeued).toBeGreaterThan(0)
  })

  it('reassigns the tasks of crashed miners', () => {
    const t = trackTasks()
    const r = smallRun({ seed: 26, minutes: 12, scenario: { miners, workload, faults: { minerCrash: { mode: 'intervals', intervals: [{ startMs: 320_000, endMs: 500_000, target: 'all' }] } } }, hooks: t.hooks })
    expectHealthy(r)
    const during = t.assigned.filter((a) => a.atMs >= 300_000 && a.atMs < 320_000)
    for (const a of during) expect(t.ended.has(a.key)).toBe(true)
    expect(r.metrics.tasks.failed['tooFewAcks'] ?? 0 + (r.metrics.tasks.failed['tooFewPrecommits'] ?? 0) + r.metrics.tasks.requeued).toBeGreaterThan(0)
    expect(r.metrics.tasks.succeeded).toBeGreaterThan(10)
  })
})
