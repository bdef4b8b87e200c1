/**
 * Router configuration: one flat options object (the CLI fills it from flags, the environment and
 * `.env`, see config-env.ts), checked once at start. A bad value is a `RouterConfigError` naming
 * the option; nothing is clamped silently.
 *
 * Defaults follow Cortensor's installer where it has a key (REST on 127.0.0.1:5010, miners'
 * WebSocket on port 9001, Appendix B of cortensor-protocol.md) and are conservative elsewhere:
 * no CORS, metrics behind the API token, a rate limit per client.
 */
import type { Params } from '../../protocol/params/spec.ts'
import { defaultParams } from '../../protocol/params/validate.ts'

/** Cortensor's documented development token; accepted only in dev mode. */
export const DEV_TOKEN = 'default-dev-token'

export const CHAT_TEMPLATES = ['plain', 'chatml'] as const
export type ChatTemplateName = (typeof CHAT_TEMPLATES)[number]

export const RATE_LIMIT_KEYS = ['ip', 'token'] as const
export type RateLimitKey = (typeof RATE_LIMIT_KEYS)[number]

export interface RouterOptions {
  /** REST bind address (ROUTER_REST_BIND_IP). */
  readonly host: string
  /** REST port (ROUTER_REST_BIND_PORT); 0 picks a free one. */
  readonly port: number
  /** Accepts `default-dev-token` besides `apiTokens`. Never on a public router. */
  readonly devMode: boolean
  /** Bearer tokens accepted on the API. */
  readonly apiTokens: readonly string[]
  /** Miners' WebSocket: its own listener on this port (0 = a free one), or null to share the REST port. */
  readonly wsPort: number | null
  readonly wsHost: string
  /** Path miners connect to. */
  readonly wsPath: string
  /** Tokens a miner's hello must carry; empty = no token check (the backend still admits or refuses). */
  readonly minerTokens: readonly string[]
  /** The router pings each miner this often and drops one silent for twice as long. */
  readonly heartbeatMs: number
  /** A connection that has not said hello by then is closed. */
  readonly helloTimeoutMs: number
  /** Largest WebSocket frame accepted. */
  readonly wsMessageMaxBytes: number
  /** Largest request body accepted (413 above). */
  readonly bodyMaxBytes: number
  /** Sustained requests per second per client; 0 disables rate limiting. */
  readonly rateLimitPerSecond: number
  /** Requests a client may make at once before the rate applies (the bucket size). */
  readonly rateLimitBurst: number
  /** What a client is: its IP address, or the bearer token it presents. */
  readonly rateLimitKey: RateLimitKey
  /** Buckets kept; the least recently seen client is forgotten beyond this. */
  readonly rateLimitMaxClients: number
  /** Origins allowed by CORS (`*` for any); empty = CORS off. */
  readonly corsOrigins: readonly string[]
  /** Serve `/metrics` without a token (for a scraper on a private network). */
  readonly publicMetrics: boolean
  /** Longest `timeout` a request may ask for, in seconds. */
  readonly maxTimeoutS: number
  /** Completions running at once; more get 503 Overloaded. */
  readonly maxConcurrentCompletions: number
  readonly chatTemplate: ChatTemplateName
  /** Time allowed to receive a whole request (headers and body). */
  readonly requestReceiveTimeoutMs: number
  /** On close, how long running requests may finish before they are aborted. */
  readonly closeGraceMs: number
  /** A stream with nothing to say sends a comment this often (keeps proxies from closing it). */
  readonly sseHeartbeatMs: number
  /** Protocol parameters: field limits, max_tokens cap, default timeouts. */
  readonly params: Params
  /** Wall clock in ms (injectable for tests). */
  readonly nowMs: () => number
}

export type RouterOptionsInput = { readonly [K in keyof RouterOptions]?: RouterOptions[K] | undefined }

export class RouterConfigError extends Error {
  override readonly name = 'RouterConfigError'
  constructor(
    /** The option (or environment key) at fault. */
    readonly key: string,
    message: string,
  ) {
    super(`${key}: ${message}`)
  }
}

const MiB = 1024 * 1024

export function getRouterDefaults(): RouterOptions {
  return {
    host: '127.0.0.1',
    port: 5010,
    devMode: false,
    apiTokens: [],
    wsPort: 9001,
    wsHost: '127.0.0.1',
    wsPath: '/ws',
    minerTokens: [],
    heartbeatMs: 30_000,
    helloTimeoutMs: 10_000,
    wsMessageMaxBytes: MiB,
    bodyMaxBytes: MiB,
    rateLimitPerSecond: 20,
    rateLimitBurst: 40,
    rateLimitKey: 'ip',
    rateLimitMaxClients: 10_000,
    corsOrigins: [],
    publicMetrics: false,
    maxTimeoutS: 3600,
    maxConcurrentCompletions: 64,
    chatTemplate: 'plain',
    requestReceiveTimeoutMs: 30_000,
    closeGraceMs: 5_000,
    sseHeartbeatMs: 15_000,
    params: defaultParams(),
    nowMs: Date.now,
  }
}

/** Fills defaults and checks every option; throws `RouterConfigError`. */
export function resolveRouterOptions(input: RouterOptionsInput = {}): RouterOptions {
  const defaults = getRouterDefaults()
  const picked: Record<string, unknown> = { ...defaults }
  for (const [key, value] of Object.entries(input)) {
    if (!(key in defaults)) throw new RouterConfigError(key, 'unknown option')
    if (value !== undefined) picked[key] = value
  }
  // The WebSocket binds where REST binds unless told otherwise.
  if (input.wsHost === undefined && input.host !== undefined) picked.wsHost = input.host
  const options = picked as unknown as RouterOptions
  checkOptions(options)
  return options
}

function checkOptions(o: RouterOptions): void {
  checkString('host', o.host)
  checkString('wsHost', o.wsHost)
  checkInteger('port', o.port, 0, 65_535)
  if (o.wsPort !== null) checkInteger('wsPort', o.wsPort, 0, 65_535)
  if (o.wsPort !== null && o.wsPort !== 0 && o.wsPort === o.port) throw new RouterConfigError('wsPort', `equals the REST port ${o.port}; use null to serve miners on the REST port`)
  if (typeof o.wsPath !== 'string' || !/^\/[\w\-./]*$/.test(o.wsPath)) throw new RouterConfigError('wsPath', `${String(o.wsPath)} must be a path starting with /`)
  checkBoolean('devMode', o.devMode)
  checkBoolean('publicMetrics', o.publicMetrics)
  checkTokens('apiTokens', o.apiTokens, o.devMode)
  checkTokens('minerTokens', o.minerTokens, o.devMode)
  if (o.apiTokens.length === 0 && !o.devMode) throw new RouterConfigError('apiTokens', 'no API token configured: set some, or enable dev mode for default-dev-token')
  checkInteger('heartbeatMs', o.heartbeatMs, 10, 3_600_000)
  checkInteger('helloTimeoutMs', o.helloTimeoutMs, 10, 3_600_000)
  checkInteger('wsMessageMaxBytes', o.wsMessageMaxBytes, 1024, 1024 * MiB)
  checkInteger('bodyMaxBytes', o.bodyMaxBytes, 1024, 1024 * MiB)
  checkNumber('rateLimitPerSecond', o.rateLimitPerSecond, 0, 1_000_000)
  checkInteger('rateLimitBurst', o.rateLimitBurst, 1, 1_000_000)
  checkOneOf('rateLimitKey', o.rateLimitKey, RATE_LIMIT_KEYS)
  checkInteger('rateLimitMaxClients', o.rateLimitMaxClients, 1, 10_000_000)
  checkOrigins(o.corsOrigins)
  checkInteger('maxTimeoutS', o.maxTimeoutS, 1, 7 * 24 * 3600)
  checkInteger('maxConcurrentCompletions', o.maxConcurrentCompletions, 1, 1_000_000)
  checkOneOf('chatTemplate', o.chatTemplate, CHAT_TEMPLATES)
  checkInteger('requestReceiveTimeoutMs', o.requestReceiveTimeoutMs, 100, 3_600_000)
  checkInteger('closeGraceMs', o.closeGraceMs, 0, 3_600_000)
  checkInteger('sseHeartbeatMs', o.sseHeartbeatMs, 10, 3_600_000)
  if (typeof o.nowMs !== 'function') throw new RouterConfigError('nowMs', 'must be a function')
  if (typeof o.params !== 'object' || o.params === null) throw new RouterConfigError('params', 'must be a protocol parameter object')
}

function checkString(key: string, value: unknown): void {
  if (typeof value !== 'string' || value.length === 0) throw new RouterConfigError(key, 'must be a non-empty string')
}

function checkBoolean(key: string, value: unknown): void {
  if (typeof value !== 'boolean') throw new RouterConfigError(key, `${String(value)} must be true or false`)
}

function checkInteger(key: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new RouterConfigError(key, `${String(value)} must be an integer in [${min}, ${max}]`)
  }
}

function checkNumber(key: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new RouterConfigError(key, `${String(value)} must be a number in [${min}, ${max}]`)
  }
}

function checkOneOf(key: string, value: unknown, allowed: readonly string[]): void {
  if (typeof value !== 'string' || !allowed.includes(value)) throw new RouterConfigError(key, `${String(value)} must be one of ${allowed.join(', ')}`)
}

function checkTokens(key: string, tokens: unknown, devMode: boolean): void {
  if (!Array.isArray(tokens)) throw new RouterConfigError(key, 'must be a list of tokens')
  for (const token of tokens as unknown[]) {
    if (typeof token !== 'string' || !/^[\x21-\x7e]{8,256}$/.test(token)) {
      throw new RouterConfigError(key, 'each token must be 8 to 256 printable ASCII characters without spaces')
    }
    if (token === DEV_TOKEN && !devMode) throw new RouterConfigError(key, `${DEV_TOKEN} is accepted only in dev mode`)
  }
}

function checkOrigins(origins: unknown): void {
  if (!Array.isArray(origins)) throw new RouterConfigError('corsOrigins', 'must be a list of origins')
  for (const origin of origins as unknown[]) {
    if (origin === '*') continue
    if (typeof origin !== 'string' || !/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new RouterConfigError('corsOrigins', `${String(origin)} must be * or an origin like https://app.example`)
    }
  }
}
