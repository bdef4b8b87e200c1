// Goal: each miner behaviour has the effect the protocol should give it — copycats never pass
// commit–reveal under minerBound and do under plain; lazy miners fall below the PoI threshold;
// cheap models are judged outliers more often than honest miners; slow miners time out; flaky
// miners go offline (not selectable) and come back; withholding miners are timed out and slashed
// when slashing is on; colluders win a task only as its majority. Method: small runs (every
// invariant checked after every command) with a mixed population; metrics and emitted events.
import { describe, expect, it } from 'vitest'
import { checkSelectable } from '../../protocol/node/selection.ts'
import type { Address } from '../../protocol/core/types.ts'
import { computeSyntheticAddress } from '../../protocol/core/types.ts'
import { MINER_TAG } from './population.ts'
import { recordEvents, smallRun, THREE_NODE_SESSIONS } from '../testing/small-run.ts'

const miner = (i: number): Address => computeSyntheticAddress(MINER_TAG, i)
const workload = { sessions: THREE_NODE_SESSIONS, clients: 2 }

function earnedBy(r: ReturnType<typeof smallRun>, behaviour: string): bigint {
  return r.metrics.behaviours[behaviour]?.earned ?? 0n
}

describe('copycat', () => {
  const population = { miners: [{ behaviour: 'honest', count: 6 }, { behaviour: 'copycat', count: 3 }], workload }

  it('never passes commit–reveal under minerBound', () => {
    const r = smallRun({ seed: 3, scenario: population })
    expect(r.metrics.invariants.violations).toEqual([])
    expect(r.metrics.tasks.copyAttempts).toBeGreaterThan(5)
    expect(r.metrics.tasks.copyRevealsAccepted).toBe(0)
    expect(r.metrics.commands.rejectedByType['task']?.['RevealMismatch'] ?? 0).toBeGreaterThan(5)
    expect(earnedBy(r, 'copycat')).toBe(0n)
    expect(earnedBy(r, 'honest')).toBeGreaterThan(0n)
  })

  it('passes under plain hashes and is paid for copied work', () => {
    const r = smallRun({ seed: 3, scenario: population, params: { commitReveal: { scheme: 'plain' } } })
    expect(r.metrics.invariants.violations).toEqual([])
    expect(r.metrics.tasks.copyRevealsAccepted).toBeGreaterThan(5)
    expect(r.metrics.commands.rejectedByType['task']?.['RevealMismatch'] ?? 0).toBe(0)
    expect(earnedBy(r, 'copycat')).toBeGreaterThan(0n)
  })
})

describe('answer quality', () => {
  it('puts lazy miners below the PoI threshold and cheap models more often than honest ones', () => {
    const r = smallRun({
      seed: 5,
      minutes: 14,
      scenario: { miners: [{ behaviour: 'honest', count: 5 }, { behaviour: 'lazy', count: 2 }, { behaviour: 'cheapModel', count: 2 }], workload },
    })
    const c = r.metrics.poi.confusion
    const outlierRate = (b: string): number => c[b]!.outlier / (c[b]!.valid + c[b]!.outlier)
    expect(c['lazy']!.valid + c['lazy']!.outlier).toBeGreaterThan(20)
    expect(outlierRate('lazy')).toBeGreaterThan(0.9)
    expect(outlierRate('honest')).toBeLessThan(0.2)
    expect(outlierRate('cheapModel')).toBeGreaterThan(outlierRate('honest'))
    expect(r.metrics.behaviours['lazy']!.earnedCorPerTask!).toBeLessThan(r.metrics.behaviours['honest']!.earnedCorPerTask!)
  })

  it('times slow miners out of their rounds, which keeps them out of the pool', () => {
    const r = smallRun({ seed: 6, scenario: { miners: [{ behaviour: 'honest', count: 6 }, { behaviour: 'slow', count: 3, tier: 'cpu' }], workload } })
    const n = r.metrics.nodes
    const rate = (b: string): number => {
      let picked = 0
      let ok = 0
      n.behaviour.forEach((x, i) => {
        if (x !== b) return
        picked += n.roundsPicked[i]!
        ok += n.roundsSucceeded[i]!
      })
      return ok / picked
    }
    expect(rate('slow')).toBeLessThan(0.5)
    expect(rate('honest')).toBeGreaterThan(0.8)
    expect(r.metrics.behaviours['slow']!.poolShare).toBe(0)
    expect(r.metrics.behaviours['honest']!.poolShare).toBeGreaterThanOrEqual(0.5)
  })
})

describe('flaky', () => {
  it('goes offline, is not selectable while offline, and is selectable again after pinging', () => {
    const flaky = [miner(6), miner(7), miner(8)]
    const states = new Map<Address, string[]>([...Array.from({ length: 6 }, (_, i) => miner(i)), ...flaky].map((a) => [a, []]))
    const { hooks } = recordEvents(['NodeOffline', 'NodeOnline'], (event, world, nowMs) => {
      const node = world.nodes.get(event.args['node'] as Address)!
      const reason = checkSelectable(node, { modelId: 7, minLevel: 0, stake: world.nodeAccounts.get(node.address)!.stake }, nowMs, world.params)
      states.get(node.address)?.push(`${event.name}:${reason === 'NodeOffline' ? 'offline' : 'reachable'}`)
    })
    const r = smallRun({
      seed: 7,
      minutes: 45,
      scenario: { miners: [{ behaviour: 'honest', count: 6 }, { behaviour: 'flaky', count: 3, onlineMeanMs: 300_000, offlineMeanMs: 300_000 }], workload },
      hooks,
    })
    expect(r.metrics.invariants.violations).toEqual([])
    const cameBack = flaky.filter((a) => {
      const seq = states.get(a)!
      const firstOffline = seq.indexOf('NodeOffline:offline')
      return firstOffline >= 0 && seq.indexOf('NodeOnline:reachable', firstOffline) > firstOffline
    })
    expect(cameBack.length).toBeGreaterThanOrEqual(2)
    for (let i = 0; i < 6; i++) expect(states.get(miner(i))).toEqual([])
  })
})

describe('withholding', () => {
  const population = { miners: [{ behaviour: 'honest', count: 6 }, { behaviour: 'withholding', count: 3, withholdBelow: 1.01 }], workload }

  it('is timed out and slashed when slashing is on', () => {
    const r = smallRun({ seed: 8, scenario: population, params: { payments: { slashing: 'missedReveal' } } })
    const w = r.metrics.behaviours['withholding']!
    expect(r.metrics.invariants.violations).toEqual([])
    expect(r.metrics.tasks.withheldReveals).toBeGreaterThan(5)
    expect(w.tasksTimedOut).toBeGreaterThan(5)
    expect(w.slashed).toBeGreaterThan(0n)
    expect(r.metrics.behaviours['honest']!.slashed).toBe(0n)
  })

  it('is timed out but keeps its stake without slashing', () => {
    const r = smallRun({ seed: 8, scenario: population })
    expect(r.metrics.behaviours['withholding']!.tasksTimedOut).toBeGreaterThan(5)
    expect(r.metrics.behaviours['withholding']!.slashed).toBe(0n)
  })
})

describe('colluders', () => {
  it('win only the tasks where they are the majority of the revealed answers', () => {
    const colluders = new Set([miner(5), miner(6), miner(7), miner(8)])
    const { hooks, seen } = recordEvents(['TaskValidated'], (event) => ({ valid: event.args['valid'] as Address[], outliers: event.args['outliers'] as Address[] }))
    const r = smallRun({ seed: 9, minutes: 16, scenario: { miners: [{ behaviour: 'honest', count: 5 }, { behaviour: 'colluding', count: 4 }], workload: { ...workload, sessions: [{ ...THREE_NODE_SESSIONS[0]!, maxNodes: 5 }] } }, hooks })
    expect(r.metrics.invariants.violations).toEqual([])
    let majority = 0
    let minority = 0
    for (const v of seen) {
      const judged = [...v.valid, ...v.outliers]
      const c = judged.filter((m) => colluders.has(m)).length
      const h = judged.length - c
      if (c === 0 || h === 0) continue
      const collusionValid = v.valid.filter((m) => colluders.has(m)).length
      if (c > h) {
        majority++
        expect(collusionValid).toBe(c)
      } else {
        minority++
        expect(collusionValid).toBe(0)
      }
    }
    expect(majority).toBeGreaterThan(3)
    expect(minority).toBeGreaterThan(3)
  })
})
