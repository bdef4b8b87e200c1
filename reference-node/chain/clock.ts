/**
 * Time for the node: the real clock, or a manual one that tests advance by hand.
 *
 * A node's work is started by time (block timers, backoffs) and by chain events. With the manual
 * clock a test advances time in steps and, after each timer it fires, waits until every piece of
 * work it set off has finished or is itself waiting on time again (`settle`). Work registers with
 * `track`; a tracked job waiting on time (`sleep`, or any promise passed through `blocked`, such as
 * a receipt that only the next block brings) counts as idle while it waits. Which job a wait
 * belongs to is found through AsyncLocalStorage, so code deep inside a job needs no handle on it.
 * Inference and disk writes inside a job therefore take no virtual time: the clock does not move
 * while they run, and a run is the same however fast the machine is.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { setImmediate as yieldTurn } from 'node:timers/promises'
import { ChainError, abortError } from './errors.ts'

export interface Timer {
  cancel(): void
}

export interface Clock {
  /** Milliseconds since the Unix epoch (manual: whatever the test set). */
  nowMs(): number
  /** Calls `fn` once, `delayMs` from now (at once on the next turn for 0 or less). */
  setTimer(delayMs: number, fn: () => void): Timer
  /** Resolves after `delayMs`; rejects with an `Aborted` ChainError when `signal` fires first. */
  sleep(delayMs: number, signal?: AbortSignal): Promise<void>
  /** Runs `job` as tracked work (see the file comment) and returns its promise. */
  track<T>(job: () => Promise<T>): Promise<T>
  /** Marks the current tracked job as waiting on time until `waiting` settles. */
  blocked<T>(waiting: Promise<T>): Promise<T>
}

/** The real clock: timers are Node's, and tracking costs nothing. */
export class SystemClock implements Clock {
  nowMs(): number {
    return Date.now()
  }

  setTimer(delayMs: number, fn: () => void): Timer {
    const handle = setTimeout(fn, Math.max(0, delayMs))
    return { cancel: () => clearTimeout(handle) }
  }

  sleep(delayMs: number, signal?: AbortSignal): Promise<void> {
    return sleepWith(this, delayMs, signal)
  }

  track<T>(job: () => Promise<T>): Promise<T> {
    return job()
  }

  blocked<T>(waiting: Promise<T>): Promise<T> {
    return waiting
  }
}

interface PendingTimer {
  readonly atMs: number
  readonly seq: number
  readonly fn: () => void
  cancelled: boolean
}

class Job {
  waits = 0
}

/** Passes of `settle` before it decides the work never comes to rest (a bug in a role). */
const SETTLE_PASSES_MAX = 1_000_000

/**
 * A clock that moves only when told. Timers fire in (time, creation) order; after each one the
 * clock settles, so everything the timer set off runs before the next timer fires.
 */
export class ManualClock implements Clock {
  private now: number
  private seq = 0
  private readonly timers: PendingTimer[] = []
  private readonly jobs = new Set<Job>()
  private readonly context = new AsyncLocalStorage<Job>()
  private changed: (() => void) | null = null

  constructor(startMs = 0) {
    this.now = startMs
  }

  nowMs(): number {
    return this.now
  }

  setTimer(delayMs: number, fn: () => void): Timer {
    const timer: PendingTimer = { atMs: this.now + Math.max(0, delayMs), seq: this.seq++, fn, cancelled: false }
    // Insertion keeps the list sorted; a node has a handful of timers, so this stays cheap.
    let at = this.timers.length
    while (at > 0 && compareTimers(this.timers[at - 1]!, timer) > 0) at--
    this.timers.splice(at, 0, timer)
    return { cancel: () => (timer.cancelled = true) }
  }

  sleep(delayMs: number, signal?: AbortSignal): Promise<void> {
    return this.blocked(sleepWith(this, delayMs, signal))
  }

  track<T>(job: () => Promise<T>): Promise<T> {
    const record = new Job()
    this.jobs.add(record)
    const done = (): void => {
      this.jobs.delete(record)
      this.notify()
    }
    const result = this.context.run(record, job)
    result.then(done, done)
    return result
  }

  blocked<T>(waiting: Promise<T>): Promise<T> {
    const job = this.context.getStore()
    if (job === undefined || !this.jobs.has(job)) return waiting
    job.waits++
    this.notify()
    const resume = (): void => {
      job.waits--
    }
    waiting.then(resume, resume)
    return waiting
  }

  /** Timers not yet fired (cancelled ones excluded). */
  get pendingTimers(): number {
    let n = 0
    for (const t of this.timers) if (!t.cancelled) n++
    return n
  }

  /** Is every tracked job finished or waiting on time? */
  get isIdle(): boolean {
    for (const job of this.jobs) if (job.waits <= 0) return false
    return true
  }

  /** Fires every timer due within the next `ms` milliseconds, settling after each; then settles. */
  async advance(ms: number): Promise<void> {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance: ${ms} ms is not a finite non-negative duration`)
    await this.advanceTo(this.now + ms)
  }

  async advanceTo(targetMs: number): Promise<void> {
    await this.settle()
    for (;;) {
      const next = this.timers[0]
      if (next === undefined || next.atMs > targetMs) break
      this.timers.shift()
      if (next.cancelled) continue
      this.now = next.atMs
      next.fn()
      await this.settle()
    }
    this.now = Math.max(this.now, targetMs)
    await this.settle()
  }

  /** Waits until every tracked job has finished or waits on time. */
  async settle(): Promise<void> {
    for (let pass = 0; pass < SETTLE_PASSES_MAX; pass++) {
      // A full event-loop turn lets every resolved promise and finished I/O callback run first.
      await yieldTurn()
      if (this.isIdle) {
        await yieldTurn()
        if (this.isIdle) return
        continue
      }
      await new Promise<void>((resolve) => {
        this.changed = resolve
      })
    }
    throw new ChainError('Timeout', `ManualClock.settle: work did not come to rest after ${SETTLE_PASSES_MAX} passes`)
  }

  private notify(): void {
    const wake = this.changed
    this.changed = null
    wake?.()
  }
}

function compareTimers(a: PendingTimer, b: PendingTimer): number {
  return a.atMs - b.atMs || a.seq - b.seq
}

function sleepWith(clock: Clock, delayMs: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted === true) return Promise.reject(abortError(signal, 'sleep'))
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      timer.cancel()
      reject(abortError(signal!, 'sleep'))
    }
    const timer = clock.setTimer(delayMs, () => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    })
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
