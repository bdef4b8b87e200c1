/**
 * Renders transition tables for people: Mermaid state diagrams and a plain JSON description.
 * Pure string building; the CLI does the printing.
 */
import type { MachineTable } from '../core/machine.ts'

/** A Mermaid `stateDiagram-v2` of one machine. */
export function renderMermaid(table: MachineTable<string, string>): string {
  const lines = [`%% ${table.machine}: ${table.description}`, 'stateDiagram-v2', `  [*] --> ${table.initial}`]
  const edges = new Map<string, string[]>()
  for (const row of table.rows) {
    for (const to of row.to) {
      const key = `${row.from} --> ${to}`
      const labels = edges.get(key) ?? []
      if (!labels.includes(row.event)) labels.push(row.event)
      edges.set(key, labels)
    }
  }
  for (const [edge, labels] of edges) lines.push(`  ${edge} : ${labels.join(', ')}`)
  for (const t of table.terminal) lines.push(`  ${t} --> [*]`)
  return lines.join('\n')
}

export interface MachineDescription {
  readonly machine: string
  readonly description: string
  readonly statuses: readonly string[]
  readonly initial: string
  readonly terminal: readonly string[]
  readonly events: readonly string[]
  readonly transitions: readonly { from: string; event: string; to: readonly string[]; note?: string }[]
}

export function describeMachine(table: MachineTable<string, string>): MachineDescription {
  return {
    machine: table.machine,
    description: table.description,
    statuses: table.statuses,
    initial: table.initial,
    terminal: table.terminal,
    events: table.events,
    transitions: table.rows.map((r) => ({ from: r.from, event: r.event, to: r.to, ...(r.note ? { note: r.note } : {}) })),
  }
}
