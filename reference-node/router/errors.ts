/**
 * Errors of the router's HTTP surface. Every failure a client can see has a stable code and one
 * HTTP status, and goes out as `{ error: { code, message, field?, details? } }`: clients branch on
 * the code, people read the message, and `field` names the offending request field.
 *
 * Client mistakes are 4xx; failures of the backend behind the router (chain, miners) are
 * 502/503/504; only a bug in the router itself is a 500.
 */
import { FieldError } from './fields.ts'

/** Every code the router answers with, and its HTTP status. Codes are stable API. */
export const ROUTER_ERROR_STATUS = {
  // the request itself
  InvalidJson: 400,
  InvalidEncoding: 400,
  InvalidBody: 400,
  MissingField: 400,
  InvalidField: 400,
  UnknownField: 400,
  Unsupported: 400,
  InvalidPathParameter: 400,
  InvalidQueryParameter: 400,
  UnknownQueryParameter: 400,
  BadRequest: 400,
  MissingToken: 401,
  InvalidToken: 401,
  RouteNotFound: 404,
  SessionNotFound: 404,
  TaskNotFound: 404,
  ModelNotFound: 404,
  MethodNotAllowed: 405,
  SessionInactive: 409,
  ModelNotServed: 409,
  BodyTooLarge: 413,
  UnsupportedMediaType: 415,
  HeadersTooLarge: 431,
  RateLimited: 429,
  // the router itself
  InternalError: 500,
  // the backend behind the router
  BackendFailed: 502,
  TaskFailed: 502,
  BackendUnavailable: 503,
  NoMinersAvailable: 503,
  Overloaded: 503,
  ShuttingDown: 503,
  Timeout: 504,
} as const satisfies Record<string, number>

export type RouterErrorCode = keyof typeof ROUTER_ERROR_STATUS

export const ROUTER_ERROR_CODES = Object.keys(ROUTER_ERROR_STATUS) as RouterErrorCode[]

export interface RouterErrorBody {
  readonly error: {
    readonly code: RouterErrorCode
    readonly message: string
    readonly field?: string
    readonly details?: Readonly<Record<string, unknown>>
  }
}

export interface RouterHttpErrorOptions {
  /** The request field at fault (`max_tokens`, `messages[2].role`, `Authorization`). */
  readonly field?: string
  /** Extra machine-readable facts (the task id of a failed task, …). */
  readonly details?: Readonly<Record<string, unknown>>
  /** Response headers to add (Retry-After, Allow, WWW-Authenticate). */
  readonly headers?: Readonly<Record<string, string>>
  readonly cause?: unknown
}

/** A failure answered with `ROUTER_ERROR_STATUS[code]` and a JSON error body. */
export class RouterHttpError extends Error {
  override readonly name = 'RouterHttpError'
  readonly status: number
  readonly field: string | undefined
  readonly details: Readonly<Record<string, unknown>> | undefined
  readonly headers: Readonly<Record<string, string>>

  constructor(
    readonly code: RouterErrorCode,
    message: string,
    options: RouterHttpErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.status = ROUTER_ERROR_STATUS[code]
    this.field = options.field
    this.details = options.details
    this.headers = options.headers ?? {}
  }

  toBody(): RouterErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.field === undefined ? {} : { field: this.field }),
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    }
  }
}

/** The HTTP form of a field error; a problem with the whole body (field '') is InvalidBody. */
export function fromFieldError(error: FieldError): RouterHttpError {
  if (error.field === '') return new RouterHttpError('InvalidBody', error.message)
  return new RouterHttpError(error.code, error.message, { field: error.field })
}
