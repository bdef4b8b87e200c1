/**
 * Seeded pseudo-random source (xoshiro128**, seeded through splitmix32).
 *
 * The protocol never touches `Math.random`: callers pass an `Rng` in the context. One seed gives
 * one stream, byte for byte, on every platform (only 32-bit integer arithmetic is used). Child
 * streams are derived by label, so adding a consumer does not shift anyone else's draws.
 */

export interface Rng {
  /** Uniform integer in [0, 2^32). */
  nextU32(): number
  /** Uniform float in [0, 1) with 53 bits of precision. */
  nextFloat(): number
  /** Uniform integer in [0, bound), unbiased; `bound` must be a positive integer ≤ 2^32. */
  nextInt(bound: number): number
  /** The generator's internal state, to save and restore a stream mid-run. */
  getState(): readonly [number, number, number, number]
  setState(state: readonly [number, number, number, number]): void
}

/** Mixes a 32-bit value into a well-distributed 32-bit value (splitmix32 finaliser). */
export function mix32(value: number): number {
  let z = (value + 0x9e3779b9) | 0
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
  return (z ^ (z >>> 16)) >>> 0
}

/** FNV-1a over the UTF-16 code units of a string: a stable 32-bit label hash. */
export function hashLabel(label: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** Seed of the child stream named by `labels` under `seed` (order of labels matters). */
export function deriveSeed(seed: number, ...labels: readonly (string | number)[]): number {
  let s = mix32(seed >>> 0)
  for (const label of labels) {
    const part = typeof label === 'number' ? mix32(label >>> 0) : hashLabel(label)
    s = mix32((s ^ part) >>> 0)
  }
  return s
}

class Xoshiro128 implements Rng {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(seed: number) {
    // splitmix32 expands one 32-bit seed into four non-zero state words.
    let s = seed >>> 0
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0
      return mix32(s)
    }
    this.a = next()
    this.b = next()
    this.c = next()
    this.d = next()
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1
  }

  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0
    const t = this.b << 9
    this.c ^= this.a
    this.d ^= this.b
    this.b ^= this.c
    this.a ^= this.d
    this.c ^= t
    this.d = rotl(this.d, 11)
    return result
  }

  nextFloat(): number {
    const hi = this.nextU32() >>> 5 // 27 bits
    const lo = this.nextU32() >>> 6 // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992
  }

  nextInt(bound: number): number {
    if (!Number.isInteger(bound) || bound <= 0 || bound > 4294967296) {
      throw new RangeError(`nextInt bound must be an integer in [1, 2^32], got ${bound}`)
    }
    // Rejection sampling removes the modulo bias.
    const limit = 4294967296 - (4294967296 % bound)
    for (;;) {
      const x = this.nextU32()
      if (x < limit) return x % bound
    }
  }

  getState(): readonly [number, number, number, number] {
    return [this.a, this.b, this.c, this.d]
  }

  setState(state: readonly [number, number, number, number]): void {
    ;[this.a, this.b, this.c, this.d] = state.map((w) => w >>> 0) as [number, number, number, number]
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0
}

/** A new generator for `seed` (any 32-bit integer; other numbers are truncated). */
export function createRng(seed: number): Rng {
  return new Xoshiro128(seed >>> 0)
}

/** A generator for the child stream `labels` of `seed`. */
export function createChildRng(seed: number, ...labels: readonly (string | number)[]): Rng {
  return createRng(deriveSeed(seed, ...labels))
}
