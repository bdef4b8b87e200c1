/**
 * `ctb`: the Cortensor Testbed command line. Dispatches to a subcommand, turns usage and input
 * errors into one clear line and exit code 2, and never prints a stack trace for the user's mistakes.
 */
import { formatHelp, parseArgs, UsageError } from './args.ts'
import { InputError, processIo, type CliIo } from './command.ts'
import { COMMANDS } from './registry.ts'

export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(topLevelHelp())
    return name === undefined ? 2 : 0
  }
  if (name === '--version') {
    io.out((await import('../package.json', { with: { type: 'json' } })).default.version)
    return 0
  }
  const entry = COMMANDS.find((c) => c.name === name)
  if (!entry) {
    io.err(`ctb: unknown command '${name}'. Run 'ctb --help' for the list of commands.`)
    return 2
  }
  const command = await entry.load()
  try {
    const args = parseArgs(command.spec, rest)
    if (args.help) {
      io.out(formatHelp(command.spec))
      return 0
    }
    return await command.run(args, io)
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`ctb ${name}: ${error.message}\nRun 'ctb ${name} --help' for usage.`)
      return 2
    }
    if (error instanceof InputError) {
      io.err(`ctb ${name}: ${error.message}`)
      return 2
    }
    throw error
  }
}

function topLevelHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2
  return [
    'Usage: ctb <command> [flags]',
    '',
    'Cortensor Testbed: executable protocol spec, simulator, scenarios, reports, contracts and reference node.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)} ${c.summary}`),
    '',
    "Run 'ctb <command> --help' for a command's flags.",
  ].join('\n')
}
