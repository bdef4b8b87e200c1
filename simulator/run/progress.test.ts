// Goal: the terminal progress line shows the bar, simulated time, rate and ETA, and redraws at
// most every interval, clearing itself at the end. Method: fixed progress values and a fake clock.
import { describe, expect, it } from 'vitest'
import { createProgressPrinter, formatDuration, formatProgressLine, formatRate } from './progress.ts'

describe('progress', () => {
  it('formats durations and rates', () => {
    expect(formatDuration(0)).toBe('0:00')
    expect(formatDuration(61_400)).toBe('1:01')
    expect(formatDuration(3_600_000 * 24)).toBe('24:00:00')
    expect(formatRate(950)).toBe('950')
    expect(formatRate(12_345)).toBe('12.3k')
    expect(formatRate(2_500_000)).toBe('2.50M')
  })

  it('draws the bar, the share, the rate and the remaining wall time', () => {
    const line = formatProgressLine({ simulatedMs: 6 * 3_600_000, durationMs: 24 * 3_600_000, eventsProcessed: 2_000_000, pendingEvents: 10 }, 10_000)
    expect(line).toBe(`[${'#'.repeat(6)}${'·'.repeat(18)}]  25% sim 6:00:00/24:00:00  200.0k ev/s  ETA 0:30`)
    expect(formatProgressLine({ simulatedMs: 0, durationMs: 1000, eventsProcessed: 0, pendingEvents: 0 }, 0)).toMatch(/ETA \?$/)
  })

  it('redraws at most every interval and clears the line when done', () => {
    let now = 0
    const written: string[] = []
    const printer = createProgressPrinter((t) => written.push(t), () => now, 200)
    const p = { simulatedMs: 500, durationMs: 1000, eventsProcessed: 10, pendingEvents: 1 }
    printer.done()
    expect(written).toEqual([])
    printer.update(p)
    now = 100
    printer.update(p)
    now = 300
    printer.update(p)
    expect(written).toHaveLength(2)
    expect(written[0]!.startsWith('\r[')).toBe(true)
    printer.done()
    expect(written[2]).toBe('\r\x1b[K')
  })
})
