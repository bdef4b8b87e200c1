/**
 * What a request handler gets: the router's shared state (options, backend, metrics, limits) and
 * the request itself, plus the helpers every handler needs — path ids, paging, and turning any
 * failure into the right HTTP error.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { BACKEND_ERROR_CODES, RouterBackendError, type Page, type RouterBackend } from './backend.ts'
import type { TokenAuth } from './auth.ts'
import type { RouterOptions } from './config.ts'
import { fromFieldError, RouterHttpError } from './errors.ts'
import { FieldError } from './fields.ts'
import type { RouterMetrics } from './metrics.ts'
import type { TokenBucketLimiter } from './rate-limit.ts'
import type { RouterSelf } from './responses.ts'

export interface RouterCore {
  readonly options: RouterOptions
  readonly backend: RouterBackend
  readonly metrics: RouterMetrics
  readonly auth: TokenAuth
  readonly limiter: TokenBucketLimiter | null
  readonly startedAtMs: number
  /** Aborted when the router closes; running completions listen to it. */
  readonly shutdown: AbortController
  activeCompletions: number
  closing: boolean
  /** The miners' WebSocket port once bound (null when sharing the REST port). */
  wsPort: number | null
}

export interface RequestContext {
  readonly core: RouterCore
  readonly req: IncomingMessage
  readonly res: ServerResponse
  readonly url: URL
  readonly params: Readonly<Record<string, string>>
  /** Headers every response of this request carries (CORS). */
  readonly headers: Readonly<Record<string, string>>
}

/** Why a running completion was aborted. */
export class AbortReason extends Error {
  override readonly name = 'AbortReason'
  constructor(readonly kind: 'timeout' | 'shutdown' | 'clientGone' | 'slowClient') {
    super(`completion aborted: ${kind}`)
  }
}

/**
 * Runs a backend call; any failure that is not a `RouterBackendError` becomes BackendFailed (502):
 * whatever broke, it broke behind the router.
 */
export async function callBackend<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw toBackendHttpError(error)
  }
}

function toBackendHttpError(error: unknown): RouterHttpError {
  if (error instanceof RouterHttpError) return error
  if (error instanceof RouterBackendError) {
    const code = BACKEND_ERROR_CODES[error.code] ?? 'BackendFailed'
    return new RouterHttpError(code, error.message, { ...(error.field === undefined ? {} : { field: error.field }), cause: error })
  }
  const message = error instanceof Error ? error.message : String(error)
  return new RouterHttpError('BackendFailed', `the backend failed: ${message.slice(0, 300)}`, { cause: error })
}

/** The HTTP error for anything thrown while handling a request. */
export function toHttpError(error: unknown): RouterHttpError {
  if (error instanceof RouterHttpError) return error
  if (error instanceof FieldError) return fromFieldError(error)
  if (error instanceof RouterBackendError) return toBackendHttpError(error)
  if (error instanceof AbortReason) {
    if (error.kind === 'timeout') return new RouterHttpError('Timeout', 'the completion did not finish within its timeout')
    return new RouterHttpError('ShuttingDown', `the completion was aborted (${error.kind})`)
  }
  return new RouterHttpError('InternalError', 'the router failed while handling this request', { cause: error })
}

const ID_PATTERN = /^\d{1,15}$/

/** A numeric id from the path (`{sessionId}`), or InvalidPathParameter. */
export function readIdParam(ctx: RequestContext, name: string): number {
  const raw = ctx.params[name] ?? ''
  if (!ID_PATTERN.test(raw)) throw new RouterHttpError('InvalidPathParameter', `${name} must be a non-negative integer, got ${JSON.stringify(raw.slice(0, 40))}`, { field: name })
  return Number(raw)
}

export const PAGE_LIMIT_DEFAULT = 20
export const PAGE_LIMIT_MAX = 100

/** `?offset=&limit=` (the only query parameters any route takes). */
export function readPage(ctx: RequestContext): Page {
  onlyQuery(ctx, ['offset', 'limit'])
  return {
    offset: readQueryInt(ctx, 'offset', 0, Number.MAX_SAFE_INTEGER) ?? 0,
    limit: readQueryInt(ctx, 'limit', 1, PAGE_LIMIT_MAX) ?? PAGE_LIMIT_DEFAULT,
  }
}

/** Refuses query parameters outside `allowed` (none by default). */
export function onlyQuery(ctx: RequestContext, allowed: readonly string[] = []): void {
  for (const key of ctx.url.searchParams.keys()) {
    if (!allowed.includes(key)) throw new RouterHttpError('UnknownQueryParameter', `unknown query parameter ${key.slice(0, 64)}`, { field: key.slice(0, 64) })
  }
}

function readQueryInt(ctx: RequestContext, name: string, min: number, max: number): number | undefined {
  const values = ctx.url.searchParams.getAll(name)
  if (values.length === 0) return undefined
  const raw = values[0]!
  if (values.length > 1 || !ID_PATTERN.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new RouterHttpError('InvalidQueryParameter', `${name} must be one integer in [${min}, ${max}]`, { field: name })
  }
  return Number(raw)
}

export function describeSelf(core: RouterCore): RouterSelf {
  return {
    uptimeS: Math.max(0, (core.options.nowMs() - core.startedAtMs) / 1000),
    wsPath: core.options.wsPath,
    wsPort: core.wsPort,
    inFlightRequests: core.metrics.requestsInFlight,
    minersConnected: core.metrics.minersConnected,
  }
}
