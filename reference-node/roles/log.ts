/**
 * A node's log: one line per action (a transaction sent and how it ended, an inference, a phase
 * the node noticed), as text for people or JSON lines for tools. Values are plain: bigints are
 * written as decimal strings, so a JSON line always parses.
 */
import type { Clock } from '../chain/clock.ts'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export type LogFields = Readonly<Record<string, string | number | bigint | boolean | null | undefined | readonly (string | number)[]>>

export interface Logger {
  /** Who writes, e.g. `miner 0x3113e4…0001`. */
  readonly name: string
  log(level: LogLevel, action: string, fields?: LogFields): void
  info(action: string, fields?: LogFields): void
  warn(action: string, fields?: LogFields): void
  error(action: string, fields?: LogFields): void
  debug(action: string, fields?: LogFields): void
}

export interface LoggerOptions {
  readonly name: string
  /** One JSON object per line instead of text. */
  readonly json?: boolean
  /** Lowest level written. Default `info`. */
  readonly level?: LogLevel
  /** Where lines go (default: standard error). */
  readonly sink?: (line: string) => void
  /** Timestamps (default: the wall clock). */
  readonly clock?: Pick<Clock, 'nowMs'>
}

const LEVEL_RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 }

export function createLogger(options: LoggerOptions): Logger {
  const min = LEVEL_RANK[options.level ?? 'info']
  const sink = options.sink ?? ((line: string) => process.stderr.write(`${line}\n`))
  const now = (): number => (options.clock === undefined ? Date.now() : options.clock.nowMs())
  const log = (level: LogLevel, action: string, fields: LogFields = {}): void => {
    if (LEVEL_RANK[level] < min) return
    sink(options.json === true ? formatJson(now(), level, options.name, action, fields) : formatText(now(), level, options.name, action, fields))
  }
  return {
    name: options.name,
    log,
    info: (action, fields) => log('info', action, fields),
    warn: (action, fields) => log('warn', action, fields),
    error: (action, fields) => log('error', action, fields),
    debug: (action, fields) => log('debug', action, fields),
  }
}

/** A logger that keeps its lines in memory (tests), with the same formatting. */
export function createMemoryLogger(name: string, clock?: Pick<Clock, 'nowMs'>): Logger & { readonly lines: string[] } {
  const lines: string[] = []
  const logger = createLogger({ name, json: true, level: 'debug', sink: (line) => lines.push(line), ...(clock !== undefined ? { clock } : {}) })
  return Object.assign(logger, { lines })
}

function formatText(atMs: number, level: LogLevel, name: string, action: string, fields: LogFields): string {
  let line = `${new Date(atMs).toISOString()} ${level.toUpperCase().padEnd(5)} ${name} ${action}`
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue
    line += ` ${key}=${formatValue(value)}`
  }
  return line
}

function formatJson(atMs: number, level: LogLevel, name: string, action: string, fields: LogFields): string {
  const out: Record<string, unknown> = { t: atMs, level, node: name, action }
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue
    out[key] = typeof value === 'bigint' ? value.toString() : value
  }
  return JSON.stringify(out)
}

function formatValue(value: NonNullable<LogFields[string]> | null): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return `[${value.join(',')}]`
  const text = String(value)
  return /[\s"=]/.test(text) ? JSON.stringify(text) : text
}

/** `0x3113e4…0001`: enough of an address to tell nodes apart in a log. */
export function shortAddress(address: string): string {
  return address.length > 14 ? `${address.slice(0, 8)}…${address.slice(-4)}` : address
}
