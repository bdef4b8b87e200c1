// Goal: the generated conformance vectors cover every table row and every reachable rejection of
// each machine (and produce no code the driver does not list), replay exactly — also after a trip
// through their file encoding and with frozen inputs — and are deterministic for a seed.
// Method: explore each registered machine with the fixed seed and its budget, compare coverage with
// the table and the driver's list, replay every vector from JSON text, and explore again to compare
// byte for byte.
import { describe, expect, it } from 'vitest'
import { stringifyJson } from '../core/json.ts'
import { exploreMachine, tableRowKeys } from './explore.ts'
import { DEFAULT_VECTOR_SEED, VECTOR_MACHINES, summarizeCoverage } from './machines.ts'
import { decodeVector, encodeVector, replayVector, type AnyVector } from './replay.ts'

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}

describe.each(VECTOR_MACHINES.map((m) => [m.driver.table.machine, m] as const))('vectors for %s', (_name, machine) => {
  const { driver } = machine
  const options = { seed: DEFAULT_VECTOR_SEED, walks: machine.walks, maxSteps: machine.maxSteps }
  const result = exploreMachine(driver, options)
  const summary = summarizeCoverage(driver, result.coverage)

  it('cover every row of the table', () => {
    expect(summary.rows.missing).toEqual([])
    expect(summary.rows.covered).toEqual(tableRowKeys(driver))
  })

  it('cover every reachable rejection, and produce no other code', () => {
    expect(summary.rejections.missing).toEqual([])
    expect(summary.unexpected).toEqual([])
  })

  it('cover every parameter variant', () => {
    const variants = new Set(result.vectors.map((v) => stringifyJson(v.params)))
    expect([...variants].sort()).toEqual(driver.paramVariants.map((p) => stringifyJson(p)).sort())
  })

  it('replay exactly from their file encoding, without the machine touching its input', () => {
    for (const vector of result.vectors) {
      // Frozen: a machine that mutated a state it was given would throw here (states are values).
      const decoded = deepFreeze(decodeVector(encodeVector(vector as AnyVector)))
      expect(replayVector(driver, decoded)).toEqual([])
    }
  })

  it('are deterministic for a seed', () => {
    const again = exploreMachine(driver, options)
    expect(again.vectors.map((v) => encodeVector(v as AnyVector))).toEqual(result.vectors.map((v) => encodeVector(v as AnyVector)))
  })
})
