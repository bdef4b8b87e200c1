/**
 * A FIFO mutex for async work. One llama.cpp context holds one KV cache, so two completions on it
 * must not interleave; callers queue here instead. A failed job does not block the ones behind it.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve()
  private pendingCount = 0

  /** Jobs running or waiting. */
  get pending(): number {
    return this.pendingCount
  }

  /** Runs `job` after every job queued before it has settled; resolves or rejects as `job` does. */
  run<T>(job: () => Promise<T>): Promise<T> {
    this.pendingCount++
    const result = this.tail.then(job)
    // Registered before the caller's own handlers, so `pending` is already down when they run.
    const done = (): void => {
      this.pendingCount--
    }
    this.tail = result.then(done, done)
    return result
  }
}
