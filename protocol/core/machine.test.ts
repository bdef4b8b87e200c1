// Goal: transition tables reject unknown rows at definition time, report allowed events, and
// catch moves a machine makes outside its table. Method: a toy two-state table.
import { describe, expect, it } from 'vitest'
import { assertMove, checkAllowed, defineTable } from './machine.ts'
import { ProtocolAssertionError, assertNever } from './result.ts'

const toy = defineTable<'A' | 'B', 'go' | 'stay'>({
  machine: 'toy',
  description: 'toy',
  statuses: ['A', 'B'],
  initial: 'A',
  terminal: ['B'],
  events: ['go', 'stay'],
  rows: [
    { from: 'A', event: 'go', to: ['B'] },
    { from: 'A', event: 'stay', to: ['A'] },
  ],
})

describe('machine tables', () => {
  it('allows listed events and names the allowed ones otherwise', () => {
    expect(checkAllowed(toy, 'A', 'go')).toBeUndefined()
    const r = checkAllowed(toy, 'B', 'go')
    expect(r?.code).toBe('WrongPhase')
    expect(r?.message).toContain('terminal')
  })

  it('asserts moves against the table', () => {
    expect(() => assertMove(toy, 'A', 'go', 'B')).not.toThrow()
    expect(() => assertMove(toy, 'A', 'stay', 'B')).toThrow(ProtocolAssertionError)
  })

  it('refuses a table with rows naming unknown statuses or events', () => {
    expect(() => defineTable({ ...toy, rows: [{ from: 'C' as 'A', event: 'go', to: ['B'] }] })).toThrow(ProtocolAssertionError)
    expect(() => defineTable({ ...toy, rows: [{ from: 'A', event: 'fly' as 'go', to: ['B'] }] })).toThrow(ProtocolAssertionError)
    expect(() => defineTable({ ...toy, rows: [{ from: 'A', event: 'go', to: ['Z' as 'B'] }] })).toThrow(ProtocolAssertionError)
  })

  it('assertNever throws for unhandled variants', () => {
    expect(() => assertNever('x' as never, 'thing')).toThrow(/unhandled thing/)
  })
})
