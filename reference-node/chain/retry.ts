/**
 * Retry with exponential backoff for calls that lose their connection. Deterministic: the delays
 * are a pure function of the attempt number (no jitter unless a seeded source is given), and they
 * pass on the injected clock, so a manual clock runs them in virtual time.
 */
import type { Rng } from '../../protocol/core/rng.ts'
import type { Clock } from './clock.ts'
import { isRetryableChainError } from './errors.ts'

export interface BackoffOptions {
  /** Delay before the first retry. */
  readonly initialDelayMs: number
  /** Upper bound of any one delay. */
  readonly maxDelayMs: number
  /** Growth per attempt (≥ 1). */
  readonly factor: number
  /** Attempts in total, the first included (≥ 1); Infinity retries until aborted. */
  readonly maxAttempts: number
  /** Spreads each delay over [delay/2, delay] when given (seeded, so runs repeat). */
  readonly jitter?: Rng
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialDelayMs: 250, maxDelayMs: 8_000, factor: 2, maxAttempts: 8 }

/** The delay before retry number `attempt` (1 for the first retry). */
export function computeBackoffDelayMs(attempt: number, options: BackoffOptions): number {
  const raw = options.initialDelayMs * options.factor ** Math.max(0, attempt - 1)
  const capped = Math.min(options.maxDelayMs, raw)
  if (options.jitter === undefined) return Math.round(capped)
  return Math.round(capped / 2 + options.jitter.nextFloat() * (capped / 2))
}

export function checkBackoffOptions(options: BackoffOptions): string | undefined {
  if (!(options.initialDelayMs >= 0) || !Number.isFinite(options.initialDelayMs)) return `initialDelayMs ${options.initialDelayMs} must be a finite number ≥ 0`
  if (!(options.maxDelayMs >= options.initialDelayMs) || !Number.isFinite(options.maxDelayMs)) return `maxDelayMs ${options.maxDelayMs} must be finite and ≥ initialDelayMs`
  if (!(options.factor >= 1) || !Number.isFinite(options.factor)) return `factor ${options.factor} must be a finite number ≥ 1`
  if (!(options.maxAttempts >= 1)) return `maxAttempts ${options.maxAttempts} must be ≥ 1`
  return undefined
}

export interface RetryOptions {
  readonly clock: Clock
  readonly backoff?: BackoffOptions
  readonly signal?: AbortSignal
  /** Which errors are worth another attempt; default: retryable chain errors (lost connection, timeout). */
  readonly isRetryable?: (error: unknown) => boolean
  /** Told before each backoff (for logs). */
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void
}

/** Runs `fn` until it succeeds, a non-retryable error comes, the attempts run out or `signal` fires. */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const backoff = options.backoff ?? DEFAULT_BACKOFF
  const problem = checkBackoffOptions(backoff)
  if (problem !== undefined) throw new RangeError(`withRetry: ${problem}`)
  const isRetryable = options.isRetryable ?? isRetryableChainError
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt)
    } catch (error) {
      if (attempt >= backoff.maxAttempts || !isRetryable(error) || options.signal?.aborted === true) throw error
      const delayMs = computeBackoffDelayMs(attempt, backoff)
      options.onRetry?.(error, attempt, delayMs)
      await options.clock.sleep(delayMs, options.signal)
    }
  }
}
