// Goal: runs on worker threads give exactly the results of in-process runs, in job order,
// whatever the thread count, and a failing job is reported by its id. Method: a tiny sweep on 1
// and 2 threads compared with runSimulation's hashes; one job with an invalid input.
import { describe, expect, it } from 'vitest'
import { runInWorkers, type SweepJob } from './parallel.ts'
import { runSimulation } from './run.ts'

const jobs: SweepJob[] = [3, 4, 5].map((seed) => ({ id: `seed-${seed}`, input: { seed, miners: 6, oracles: 2, durationMs: 4 * 60_000, scenario: { warmUp: { durationMs: 90_000 } } } }))

describe('runInWorkers', () => {
  it('reproduces in-process results in job order on one and two threads', async () => {
    const expected = jobs.map((j) => runSimulation(j.input).resultHash)
    const one = await runInWorkers(jobs, { threads: 1 })
    const two = await runInWorkers(jobs, { threads: 2, keepMetrics: true })
    expect(one.map((r) => r.resultHash)).toEqual(expected)
    expect(two.map((r) => r.resultHash)).toEqual(expected)
    expect(two.map((r) => r.id)).toEqual(jobs.map((j) => j.id))
    expect(two[0]!.metrics?.run.seed).toBe(3)
    expect(one[0]!.metrics).toBeNull()
  })

  it('reports a failing job by its id', async () => {
    await expect(runInWorkers([{ id: 'broken', input: { seed: 1, miners: 1 } }], { threads: 1 })).rejects.toThrow(/sweep job broken failed: SimulationInputError/)
  })
})
