/**
 * A machine's transition table, as data. Each machine checks every event against its table before
 * doing anything (an event not allowed in the current status is a `WrongPhase` rejection) and
 * asserts after the transition that the status it moved to is one the table lists. The table is
 * therefore the code's own description of itself: `ctb spec` prints it, coverage reports compare
 * against it, and neither can drift from what the transition function really does.
 */
import { assert, ProtocolAssertionError, reject, type Rejection } from './result.ts'

export interface TableRow<Status extends string, EventType extends string> {
  readonly from: Status
  readonly event: EventType
  /** Statuses the event may lead to from `from` (the same status for a self-loop). */
  readonly to: readonly Status[]
  /** One line on when each target applies, for diagrams. */
  readonly note?: string
}

export interface MachineTable<Status extends string, EventType extends string> {
  readonly machine: string
  readonly description: string
  readonly statuses: readonly Status[]
  readonly initial: Status
  readonly terminal: readonly Status[]
  readonly events: readonly EventType[]
  readonly rows: readonly TableRow<Status, EventType>[]
}

/** Row lookup by status then event, built once per table: every event consults it. */
const rowIndexes = new WeakMap<object, Map<string, Map<string, TableRow<string, string>>>>()

export function defineTable<Status extends string, EventType extends string>(
  table: MachineTable<Status, EventType>,
): MachineTable<Status, EventType> {
  const index = new Map<string, Map<string, TableRow<string, string>>>()
  for (const row of table.rows) {
    assert(table.statuses.includes(row.from), `${table.machine}: row from unknown status ${row.from}`)
    assert(table.events.includes(row.event), `${table.machine}: row with unknown event ${row.event}`)
    for (const to of row.to) assert(table.statuses.includes(to), `${table.machine}: row to unknown status ${to}`)
    const byEvent = index.get(row.from) ?? new Map<string, TableRow<string, string>>()
    assert(!byEvent.has(row.event), `${table.machine}: two rows for ${row.from} --${row.event}`)
    byEvent.set(row.event, row)
    index.set(row.from, byEvent)
  }
  rowIndexes.set(table, index)
  return table
}

/** The row for (`from`, `event`), if the table allows that event there. */
export function findRow<Status extends string, EventType extends string>(
  table: MachineTable<Status, EventType>,
  from: Status,
  event: EventType,
): TableRow<Status, EventType> | undefined {
  const index = rowIndexes.get(table)
  if (index !== undefined) return index.get(from)?.get(event) as TableRow<Status, EventType> | undefined
  for (const row of table.rows) if (row.from === from && row.event === event) return row
  return undefined
}

/** A `WrongPhase` rejection when `event` is not allowed in `from`, else undefined. */
export function checkAllowed<Status extends string, EventType extends string>(
  table: MachineTable<Status, EventType>,
  from: Status,
  event: EventType,
): Rejection | undefined {
  if (findRow(table, from, event)) return undefined
  const allowedHere = table.rows.filter((r) => r.from === from).map((r) => r.event)
  return reject(
    'WrongPhase',
    `${table.machine}: '${event}' is not allowed in status ${from}` +
      (allowedHere.length > 0 ? ` (allowed: ${allowedHere.join(', ')})` : ' (terminal status)'),
  )
}

/** Asserts that moving `from` → `to` on `event` is a row of the table (a bug otherwise). */
export function assertMove<Status extends string, EventType extends string>(
  table: MachineTable<Status, EventType>,
  from: Status,
  event: EventType,
  to: Status,
): void {
  const row = findRow(table, from, event)
  if (!(row !== undefined && row.to.includes(to))) throw new ProtocolAssertionError(`${table.machine}: ${from} --${event}--> ${to} is not in the table`)
}
