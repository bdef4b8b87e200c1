/**
 * `npm run bench [-- NAME… --events N --pending N --repeats N --seed N --out DIR]`: runs the named
 * benchmarks (all when none is named), prints each report as JSON on stdout and writes it to
 * `<out>/<name>.json` (default `artifacts/bench`). Progress goes to stderr. Exit code 2 for a
 * usage error.
 */
import { BENCH_USAGE, BenchUsageError, parseBenchArgs } from './args.ts'
import { DEFAULT_BENCH_OPTIONS, runBenchmark, writeReport } from './harness.ts'
import { BENCHMARKS, type BenchmarkEntry } from './registry.ts'

export interface BenchIo {
  readonly out: (text: string) => void
  readonly err: (text: string) => void
}

const processIo: BenchIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}

export async function main(argv: readonly string[], io: BenchIo = processIo, benchmarks: readonly BenchmarkEntry[] = BENCHMARKS): Promise<number> {
  let parsed
  try {
    parsed = parseBenchArgs(argv, benchmarks.map((b) => b.name), DEFAULT_BENCH_OPTIONS)
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error
    io.err(`bench: ${error.message}\n${BENCH_USAGE}\n`)
    return 2
  }
  if (parsed.help) {
    io.out(`${BENCH_USAGE}\n\nBenchmarks:\n${benchmarks.map((b) => `  ${b.name.padEnd(10)} ${b.summary}`).join('\n')}\n`)
    return 0
  }
  for (const entry of benchmarks.filter((b) => parsed.names.includes(b.name))) {
    io.err(`bench ${entry.name}: ${parsed.options.repeats} repeats of ${parsed.options.events} events…\n`)
    const report = await runBenchmark(await entry.load(), parsed.options)
    const path = writeReport(report, parsed.outDir)
    io.out(JSON.stringify(report, null, 2) + '\n')
    io.err(`bench ${entry.name}: written to ${path}\n`)
  }
  return 0
}
