// Goal: every machine `ctb spec` knows has conformance vectors, and the coverage summary reports
// exactly which rows and rejections a set of vectors misses and which codes a driver fails to list.
// Method: compare the vector registry with the table registry; summarise hand-made coverage sets.
import { describe, expect, it } from 'vitest'
import { MACHINE_TABLES } from '../spec/machines.ts'
import { oracleDriver } from './drivers/oracle.ts'
import { tableRowKeys } from './explore.ts'
import { VECTOR_MACHINES, findVectorMachine, isCoverageComplete, summarizeCoverage } from './machines.ts'

const driver = oracleDriver as Parameters<typeof summarizeCoverage>[0]

describe('vector machines', () => {
  it('has a driver for every machine table, with its own table', () => {
    expect(VECTOR_MACHINES.map((m) => m.driver.table.machine).sort()).toEqual(MACHINE_TABLES.map((t) => t.machine).sort())
    for (const table of MACHINE_TABLES) expect(findVectorMachine(table.machine)!.driver.table).toBe(table)
    expect(findVectorMachine('nope')).toBeUndefined()
  })

  it('summarises full coverage as complete', () => {
    const all = summarizeCoverage(driver, { rows: new Set(tableRowKeys(driver)), rejections: new Set(driver.reachableRejections) })
    expect(all.rows).toEqual({ covered: tableRowKeys(driver), total: tableRowKeys(driver).length, missing: [] })
    expect(all.rejections.missing).toEqual([])
    expect(isCoverageComplete(all)).toBe(true)
  })

  it('names missing rows, missing rejections and unlisted codes', () => {
    const [first, ...rest] = tableRowKeys(driver)
    const partial = summarizeCoverage(driver, { rows: new Set(rest), rejections: new Set(['WrongPhase', 'InvalidEmbedding', 'AlreadyActed']) })
    expect(partial.rows.missing).toEqual([first])
    expect(partial.rejections.covered).toEqual(['WrongPhase'])
    expect(partial.rejections.missing).toEqual(driver.reachableRejections.filter((c) => c !== 'WrongPhase'))
    expect(partial.unexpected).toEqual(['AlreadyActed', 'InvalidEmbedding'])
    expect(isCoverageComplete(partial)).toBe(false)
    expect(isCoverageComplete({ ...summarizeCoverage(driver, { rows: new Set(tableRowKeys(driver)), rejections: new Set(driver.reachableRejections) }), unexpected: ['X'] })).toBe(false)
  })
})
