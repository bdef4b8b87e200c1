/**
 * The baseline every engine benchmark is measured against: the smallest useful event queue, a
 * binary heap over two typed arrays (time and payload id) ordered by time alone, as in the
 * "typed-array heap" of anchors.md §C3. It has no tie-breaking, no checks and no growth, so it is
 * not fit for simulation; it is the floor our engine's overhead is measured from.
 */
export class BareHeap {
  private readonly times: Float64Array
  private readonly ids: Uint32Array
  private count = 0

  constructor(capacity: number) {
    this.times = new Float64Array(capacity)
    this.ids = new Uint32Array(capacity)
  }

  get size(): number {
    return this.count
  }

  /** Time of the entry last returned by `pop`. */
  poppedTime = 0

  push(time: number, id: number): void {
    const times = this.times
    const ids = this.ids
    let i = this.count++
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (times[parent]! <= time) break
      times[i] = times[parent]!
      ids[i] = ids[parent]!
      i = parent
    }
    times[i] = time
    ids[i] = id
  }

  pop(): number {
    const times = this.times
    const ids = this.ids
    const id = ids[0]!
    this.poppedTime = times[0]!
    const last = --this.count
    const time = times[last]!
    const lastId = ids[last]!
    let i = 0
    for (;;) {
      let child = 2 * i + 1
      if (child >= last) break
      if (child + 1 < last && times[child + 1]! < times[child]!) child++
      if (times[child]! >= time) break
      times[i] = times[child]!
      ids[i] = ids[child]!
      i = child
    }
    times[i] = time
    ids[i] = lastId
    return id
  }
}
