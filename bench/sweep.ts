/**
 * `sweep`: the same small sweep — `SWEEP_JOBS` runs of a 150-miner network for 40 simulated
 * minutes, seeds `seed` … `seed + SWEEP_JOBS − 1` — on a pool of one worker thread and on a pool
 * of two. Throughput is all jobs' events over the sweep's wall time, on pools already started
 * (a worker's start-up, a few seconds of module loading, is reported separately: a sweep service
 * keeps its pool); the speedup is the two-thread rate over the one-thread rate (baseline). Both
 * sweeps must give the same result hashes (a sweep whose results change with the thread count
 * is a bug, not a speedup). A control — a pure integer loop on one and on two threads, before and
 * after — shows how much parallelism the machine offered at the time (on a shared machine, less
 * than its core count).
 */
import { Worker } from 'node:worker_threads'
import { WorkerPool, type SweepJob } from '../simulator/run/parallel.ts'
import type { BenchOptions, Benchmark, Measurement } from './harness.ts'

export const SWEEP_JOBS = 8

export function sweepJobs(seed: number, count = SWEEP_JOBS, miners = 150, minutes = 40): SweepJob[] {
  return Array.from({ length: count }, (_, i) => ({ id: `seed-${seed + i}`, input: { seed: seed + i, miners, oracles: 3, durationMs: minutes * 60_000 } }))
}

async function timeSweep(pool: WorkerPool, jobs: readonly SweepJob[]): Promise<{ eventsPerSecond: number; hashes: string[] }> {
  const startMs = performance.now()
  const results = await pool.run(jobs)
  const elapsedMs = performance.now() - startMs
  const events = results.reduce((n, r) => n + r.eventsProcessed, 0)
  return { eventsPerSecond: events / (elapsedMs / 1000), hashes: results.map((r) => r.resultHash) }
}

function measurement(name: string, description: string, rates: readonly number[], eventsPerRepeat: number): Measurement {
  const sorted = [...rates].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  return { name, description, eventsPerRepeat, eventsPerSecond: Math.round(median), eventsPerSecondBest: Math.round(sorted[sorted.length - 1]!), eventsPerSecondByRepeat: rates.map(Math.round) }
}

export async function runSweepBenchmark(options: BenchOptions, jobs: readonly SweepJob[]): Promise<{ one: Measurement; two: Measurement; startupMs: number }> {
  const one: number[] = []
  const two: number[] = []
  const startMs = performance.now()
  const single = await WorkerPool.start(1)
  const startupMs = performance.now() - startMs
  const pair = await WorkerPool.start(2)
  try {
    // One untimed pass warms each pool's JIT, as a long-lived sweep service would be.
    await single.run(jobs.slice(0, 1))
    await pair.run(jobs.slice(0, 2))
    for (let r = 0; r < Math.max(1, Math.min(options.repeats, 3)); r++) {
      const a = await timeSweep(single, jobs)
      const b = await timeSweep(pair, jobs)
      if (a.hashes.join() !== b.hashes.join()) throw new Error('the sweep gave different results on one and on two threads')
      one.push(a.eventsPerSecond)
      two.push(b.eventsPerSecond)
    }
  } finally {
    await single.close()
    await pair.close()
  }
  return {
    one: measurement('oneThread', `${jobs.length} runs on one worker thread`, one, 0),
    two: measurement('twoThreads', `the same ${jobs.length} runs on two worker threads`, two, 0),
    startupMs,
  }
}

/** A pure integer loop, the same total work on one and on two threads: the parallelism the machine offers right now. */
const CONTROL_WORKER = `const { parentPort } = require('node:worker_threads')
parentPort.on('message', (n) => { let x = 0; for (let i = 0; i < n; i++) x = (Math.imul(x, 1664525) + 1013904223) | 0; parentPort.postMessage(x) })`

async function timeControl(threads: number, jobs: number, loops: number): Promise<number> {
  const workers = Array.from({ length: threads }, () => new Worker(CONTROL_WORKER, { eval: true }))
  const startMs = performance.now()
  let next = 0
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve) => {
          const feed = (): void => {
            if (next++ >= jobs) resolve()
            else w.postMessage(loops)
          }
          w.on('message', feed)
          feed()
        }),
    ),
  )
  const elapsedMs = performance.now() - startMs
  await Promise.all(workers.map((w) => w.terminate()))
  return elapsedMs
}

/** Speedup of the control loop on two threads over one (≈ 2 on two idle cores). */
export async function measureControlSpeedup(loops = 5e7): Promise<number> {
  const one = await timeControl(1, 8, loops)
  const two = await timeControl(2, 8, loops)
  return Number((one / two).toFixed(3))
}

export const sweepBenchmark: Benchmark = {
  name: 'sweep',
  description: `a sweep of ${SWEEP_JOBS} small runs on one worker thread (baseline) and on two; the ratio is the speedup`,
  async run(options) {
    const controlBefore = await measureControlSpeedup()
    const { one, two, startupMs } = await runSweepBenchmark(options, sweepJobs(options.seed))
    const controlAfter = await measureControlSpeedup()
    return {
      baseline: 'oneThread',
      measurements: [one, two],
      details: { jobs: SWEEP_JOBS, minersPerJob: 150, simulatedMinutesPerJob: 40, workerStartupMs: Math.round(startupMs), controlSpeedupBefore: controlBefore, controlSpeedupAfter: controlAfter },
      targets: [{ kind: 'ratio', ratio: 'twoThreads/oneThread', min: 1.7, source: 'issue: speedup ≥ 1.7× on two worker threads' }],
    }
  },
}
