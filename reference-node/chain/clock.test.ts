// Goal: the manual clock fires timers in time order and, after each, waits for all the work the
// timer set off — real disk I/O included — while work waiting on time does not hold it up; the
// system clock keeps the same contract with real timers. Method: timers and tracked jobs with
// recorded order, a job writing a file, sleeps and aborts.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ManualClock, SystemClock } from './clock.ts'
import { isChainError } from './errors.ts'

describe('ManualClock', () => {
  it('fires timers in (time, creation) order and never moves backwards', async () => {
    const clock = new ManualClock(1000)
    const seen: string[] = []
    clock.setTimer(20, () => seen.push(`b@${clock.nowMs()}`))
    clock.setTimer(10, () => seen.push(`a@${clock.nowMs()}`))
    clock.setTimer(20, () => seen.push(`c@${clock.nowMs()}`))
    const cancelled = clock.setTimer(5, () => seen.push('cancelled'))
    cancelled.cancel()
    expect(clock.pendingTimers).toBe(3)
    await clock.advance(15)
    expect(seen).toEqual(['a@1010'])
    expect(clock.nowMs()).toBe(1015)
    await clock.advance(100)
    expect(seen).toEqual(['a@1010', 'b@1020', 'c@1020'])
    expect(clock.nowMs()).toBe(1115)
    await expect(clock.advance(-1)).rejects.toThrow(RangeError)
  })

  it('waits for tracked work, including disk writes, before the next timer', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ctb-clock-'))
    try {
      const clock = new ManualClock()
      const order: string[] = []
      clock.setTimer(10, () => {
        void clock.track(async () => {
          await writeFile(join(dir, 'f'), 'x'.repeat(100_000))
          order.push('written')
        })
      })
      clock.setTimer(20, () => order.push('second timer'))
      await clock.advance(30)
      expect(order).toEqual(['written', 'second timer'])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('treats a job waiting on time as idle and resumes it when the time comes', async () => {
    const clock = new ManualClock()
    const order: string[] = []
    void clock.track(async () => {
      order.push('start')
      await clock.sleep(50)
      order.push(`woke@${clock.nowMs()}`)
      await clock.blocked(new Promise<void>((resolve) => clock.setTimer(25, resolve)))
      order.push(`unblocked@${clock.nowMs()}`)
    })
    await clock.settle()
    expect(order).toEqual(['start'])
    expect(clock.isIdle).toBe(true)
    await clock.advance(60)
    expect(order).toEqual(['start', 'woke@50'])
    await clock.advance(20)
    expect(order).toEqual(['start', 'woke@50', 'unblocked@75'])
    // Waits outside any job do not count against idleness.
    await clock.blocked(Promise.resolve())
    expect(clock.isIdle).toBe(true)
  })

  it('rejects a sleep with Aborted when its signal fires, before or during the wait', async () => {
    const clock = new ManualClock()
    const controller = new AbortController()
    const sleeping = clock.sleep(100, controller.signal)
    controller.abort()
    await expect(sleeping).rejects.toSatisfy((e: unknown) => isChainError(e, 'Aborted'))
    await expect(clock.sleep(1, controller.signal)).rejects.toSatisfy((e: unknown) => isChainError(e, 'Aborted'))
    expect(clock.pendingTimers).toBe(0)
  })
})

describe('SystemClock', () => {
  it('sleeps on real time, cancels timers and tracks nothing', async () => {
    const clock = new SystemClock()
    const before = clock.nowMs()
    await clock.sleep(5)
    expect(clock.nowMs() - before).toBeGreaterThanOrEqual(4)
    let fired = false
    clock.setTimer(1, () => (fired = true)).cancel()
    await clock.sleep(10)
    expect(fired).toBe(false)
    await expect(clock.track(async () => 7)).resolves.toBe(7)
    await expect(clock.blocked(Promise.resolve(8))).resolves.toBe(8)
    const controller = new AbortController()
    const sleeping = clock.sleep(10_000, controller.signal)
    controller.abort()
    await expect(sleeping).rejects.toSatisfy((e: unknown) => isChainError(e, 'Aborted'))
  })
})
