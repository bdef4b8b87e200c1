/** The shape of a `ctb` subcommand. */
import type { CommandSpec, ParsedArgs } from './args.ts'

export interface CliIo {
  readonly out: (text: string) => void
  readonly err: (text: string) => void
  /** True when stderr is a terminal (progress bars are drawn only then). */
  readonly isTty: boolean
}

export interface Command {
  readonly spec: CommandSpec
  /** Returns the process exit code: 0 success, 1 a failed check or run, 2 bad input. */
  run(args: ParsedArgs, io: CliIo): Promise<number>
}

/** A problem with the user's input (a file, a value): printed without a stack, exit code 2. */
export class InputError extends Error {
  override readonly name = 'InputError'
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
  isTty: Boolean(process.stderr.isTTY),
}
