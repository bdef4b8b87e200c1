/**
 * The benchmark harness. A benchmark is a named module that measures throughput of one or more
 * variants and names one of them as its baseline; the harness runs it, computes every ratio
 * against that baseline measured in the same run (never against a constant), adds the machine
 * and the peak RSS, prints the report as JSON and writes it to `artifacts/bench/<name>.json`.
 *
 * Timing uses the wall clock, which is fine here: benchmarks measure the engine from outside and
 * never feed time back into a run.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'

export interface BenchOptions {
  /** Events per timed repeat of each variant. */
  readonly events: number
  /** Pending events held in the queue (the "hold model" size). */
  readonly pending: number
  readonly repeats: number
  readonly seed: number
}

export const DEFAULT_BENCH_OPTIONS: BenchOptions = { events: 2_000_000, pending: 10_000, repeats: 5, seed: 1 }

/** One variant: runs `events` events and returns how many it really ran. */
export interface Variant {
  readonly name: string
  readonly description: string
  run(events: number): number
}

export interface Measurement {
  readonly name: string
  readonly description: string
  readonly eventsPerRepeat: number
  /** Median over the repeats. */
  readonly eventsPerSecond: number
  readonly eventsPerSecondBest: number
  readonly eventsPerSecondByRepeat: readonly number[]
}

/**
 * A goal: a ratio against the baseline, a variant's events per second, or one of the report's
 * details (`peakRssBytes` included) kept at or below `max`.
 */
export type TargetSpec =
  | { readonly kind: 'ratio'; readonly ratio: string; readonly min: number; readonly source: string }
  | { readonly kind: 'eventsPerSecond'; readonly measurement: string; readonly min: number; readonly source: string }
  | { readonly kind: 'detail'; readonly detail: string; readonly max: number; readonly source: string }

export type Target = TargetSpec & {
  readonly value: number
  readonly met: boolean
}

export interface BenchReport {
  readonly benchmark: string
  readonly description: string
  readonly createdAt: string
  readonly environment: Readonly<Record<string, string | number>>
  readonly options: BenchOptions
  readonly baseline: string
  readonly measurements: readonly Measurement[]
  /** `<variant>/<baseline>` → ratio of median events/s. */
  readonly ratios: Readonly<Record<string, number>>
  readonly targets: readonly Target[]
  readonly peakRssBytes: number
  /** Numbers a benchmark reports besides throughput (sizes, projections, speedups). */
  readonly details: Readonly<Record<string, number>>
}

export interface BenchResult {
  readonly baseline: string
  readonly measurements: readonly Measurement[]
  /** Goals to report against (reported, never asserted: a slow machine is not a failing test). */
  readonly targets: readonly TargetSpec[]
  readonly details?: Readonly<Record<string, number>>
}

export interface Benchmark {
  readonly name: string
  readonly description: string
  run(options: BenchOptions): Promise<BenchResult>
}

/**
 * Measures variants in rounds: one warm-up run of each, then `repeats` rounds that each time every
 * variant once, interleaved so that drift of the machine hits all variants alike.
 */
export function measureVariants(variants: readonly Variant[], options: BenchOptions): Measurement[] {
  const samples = variants.map(() => [] as number[])
  for (const variant of variants) variant.run(Math.max(1, Math.floor(options.events / 4)))
  for (let round = 0; round < options.repeats; round++) {
    variants.forEach((variant, i) => {
      const startMs = performance.now()
      const events = variant.run(options.events)
      const elapsedMs = performance.now() - startMs
      samples[i]!.push(events / (Math.max(elapsedMs, 1e-3) / 1000))
    })
  }
  return variants.map((variant, i) => {
    const sorted = [...samples[i]!].sort((a, b) => a - b)
    return {
      name: variant.name,
      description: variant.description,
      eventsPerRepeat: options.events,
      eventsPerSecond: Math.round(median(sorted)),
      eventsPerSecondBest: Math.round(sorted[sorted.length - 1]!),
      eventsPerSecondByRepeat: samples[i]!.map(Math.round),
    }
  })
}

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** Runs a benchmark and assembles its report. */
export async function runBenchmark(benchmark: Benchmark, options: BenchOptions, now: () => Date = () => new Date()): Promise<BenchReport> {
  const result = await benchmark.run(options)
  const byName = new Map(result.measurements.map((m) => [m.name, m]))
  const baseline = byName.get(result.baseline)
  if (baseline === undefined) throw new Error(`benchmark ${benchmark.name} names baseline '${result.baseline}' but did not measure it`)
  const ratios: Record<string, number> = {}
  for (const m of result.measurements) {
    if (m.name !== baseline.name) ratios[`${m.name}/${baseline.name}`] = Number((m.eventsPerSecond / baseline.eventsPerSecond).toFixed(4))
  }
  const peakRssBytes = process.resourceUsage().maxRSS * 1024
  // The machine's load after the run: on a shared machine a throughput far below the last one
  // usually means other processes took the cores (ratios against the same-run baseline still hold).
  const details = { ...result.details, peakRssBytes, loadAverage1m: Number(loadavg()[0]!.toFixed(2)) }
  return {
    benchmark: benchmark.name,
    description: benchmark.description,
    createdAt: now().toISOString(),
    environment: describeEnvironment(),
    options,
    baseline: baseline.name,
    measurements: result.measurements,
    ratios,
    targets: result.targets.map((spec) => resolveTarget(spec, ratios, byName, details)),
    peakRssBytes,
    details,
  }
}

function resolveTarget(spec: TargetSpec, ratios: Readonly<Record<string, number>>, byName: ReadonlyMap<string, Measurement>, details: Readonly<Record<string, number>>): Target {
  if (spec.kind === 'detail') {
    const value = details[spec.detail]
    if (value === undefined) throw new Error(`target refers to detail '${spec.detail}', which was not reported`)
    return { ...spec, value, met: value <= spec.max }
  }
  const value = spec.kind === 'ratio' ? ratios[spec.ratio] : byName.get(spec.measurement)?.eventsPerSecond
  if (value === undefined) throw new Error(`target refers to ${spec.kind === 'ratio' ? `ratio '${spec.ratio}'` : `measurement '${spec.measurement}'`}, which was not measured`)
  return { ...spec, value, met: value >= spec.min }
}

export function describeEnvironment(): Record<string, string | number> {
  const cpuList = cpus()
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: process.platform,
    arch: process.arch,
    cpuModel: cpuList[0]?.model ?? 'unknown',
    cpuCount: cpuList.length,
  }
}

/** Writes `<dir>/<benchmark>.json` and returns its path. */
export function writeReport(report: BenchReport, dir: string): string {
  mkdirSync(dir, { recursive: true })
  const path = join(dir, `${report.benchmark}.json`)
  writeFileSync(path, JSON.stringify(report, null, 2) + '\n')
  return path
}
