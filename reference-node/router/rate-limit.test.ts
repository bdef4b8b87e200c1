// Goal: the token bucket allows a burst, then the sustained rate, tells how long to wait, and
// keeps memory bounded by forgetting the least recently seen client.
// Method: an injected clock; literal cases, plus a fast-check property that over any schedule of
// requests the allowed count never exceeds burst + rate × elapsed time.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TokenBucketLimiter } from './rate-limit.ts'

describe('TokenBucketLimiter', () => {
  it('spends the burst, refuses with the wait, and refills at the rate', () => {
    let now = 0
    const l = new TokenBucketLimiter(2, 3, 10, () => now)
    for (let i = 0; i < 3; i++) expect(l.take('a')).toEqual({ allowed: true })
    expect(l.take('a')).toEqual({ allowed: false, retryAfterS: 1 })
    now += 500
    expect(l.take('a')).toEqual({ allowed: true })
    expect(l.take('a').allowed).toBe(false)
    now += 10_000
    for (let i = 0; i < 3; i++) expect(l.take('a').allowed).toBe(true)
    expect(l.take('a').allowed).toBe(false)
  })

  it('rounds Retry-After up to whole seconds for slow rates', () => {
    const l = new TokenBucketLimiter(0.1, 1, 10, () => 0)
    l.take('a')
    expect(l.take('a')).toEqual({ allowed: false, retryAfterS: 10 })
  })

  it('clients have separate buckets', () => {
    const l = new TokenBucketLimiter(1, 1, 10, () => 0)
    expect(l.take('a').allowed).toBe(true)
    expect(l.take('a').allowed).toBe(false)
    expect(l.take('b').allowed).toBe(true)
  })

  it('forgets the least recently seen client beyond maxClients', () => {
    const l = new TokenBucketLimiter(1, 1, 2, () => 0)
    l.take('a')
    l.take('b')
    l.take('a') // refused, but a is now the most recent
    l.take('c') // evicts b
    expect(l.size).toBe(2)
    expect(l.take('a').allowed).toBe(false)
    expect(l.take('b').allowed).toBe(true) // b came back with a full bucket
  })

  it('a clock stepping back refills nothing', () => {
    let now = 10_000
    const l = new TokenBucketLimiter(1, 1, 10, () => now)
    l.take('a')
    now = 0
    expect(l.take('a').allowed).toBe(false)
  })

  it('refuses nonsense settings', () => {
    expect(() => new TokenBucketLimiter(0, 1, 1, () => 0)).toThrow(RangeError)
    expect(() => new TokenBucketLimiter(1, 0, 1, () => 0)).toThrow(RangeError)
    expect(() => new TokenBucketLimiter(1, 1, 0, () => 0)).toThrow(RangeError)
  })

  it('property: allowed requests ≤ burst + rate × elapsed, and a full bucket always admits', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 50, noNaN: true }), fc.integer({ min: 1, max: 20 }), fc.array(fc.integer({ min: 0, max: 2000 }), { maxLength: 200 }), (rate, burst, gaps) => {
        let now = 0
        const l = new TokenBucketLimiter(rate, burst, 4, () => now)
        let allowed = 0
        for (const gap of gaps) {
          now += gap
          if (l.take('k').allowed) allowed++
        }
        expect(allowed).toBeLessThanOrEqual(burst + (rate * now) / 1000 + 1e-9)
        now += Math.ceil((burst / rate) * 1000)
        expect(l.take('k').allowed).toBe(true)
      }),
      { seed: 7, numRuns: 300 },
    )
  })
})
