/** Every benchmark, by name, loaded only when it runs. Later ones (`gas`, `node`) plug in here. */
import type { Benchmark } from './harness.ts'

export interface BenchmarkEntry {
  readonly name: string
  readonly summary: string
  readonly load: () => Promise<Benchmark>
}

export const BENCHMARKS: readonly BenchmarkEntry[] = [
  { name: 'queue', summary: 'event engine overhead against a bare typed-array heap (hold model)', load: async () => (await import('./queue.ts')).queueBenchmark },
  { name: 'sim', summary: '10,000 miners + 5 oracles through the protocol, against a bare heap of the same size', load: async () => (await import('./sim.ts')).simBenchmark },
  { name: 'sweep', summary: 'the same small sweep on one and on two worker threads (speedup)', load: async () => (await import('./sweep.ts')).sweepBenchmark },
]
