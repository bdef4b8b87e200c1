/**
 * A reusable store of event payloads addressed by integer handles. The queue holds only the
 * handle, so its arrays stay numeric; a freed slot is reused by the next `store`, so a long run
 * with a steady number of pending events keeps a steady footprint.
 *
 * Freed handles are reused last-in first-out. The order does not matter for determinism (a handle
 * never takes part in the event order) but keeps recently touched slots warm in the cache.
 */
import { fail } from './assert.ts'

export interface PayloadSlabOptions {
  /** Slots allocated up front; the slab doubles when full. Default 1024. */
  readonly capacityInitial?: number
  /** Hard limit on payloads held at once; storing beyond it is an assertion failure. Default 2^26. */
  readonly capacityMax?: number
}

export class PayloadSlab<P> {
  readonly capacityMax: number
  private payloads: (P | undefined)[]
  private used: Uint8Array
  private free: Int32Array
  private freeCount = 0
  private highWater = 0
  private usedCount = 0

  constructor(options: PayloadSlabOptions = {}) {
    const capacityInitial = options.capacityInitial ?? 1024
    this.capacityMax = options.capacityMax ?? 1 << 26
    if (!Number.isSafeInteger(capacityInitial) || capacityInitial < 1) fail(`capacityInitial must be a positive integer, got ${capacityInitial}`)
    if (!Number.isSafeInteger(this.capacityMax) || this.capacityMax < capacityInitial || this.capacityMax > 0x7fff_ffff) {
      fail(`capacityMax must be an integer in [capacityInitial, 2^31−1], got ${this.capacityMax}`)
    }
    this.payloads = new Array<P | undefined>(capacityInitial).fill(undefined)
    this.used = new Uint8Array(capacityInitial)
    this.free = new Int32Array(capacityInitial)
  }

  /** Payloads currently held. */
  get size(): number {
    return this.usedCount
  }

  /** Keeps `payload` and returns its handle. */
  store(payload: P): number {
    let handle: number
    if (this.freeCount > 0) handle = this.free[--this.freeCount]!
    else {
      if (this.highWater === this.used.length) this.grow()
      handle = this.highWater++
    }
    this.payloads[handle] = payload
    this.used[handle] = 1
    this.usedCount++
    return handle
  }

  /** The payload of `handle`, which stays stored. */
  peek(handle: number): P {
    if (this.used[handle] !== 1) fail(`payload handle ${handle} is not in use`)
    return this.payloads[handle] as P
  }

  /** Returns the payload of `handle` and frees the handle for reuse. */
  take(handle: number): P {
    if (this.used[handle] !== 1) fail(`payload handle ${handle} is not in use (taken twice, or never stored)`)
    const payload = this.payloads[handle] as P
    this.payloads[handle] = undefined // Drop the reference so the payload can be collected.
    this.used[handle] = 0
    this.free[this.freeCount++] = handle
    this.usedCount--
    return payload
  }

  private grow(): void {
    const capacity = this.used.length
    if (capacity >= this.capacityMax) fail(`payload slab is full: ${capacity} payloads held (capacityMax)`)
    const next = Math.min(capacity * 2, this.capacityMax)
    for (let i = capacity; i < next; i++) this.payloads.push(undefined)
    const used = new Uint8Array(next)
    used.set(this.used)
    this.used = used
    const free = new Int32Array(next)
    free.set(this.free.subarray(0, this.freeCount))
    this.free = free
  }
}
