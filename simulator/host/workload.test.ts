// Goal: the workload machinery drives the protocol as described — bursty clients submit in bursts
// `gapMs` apart; reservations end by period and by task count and released nodes return to the pool
// through a re-validation round; clients top up their deposits; crashing oracles and RPC outages
// are survived with every invariant holding; a run that checks nothing still archives what ended,
// so the world stays small. Method: small runs with short reservations; events observed by hooks.
import { describe, expect, it } from 'vitest'
import type { Address } from '../../protocol/core/types.ts'
import { recordEvents, smallRun, THREE_NODE_SESSIONS } from '../testing/small-run.ts'

const shortReservations = [{ ...THREE_NODE_SESSIONS[0]!, maxNodes: 4, reservePeriodMs: 150_000, maxTaskExecutionCount: 4 }]

describe('clients', () => {
  it('submit bursts of tasks gapMs apart', () => {
    const { hooks, seen } = recordEvents(['TaskSubmitted'], (e, _w, atMs) => ({ sessionId: e.args['sessionId'] as number, atMs }))
    const r = smallRun({ seed: 41, minutes: 12, scenario: { workload: { clients: 1, sessions: THREE_NODE_SESSIONS, arrival: { kind: 'bursty', meanBurstSize: 4, gapMs: 2000 } } }, hooks })
    expect(r.metrics.invariants.violations).toEqual([])
    const gaps = seen.slice(1).map((s, i) => s.atMs - seen[i]!.atMs)
    const inBurst = gaps.filter((g) => g >= 1500 && g <= 2500).length
    expect(seen.length).toBeGreaterThan(10)
    expect(inBurst / gaps.length).toBeGreaterThan(0.4)
  })

  it('top up their deposits when the balance runs low', () => {
    const r = smallRun({ seed: 42, minutes: 10, scenario: { workload: { clients: 2, sessions: THREE_NODE_SESSIONS, depositCor: 2 } } })
    expect(r.metrics.invariants.violations).toEqual([])
    expect(r.metrics.commands.acceptedByType['depositToSession']!).toBeGreaterThan(r.metrics.counts.clients)
    expect(r.metrics.tasks.succeeded).toBeGreaterThan(10)
  })
})

describe('the pool', () => {
  it('releases reservations by period and by task count and re-validates the released nodes', () => {
    const { hooks, seen } = recordEvents(['NodeReleased', 'NodeStatusChanged'], (e) => ({ name: e.name, reason: e.args['reason'], from: e.args['from'], to: e.args['to'] }))
    const r = smallRun({ seed: 43, minutes: 14, scenario: { workload: { clients: 2, sessions: shortReservations } }, hooks })
    expect(r.metrics.invariants.violations).toEqual([])
    const reasons = new Set(seen.filter((s) => s.name === 'NodeReleased' && s.reason !== undefined).map((s) => s.reason))
    expect(reasons).toEqual(new Set(['period', 'taskCount']))
    expect(seen.some((s) => s.from === 'PendingRevalidation' && s.to === 'Available')).toBe(true)
    const node = r.metrics.coverage.machines.find((m) => m.machine === 'node')!
    expect(node.rows.find((x) => x.from === 'Reserved' && x.event === 'release')!.hits).toBeGreaterThan(3)
    expect(r.metrics.nodes.reservations.reduce((a, b) => a + b, 0)).toBeGreaterThan(8)
  })
})

describe('faults and housekeeping', () => {
  it('survives crashing oracles and an RPC outage with every invariant holding', () => {
    const r = smallRun({
      seed: 44,
      minutes: 14,
      oracles: 3,
      scenario: {
        oracles: [{ behaviour: 'honest', count: 1 }, { behaviour: 'crashing', count: 2, crashesPerHour: 12, downtimeMs: { kind: 'constant', value: 90_000 } }],
        workload: { clients: 2, sessions: THREE_NODE_SESSIONS },
        faults: { rpcOutage: { mode: 'intervals', intervals: [{ startMs: 400_000, endMs: 460_000, target: 1 }] } },
      },
    })
    expect(r.metrics.invariants.violations).toEqual([])
    expect(r.metrics.oracles.faults.filter((f) => f.kind === 'oracleCrash').length).toBeGreaterThan(0)
    expect(r.metrics.oracles.faults.some((f) => f.kind === 'rpcOutage')).toBe(true)
    expect(r.metrics.oracles.handovers.failover).toBeGreaterThan(0)
    expect(r.metrics.tasks.succeeded).toBeGreaterThan(10)
  })

  it('archives ended tasks every minute when the run checks no invariants', () => {
    let largest = 0
    const r = smallRun({
      seed: 45,
      minutes: 16,
      scenario: { workload: { clients: 2, sessions: THREE_NODE_SESSIONS }, invariants: { everyCommands: 0, everyMs: 0 } },
      hooks: { afterCommand: (world) => void (largest = Math.max(largest, world.tasks.size)) },
    })
    expect(r.metrics.invariants.checks).toBe(0)
    expect(r.metrics.tasks.ended).toBeGreaterThan(20)
    expect(largest).toBeLessThan(r.metrics.tasks.ended / 2)
    expect(r.metrics.run.eventsByKind['host']).toBeGreaterThan(10)
  })
})

describe('sessions and nodes as addresses', () => {
  it('records every miner it assigned in the per-node columns', () => {
    const { hooks, seen } = recordEvents(['TaskAssigned'], (e) => e.args['miners'] as Address[])
    const r = smallRun({ seed: 46, minutes: 8, hooks })
    const assigned = new Map<string, number>()
    for (const miners of seen) for (const m of miners) assigned.set(m, (assigned.get(m) ?? 0) + 1)
    r.metrics.nodes.address.forEach((a, i) => expect(r.metrics.nodes.tasksAssigned[i]).toBe(assigned.get(a) ?? 0))
  })
})
