/**
 * Errors of the chain layer. A protocol rejection is not one of them: a transaction the contracts
 * refuse is still mined and comes back as a receipt with `status: 'reverted'` and the rejection.
 * These are the failures of talking to the chain at all, with stable codes so callers can tell a
 * lost connection (retry) from a refused transaction (do not).
 */

export type ChainErrorCode =
  /** The connection to the RPC endpoint dropped; the call may be retried once it is back. */
  | 'ConnectionLost'
  /** No answer in time (a receipt that never came, an RPC that hung). */
  | 'Timeout'
  /** The caller's AbortSignal fired. */
  | 'Aborted'
  /** The client was closed; it answers nothing any more. */
  | 'Closed'
  /** The node refused the transaction before the mempool (wrong sender, bad nonce, malformed). */
  | 'TxRejected'
  /** A transaction hash the chain does not know. */
  | 'NotFound'

/** Codes a caller may retry after a backoff: the chain itself did not answer "no". */
export const RETRYABLE_CHAIN_ERRORS: ReadonlySet<ChainErrorCode> = new Set(['ConnectionLost', 'Timeout'])

export class ChainError extends Error {
  override readonly name = 'ChainError'
  constructor(
    readonly code: ChainErrorCode,
    message: string,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options)
  }

  get retryable(): boolean {
    return RETRYABLE_CHAIN_ERRORS.has(this.code)
  }
}

export function isChainError(error: unknown, code?: ChainErrorCode): error is ChainError {
  return error instanceof ChainError && (code === undefined || error.code === code)
}

/** Is `error` a chain error worth retrying after a backoff? */
export function isRetryableChainError(error: unknown): boolean {
  return error instanceof ChainError && error.retryable
}

/** The error an aborted wait rejects with (the signal's reason when it is already a ChainError). */
export function abortError(signal: AbortSignal, what: string): ChainError {
  const reason: unknown = signal.reason
  if (reason instanceof ChainError) return reason
  return new ChainError('Aborted', `${what}: aborted`, { cause: reason })
}
