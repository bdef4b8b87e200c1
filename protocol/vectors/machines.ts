/**
 * Every machine that has conformance vectors, with the exploration budget that covers its table
 * and its rejections (tuned so the whole set is generated in a few seconds), and the coverage
 * summary `ctb vectors` writes into its index.
 */
import type { MachineDriver } from './driver.ts'
import { escrowDriver } from './drivers/escrow.ts'
import { nodeDriver } from './drivers/node.ts'
import { oracleDriver } from './drivers/oracle.ts'
import { roundDriver } from './drivers/round.ts'
import { sessionDriver } from './drivers/session.ts'
import { taskDriver } from './drivers/task.ts'
import { tableRowKeys } from './explore.ts'
import type { Coverage } from './format.ts'

/** The seed `ctb vectors` and the tests use unless told otherwise. */
export const DEFAULT_VECTOR_SEED = 20261125

export interface VectorMachine {
  // The drivers differ in state and event types; the explorer and replayer are generic over them.
  readonly driver: MachineDriver<any, any, any>
  /** Walks per parameter variant. */
  readonly walks: number
  readonly maxSteps: number
}

export const VECTOR_MACHINES: readonly VectorMachine[] = [
  { driver: sessionDriver, walks: 120, maxSteps: 40 },
  { driver: taskDriver, walks: 200, maxSteps: 40 },
  { driver: roundDriver, walks: 250, maxSteps: 40 },
  { driver: nodeDriver, walks: 150, maxSteps: 40 },
  { driver: oracleDriver, walks: 100, maxSteps: 40 },
  { driver: escrowDriver, walks: 60, maxSteps: 4 },
]

export function findVectorMachine(name: string): VectorMachine | undefined {
  return VECTOR_MACHINES.find((m) => m.driver.table.machine === name)
}

export interface CoverageSummary {
  /** Table rows as `from|event|to` keys. */
  readonly rows: { readonly covered: readonly string[]; readonly total: number; readonly missing: readonly string[] }
  readonly rejections: { readonly covered: readonly string[]; readonly total: number; readonly missing: readonly string[] }
  /** Codes the vectors produced that the driver does not list as reachable (the list must be honest). */
  readonly unexpected: readonly string[]
}

/** What `coverage` covers of `driver`'s table rows and listed rejections, and what it misses. */
export function summarizeCoverage(driver: MachineDriver<unknown, unknown, unknown>, coverage: Coverage): CoverageSummary {
  const keys = tableRowKeys(driver)
  return {
    rows: { covered: keys.filter((k) => coverage.rows.has(k)), total: keys.length, missing: keys.filter((k) => !coverage.rows.has(k)) },
    rejections: {
      covered: driver.reachableRejections.filter((c) => coverage.rejections.has(c)),
      total: driver.reachableRejections.length,
      missing: driver.reachableRejections.filter((c) => !coverage.rejections.has(c)),
    },
    unexpected: [...coverage.rejections].filter((c) => !driver.reachableRejections.includes(c)).sort(),
  }
}

/** Does the summary show full coverage and an honest rejection list? */
export function isCoverageComplete(summary: CoverageSummary): boolean {
  return summary.rows.missing.length === 0 && summary.rejections.missing.length === 0 && summary.unexpected.length === 0
}
