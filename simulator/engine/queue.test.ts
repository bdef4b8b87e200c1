// Goal: the event queue pops entries in the total order (timeMs, kindRank, sourceId, seq), returns
// the right handle with each key, grows past its initial capacity, and refuses ties and bad keys.
// Method: fast-check command sequences (push/pop) run against a sorted-array model with a fixed
// seed; keys come from small ranges so ties on time, rank and source are common and only the
// last component separates them. Hand-written cases cover ties, limits and invalid input.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SimulatorAssertionError } from './assert.ts'
import { EventQueue } from './queue.ts'

interface Key {
  readonly timeMs: number
  readonly kindRank: number
  readonly sourceId: number
  readonly seq: number
  readonly handle: number
}

function compareKeys(a: Key, b: Key): number {
  return a.timeMs - b.timeMs || a.kindRank - b.kindRank || a.sourceId - b.sourceId || a.seq - b.seq
}

type Command = { readonly op: 'push'; readonly timeMs: number; readonly kindRank: number; readonly sourceId: number } | { readonly op: 'pop' }

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ op: fc.constant('push' as const), timeMs: fc.integer({ min: 0, max: 20 }), kindRank: fc.integer({ min: 0, max: 3 }), sourceId: fc.integer({ min: 0, max: 4 }) }),
  fc.constant({ op: 'pop' as const }),
)

describe('EventQueue order', () => {
  it('pops exactly what a sorted-array model pops, key and handle', () => {
    fc.assert(
      fc.property(fc.array(commandArb, { maxLength: 400 }), (commands) => {
        const queue = new EventQueue({ capacityInitial: 2 })
        const model: Key[] = []
        const seqBySource = new Map<number, number>()
        let handle = 0
        for (const c of commands) {
          if (c.op === 'push') {
            const seq = seqBySource.get(c.sourceId) ?? 0
            seqBySource.set(c.sourceId, seq + 1)
            const key = { timeMs: c.timeMs, kindRank: c.kindRank, sourceId: c.sourceId, seq, handle: handle++ }
            queue.push(key.timeMs, key.kindRank, key.sourceId, key.seq, key.handle)
            model.push(key)
            model.sort(compareKeys)
          } else if (model.length > 0) {
            const expected = model.shift()!
            expect(queue.pop()).toBe(expected.handle)
            expect([queue.poppedTimeMs, queue.poppedKindRank, queue.poppedSourceId, queue.poppedSeq]).toEqual([expected.timeMs, expected.kindRank, expected.sourceId, expected.seq])
          }
          expect(queue.size).toBe(model.length)
          expect(queue.peekTimeMs()).toBe(model.length > 0 ? model[0]!.timeMs : Number.POSITIVE_INFINITY)
        }
      }),
      { seed: 20240601, numRuns: 200 },
    )
  })

  it('orders by every key component, the earlier component deciding first', () => {
    const queue = new EventQueue()
    // Pushed in reverse of the expected order; each pair differs only in one component.
    const keys: [number, number, number, number][] = [
      [2, 0, 0, 0],
      [1, 1, 0, 0],
      [1, 0, 1, 0],
      [1, 0, 0, 1],
      [1, 0, 0, 0],
    ]
    keys.forEach((k, i) => queue.push(k[0], k[1], k[2], k[3], i))
    const popped: number[] = []
    while (queue.size > 0) popped.push(queue.pop())
    expect(popped).toEqual([4, 3, 2, 1, 0])
  })

  it('handles the full ranges of kind rank, source id and a large time', () => {
    const queue = new EventQueue()
    queue.push(2 ** 52, 255, 0xffff_ffff, 2 ** 40, 7)
    queue.push(2 ** 52, 255, 0xffff_fffe, 2 ** 40, 8)
    expect(queue.pop()).toBe(8)
    expect(queue.pop()).toBe(7)
    expect([queue.poppedTimeMs, queue.poppedKindRank, queue.poppedSourceId, queue.poppedSeq]).toEqual([2 ** 52, 255, 0xffff_ffff, 2 ** 40])
  })

  it('clears all entries', () => {
    const queue = new EventQueue()
    queue.push(1, 0, 0, 0, 0)
    queue.clear()
    expect(queue.size).toBe(0)
    expect(queue.peekTimeMs()).toBe(Number.POSITIVE_INFINITY)
  })
})

describe('EventQueue assertions', () => {
  it('detects two equal keys when they meet while sifting', () => {
    const queue = new EventQueue()
    queue.push(5, 1, 2, 3, 0)
    expect(() => queue.push(5, 1, 2, 3, 1)).toThrow(/two events compare equal.*timeMs 5, kindRank 1, sourceId 2, seq 3/)
  })

  it('detects equal keys that never met before, when the first of them is popped', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 60 }), (times) => {
        const queue = new EventQueue()
        times.forEach((t, i) => queue.push(t, 0, 1, i, i))
        // The twin of an existing key; depending on the layout it may or may not meet it on push.
        const twinSeq = times.length - 1
        let thrown = false
        try {
          queue.push(times[twinSeq]!, 0, 1, twinSeq, 999)
          while (queue.size > 0) queue.pop()
        } catch (error) {
          thrown = error instanceof SimulatorAssertionError && /compare equal/.test(error.message)
        }
        expect(thrown).toBe(true)
      }),
      { seed: 77, numRuns: 200 },
    )
  })

  it('rejects invalid keys and handles', () => {
    const queue = new EventQueue()
    expect(() => queue.push(-1, 0, 0, 0, 0)).toThrow(/event time/)
    expect(() => queue.push(1.5, 0, 0, 0, 0)).toThrow(/event time/)
    expect(() => queue.push(1, 256, 0, 0, 0)).toThrow(/kindRank/)
    expect(() => queue.push(1, 0, -1, 0, 0)).toThrow(/sourceId/)
    expect(() => queue.push(1, 0, 2 ** 32, 0, 0)).toThrow(/sourceId/)
    expect(() => queue.push(1, 0, 0, -1, 0)).toThrow(/seq/)
    expect(() => queue.push(1, 0, 0, 0, -1)).toThrow(/handle/)
    expect(() => queue.push(1, 0, 0, 0, 2 ** 31)).toThrow(/handle/)
    expect(queue.size).toBe(0)
  })

  it('refuses to pop from an empty queue', () => {
    expect(() => new EventQueue().pop()).toThrow(/empty/)
  })

  it('grows up to capacityMax and no further', () => {
    const queue = new EventQueue({ capacityInitial: 1, capacityMax: 3 })
    for (let i = 0; i < 3; i++) queue.push(i, 0, 0, i, i)
    expect(() => queue.push(9, 0, 0, 9, 9)).toThrow(/full: 3 pending/)
    expect([queue.pop(), queue.pop(), queue.pop()]).toEqual([0, 1, 2])
  })

  it('rejects bad capacities', () => {
    expect(() => new EventQueue({ capacityInitial: 0 })).toThrow(/capacityInitial/)
    expect(() => new EventQueue({ capacityInitial: 8, capacityMax: 4 })).toThrow(/capacityMax/)
  })
})
