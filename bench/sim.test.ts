// Goal: the sim and sweep benchmarks measure what they say — the protocol simulation for the asked
// number of events per segment after genesis, the pending size its baseline is sized by, and a
// sweep whose results do not depend on the thread count — and detail targets resolve against the
// report. Method: tiny networks and sweeps (throughput values are never asserted).
import { describe, expect, it } from 'vitest'
import { DEFAULT_BENCH_OPTIONS, runBenchmark, type Benchmark } from './harness.ts'
import { measureSimulation } from './sim.ts'
import { measureControlSpeedup, runSweepBenchmark, sweepJobs } from './sweep.ts'

describe('sim benchmark', () => {
  it('times segments of the asked size on one run after genesis', () => {
    const r = measureSimulation({ ...DEFAULT_BENCH_OPTIONS, events: 3000, repeats: 2 }, { miners: 30, oracles: 2 })
    expect(r.measurement.name).toBe('protocolSim')
    expect(r.measurement.eventsPerSecondByRepeat).toHaveLength(2)
    expect(r.measurement.eventsPerSecond).toBeGreaterThan(0)
    expect(r.pending).toBeGreaterThan(10)
    expect(r.simulatedMsPerWallMs).toBeGreaterThan(0)
    expect(r.genesisMs).toBeGreaterThan(60_000)
  })
})

describe('sweep benchmark', () => {
  it('runs the same jobs on one and two threads with identical results', async () => {
    const jobs = sweepJobs(3, 2, 8, 4)
    expect(jobs.map((j) => j.id)).toEqual(['seed-3', 'seed-4'])
    const r = await runSweepBenchmark({ ...DEFAULT_BENCH_OPTIONS, repeats: 1 }, jobs)
    expect(r.one.name).toBe('oneThread')
    expect(r.two.eventsPerSecondByRepeat).toHaveLength(1)
    expect(r.startupMs).toBeGreaterThan(0)
    expect(await measureControlSpeedup(1e5)).toBeGreaterThan(0)
  })
})

describe('detail targets', () => {
  it('are met when the detail stays at or below the maximum, and must exist', async () => {
    const fake = (max: number, detail = 'answer'): Benchmark => ({
      name: 'fake',
      description: 'fixed numbers',
      run: async () => ({
        baseline: 'base',
        measurements: [{ name: 'base', description: 'b', eventsPerRepeat: 1, eventsPerSecond: 1, eventsPerSecondBest: 1, eventsPerSecondByRepeat: [1] }],
        details: { answer: 42 },
        targets: [{ kind: 'detail', detail, max, source: 's' }],
      }),
    })
    expect((await runBenchmark(fake(42), DEFAULT_BENCH_OPTIONS)).targets[0]).toMatchObject({ value: 42, met: true })
    expect((await runBenchmark(fake(41), DEFAULT_BENCH_OPTIONS)).targets[0]).toMatchObject({ value: 42, met: false })
    const report = await runBenchmark(fake(1, 'peakRssBytes'), DEFAULT_BENCH_OPTIONS)
    expect(report.details['peakRssBytes']).toBe(report.peakRssBytes)
    expect(report.targets[0]!.met).toBe(false)
    await expect(runBenchmark(fake(1, 'missing'), DEFAULT_BENCH_OPTIONS)).rejects.toThrow(/detail 'missing'/)
  })
})
