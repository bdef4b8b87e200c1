// Goal: the generated conformance vectors cover every table row and every reachable rejection of
// each machine, replay exactly (same pre + event → same post or code), and are deterministic.
// Method: explore with a fixed seed, check coverage against the driver's table, replay every step
// from its recorded `pre`, and compare two generations byte for byte.
import { describe, expect, it } from 'vitest'
import { createCtx } from '../core/context.ts'
import { stringifyJson } from '../core/json.ts'
import { createRng } from '../core/rng.ts'
import { exploreMachine, paramsFromOverrides, tableRowKeys } from './explore.ts'
import { taskDriver } from './drivers/task.ts'
import type { MachineDriver } from './driver.ts'

const drivers: MachineDriver<any, any, any>[] = [taskDriver]
const options = { seed: 20261125, walks: 400, maxSteps: 40 }

describe.each(drivers.map((d) => [d.table.machine, d] as const))('vectors for %s', (_name, driver) => {
  const result = exploreMachine(driver, options)

  it('cover every row of the table', () => {
    const missing = tableRowKeys(driver).filter((k) => !result.coverage.rows.has(k))
    expect(missing).toEqual([])
  })

  it('cover every reachable rejection', () => {
    const missing = driver.reachableRejections.filter((c) => !result.coverage.rejections.has(c))
    expect(missing).toEqual([])
  })

  it('replay exactly from each recorded pre-state', () => {
    for (const vector of result.vectors) {
      const params = paramsFromOverrides(vector.params)
      for (const step of vector.steps) {
        const r = driver.transition(step.pre, step.event, createCtx(step.nowMs, createRng(0), params))
        if (step.expect.ok) {
          expect(r.ok).toBe(true)
          if (r.ok) expect(stringifyJson(r.state)).toBe(stringifyJson(step.expect.post))
        } else {
          expect(r.ok ? 'accepted' : r.code).toBe(step.expect.code)
        }
      }
    }
  })

  it('are deterministic for a seed', () => {
    const again = exploreMachine(driver, options)
    expect(stringifyJson(again.vectors)).toBe(stringifyJson(result.vectors))
  })
})
