/**
 * Bearer-token authentication (`Authorization: Bearer <token>`, cortensor-protocol.md §11.2).
 * Tokens come from configuration; Cortensor's `default-dev-token` is added only in dev mode.
 *
 * Tokens are compared as SHA-256 digests with `timingSafeEqual`, against every configured token,
 * so the time taken says nothing about how much of a guess was right or which token matched.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import { DEV_TOKEN } from './config.ts'

export type AuthResult = { readonly ok: true; readonly token: string } | { readonly ok: false; readonly code: 'MissingToken' | 'InvalidToken'; readonly message: string }

const BEARER = /^Bearer[ \t]+([\x21-\x7e]+)[ \t]*$/i

export class TokenAuth {
  private readonly digests: readonly Buffer[]

  constructor(tokens: readonly string[], devMode: boolean) {
    const all = devMode ? [...tokens, DEV_TOKEN] : [...tokens]
    this.digests = all.map(digest)
  }

  /** Checks an `Authorization` header value. */
  checkHeader(header: string | undefined): AuthResult {
    if (header === undefined || header.trim() === '') {
      return { ok: false, code: 'MissingToken', message: 'missing Authorization header: send Authorization: Bearer <token>' }
    }
    const match = BEARER.exec(header)
    if (match === null) return { ok: false, code: 'InvalidToken', message: 'Authorization must be Bearer <token>' }
    const token = match[1]!
    return this.isValid(token) ? { ok: true, token } : { ok: false, code: 'InvalidToken', message: 'the bearer token is not valid' }
  }

  /** True when `token` is one of the accepted tokens. */
  isValid(token: string): boolean {
    const candidate = digest(token)
    let found = false
    for (const d of this.digests) found = timingSafeEqual(d, candidate) || found
    return found
  }
}

/** The bearer token in a header, unchecked (for keying rate limits by token). */
export function extractBearer(header: string | undefined): string | undefined {
  if (header === undefined) return undefined
  return BEARER.exec(header)?.[1]
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest()
}
