/**
 * Many independent runs on worker threads (DESIGN.md: one run per worker, never one run split
 * across threads, which would break determinism). Jobs go to whichever worker is free; results
 * come back in job order, so a sweep's output does not depend on the thread count or on timing.
 * Workers load the TypeScript sources through tsx, as the main thread does; a `WorkerPool` keeps
 * them loaded between sweeps (start-up costs a few seconds per worker).
 */
import { Worker } from 'node:worker_threads'
import type { SimulationMetrics } from '../metrics/schema.ts'
import type { SimulationConfig, SimulationInput } from '../scenario/resolve.ts'

export interface SweepJob {
  readonly id: string
  readonly input: SimulationInput | SimulationConfig
}

export interface SweepJobResult {
  readonly id: string
  readonly resultHash: string
  readonly status: string
  readonly eventsProcessed: number
  /** Wall time of the job inside its worker. */
  readonly wallTimeMs: number
  /** The whole metrics, when asked for (they can be large). */
  readonly metrics: SimulationMetrics | null
}

export interface ParallelOptions {
  readonly threads: number
  readonly keepMetrics?: boolean
}

/** Messages between the pool and its workers. */
export type WorkerRequest = { readonly index: number; readonly job: SweepJob; readonly keepMetrics: boolean } | { readonly stop: true }
export type WorkerReply = { readonly ready: true } | { readonly index: number; readonly result: SweepJobResult } | { readonly index: number; readonly error: string }

const WORKER_URL = new URL('./worker-entry.mjs', import.meta.url)

/** Worker threads that stay loaded; `run` may be called again once the previous run returned. */
export class WorkerPool {
  private readonly workers: Worker[] = []
  private onReply: ((worker: Worker, reply: WorkerReply) => void) | null = null
  private onFailure: ((error: Error) => void) | null = null

  private constructor(readonly threads: number) {}

  /** Starts `threads` workers and resolves once every one has loaded its modules. */
  static async start(threads: number): Promise<WorkerPool> {
    const pool = new WorkerPool(Math.max(1, threads))
    await Promise.all(Array.from({ length: pool.threads }, () => pool.spawn()))
    return pool
  }

  private spawn(): Promise<void> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(WORKER_URL)
      this.workers.push(worker)
      worker.on('message', (reply: WorkerReply) => {
        if ('ready' in reply) resolve()
        else this.onReply?.(worker, reply)
      })
      worker.on('error', (error) => {
        reject(error)
        this.onFailure?.(error)
      })
    })
  }

  /** Runs every job, one at a time per worker; results in job order. */
  run(jobs: readonly SweepJob[], keepMetrics = false): Promise<SweepJobResult[]> {
    const results: (SweepJobResult | undefined)[] = new Array(jobs.length)
    let next = 0
    let done = 0
    return new Promise((resolve, reject) => {
      const feed = (worker: Worker): void => {
        if (next >= jobs.length) return
        const index = next++
        worker.postMessage({ index, job: jobs[index]!, keepMetrics } satisfies WorkerRequest)
      }
      const finish = (): void => {
        this.onReply = null
        this.onFailure = null
        resolve(results as SweepJobResult[])
      }
      this.onFailure = (error) => reject(error)
      this.onReply = (worker, reply) => {
        if ('ready' in reply) return
        if ('error' in reply) {
          this.onReply = null
          reject(new Error(`sweep job ${jobs[reply.index]?.id ?? reply.index} failed: ${reply.error}`))
          return
        }
        results[reply.index] = reply.result
        if (++done === jobs.length) finish()
        else feed(worker)
      }
      if (jobs.length === 0) finish()
      else for (const worker of this.workers) feed(worker)
    })
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()))
    this.workers.length = 0
  }
}

/** Starts a pool, runs `jobs` on it and closes it. */
export async function runInWorkers(jobs: readonly SweepJob[], options: ParallelOptions): Promise<SweepJobResult[]> {
  const pool = await WorkerPool.start(Math.min(options.threads, Math.max(1, jobs.length)))
  try {
    return await pool.run(jobs, options.keepMetrics ?? false)
  } finally {
    await pool.close()
  }
}
