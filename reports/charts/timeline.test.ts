// Goal: the timeline draws one rect per valid interval and one diamond per valid marker in its
// lane, coloured and keyed by category, drops invalid items with a note, and degrades to a note.
// Method: render a small timeline and inspect the parsed SVG.
import { describe, expect, it } from 'vitest'
import { chartProblems, isNoData, parseMarkup } from '../testing/svg.ts'
import { isValidInterval, renderTimeline } from './timeline.ts'

const data = {
  categories: [{ name: 'leader' }, { name: 'failover', color: '#ff0000' }],
  lanes: [
    { name: 'oracle-1', intervals: [{ start: 0, end: 100, category: 0, label: 'w0' }, { start: 50, end: 40, category: 0 }], markers: [{ at: 80, category: 1, label: 'missed' }] },
    { name: 'oracle-2', intervals: [{ start: 100, end: 100, category: 0 }, { start: 120, end: 150, category: 5 }] },
  ],
}
const options = { xLabel: 'time', xUnit: 's' }

describe('renderTimeline', () => {
  const svg = renderTimeline(data, options)
  const root = parseMarkup(svg)

  it('is sound SVG and byte-stable', () => {
    expect(chartProblems(svg)).toEqual([])
    expect(renderTimeline(data, options)).toBe(svg)
  })

  it('validates intervals: finite, end ≥ start, known category', () => {
    expect(isValidInterval(data, { start: 1, end: 1, category: 1 })).toBe(true)
    expect(isValidInterval(data, { start: 2, end: 1, category: 0 })).toBe(false)
    expect(isValidInterval(data, { start: 0, end: 1, category: 2 })).toBe(false)
    expect(isValidInterval(data, { start: 0, end: Number.NaN, category: 0 })).toBe(false)
  })

  it('draws the valid intervals and markers with their data', () => {
    const rects = Array.from(root.querySelectorAll('.mark.interval')) as any[]
    expect(rects.map((r) => [r.getAttribute('data-name'), r.getAttribute('data-start'), r.getAttribute('data-end'), r.getAttribute('data-duration')])).toEqual([
      ['oracle-1', '0', '100', '100'],
      ['oracle-2', '100', '100', '0'],
    ])
    const markers = Array.from(root.querySelectorAll('.mark.marker')) as any[]
    expect(markers.map((m) => [m.getAttribute('data-category'), m.getAttribute('data-at'), m.getAttribute('data-label'), m.getAttribute('fill')])).toEqual([['failover', '80', 'missed', '#ff0000']])
    expect(root.querySelector('.chart-note').textContent).toBe('2 invalid interval or markers omitted')
  })

  it('keeps a zero-length interval visible', () => {
    const zero = root.querySelectorAll('.interval')[1]
    expect(Number(zero.getAttribute('width'))).toBeGreaterThanOrEqual(1)
  })

  it('places intervals in their lane and names lanes on the y axis', () => {
    const ys = (Array.from(root.querySelectorAll('.interval')) as any[]).map((r) => Number(r.getAttribute('y')))
    expect(ys[1]).toBeGreaterThan(ys[0]!)
    const lanes = (Array.from(root.querySelectorAll('.axis-y .tick text')) as any[]).map((t) => t.textContent)
    expect(lanes).toEqual(['oracle-1', 'oracle-2'])
    expect(root.querySelector('.axis-title-x').textContent).toBe('time (s)')
  })

  it('has one legend entry per category, keyed like the marks', () => {
    const items = (Array.from(root.querySelectorAll('.legend-item')) as any[]).map((i) => i.getAttribute('data-series'))
    expect(items).toEqual(['0', '1'])
    expect(root.querySelector('.marker').getAttribute('data-series')).toBe('1')
  })

  it('shows "no data" when nothing valid remains', () => {
    expect(isNoData(renderTimeline({ lanes: [], categories: [] }))).toBe(true)
    expect(isNoData(renderTimeline({ lanes: [{ name: 'a', intervals: [{ start: 1, end: 0, category: 0 }] }], categories: [{ name: 'c' }] }))).toBe(true)
  })
})
