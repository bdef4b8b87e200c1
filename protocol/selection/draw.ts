/**
 * The draw rule every selection uses: sequential weighted draws without replacement over integer
 * weights. For each pick, r = a uniform integer in [0, total of the weights still in play), and
 * the pick is the first candidate (in the given order, skipping those already picked) whose
 * running sum of weights exceeds r. `FenwickSampler` implements the same rule in O(log n) per pick.
 */
import type { Rng } from '../core/rng.ts'
import { ProtocolAssertionError } from '../core/result.ts'

const TWO_32 = 4294967296
const TWO_53 = 9007199254740992

/**
 * A uniform integer in [0, bound) for any integer bound in [1, 2^53]: one `nextInt` when the
 * bound fits 32 bits, else 53-bit values from two 32-bit draws with rejection (no modulo bias).
 */
export function drawBelow(rng: Rng, bound: number): number {
  if (!(Number.isInteger(bound) && bound >= 1 && bound <= TWO_53)) throw new ProtocolAssertionError(`drawBelow: bound ${bound} is not an integer in [1, 2^53]`)
  if (bound <= TWO_32) return rng.nextInt(bound)
  const limit = TWO_53 - (TWO_53 % bound)
  for (;;) {
    const x = (rng.nextU32() >>> 11) * TWO_32 + rng.nextU32()
    if (x < limit) return x % bound
  }
}

/**
 * Indices of `count` weighted draws without replacement, in draw order; O(n) per draw. Weights
 * must be non-negative integers with a sum ≤ 2^53, and at least `count` of them positive (the
 * callers check; a violation here is a bug).
 */
export function sampleLinear(weights: ArrayLike<number>, count: number, rng: Rng): number[] {
  const taken = new Uint8Array(weights.length)
  let total = 0
  for (let i = 0; i < weights.length; i++) total += weights[i]!
  const picks: number[] = []
  for (let draw = 0; draw < count; draw++) {
    if (total < 1) throw new ProtocolAssertionError(`sampleLinear: no weight left for draw ${draw + 1} of ${count}`)
    const r = drawBelow(rng, total)
    const index = findLinear(weights, taken, r)
    taken[index] = 1
    total -= weights[index]!
    picks.push(index)
  }
  return picks
}

function findLinear(weights: ArrayLike<number>, taken: Uint8Array, r: number): number {
  let running = 0
  for (let i = 0; i < weights.length; i++) {
    if (taken[i] === 1) continue
    running += weights[i]!
    if (running > r) return i
  }
  throw new ProtocolAssertionError(`sampleLinear: r ${r} beyond the remaining total`)
}
