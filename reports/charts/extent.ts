/**
 * Plottable values and padded extents. Data come from files, so NaN, ±Infinity and magnitudes
 * no chart can place are dropped (and counted, so the chart can say so) before any scale sees
 * them; a zero-width extent (one point, or all values equal) is widened so the scale never
 * divides by zero.
 *
 * Why a magnitude limit: beyond about 1e±300 the arithmetic of scales and ticks overflows or
 * underflows (hi − lo = Infinity; a tick step of 10^−324 = 0) and writes NaN into the SVG. No
 * metric of ours comes near 1e±100, so values outside that are treated as unplottable.
 */

export const PLOTTABLE_MAGNITUDE_MAX = 1e100
export const PLOTTABLE_MAGNITUDE_MIN = 1e-100

export interface PlottableValues {
  readonly values: number[]
  readonly droppedCount: number
}

/** A number a chart can place: finite, and 0 or of magnitude within [1e-100, 1e100]. */
export function isPlottable(value: unknown): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false
  const magnitude = Math.abs(value)
  return magnitude === 0 || (magnitude >= PLOTTABLE_MAGNITUDE_MIN && magnitude <= PLOTTABLE_MAGNITUDE_MAX)
}

/** The plottable numbers of `values`, in order, and how many others there were. */
export function plottableValues(values: readonly unknown[]): PlottableValues {
  const out: number[] = []
  for (const v of values) if (isPlottable(v)) out.push(v)
  return { values: out, droppedCount: values.length - out.length }
}

/** [min, max] of finite values; undefined when there are none. */
export function finiteExtent(values: Iterable<number>): readonly [number, number] | undefined {
  let min = Infinity
  let max = -Infinity
  for (const v of values) {
    if (!Number.isFinite(v)) continue
    if (v < min) min = v
    if (v > max) max = v
  }
  return min <= max ? [min, max] : undefined
}

/** The extent, widened when it has zero width: by 10% of the magnitude, or by 1 around zero. */
export function paddedExtent(extent: readonly [number, number]): readonly [number, number] {
  const [lo, hi] = extent
  if (hi > lo) return extent
  const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1
  return [lo - pad, hi + pad]
}

/** Extents that should start at zero when all values are on one side of it (counts, sums). */
export function withZero(extent: readonly [number, number]): readonly [number, number] {
  return [Math.min(0, extent[0]), Math.max(0, extent[1])]
}

/**
 * `values` sorted ascending, as a new array. A typed-array sort compares numbers natively, several
 * times faster than `Array.prototype.sort` with a comparator on a million samples.
 */
export function sortAscending(values: readonly number[]): number[] {
  return Array.from(Float64Array.from(values).sort())
}
