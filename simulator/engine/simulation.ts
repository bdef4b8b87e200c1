/**
 * The discrete-event loop: a virtual clock in integer milliseconds, an event queue with a total
 * order, per-source sequence numbers and a payload slab.
 *
 * A run is a pure function of what the host schedules and of its handler: no wall clock, no
 * `Math.random`, no promise or timer order reaches the event order. The clock never goes back;
 * scheduling into the past is an assertion failure, and so is popping an event earlier than the
 * clock (the two checks guard the same property from both ends).
 *
 * Interruption is cooperative: `requestStop()` sets a flag that the loop checks between events,
 * so a run stops after a whole event, never inside one. A synchronous `runUntil` cannot see a
 * signal until it returns; `runUntilAsync` yields to the event loop every `yieldEveryEvents`
 * events so a SIGINT handler (`interrupt.ts`) can set the flag. Yielding changes nothing in the
 * order of events.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import { assert, fail } from './assert.ts'
import { EventQueue, KIND_RANK_MAX } from './queue.ts'
import { PayloadSlab } from './slab.ts'

/** Handles one event; the event's time is `simulation.nowMs`. */
export type EventHandler<P> = (kind: number, sourceId: number, payload: P) => void

export interface SimulationOptions {
  /** Initial clock value. Default 0. */
  readonly startMs?: number
  /** Hard limit on pending events (queue and slab). Default 2^26. */
  readonly pendingCountMax?: number
  /** Sources (agents and subsystems) are numbered 0 … sourceCountMax−1. Default 2^24. */
  readonly sourceCountMax?: number
}

export interface RunProgress {
  readonly nowMs: number
  readonly eventsProcessed: number
  readonly pendingCount: number
}

export interface RunOptions {
  /** Called every `progressEveryEvents` events and once when the call returns. */
  readonly onProgress?: (progress: RunProgress) => void
  /** Default 1,000,000. */
  readonly progressEveryEvents?: number
}

export interface AsyncRunOptions extends RunOptions {
  /** Events between two yields to the Node event loop. Default 100,000. */
  readonly yieldEveryEvents?: number
}

/**
 * `completed`: every event at or before `endMs` ran and the clock stands at `endMs` (at the last
 * event when `endMs` is `Infinity`); `interrupted`: a stop was requested and events may remain.
 */
export type RunStatus = 'completed' | 'interrupted'

export interface RunResult {
  readonly status: RunStatus
  readonly nowMs: number
  readonly eventsProcessed: number
}

const PROGRESS_EVERY_EVENTS_DEFAULT = 1_000_000
const YIELD_EVERY_EVENTS_DEFAULT = 100_000

export class Simulation<P> {
  private readonly queue: EventQueue
  private readonly slab: PayloadSlab<P>
  private readonly sourceCountMax: number
  private sourceSeqs: Float64Array
  private clockMs: number
  private stopFlag = false
  private processed = 0
  /** Key of the event being handled (valid inside a handler). */
  private currentKind = 0
  private currentSourceId = 0
  private currentSeq = 0

  constructor(options: SimulationOptions = {}) {
    const startMs = options.startMs ?? 0
    const pendingCountMax = options.pendingCountMax ?? 1 << 26
    this.sourceCountMax = options.sourceCountMax ?? 1 << 24
    assert(Number.isSafeInteger(startMs) && startMs >= 0, `startMs must be a non-negative integer, got ${startMs}`)
    assert(Number.isSafeInteger(this.sourceCountMax) && this.sourceCountMax >= 1 && this.sourceCountMax <= 2 ** 32, `sourceCountMax must be in [1, 2^32], got ${this.sourceCountMax}`)
    const capacityInitial = Math.min(1024, pendingCountMax)
    this.queue = new EventQueue({ capacityInitial, capacityMax: pendingCountMax })
    this.slab = new PayloadSlab<P>({ capacityInitial, capacityMax: pendingCountMax })
    this.sourceSeqs = new Float64Array(Math.min(1024, this.sourceCountMax))
    this.clockMs = startMs
  }

  /** Virtual time in integer ms; inside a handler, the time of the event being handled. */
  get nowMs(): number {
    return this.clockMs
  }
  get eventsProcessed(): number {
    return this.processed
  }
  get pendingCount(): number {
    return this.queue.size
  }
  get stopRequested(): boolean {
    return this.stopFlag
  }
  /** Kind, source and per-source sequence number of the event being handled. */
  get eventKind(): number {
    return this.currentKind
  }
  get eventSourceId(): number {
    return this.currentSourceId
  }
  get eventSeq(): number {
    return this.currentSeq
  }

  /** Schedules an event at `atMs` (≥ now) and returns its per-source sequence number. */
  schedule(atMs: number, kind: number, sourceId: number, payload: P): number {
    if (!(atMs >= this.clockMs)) fail(`cannot schedule at ${atMs} ms: the clock is at ${this.clockMs} ms and never goes back`)
    if (kind >>> 0 !== kind || kind > KIND_RANK_MAX) fail(`event kind must be an integer rank in [0, ${KIND_RANK_MAX}], got ${kind}`)
    if (sourceId >>> 0 !== sourceId || sourceId >= this.sourceCountMax) fail(`sourceId must be an integer in [0, ${this.sourceCountMax}), got ${sourceId}`)
    if (sourceId >= this.sourceSeqs.length) this.growSources(sourceId)
    const seq = this.sourceSeqs[sourceId]!
    const handle = this.slab.store(payload)
    this.queue.push(atMs, kind, sourceId, seq, handle)
    this.sourceSeqs[sourceId] = seq + 1
    return seq
  }

  /** Schedules an event `delayMs` (≥ 0) after now. */
  scheduleAfter(delayMs: number, kind: number, sourceId: number, payload: P): number {
    return this.schedule(this.clockMs + delayMs, kind, sourceId, payload)
  }

  /** Asks the loop to stop before the next event. The flag stays set. */
  requestStop(): void {
    this.stopFlag = true
  }

  /** Runs every event at or before `endMs` (inclusive), unless a stop is requested. */
  runUntil(endMs: number, handler: EventHandler<P>, options: RunOptions = {}): RunResult {
    this.checkEndMs(endMs)
    const progressEveryEvents = options.progressEveryEvents ?? PROGRESS_EVERY_EVENTS_DEFAULT
    const status = this.runSlice(endMs, handler, Number.POSITIVE_INFINITY, options.onProgress, progressEveryEvents)
    assert(status !== 'budget', 'an unbounded slice never runs out of budget')
    return this.finish(status, options.onProgress)
  }

  /** As `runUntil`, yielding to the Node event loop between slices so signals can stop the run. */
  async runUntilAsync(endMs: number, handler: EventHandler<P>, options: AsyncRunOptions = {}): Promise<RunResult> {
    this.checkEndMs(endMs)
    const progressEveryEvents = options.progressEveryEvents ?? PROGRESS_EVERY_EVENTS_DEFAULT
    const yieldEveryEvents = options.yieldEveryEvents ?? YIELD_EVERY_EVENTS_DEFAULT
    assert(Number.isSafeInteger(yieldEveryEvents) && yieldEveryEvents >= 1, `yieldEveryEvents must be a positive integer, got ${yieldEveryEvents}`)
    for (;;) {
      const status = this.runSlice(endMs, handler, yieldEveryEvents, options.onProgress, progressEveryEvents)
      if (status !== 'budget') return this.finish(status, options.onProgress)
      await yieldToEventLoop()
    }
  }

  /** The loop: at most `eventsBudget` events; `budget` when it stopped for that reason alone. */
  private runSlice(
    endMs: number,
    handler: EventHandler<P>,
    eventsBudget: number,
    onProgress: RunOptions['onProgress'],
    progressEveryEvents: number,
  ): RunStatus | 'budget' {
    if (!(Number.isSafeInteger(progressEveryEvents) && progressEveryEvents >= 1)) fail(`progressEveryEvents must be a positive integer, got ${progressEveryEvents}`)
    const queue = this.queue
    let budget = eventsBudget
    let untilProgress = progressEveryEvents - (this.processed % progressEveryEvents)
    for (;;) {
      if (this.stopFlag) return 'interrupted'
      if (queue.size === 0 || queue.peekTimeMs() > endMs) {
        // Nothing is left up to endMs, so the clock may stand there (Infinity leaves it at the last event).
        if (endMs !== Number.POSITIVE_INFINITY) this.clockMs = endMs
        return 'completed'
      }
      if (budget-- <= 0) return 'budget'
      const handle = queue.pop()
      const timeMs = queue.poppedTimeMs
      if (timeMs < this.clockMs) fail(`event at ${timeMs} ms popped after the clock reached ${this.clockMs} ms`)
      this.clockMs = timeMs
      this.currentKind = queue.poppedKindRank
      this.currentSourceId = queue.poppedSourceId
      this.currentSeq = queue.poppedSeq
      const payload = this.slab.take(handle)
      this.processed++
      handler(this.currentKind, this.currentSourceId, payload)
      if (--untilProgress === 0) {
        untilProgress = progressEveryEvents
        onProgress?.(this.progress())
      }
    }
  }

  private finish(status: RunStatus, onProgress: RunOptions['onProgress']): RunResult {
    assert(this.queue.size === this.slab.size, 'every pending event holds exactly one payload')
    onProgress?.(this.progress())
    return { status, nowMs: this.clockMs, eventsProcessed: this.processed }
  }

  private checkEndMs(endMs: number): void {
    const valid = endMs === Number.POSITIVE_INFINITY || (Number.isSafeInteger(endMs) && endMs >= this.clockMs)
    assert(valid, `endMs must be an integer ≥ the clock (${this.clockMs} ms) or Infinity, got ${endMs}`)
  }

  private progress(): RunProgress {
    return { nowMs: this.clockMs, eventsProcessed: this.processed, pendingCount: this.queue.size }
  }

  private growSources(sourceId: number): void {
    let next = this.sourceSeqs.length * 2
    while (next <= sourceId) next *= 2
    const seqs = new Float64Array(Math.min(next, this.sourceCountMax))
    seqs.set(this.sourceSeqs)
    this.sourceSeqs = seqs
  }
}
