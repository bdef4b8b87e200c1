/** Every benchmark, by name, loaded only when it runs. Later ones (`sim`, `sweep`, `gas`, `node`) plug in here. */
import type { Benchmark } from './harness.ts'

export interface BenchmarkEntry {
  readonly name: string
  readonly summary: string
  readonly load: () => Promise<Benchmark>
}

export const BENCHMARKS: readonly BenchmarkEntry[] = [
  { name: 'queue', summary: 'event engine overhead against a bare typed-array heap (hold model)', load: async () => (await import('./queue.ts')).queueBenchmark },
]
