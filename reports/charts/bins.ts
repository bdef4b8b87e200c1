/**
 * Equal-width binning over a fixed domain. d3.bin picks "nice" thresholds that move with the
 * data; overlaid series must share identical bins to be compared, so the bins here depend only on
 * the domain and the bin count. Bin i holds [edge(i), edge(i+1)); the last bin is closed on the
 * right so the maximum is counted.
 */

export interface BinCounts {
  readonly counts: readonly number[]
  /** Finite values outside [lo, hi]. */
  readonly outsideCount: number
}

/** Left edge of bin `i` (or the right edge of the last bin for i = binCount). */
export function binEdge(lo: number, hi: number, binCount: number, i: number): number {
  // Scaling before dividing keeps decimal edges exact where they can be (0 + 1·6/10 = 0.6, while
  // 6 · 0.1 = 0.6000000000000001).
  return i === binCount ? hi : lo + ((hi - lo) * i) / binCount
}

/**
 * The bin of `v` in [lo, hi], consistent with `binEdge`: the division alone can land one bin off
 * on an edge, so the estimate is corrected against the edges themselves.
 */
export function binIndex(v: number, lo: number, hi: number, binCount: number): number {
  let i = Math.min(binCount - 1, Math.max(0, Math.floor(((v - lo) * binCount) / (hi - lo))))
  while (i < binCount - 1 && v >= binEdge(lo, hi, binCount, i + 1)) i++
  while (i > 0 && v < binEdge(lo, hi, binCount, i)) i--
  return i
}

export function computeBinCounts(values: readonly number[], lo: number, hi: number, binCount: number): BinCounts {
  if (!(hi > lo) || !Number.isInteger(binCount) || binCount < 1) {
    throw new RangeError(`bins need lo < hi and a positive integer count, got [${lo}, ${hi}] × ${binCount}`)
  }
  const counts = new Array<number>(binCount).fill(0)
  let outsideCount = 0
  for (const v of values) {
    if (!(v >= lo && v <= hi)) {
      outsideCount++
      continue
    }
    counts[binIndex(v, lo, hi, binCount)]! += 1
  }
  return { counts, outsideCount }
}
