/**
 * Protocol coverage: which rows of the machine tables (protocol/spec/machines.ts) a run used, and
 * how often. The host records a row when it sees the move happen — the status an entity was in
 * and the event it took — so the report can show the rows a scenario never reached (a timeout
 * that never fired, a handover that never happened). Recording is two map lookups and an add.
 */
import type { MachineTable } from '../../protocol/core/machine.ts'
import { MACHINE_TABLES } from '../../protocol/spec/machines.ts'
import type { CoverageSection } from './schema.ts'

export type MachineName = 'session' | 'task' | 'round' | 'node' | 'oracle' | 'escrow'

class TableCounter {
  /** from → event → row index. */
  private readonly index = new Map<string, Map<string, number>>()
  readonly hits: Float64Array

  constructor(readonly table: MachineTable<string, string>) {
    table.rows.forEach((row, i) => {
      let byEvent = this.index.get(row.from)
      if (byEvent === undefined) this.index.set(row.from, (byEvent = new Map()))
      byEvent.set(row.event, i)
    })
    this.hits = new Float64Array(table.rows.length)
  }

  record(from: string, event: string): void {
    const i = this.index.get(from)?.get(event)
    if (i !== undefined) this.hits[i]!++
  }
}

export class CoverageTracker {
  private readonly counters = new Map<string, TableCounter>()
  readonly timeouts = new Map<string, number>()
  readonly reassignments = new Map<string, number>()
  readonly handovers = new Map<string, number>()

  constructor(tables: readonly MachineTable<string, string>[] = MACHINE_TABLES) {
    for (const t of tables) this.counters.set(t.machine, new TableCounter(t))
  }

  /** Counts the row (`from`, `event`) of `machine`; moves the table does not list are ignored. */
  record(machine: MachineName, from: string, event: string): void {
    this.counters.get(machine)?.record(from, event)
  }

  count(map: Map<string, number>, key: string): void {
    map.set(key, (map.get(key) ?? 0) + 1)
  }

  summary(): CoverageSection {
    const machines = [...this.counters.values()].map((c) => {
      const rows = c.table.rows.map((row, i) => ({ from: row.from, event: row.event, hits: c.hits[i]! }))
      return { machine: c.table.machine, rows, hitRows: rows.filter((r) => r.hits > 0).length, totalRows: rows.length }
    })
    return { machines, timeouts: toRecord(this.timeouts), reassignments: toRecord(this.reassignments), handovers: toRecord(this.handovers) }
  }
}

export function toRecord(map: ReadonlyMap<string, number>): Record<string, number> {
  const out: Record<string, number> = {}
  for (const key of [...map.keys()].sort()) out[key] = map.get(key)!
  return out
}
