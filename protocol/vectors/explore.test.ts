// Goal: the explorer's walk rules hold — time never goes back except for a driver's one-event
// probes of its clock check, a terminal state gets exactly one probe, kept vectors end at their
// last new step, each vector's steps chain, and invalid parameter variants are refused.
// Method: explore real drivers (task, escrow, oracle) with small budgets and inspect the vectors.
import { describe, expect, it } from 'vitest'
import { escrowDriver } from './drivers/escrow.ts'
import { oracleDriver } from './drivers/oracle.ts'
import { taskDriver } from './drivers/task.ts'
import type { MachineDriver } from './driver.ts'
import { exploreMachine, paramsFromOverrides } from './explore.ts'
import type { Vector } from './format.ts'

const SEED = 99

function times(vector: Vector<unknown, unknown, unknown>): number[] {
  return vector.steps.map((s) => s.nowMs)
}

describe('exploreMachine', () => {
  it('never moves time backwards for a driver that does not probe past times', () => {
    const { vectors } = exploreMachine(taskDriver, { seed: SEED, walks: 30, maxSteps: 30 })
    for (const v of vectors) {
      const t = times(v)
      for (let i = 1; i < t.length; i++) expect(t[i]).toBeGreaterThanOrEqual(t[i - 1]!)
    }
  })

  it('probes a past time for one event only, then carries on from the latest time', () => {
    const { vectors } = exploreMachine(oracleDriver, { seed: SEED, walks: 60, maxSteps: 40 })
    const probes = vectors.flatMap((v) => {
      const t = times(v)
      return t.flatMap((ms, i) => (i > 0 && ms < Math.max(...t.slice(0, i)) ? [{ v, i }] : []))
    })
    expect(probes.length).toBeGreaterThan(0)
    expect(probes.some(({ v, i }) => !v.steps[i]!.expect.ok && (v.steps[i]!.expect as { code: string }).code === 'TimeWentBackwards')).toBe(true)
  })

  it('gives a terminal state exactly one probe, which the machine refuses', () => {
    const { vectors } = exploreMachine(escrowDriver, { seed: SEED, walks: 30, maxSteps: 10 })
    const closed = vectors.filter((v) => v.steps.some((s) => s.expect.ok))
    expect(closed.length).toBeGreaterThan(0)
    for (const v of closed) {
      const closing = v.steps.findIndex((s) => s.expect.ok)
      // After the closing step at most the one probe follows, and it is refused.
      expect(v.steps.length - closing - 1).toBeLessThanOrEqual(1)
      const probe = v.steps[closing + 1]
      if (probe) expect(probe.expect).toEqual({ ok: false, code: 'WrongPhase' })
    }
    expect(closed.some((v) => v.steps.length > v.steps.findIndex((s) => s.expect.ok) + 1)).toBe(true)
  })

  it('chains the steps of every vector and ends each at a step that covered something new', () => {
    const driver = taskDriver as MachineDriver<unknown, unknown, unknown>
    const { vectors } = exploreMachine(taskDriver, { seed: SEED, walks: 30, maxSteps: 30 })
    const seen = new Map<string, Set<string>>()
    for (const v of vectors) {
      let state = v.initial.state
      const variant = JSON.stringify(v.params, (_k, x) => (typeof x === 'bigint' ? String(x) : x))
      const covered = seen.get(variant) ?? new Set<string>()
      seen.set(variant, covered)
      const keys = v.steps.map((s) => {
        expect(s.pre).toBe(state)
        if (s.expect.ok) state = s.expect.post
        return s.expect.ok ? `${driver.statusOf(s.pre)}|${driver.eventTypeOf(s.event)}|${driver.statusOf(s.expect.post)}` : s.expect.code
      })
      const lastKey = keys[keys.length - 1]!
      expect(covered.has(lastKey) || keys.indexOf(lastKey) !== keys.length - 1).toBe(false)
      for (const k of keys) covered.add(k)
    }
  })
})

describe('paramsFromOverrides', () => {
  it('applies overrides on the defaults', () => {
    expect(paramsFromOverrides({ 'oracle.mode': 'lenient' }).oracle.mode).toBe('lenient')
    expect(paramsFromOverrides({}).oracle.mode).toBe('strict')
  })

  it('refuses a variant the catalog forbids, naming the parameter', () => {
    expect(() => paramsFromOverrides({ 'payments.minerShareBps': 9000 })).toThrow(/payment shares sum to 11000/)
    expect(() => paramsFromOverrides({ 'session.redundant': 0 })).toThrow(/session\.redundant/)
  })
})
