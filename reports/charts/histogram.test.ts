// Goal: the histogram draws one bar per non-empty bin per series on shared bins, normalises on
// request, draws the threshold (widening the axis if needed), and degrades to a note.
// Method: render hand-made values whose bin counts are known and inspect the parsed SVG.
import { describe, expect, it } from 'vitest'
import { chartProblems, isNoData, parseMarkup } from '../testing/svg.ts'
import { renderHistogram } from './histogram.ts'

const data = {
  series: [
    { name: 'honest', values: [0.9, 0.95, 0.91, 0.99, Number.NaN] },
    { name: 'cheating', values: [0.1, 0.15, 0.6] },
  ],
  threshold: { value: 0.85, label: 'threshold' },
}
const options = { domain: [0, 1] as const, binCount: 10, xLabel: 'similarity' }

describe('renderHistogram', () => {
  const svg = renderHistogram(data, options)
  const root = parseMarkup(svg)

  it('is sound SVG and byte-stable', () => {
    expect(chartProblems(svg)).toEqual([])
    expect(renderHistogram(data, options)).toBe(svg)
  })

  it('draws one bar per non-empty bin per series with its count', () => {
    const bars = (Array.from(root.querySelectorAll('.mark.bar')) as any[]).map((b) => [b.getAttribute('data-name'), b.getAttribute('data-bin'), b.getAttribute('data-count')])
    expect(bars).toEqual([
      ['honest', '0.9 – 1', '4'],
      ['cheating', '0.1 – 0.2', '2'],
      ['cheating', '0.6 – 0.7', '1'],
    ])
  })

  it('draws the threshold as a toggleable series with its value in the legend', () => {
    const t = root.querySelector('.mark.threshold')
    expect(t.getAttribute('data-x')).toBe('0.85')
    expect(t.getAttribute('data-series')).toBe('2')
    expect(root.querySelector('.legend-item[data-series="2"] text').textContent).toBe('threshold = 0.85')
  })

  it('labels the axes, with counts by default and shares when normalised', () => {
    expect(root.querySelector('.axis-title-x').textContent).toBe('similarity')
    expect(root.querySelector('.axis-title-y').textContent).toBe('count')
    const n = parseMarkup(renderHistogram(data, { ...options, normalize: true }))
    expect(n.querySelector('.axis-title-y').textContent).toBe('share')
    // Normalised bars of the same share have the same height whatever the series size.
    const honest = Number(n.querySelector('.bar[data-series="0"]').getAttribute('height'))
    const cheatingTwo = Number(n.querySelector('.bar[data-series="1"]').getAttribute('height'))
    expect(cheatingTwo / honest).toBeCloseTo(2 / 3, 2)
  })

  it('counts values outside a fixed domain as omitted, with the non-finite ones', () => {
    const r = parseMarkup(renderHistogram({ series: [{ name: 'a', values: [0.5, 2, Number.NaN] }] }, options))
    expect(r.querySelector('.chart-note').textContent).toBe('1 non-finite or out-of-range value omitted; 1 value outside the domain omitted')
  })

  it('widens the axis to show a threshold outside the data', () => {
    const r = parseMarkup(renderHistogram({ series: [{ name: 'a', values: [1, 2] }], threshold: { value: 10, label: 't' } }, {}))
    const ticks = (Array.from(r.querySelectorAll('.axis-x .tick text')) as any[]).map((t) => t.textContent)
    expect(ticks[ticks.length - 1]).toBe('10')
  })

  it('shows "no data" for empty, NaN-only or all-outside input, and draws one value', () => {
    expect(isNoData(renderHistogram({ series: [] }))).toBe(true)
    expect(isNoData(renderHistogram({ series: [{ name: 'a', values: [Number.NaN] }] }))).toBe(true)
    expect(isNoData(renderHistogram({ series: [{ name: 'a', values: [5] }] }, { domain: [0, 1] }))).toBe(true)
    const one = renderHistogram({ series: [{ name: 'a', values: [5] }] })
    expect(chartProblems(one)).toEqual([])
    expect(parseMarkup(one).querySelectorAll('.bar').length).toBe(1)
  })
})
