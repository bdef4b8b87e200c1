/**
 * `FenwickSampler`: the same selection rule as `selectMiners` (sequential weighted draws without
 * replacement, see draw.ts), accelerated for hosts that keep thousands of candidates. Weights
 * live in a Fenwick (binary indexed) tree, so changing one weight and finding the pick for a
 * drawn r both cost O(log n); a k-pick selection is O(k log n) instead of O(n·k).
 *
 * For the same candidate order, the same integer weights and the same rng state it returns
 * exactly the picks `sampleLinear` (and so `selectMiners`) returns, consuming the same random
 * numbers. A weight of 0 keeps a slot out of the draw (e.g. a miner in cooldown or offline).
 *
 * This is a mutable helper owned by one host, not protocol state: it is never stored in an
 * entity, and `sampleWithoutReplacement` leaves the weights as it found them.
 */
import type { Rng } from '../core/rng.ts'
import { assert, ProtocolAssertionError, reject, type Rejection } from '../core/result.ts'
import { drawBelow } from './draw.ts'
import { MAX_CANDIDATES, MAX_WEIGHT } from './weights.ts'

export type SampleResult = { readonly ok: true; readonly indices: readonly number[] } | Rejection

export class FenwickSampler {
  private readonly weights: Float64Array
  /** 1-based Fenwick tree: tree[i] holds the sum of weights (i − lowbit(i), i]. */
  private readonly tree: Float64Array
  /** Highest power of two ≤ size: the first step of the descent in `find`. */
  private readonly topStep: number
  private totalWeight = 0
  private positive = 0

  constructor(size: number) {
    assert(Number.isInteger(size) && size >= 0 && size <= MAX_CANDIDATES, `FenwickSampler: size ${size} is not an integer in [0, ${MAX_CANDIDATES}]`)
    this.weights = new Float64Array(size)
    this.tree = new Float64Array(size + 1)
    let step = 1
    while (step * 2 <= size) step *= 2
    this.topStep = size === 0 ? 0 : step
  }

  /** A sampler holding `weights`, built in O(n). */
  static fromWeights(weights: ArrayLike<number>): FenwickSampler {
    const sampler = new FenwickSampler(weights.length)
    const n = weights.length
    for (let i = 0; i < n; i++) {
      const w = weights[i]!
      checkWeight(w, i)
      sampler.weights[i] = w
      sampler.tree[i + 1] = w
      sampler.totalWeight += w
      if (w > 0) sampler.positive++
    }
    for (let i = 1; i <= n; i++) {
      const parent = i + (i & -i)
      if (parent <= n) sampler.tree[parent]! += sampler.tree[i]!
    }
    return sampler
  }

  get size(): number {
    return this.weights.length
  }

  /** Sum of all weights. */
  get total(): number {
    return this.totalWeight
  }

  /** Slots with a positive weight (the most picks one sample can make). */
  get positiveCount(): number {
    return this.positive
  }

  getWeight(index: number): number {
    this.checkIndex(index)
    return this.weights[index]!
  }

  /** Sets one slot's integer weight in [0, MAX_WEIGHT]; O(log n). */
  setWeight(index: number, weight: number): void {
    this.checkIndex(index)
    checkWeight(weight, index)
    const delta = weight - this.weights[index]!
    if (delta === 0) return
    if (this.weights[index] === 0) this.positive++
    else if (weight === 0) this.positive--
    this.weights[index] = weight
    this.totalWeight += delta
    for (let i = index + 1; i <= this.weights.length; i += i & -i) this.tree[i]! += delta
  }

  /** The first slot whose running sum of weights exceeds `r` (0 ≤ r < total); O(log n). */
  find(r: number): number {
    if (!(r >= 0 && r < this.totalWeight)) throw new ProtocolAssertionError(`FenwickSampler.find: r ${r} outside [0, ${this.totalWeight})`)
    let pos = 0
    let rest = r
    for (let step = this.topStep; step > 0; step >>= 1) {
      const next = pos + step
      if (next <= this.weights.length && this.tree[next]! <= rest) {
        pos = next
        rest -= this.tree[next]!
      }
    }
    // pos is the longest prefix whose sum is ≤ r, so slot `pos` (0-based) is where the sum passes r.
    return pos
  }

  /**
   * `count` distinct slots drawn by the rule of draw.ts, in draw order, or `TooFewMiners` when
   * fewer than `count` slots have a positive weight. Weights are restored before returning.
   */
  sampleWithoutReplacement(count: number, rng: Rng): SampleResult {
    if (!Number.isInteger(count) || count < 0) return reject('MalformedEvent', `sample count ${count} is not a non-negative integer`)
    if (count > this.positive) return reject('TooFewMiners', `asked for ${count} picks, only ${this.positive} candidates have a positive weight`)
    const indices: number[] = []
    const saved: number[] = []
    for (let draw = 0; draw < count; draw++) {
      const index = this.find(drawBelow(rng, this.totalWeight))
      indices.push(index)
      saved.push(this.weights[index]!)
      this.setWeight(index, 0)
    }
    for (let i = 0; i < indices.length; i++) this.setWeight(indices[i]!, saved[i]!)
    return { ok: true, indices }
  }

  private checkIndex(index: number): void {
    if (!(Number.isInteger(index) && index >= 0 && index < this.weights.length)) throw new ProtocolAssertionError(`FenwickSampler: index ${index} outside [0, ${this.weights.length})`)
  }
}

function checkWeight(weight: number, index: number): void {
  if (!(Number.isInteger(weight) && weight >= 0 && weight <= MAX_WEIGHT)) throw new ProtocolAssertionError(`FenwickSampler: weight ${weight} of slot ${index} is not an integer in [0, MAX_WEIGHT]`)
}
