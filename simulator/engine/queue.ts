/**
 * The event queue: a binary min-heap over parallel typed arrays, so pushing and popping an event
 * allocates nothing. Entries are totally ordered by (timeMs, kindRank, sourceId, seq):
 *
 * - `timeMs` — virtual time in integer milliseconds;
 * - `kindRank` — the rank of the event's kind (0–255); at the same instant a lower rank runs
 *   first, so the order of kinds is a deliberate, documented choice of the host (as Shadow runs
 *   packets before local timers);
 * - `sourceId` — the agent or subsystem that scheduled the event (0 – 2^32−1);
 * - `seq` — that source's own sequence number, which makes the key unique.
 *
 * Two different entries never compare equal: a tie would leave the order to the heap's internal
 * layout, and a run would no longer be a function of its seed. A tie throws
 * `SimulatorAssertionError` whenever two keys meet in a comparison. Twins always meet by the time
 * the first of them is popped (a twin of the minimum is the root's child or the entry being
 * sifted), and `pop` checks the property a second time on its own path (a paired assertion).
 *
 * The payload of an entry is an integer handle (see `slab.ts`); the key of the entry last popped
 * is exposed in the `popped*` fields instead of being returned as an object.
 */
import { fail } from './assert.ts'

export const KIND_RANK_MAX = 255
export const SOURCE_ID_MAX = 0xffff_ffff
/** `kindRank` and `sourceId` are packed into one exact float64: rank × 2^32 + source (< 2^40). */
const SOURCE_SPAN = 0x1_0000_0000
/** Multiplying by a power of two is exact, and far cheaper than a float division or modulo. */
const SOURCE_SPAN_INVERSE = 1 / SOURCE_SPAN

export interface EventQueueOptions {
  /** Entries allocated up front; the arrays double when full. Default 1024. */
  readonly capacityInitial?: number
  /** Hard limit on pending entries; pushing beyond it is an assertion failure. Default 2^26. */
  readonly capacityMax?: number
}

export const EVENT_QUEUE_CAPACITY_INITIAL_DEFAULT = 1024
export const EVENT_QUEUE_CAPACITY_MAX_DEFAULT = 1 << 26

export class EventQueue {
  readonly capacityMax: number
  private times: Float64Array
  private orders: Float64Array
  private seqs: Float64Array
  private handles: Int32Array
  private count = 0

  /** Key of the entry returned by the last `pop`. */
  poppedTimeMs = 0
  poppedKindRank = 0
  poppedSourceId = 0
  poppedSeq = 0

  constructor(options: EventQueueOptions = {}) {
    const capacityInitial = options.capacityInitial ?? EVENT_QUEUE_CAPACITY_INITIAL_DEFAULT
    this.capacityMax = options.capacityMax ?? EVENT_QUEUE_CAPACITY_MAX_DEFAULT
    if (!Number.isSafeInteger(capacityInitial) || capacityInitial < 1) fail(`capacityInitial must be a positive integer, got ${capacityInitial}`)
    if (!Number.isSafeInteger(this.capacityMax) || this.capacityMax < capacityInitial) {
      fail(`capacityMax must be an integer ≥ capacityInitial ${capacityInitial}, got ${this.capacityMax}`)
    }
    this.times = new Float64Array(capacityInitial)
    this.orders = new Float64Array(capacityInitial)
    this.seqs = new Float64Array(capacityInitial)
    this.handles = new Int32Array(capacityInitial)
  }

  /** Pending entries. */
  get size(): number {
    return this.count
  }

  /** Time of the earliest entry, or `Infinity` when the queue is empty. */
  peekTimeMs(): number {
    return this.count === 0 ? Number.POSITIVE_INFINITY : this.times[0]!
  }

  /** Adds an entry; O(log n). The key must be unique (see the file comment). */
  push(timeMs: number, kindRank: number, sourceId: number, seq: number, handle: number): void {
    if (!Number.isSafeInteger(timeMs) || timeMs < 0) fail(`event time must be a non-negative integer ms, got ${timeMs}`)
    if (kindRank >>> 0 !== kindRank || kindRank > KIND_RANK_MAX) fail(`kindRank must be an integer in [0, ${KIND_RANK_MAX}], got ${kindRank}`)
    if (sourceId >>> 0 !== sourceId) fail(`sourceId must be an integer in [0, ${SOURCE_ID_MAX}], got ${sourceId}`)
    if (!Number.isSafeInteger(seq) || seq < 0) fail(`seq must be a non-negative safe integer, got ${seq}`)
    if ((handle | 0) !== handle || handle < 0) fail(`handle must be a non-negative int32, got ${handle}`)
    if (this.count === this.times.length) this.grow()
    this.siftUp(this.count++, timeMs, kindRank * SOURCE_SPAN + sourceId, seq, handle)
  }

  /** Removes the earliest entry and returns its handle; its key goes to the `popped*` fields. */
  pop(): number {
    if (this.count === 0) fail('pop from an empty event queue')
    const times = this.times
    const poppedTimeMs = times[0]!
    const poppedOrder = this.orders[0]!
    const poppedSeq = this.seqs[0]!
    const poppedHandle = this.handles[0]!
    const last = --this.count
    if (last > 0) {
      this.siftDown(last, times[last]!, this.orders[last]!, this.seqs[last]!, this.handles[last]!)
      // Paired check: a twin of the popped key would now be the root.
      if (times[0] === poppedTimeMs && this.orders[0] === poppedOrder && this.seqs[0] === poppedSeq) {
        failTie(poppedTimeMs, poppedOrder, poppedSeq)
      }
    }
    const kindRank = Math.floor(poppedOrder * SOURCE_SPAN_INVERSE)
    this.poppedTimeMs = poppedTimeMs
    this.poppedKindRank = kindRank
    this.poppedSourceId = poppedOrder - kindRank * SOURCE_SPAN
    this.poppedSeq = poppedSeq
    return poppedHandle
  }

  /** Drops every entry (handles are the caller's to release). */
  clear(): void {
    this.count = 0
  }

  /** Moves the hole at `index` up until the new key fits, then writes the key there. */
  private siftUp(index: number, timeMs: number, order: number, seq: number, handle: number): void {
    const times = this.times
    const orders = this.orders
    const seqs = this.seqs
    const handles = this.handles
    let i = index
    while (i > 0) {
      const parent = (i - 1) >> 1
      const parentTimeMs = times[parent]!
      if (parentTimeMs < timeMs) break
      if (parentTimeMs === timeMs) {
        const parentOrder = orders[parent]!
        if (parentOrder < order) break
        if (parentOrder === order) {
          const parentSeq = seqs[parent]!
          if (parentSeq < seq) break
          if (parentSeq === seq) failTie(timeMs, order, seq)
        }
      }
      times[i] = parentTimeMs
      orders[i] = orders[parent]!
      seqs[i] = seqs[parent]!
      handles[i] = handles[parent]!
      i = parent
    }
    times[i] = timeMs
    orders[i] = order
    seqs[i] = seq
    handles[i] = handle
  }

  /**
   * Moves the hole at the root down past smaller children, then writes the key there. The time
   * comparison is inlined because it decides almost every step; ties on time fall back to
   * `isBefore`, which compares the rest of the key.
   */
  private siftDown(end: number, timeMs: number, order: number, seq: number, handle: number): void {
    const times = this.times
    const orders = this.orders
    const seqs = this.seqs
    const handles = this.handles
    let i = 0
    for (;;) {
      let child = 2 * i + 1
      if (child >= end) break
      let childTimeMs = times[child]!
      const right = child + 1
      if (right < end) {
        const rightTimeMs = times[right]!
        if (rightTimeMs < childTimeMs || (rightTimeMs === childTimeMs && this.isBefore(right, childTimeMs, orders[child]!, seqs[child]!))) {
          child = right
          childTimeMs = rightTimeMs
        }
      }
      if (childTimeMs > timeMs || (childTimeMs === timeMs && !this.isBefore(child, timeMs, order, seq))) break
      times[i] = childTimeMs
      orders[i] = orders[child]!
      seqs[i] = seqs[child]!
      handles[i] = handles[child]!
      i = child
    }
    times[i] = timeMs
    orders[i] = order
    seqs[i] = seq
    handles[i] = handle
  }

  /** Does the entry at `index` come strictly before the given key? A tie is a bug. */
  private isBefore(index: number, timeMs: number, order: number, seq: number): boolean {
    const t = this.times[index]!
    if (t !== timeMs) return t < timeMs
    const o = this.orders[index]!
    if (o !== order) return o < order
    const s = this.seqs[index]!
    if (s === seq) failTie(timeMs, order, seq)
    return s < seq
  }

  private grow(): void {
    const capacity = this.times.length
    if (capacity >= this.capacityMax) fail(`event queue is full: ${capacity} pending events (capacityMax)`)
    const next = Math.min(capacity * 2, this.capacityMax)
    this.times = copyInto(new Float64Array(next), this.times)
    this.orders = copyInto(new Float64Array(next), this.orders)
    this.seqs = copyInto(new Float64Array(next), this.seqs)
    this.handles = copyInto(new Int32Array(next), this.handles)
  }
}

function copyInto<T extends Float64Array | Int32Array>(target: T, source: T): T {
  target.set(source)
  return target
}

function failTie(timeMs: number, order: number, seq: number): never {
  const kindRank = Math.floor(order * SOURCE_SPAN_INVERSE)
  const sourceId = order - kindRank * SOURCE_SPAN
  fail(`two events compare equal: (timeMs ${timeMs}, kindRank ${kindRank}, sourceId ${sourceId}, seq ${seq}); every event needs a unique (sourceId, seq)`)
}
