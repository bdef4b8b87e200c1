/**
 * Per-client rate limiting with token buckets: each client may spend `burst` requests at once and
 * earns `ratePerSecond` back, continuously. A refused request learns how long until one token is
 * back (HTTP Retry-After, whole seconds, at least 1).
 *
 * Memory is bounded: at most `maxClients` buckets, the least recently seen dropped first (a
 * `Map` keeps insertion order, and every touch re-inserts the key, so the first key is the
 * oldest). A forgotten client comes back with a full bucket, which errs on the side of serving.
 */

export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterS: number }

interface Bucket {
  tokens: number
  updatedMs: number
}

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>()

  constructor(
    readonly ratePerSecond: number,
    readonly burst: number,
    readonly maxClients: number,
    private readonly nowMs: () => number,
  ) {
    if (!(ratePerSecond > 0) || !Number.isFinite(ratePerSecond)) throw new RangeError(`ratePerSecond ${ratePerSecond} must be a finite number > 0`)
    if (!Number.isSafeInteger(burst) || burst < 1) throw new RangeError(`burst ${burst} must be an integer ≥ 1`)
    if (!Number.isSafeInteger(maxClients) || maxClients < 1) throw new RangeError(`maxClients ${maxClients} must be an integer ≥ 1`)
  }

  /** Buckets held now (≤ maxClients). */
  get size(): number {
    return this.buckets.size
  }

  /** Spends one token of `key`'s bucket, or says how long to wait for one. */
  take(key: string): RateDecision {
    const now = this.nowMs()
    const bucket = this.touch(key, now)
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1
      return { allowed: true }
    }
    const waitMs = ((1 - bucket.tokens) * 1000) / this.ratePerSecond
    return { allowed: false, retryAfterS: Math.max(1, Math.ceil(waitMs / 1000)) }
  }

  private touch(key: string, now: number): Bucket {
    const existing = this.buckets.get(key)
    if (existing === undefined) {
      const fresh: Bucket = { tokens: this.burst, updatedMs: now }
      this.buckets.set(key, fresh)
      if (this.buckets.size > this.maxClients) this.buckets.delete(this.buckets.keys().next().value as string)
      return fresh
    }
    // A clock that steps back (wall-clock adjustment) refills nothing rather than draining.
    const elapsedMs = Math.max(0, now - existing.updatedMs)
    existing.tokens = Math.min(this.burst, existing.tokens + (elapsedMs * this.ratePerSecond) / 1000)
    existing.updatedMs = Math.max(existing.updatedMs, now)
    this.buckets.delete(key)
    this.buckets.set(key, existing)
    return existing
  }
}
