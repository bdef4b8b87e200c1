/**
 * Fixed-size histograms, so a run of millions of tasks keeps its latency distributions in a few
 * hundred numbers. Latencies use log-spaced buckets (10 per decade from 1 ms to 10^7 ms, about
 * 26% wide each); similarities use linear buckets over [-1, 1]. Quantiles are read back from the
 * buckets (the bucket's geometric or arithmetic midpoint), exact enough for a report.
 */
import type { HistogramSummary, LinearHistogramData } from './schema.ts'

const BUCKETS_PER_DECADE = 10
const DECADES = 7
/** Bucket 0 holds values below 1 ms; bucket k ≥ 1 holds [10^((k-1)/10), 10^(k/10)). */
const LOG_BUCKETS = BUCKETS_PER_DECADE * DECADES + 1

export class LogHistogram {
  private readonly counts = new Float64Array(LOG_BUCKETS + 1)
  private n = 0
  private sum = 0
  private min = Number.POSITIVE_INFINITY
  private max = Number.NEGATIVE_INFINITY

  add(value: number): void {
    const v = value < 0 ? 0 : value
    let bucket = v < 1 ? 0 : 1 + Math.floor(Math.log10(v) * BUCKETS_PER_DECADE)
    if (bucket > LOG_BUCKETS) bucket = LOG_BUCKETS
    this.counts[bucket]!++
    this.n++
    this.sum += v
    if (v < this.min) this.min = v
    if (v > this.max) this.max = v
  }

  get count(): number {
    return this.n
  }

  /** The value below which a share `q` of the values fall (bucket midpoint), or null when empty. */
  quantile(q: number): number | null {
    if (this.n === 0) return null
    const rank = q * (this.n - 1)
    let seen = 0
    for (let b = 0; b < this.counts.length; b++) {
      seen += this.counts[b]!
      if (seen > rank) return b === 0 ? 0.5 : Math.round(Math.pow(10, (b - 0.5) / BUCKETS_PER_DECADE))
    }
    return this.max
  }

  summary(): HistogramSummary {
    const upper: number[] = []
    const counts: number[] = []
    for (let b = 0; b < this.counts.length; b++) {
      if (this.counts[b] === 0) continue
      upper.push(b === 0 ? 1 : b === LOG_BUCKETS ? Number.MAX_SAFE_INTEGER : Math.round(Math.pow(10, b / BUCKETS_PER_DECADE) * 100) / 100)
      counts.push(this.counts[b]!)
    }
    const empty = this.n === 0
    return {
      count: this.n,
      meanMs: empty ? null : Math.round((this.sum / this.n) * 10) / 10,
      minMs: empty ? null : this.min,
      maxMs: empty ? null : this.max,
      p50Ms: this.quantile(0.5),
      p90Ms: this.quantile(0.9),
      p99Ms: this.quantile(0.99),
      bucketUpperMs: upper,
      bucketCounts: counts,
    }
  }
}

/** Linear buckets over [low, high); values outside go to the end buckets. */
export class LinearHistogram {
  private readonly counts: Float64Array
  private readonly width: number

  constructor(
    private readonly low: number,
    private readonly high: number,
    bucketCount: number,
  ) {
    this.counts = new Float64Array(bucketCount)
    this.width = (high - low) / bucketCount
  }

  add(value: number): void {
    let b = Math.floor((value - this.low) / this.width)
    if (b < 0) b = 0
    if (b >= this.counts.length) b = this.counts.length - 1
    this.counts[b]!++
  }

  data(): LinearHistogramData {
    return { low: this.low, high: this.high, counts: Array.from(this.counts) }
  }
}
