// Goal: every machine table is a well-formed state machine (each status reachable from the initial
// one, only terminal statuses without a way out, every declared event used), and the renderings
// `ctb spec` prints say exactly what the tables say.
// Method: graph walks over each registered table; parse the Mermaid text back into edges and
// compare them with the rows; compare the JSON description with the rows field by field.
import { describe, expect, it } from 'vitest'
import { defineTable } from '../core/machine.ts'
import { MACHINE_TABLES } from './machines.ts'
import { describeMachine, renderMermaid } from './render.ts'

describe.each(MACHINE_TABLES.map((t) => [t.machine, t] as const))('table %s', (_name, table) => {
  it('reaches every status from the initial one', () => {
    const reached = new Set([table.initial])
    for (let grew = true; grew; ) {
      grew = false
      for (const row of table.rows) {
        if (!reached.has(row.from)) continue
        for (const to of row.to) {
          if (reached.has(to)) continue
          reached.add(to)
          grew = true
        }
      }
    }
    expect([...reached].sort()).toEqual([...table.statuses].sort())
  })

  it('leaves only terminal statuses without an outgoing row, and uses every event', () => {
    const withExit = new Set(table.rows.map((r) => r.from))
    expect(table.statuses.filter((s) => !withExit.has(s))).toEqual([...table.terminal])
    const used = new Set(table.rows.map((r) => r.event))
    expect(table.events.filter((e) => !used.has(e))).toEqual([])
  })

  it('renders one Mermaid edge per (from, to) with every event that takes it', () => {
    const text = renderMermaid(table)
    const lines = text.split('\n')
    expect(lines[0]).toBe(`%% ${table.machine}: ${table.description}`)
    expect(lines[1]).toBe('stateDiagram-v2')
    expect(lines).toContain(`  [*] --> ${table.initial}`)
    for (const t of table.terminal) expect(lines).toContain(`  ${t} --> [*]`)
    const rendered = new Set<string>()
    for (const line of lines) {
      const m = /^ {2}(\w+) --> (\w+) : (.+)$/.exec(line)
      if (m) for (const event of m[3]!.split(', ')) rendered.add(`${m[1]}|${event}|${m[2]}`)
    }
    const expected = new Set(table.rows.flatMap((r) => r.to.map((to) => `${r.from}|${r.event}|${to}`)))
    expect([...rendered].sort()).toEqual([...expected].sort())
  })

  it('describes itself as JSON with the rows in order', () => {
    const d = describeMachine(table)
    expect(d).toMatchObject({ machine: table.machine, initial: table.initial, statuses: table.statuses, events: table.events, terminal: table.terminal })
    expect(d.transitions.map((t) => [t.from, t.event, t.to, t.note])).toEqual(table.rows.map((r) => [r.from, r.event, r.to, r.note]))
    expect(JSON.parse(JSON.stringify(d))).toEqual(d)
  })
})

describe('renderMermaid', () => {
  it('merges the events of one edge and leaves out notes that are absent', () => {
    const toy = defineTable<'A' | 'B', 'x' | 'y'>({
      machine: 'toy',
      description: 'a toy',
      statuses: ['A', 'B'],
      initial: 'A',
      terminal: ['B'],
      events: ['x', 'y'],
      rows: [
        { from: 'A', event: 'x', to: ['B', 'A'] },
        { from: 'A', event: 'y', to: ['B'], note: 'why' },
      ],
    })
    expect(renderMermaid(toy).split('\n').slice(2)).toEqual(['  [*] --> A', '  A --> B : x, y', '  A --> A : x', '  B --> [*]'])
    expect(describeMachine(toy).transitions).toEqual([
      { from: 'A', event: 'x', to: ['B', 'A'] },
      { from: 'A', event: 'y', to: ['B'], note: 'why' },
    ])
  })
})
