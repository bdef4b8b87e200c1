/**
 * Router options from environment variables and `.env` files. Key names follow Cortensor's
 * installer where it has one (`ROUTER_REST_BIND_IP`, `ROUTER_REST_BIND_PORT`, Appendix B of
 * cortensor-protocol.md); the rest are ours, all prefixed `ROUTER_`. The CLI merges, highest
 * first: flags, process environment, `.env`; this file only turns strings into options and names
 * the key of any bad value.
 */
import { RouterConfigError, type RouterOptionsInput } from './config.ts'

type Env = Readonly<Record<string, string | undefined>>

/** Every key read, with the option it sets (README lists the same table). */
export const ROUTER_ENV_KEYS = {
  ROUTER_REST_BIND_IP: 'host',
  ROUTER_REST_BIND_PORT: 'port',
  ROUTER_DEV_MODE: 'devMode',
  ROUTER_API_TOKENS: 'apiTokens',
  ROUTER_WS_BIND_IP: 'wsHost',
  ROUTER_WS_BIND_PORT: 'wsPort',
  ROUTER_WS_PATH: 'wsPath',
  ROUTER_MINER_TOKENS: 'minerTokens',
  ROUTER_WS_HEARTBEAT_MS: 'heartbeatMs',
  ROUTER_WS_MESSAGE_MAX_BYTES: 'wsMessageMaxBytes',
  ROUTER_BODY_LIMIT_BYTES: 'bodyMaxBytes',
  ROUTER_RATE_LIMIT_PER_SECOND: 'rateLimitPerSecond',
  ROUTER_RATE_LIMIT_BURST: 'rateLimitBurst',
  ROUTER_RATE_LIMIT_KEY: 'rateLimitKey',
  ROUTER_CORS_ORIGINS: 'corsOrigins',
  ROUTER_PUBLIC_METRICS: 'publicMetrics',
  ROUTER_MAX_TIMEOUT_SECONDS: 'maxTimeoutS',
  ROUTER_MAX_CONCURRENT_COMPLETIONS: 'maxConcurrentCompletions',
  ROUTER_CHAT_TEMPLATE: 'chatTemplate',
} as const

/** The options set by `env`; unset keys are left out so defaults (or flags) apply. */
export function readRouterEnv(env: Env): RouterOptionsInput {
  const out: Record<string, unknown> = {}
  const set = (key: keyof typeof ROUTER_ENV_KEYS, parse: (raw: string, key: string) => unknown): void => {
    const raw = env[key]
    if (raw !== undefined && raw.trim() !== '') out[ROUTER_ENV_KEYS[key]] = parse(raw.trim(), key)
  }
  set('ROUTER_REST_BIND_IP', (v) => v)
  set('ROUTER_REST_BIND_PORT', parseInteger)
  set('ROUTER_DEV_MODE', parseFlag)
  set('ROUTER_API_TOKENS', parseList)
  set('ROUTER_WS_BIND_IP', (v) => v)
  set('ROUTER_WS_BIND_PORT', (v, key) => (v === 'shared' ? null : parseInteger(v, key)))
  set('ROUTER_WS_PATH', (v) => v)
  set('ROUTER_MINER_TOKENS', parseList)
  set('ROUTER_WS_HEARTBEAT_MS', parseInteger)
  set('ROUTER_WS_MESSAGE_MAX_BYTES', parseInteger)
  set('ROUTER_BODY_LIMIT_BYTES', parseInteger)
  set('ROUTER_RATE_LIMIT_PER_SECOND', parseDecimal)
  set('ROUTER_RATE_LIMIT_BURST', parseInteger)
  set('ROUTER_RATE_LIMIT_KEY', (v) => v)
  set('ROUTER_CORS_ORIGINS', parseList)
  set('ROUTER_PUBLIC_METRICS', parseFlag)
  set('ROUTER_MAX_TIMEOUT_SECONDS', parseInteger)
  set('ROUTER_MAX_CONCURRENT_COMPLETIONS', parseInteger)
  set('ROUTER_CHAT_TEMPLATE', (v) => v)
  return out as RouterOptionsInput
}

function parseInteger(raw: string, key: string): number {
  if (!/^\d{1,15}$/.test(raw)) throw new RouterConfigError(key, `${raw} is not a non-negative integer`)
  return Number(raw)
}

function parseDecimal(raw: string, key: string): number {
  if (!/^\d{1,15}(\.\d{1,9})?$/.test(raw)) throw new RouterConfigError(key, `${raw} is not a non-negative number`)
  return Number(raw)
}

/** Cortensor's installer writes flags as 1/0; true/false and yes/no are accepted too. */
function parseFlag(raw: string, key: string): boolean {
  const lower = raw.toLowerCase()
  if (lower === '1' || lower === 'true' || lower === 'yes') return true
  if (lower === '0' || lower === 'false' || lower === 'no') return false
  throw new RouterConfigError(key, `${raw} is not 1/0, true/false or yes/no`)
}

/** Comma-separated, blanks dropped. */
function parseList(raw: string): string[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

/**
 * Parses a `.env` file: `KEY=value` lines, `#` comments, an optional `export ` prefix, values in
 * single quotes (literal) or double quotes (with \n, \" and \\ escapes), and ` #` comments after an
 * unquoted value. A line that is none of these is an error naming its number.
 */
export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim()
    if (line === '' || line.startsWith('#')) continue
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line)
    if (match === null) throw new RouterConfigError(`.env line ${i + 1}`, 'expected KEY=value')
    out[match[1]!] = parseDotEnvValue(match[2]!, i + 1)
  }
  return out
}

function parseDotEnvValue(raw: string, lineNumber: number): string {
  const quote = raw[0]
  if (quote === "'" || quote === '"') {
    const end = raw.lastIndexOf(quote)
    if (end === 0) throw new RouterConfigError(`.env line ${lineNumber}`, `unterminated ${quote} quote`)
    const inner = raw.slice(1, end)
    return quote === "'" ? inner : inner.replace(/\\([n"\\])/g, (_, c: string) => (c === 'n' ? '\n' : c))
  }
  const comment = raw.search(/\s#/)
  return (comment === -1 ? raw : raw.slice(0, comment)).trim()
}
