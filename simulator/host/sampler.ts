/**
 * Weighted draws over all miners for the oracle's picks: the protocol's selection rule
 * (`FenwickSampler`, the same choices as `selectMiners` for the same weights and rng) over weights
 * the host keeps up to date as nodes change, so a pick among 10,000 nodes costs O(k log n).
 *
 * The weights are the oracle's view, refreshed when a node changes status and in a rolling sweep;
 * a drawn node is then checked against the chain's current state (`accept`). A refused node sits
 * out the rest of this draw only (its weight is zeroed and restored afterwards), exactly as a
 * drawn node does in a draw without replacement.
 */
import type { Rng } from '../../protocol/core/rng.ts'
import { drawBelow } from '../../protocol/selection/draw.ts'
import { FenwickSampler } from '../../protocol/selection/fenwick.ts'

export class MinerSampler {
  readonly fenwick: FenwickSampler
  private readonly zeroed: number[] = []
  private readonly saved: number[] = []

  constructor(readonly size: number) {
    this.fenwick = new FenwickSampler(size)
  }

  set(index: number, weight: number): void {
    this.fenwick.setWeight(index, weight)
  }

  /**
   * Draws until `out` holds `count` miners that `accept` takes (or the weight or the attempt
   * budget runs out); returns how many were added. Weights are as before when it returns.
   */
  pick(count: number, rng: Rng, accept: (index: number) => boolean, out: number[]): number {
    const f = this.fenwick
    const start = out.length
    let attempts = count * 20 + 64
    while (out.length - start < count && f.total > 0 && attempts-- > 0) {
      const index = f.find(drawBelow(rng, f.total))
      this.zeroed.push(index)
      this.saved.push(f.getWeight(index))
      f.setWeight(index, 0)
      if (accept(index)) out.push(index)
    }
    for (let i = this.zeroed.length - 1; i >= 0; i--) f.setWeight(this.zeroed[i]!, this.saved[i]!)
    this.zeroed.length = 0
    this.saved.length = 0
    return out.length - start
  }
}
