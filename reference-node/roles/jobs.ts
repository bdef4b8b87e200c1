/**
 * A role's background work. Each job has a key (a task, a round, "sweep"); a job whose key is
 * already running is not started twice, so a slow inference for one task never piles up copies of
 * itself while new blocks arrive, and two jobs never act on one task at once. Jobs are tracked on
 * the clock (a manual clock waits for them), their failures are logged, and none starts after stop.
 */
import type { Clock } from '../chain/clock.ts'
import { isChainError } from '../chain/errors.ts'
import type { Logger } from './log.ts'

export class JobRunner {
  private readonly running = new Map<string, Promise<void>>()

  constructor(
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly signal: AbortSignal,
  ) {}

  /** Keys of the jobs running now. */
  get active(): readonly string[] {
    return [...this.running.keys()]
  }

  isRunning(key: string): boolean {
    return this.running.has(key)
  }

  /** Starts `job` under `key` unless one is running or the role stopped; returns whether it started. */
  spawn(key: string, job: () => Promise<void>): boolean {
    if (this.signal.aborted || this.running.has(key)) return false
    const run = this.clock.track(async () => {
      try {
        await job()
      } catch (error) {
        this.report(key, error)
      } finally {
        this.running.delete(key)
      }
    })
    this.running.set(key, run)
    return true
  }

  /** Resolves once every job running now (and any they start) has finished. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()])
  }

  private report(key: string, error: unknown): void {
    // After stop, calls fail with Aborted or Closed on purpose: not worth a warning.
    if (this.signal.aborted && (isChainError(error, 'Aborted') || isChainError(error, 'Closed'))) return
    const message = error instanceof Error ? error.message : String(error)
    const code = (error as { code?: unknown })?.code
    this.log.warn('job failed', { job: key, error: message, code: typeof code === 'string' ? code : undefined })
  }
}
