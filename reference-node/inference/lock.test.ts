// Goal: SerialQueue runs jobs one at a time in arrival order, and a failing job neither blocks
// the queue nor hides its error. Method: jobs that record start/end around awaited timers, so any
// overlap or reordering shows in the log; a rejecting job between two good ones.
import { describe, expect, it } from 'vitest'
import { SerialQueue } from './lock.ts'

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

describe('SerialQueue', () => {
  it('never overlaps jobs and keeps arrival order', async () => {
    const queue = new SerialQueue()
    const log: string[] = []
    const job = (name: string, ms: number) => async (): Promise<string> => {
      log.push(`start ${name}`)
      await tick(ms)
      log.push(`end ${name}`)
      return name
    }
    const results = await Promise.all([queue.run(job('a', 15)), queue.run(job('b', 1)), queue.run(job('c', 5))])
    expect(results).toEqual(['a', 'b', 'c'])
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c'])
  })

  it('passes a failure to its caller and runs the next job', async () => {
    const queue = new SerialQueue()
    const first = queue.run(async () => 1)
    const failing = queue.run(async () => {
      throw new Error('boom')
    })
    const third = queue.run(async () => 3)
    expect(queue.pending).toBe(3)
    await expect(failing).rejects.toThrow('boom')
    expect(await first).toBe(1)
    expect(await third).toBe(3)
    expect(queue.pending).toBe(0)
  })
})
