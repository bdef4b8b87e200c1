// Goal: a table that did not go through `defineTable` (built by hand, e.g. decoded from JSON) is
// still enforced the same way: `checkAllowed` and `assertMove` fall back to scanning its rows.
// Method: the same toy table with and without `defineTable`, compared on every (status, event).
import { describe, expect, it } from 'vitest'
import { assertMove, checkAllowed, defineTable, findRow, type MachineTable } from './machine.ts'
import { ProtocolAssertionError } from './result.ts'

const plain: MachineTable<'A' | 'B' | 'C', 'go' | 'back'> = {
  machine: 'plain',
  description: 'not indexed',
  statuses: ['A', 'B', 'C'],
  initial: 'A',
  terminal: ['C'],
  events: ['go', 'back'],
  rows: [
    { from: 'A', event: 'go', to: ['B', 'C'] },
    { from: 'B', event: 'back', to: ['A'] },
  ],
}
const indexed = defineTable({ ...plain, rows: [...plain.rows] })

describe('table lookup without an index', () => {
  it('finds the same rows as an indexed table', () => {
    for (const from of plain.statuses) {
      for (const event of plain.events) {
        expect(findRow(plain, from, event)).toEqual(findRow(indexed, from, event))
        expect(checkAllowed(plain, from, event)?.code).toBe(checkAllowed(indexed, from, event)?.code)
      }
    }
    expect(findRow(plain, 'A', 'go')?.to).toEqual(['B', 'C'])
    expect(checkAllowed(plain, 'B', 'go')?.message).toContain('(allowed: back)')
  })

  it('asserts moves against the rows', () => {
    expect(() => assertMove(plain, 'A', 'go', 'C')).not.toThrow()
    expect(() => assertMove(plain, 'B', 'back', 'C')).toThrow(ProtocolAssertionError)
    expect(() => assertMove(plain, 'C', 'go', 'A')).toThrow(ProtocolAssertionError)
  })
})
