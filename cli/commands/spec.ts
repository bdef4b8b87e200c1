/** `ctb spec`: the protocol's state machines as Mermaid diagrams or JSON, from the code's own tables. */
import { UsageError } from '../args.ts'
import type { Command } from '../command.ts'
import { MACHINE_TABLES } from '../../protocol/spec/machines.ts'
import { describeMachine, renderMermaid } from '../../protocol/spec/render.ts'

export const specCommand: Command = {
  spec: {
    name: 'spec',
    summary: 'Print the protocol state machines, derived from the transition tables the code enforces.',
    flags: [
      { name: 'format', type: 'enum', values: ['mermaid', 'json'], default: 'mermaid', description: 'output format' },
      { name: 'machine', type: 'string', placeholder: 'NAME', description: `only this machine (${MACHINE_TABLES.map((t) => t.machine).join(', ')})` },
    ],
    positionals: [],
    examples: ['ctb spec', 'ctb spec --format json --machine task'],
  },
  async run(args, io) {
    const only = args.flags['machine'] as string | undefined
    const tables = only === undefined ? MACHINE_TABLES : MACHINE_TABLES.filter((t) => t.machine === only)
    if (tables.length === 0) throw new UsageError(`unknown machine '${only}' (known: ${MACHINE_TABLES.map((t) => t.machine).join(', ')})`)
    if (args.flags['format'] === 'json') io.out(JSON.stringify(tables.map(describeMachine), null, 2))
    else io.out(tables.map(renderMermaid).join('\n\n'))
    return 0
  },
}
