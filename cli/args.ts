/**
 * A small, strict flag parser. Every command declares its flags and positionals; anything else is
 * a usage error (exit code 2) that names the offending flag and points at `--help`.
 */

export type FlagType = 'string' | 'int' | 'number' | 'bool' | 'enum'

export interface FlagSpec {
  readonly name: string
  readonly type: FlagType
  readonly description: string
  readonly values?: readonly string[]
  readonly default?: string | number | boolean
  /** Value placeholder shown in help, e.g. `N` or `FILE`. */
  readonly placeholder?: string
  readonly min?: number
}

export interface PositionalSpec {
  readonly name: string
  readonly description: string
  readonly required: boolean
  readonly variadic?: boolean
}

export interface CommandSpec {
  readonly name: string
  readonly summary: string
  readonly description?: string
  readonly flags: readonly FlagSpec[]
  readonly positionals: readonly PositionalSpec[]
  readonly examples?: readonly string[]
}

export type FlagValue = string | number | boolean | undefined

export interface ParsedArgs {
  readonly flags: Readonly<Record<string, FlagValue>>
  readonly positionals: readonly string[]
  readonly help: boolean
}

/** A command-line mistake: printed as `ctb: <message>` with a hint, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

export function parseArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const flags: Record<string, FlagValue> = {}
  const positionals: string[] = []
  let help = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--help' || arg === '-h') {
      help = true
      continue
    }
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1))
      break
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg)
      continue
    }
    const eq = arg.indexOf('=')
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2)
    const flag = spec.flags.find((f) => f.name === name)
    if (!flag) throw new UsageError(`unknown flag --${name} for 'ctb ${spec.name}'${suggest(name, spec)}`)
    if (flag.type === 'bool') {
      if (eq >= 0) throw new UsageError(`flag --${name} takes no value`)
      flags[name] = true
      continue
    }
    let raw: string | undefined = eq >= 0 ? arg.slice(eq + 1) : argv[++i]
    if (raw === undefined || (eq < 0 && raw.startsWith('--'))) throw new UsageError(`flag --${name} needs a value (${flag.placeholder ?? flag.type})`)
    flags[name] = convert(flag, raw)
  }
  if (!help) checkPositionals(spec, positionals)
  for (const flag of spec.flags) if (flags[flag.name] === undefined && flag.default !== undefined) flags[flag.name] = flag.default
  return { flags, positionals, help }
}

function convert(flag: FlagSpec, raw: string): FlagValue {
  switch (flag.type) {
    case 'string':
      return raw
    case 'int': {
      if (!/^-?[0-9]+$/.test(raw)) throw new UsageError(`flag --${flag.name} expects an integer, got '${raw}'`)
      const n = Number(raw)
      if (!Number.isSafeInteger(n)) throw new UsageError(`flag --${flag.name}: ${raw} is too large`)
      if (flag.min !== undefined && n < flag.min) throw new UsageError(`flag --${flag.name}: ${n} is below minimum ${flag.min}`)
      return n
    }
    case 'number': {
      const n = Number(raw)
      if (raw.trim() === '' || !Number.isFinite(n)) throw new UsageError(`flag --${flag.name} expects a number, got '${raw}'`)
      if (flag.min !== undefined && n < flag.min) throw new UsageError(`flag --${flag.name}: ${n} is below minimum ${flag.min}`)
      return n
    }
    case 'enum':
      if (!flag.values?.includes(raw)) throw new UsageError(`flag --${flag.name} must be one of ${flag.values?.join(', ')}, got '${raw}'`)
      return raw
    case 'bool':
      return true
  }
}

function checkPositionals(spec: CommandSpec, positionals: readonly string[]): void {
  const required = spec.positionals.filter((p) => p.required).length
  const variadic = spec.positionals.some((p) => p.variadic)
  if (positionals.length < required) {
    const missing = spec.positionals.filter((p) => p.required)[positionals.length]!
    throw new UsageError(`'ctb ${spec.name}' needs <${missing.name}> (${missing.description})`)
  }
  if (!variadic && positionals.length > spec.positionals.length) {
    throw new UsageError(`'ctb ${spec.name}' got an unexpected argument '${positionals[spec.positionals.length]}'`)
  }
}

function suggest(name: string, spec: CommandSpec): string {
  const close = spec.flags.find((f) => f.name.startsWith(name.slice(0, 3)) || name.startsWith(f.name.slice(0, 3)))
  return close ? ` (did you mean --${close.name}?)` : ''
}

/** The `--help` text of a command. */
export function formatHelp(spec: CommandSpec): string {
  const lines: string[] = []
  const pos = spec.positionals.map((p) => (p.required ? `<${p.name}>` : `[${p.name}]`) + (p.variadic ? '…' : '')).join(' ')
  lines.push(`Usage: ctb ${spec.name}${pos ? ' ' + pos : ''}${spec.flags.length ? ' [flags]' : ''}`, '', spec.summary)
  if (spec.description) lines.push('', spec.description)
  if (spec.positionals.length) {
    lines.push('', 'Arguments:')
    for (const p of spec.positionals) lines.push(`  ${p.name.padEnd(24)} ${p.description}`)
  }
  lines.push('', 'Flags:')
  for (const f of spec.flags) {
    const head = `--${f.name}${f.type === 'bool' ? '' : ' ' + (f.placeholder ?? (f.type === 'enum' ? f.values!.join('|') : f.type.toUpperCase()))}`
    const def = f.default !== undefined && f.type !== 'bool' ? ` (default: ${String(f.default)})` : ''
    lines.push(`  ${head.padEnd(24)} ${f.description}${def}`)
  }
  lines.push(`  ${'--help'.padEnd(24)} show this help`)
  if (spec.examples?.length) {
    lines.push('', 'Examples:')
    for (const e of spec.examples) lines.push(`  ${e}`)
  }
  return lines.join('\n')
}
