// Goal: the simulation loop runs events in the total order, keeps a clock that never goes back,
// numbers events per source, stops cooperatively, reports progress, and refuses bad input.
// Method: small hand-built schedules with a recording handler; each test asserts the observed
// order, clock and counters, and each rejection path asserts its message.
import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { SimulatorAssertionError } from './assert.ts'
import { defineEventKinds } from './kinds.ts'
import { stopOnInterrupt, type SignalSource } from './interrupt.ts'
import { Simulation, type RunProgress } from './simulation.ts'

type Seen = [timeMs: number, kind: number, sourceId: number, seq: number, payload: string]

function recorder(sim: Simulation<string>): { seen: Seen[]; handler: (k: number, s: number, p: string) => void } {
  const seen: Seen[] = []
  return { seen, handler: (kind, sourceId, payload) => seen.push([sim.nowMs, kind, sourceId, sim.eventSeq, payload]) }
}

describe('Simulation order and clock', () => {
  it('runs events by time, then kind rank, then source, then per-source sequence', () => {
    const sim = new Simulation<string>()
    sim.schedule(10, 1, 0, 'late-kind')
    sim.schedule(10, 0, 5, 'src5')
    sim.schedule(10, 0, 2, 'src2-first')
    sim.schedule(10, 0, 2, 'src2-second')
    sim.schedule(3, 7, 9, 'earliest')
    const { seen, handler } = recorder(sim)
    const keys: string[] = []
    const result = sim.runUntil(100, (kind, sourceId, payload) => {
      keys.push(`${sim.eventKind}/${sim.eventSourceId}`)
      expect([sim.eventKind, sim.eventSourceId]).toEqual([kind, sourceId])
      handler(kind, sourceId, payload)
    })
    expect(keys).toEqual(['7/9', '0/2', '0/2', '0/5', '1/0'])
    expect(seen.map((s) => s[4])).toEqual(['earliest', 'src2-first', 'src2-second', 'src5', 'late-kind'])
    expect(seen.map((s) => s[3])).toEqual([0, 0, 1, 0, 0])
    expect(result).toEqual({ status: 'completed', nowMs: 100, eventsProcessed: 5 })
  })

  it('includes events at endMs, leaves later ones pending and continues from there', () => {
    const sim = new Simulation<string>()
    sim.schedule(5, 0, 0, 'at-end')
    sim.schedule(6, 0, 0, 'after')
    const { seen, handler } = recorder(sim)
    expect(sim.runUntil(5, handler).nowMs).toBe(5)
    expect(seen.map((s) => s[4])).toEqual(['at-end'])
    expect(sim.pendingCount).toBe(1)
    expect(sim.runUntil(Number.POSITIVE_INFINITY, handler)).toEqual({ status: 'completed', nowMs: 6, eventsProcessed: 2 })
  })

  it('lets a handler schedule at the current instant, ordered after the event in hand', () => {
    const sim = new Simulation<string>({ startMs: 50 })
    sim.schedule(50, 1, 0, 'first')
    const seen: string[] = []
    sim.runUntil(60, (_kind, _source, payload) => {
      seen.push(`${payload}@${sim.nowMs}`)
      if (payload === 'first') {
        sim.scheduleAfter(0, 0, 1, 'same-instant-lower-rank')
        sim.scheduleAfter(3, 0, 1, 'later')
      }
    })
    expect(seen).toEqual(['first@50', 'same-instant-lower-rank@50', 'later@53'])
  })

  it('refuses to schedule into the past, and bad kinds and sources', () => {
    const sim = new Simulation<string>({ startMs: 10, sourceCountMax: 4 })
    expect(() => sim.schedule(9, 0, 0, 'x')).toThrow(/clock is at 10 ms and never goes back/)
    expect(() => sim.schedule(Number.NaN, 0, 0, 'x')).toThrow(SimulatorAssertionError)
    expect(() => sim.schedule(10.5, 0, 0, 'x')).toThrow(/event time/)
    expect(() => sim.schedule(11, 256, 0, 'x')).toThrow(/event kind/)
    expect(() => sim.schedule(11, 0, 4, 'x')).toThrow(/sourceId must be an integer in \[0, 4\)/)
    expect(sim.pendingCount).toBe(0)
    expect(() => sim.runUntil(9, () => {})).toThrow(/endMs must be an integer ≥ the clock/)
    expect(() => sim.runUntil(11.5, () => {})).toThrow(/endMs/)
  })

  it('numbers events per source, growing past the initial source table', () => {
    const sim = new Simulation<string>()
    expect(sim.schedule(1, 0, 5000, 'a')).toBe(0)
    expect(sim.schedule(1, 0, 5000, 'b')).toBe(1)
    expect(sim.schedule(1, 0, 4999, 'c')).toBe(0)
    expect(sim.schedule(1, 0, 0, 'd')).toBe(0)
  })

  it('bounds pending events', () => {
    const sim = new Simulation<string>({ pendingCountMax: 2 })
    sim.schedule(1, 0, 0, 'a')
    sim.schedule(1, 0, 0, 'b')
    expect(() => sim.schedule(1, 0, 0, 'c')).toThrow(/full/)
  })

  it('rejects invalid options', () => {
    expect(() => new Simulation({ startMs: -1 })).toThrow(/startMs/)
    expect(() => new Simulation({ sourceCountMax: 0 })).toThrow(/sourceCountMax/)
  })
})

describe('Simulation stopping and progress', () => {
  it('stops between events when a handler requests it, and stays stopped', () => {
    const sim = new Simulation<string>()
    for (let i = 0; i < 10; i++) sim.schedule(i, 0, 0, `e${i}`)
    let handled = 0
    const result = sim.runUntil(100, () => {
      if (++handled === 4) sim.requestStop()
    })
    expect(result).toEqual({ status: 'interrupted', nowMs: 3, eventsProcessed: 4 })
    expect(sim.pendingCount).toBe(6)
    expect(sim.stopRequested).toBe(true)
    expect(sim.runUntil(100, () => {}).status).toBe('interrupted')
  })

  it('reports progress every N events and once at the end', () => {
    const sim = new Simulation<string>()
    for (let i = 0; i < 7; i++) sim.schedule(i * 10, 0, 0, 'x')
    const progress: RunProgress[] = []
    sim.runUntil(1000, () => {}, { onProgress: (p) => progress.push(p), progressEveryEvents: 3 })
    expect(progress.map((p) => p.eventsProcessed)).toEqual([3, 6, 7])
    expect(progress[0]).toEqual({ nowMs: 20, eventsProcessed: 3, pendingCount: 4 })
    expect(progress[2]!.nowMs).toBe(1000)
    expect(() => sim.runUntil(2000, () => {}, { progressEveryEvents: 0 })).toThrow(/progressEveryEvents/)
  })

  it('runs asynchronously in slices with the same order as the synchronous loop', async () => {
    const build = (): Simulation<string> => {
      const sim = new Simulation<string>()
      for (let i = 0; i < 50; i++) sim.schedule((i * 7) % 13, i % 3, i % 5, `e${i}`)
      return sim
    }
    const syncSim = build()
    const sync = recorder(syncSim)
    syncSim.runUntil(20, sync.handler)
    const asyncSim = build()
    const asyncRec = recorder(asyncSim)
    const result = await asyncSim.runUntilAsync(20, asyncRec.handler, { yieldEveryEvents: 7 })
    expect(asyncRec.seen).toEqual(sync.seen)
    expect(result).toEqual({ status: 'completed', nowMs: 20, eventsProcessed: 50 })
    await expect(asyncSim.runUntilAsync(30, () => {}, { yieldEveryEvents: 0 })).rejects.toThrow(/yieldEveryEvents/)
  })

  it('stops an async run when a signal arrives between slices', async () => {
    const sim = new Simulation<number>()
    const signals = new EventEmitter()
    stopOnInterrupt(sim, signals as unknown as SignalSource)
    // An endless chain of events: only the signal can end this run.
    sim.schedule(0, 0, 0, 0)
    setImmediate(() => signals.emit('SIGINT'))
    const result = await sim.runUntilAsync(Number.POSITIVE_INFINITY, (_k, _s, n) => sim.scheduleAfter(1, 0, 0, n + 1), { yieldEveryEvents: 1000 })
    expect(result.status).toBe('interrupted')
    expect(result.eventsProcessed).toBeGreaterThan(0)
    expect(result.eventsProcessed % 1000).toBe(0)
  })
})

describe('stopOnInterrupt', () => {
  it('requests a stop on the first SIGINT or SIGTERM and then lets the default behaviour through', () => {
    const signals = new EventEmitter()
    let stops = 0
    stopOnInterrupt({ requestStop: () => stops++ }, signals as unknown as SignalSource)
    expect(signals.listenerCount('SIGINT')).toBe(1)
    signals.emit('SIGTERM')
    expect(stops).toBe(1)
    expect(signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM')).toBe(0)
  })

  it('removes its listeners when disposed', () => {
    const signals = new EventEmitter()
    let stops = 0
    const dispose = stopOnInterrupt({ requestStop: () => stops++ }, signals as unknown as SignalSource)
    dispose()
    signals.emit('SIGINT')
    expect(stops).toBe(0)
  })
})

describe('defineEventKinds', () => {
  it('ranks kinds in declaration order and names them back', () => {
    const kinds = defineEventKinds(['packet', 'block', 'timer'])
    expect(kinds.rank).toEqual({ packet: 0, block: 1, timer: 2 })
    expect(kinds.nameOf(2)).toBe('timer')
    expect(() => kinds.nameOf(3)).toThrow(/no event kind has rank 3/)
  })

  it('refuses duplicates, an empty list and more than 256 kinds', () => {
    expect(() => defineEventKinds(['a', 'a'])).toThrow(/unique/)
    expect(() => defineEventKinds([])).toThrow(/between 1 and 256/)
    expect(() => defineEventKinds(Array.from({ length: 257 }, (_, i) => `k${i}`))).toThrow(/between 1 and 256/)
  })
})
