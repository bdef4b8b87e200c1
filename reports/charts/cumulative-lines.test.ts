// Goal: the cumulative line chart accumulates in x order, draws one line and one end marker per
// non-empty series, labels its axes, and degrades to a visible note on empty or NaN input.
// Method: render small data sets, parse the SVG back with linkedom and inspect marks and data-*.
import { describe, expect, it } from 'vitest'
import { chartProblems, isNoData, parseMarkup } from '../testing/svg.ts'
import { prepareCumulative, renderCumulativeLines } from './cumulative-lines.ts'

const data = {
  series: [
    { name: 'honest', points: [{ x: 20, y: 1 }, { x: 0, y: 2 }, { x: 10, y: 0.5 }] },
    { name: 'lazy', points: [{ x: 5, y: 1 }] },
    { name: 'empty', points: [] },
  ],
}
const options = { title: 'Earnings', xLabel: 'time', xUnit: 's', yLabel: 'earnings', yUnit: 'COR' }

describe('prepareCumulative', () => {
  it('sorts by x (stable for ties) and adds up increments', () => {
    const r = prepareCumulative({ name: 'a', points: [{ x: 2, y: 1 }, { x: 1, y: 3 }, { x: 2, y: 5 }, { x: 3, y: Number.NaN }] }, 'increments')
    expect(r.points).toEqual([{ x: 1, y: 3 }, { x: 2, y: 4 }, { x: 2, y: 9 }])
    expect(r.droppedCount).toBe(1)
  })

  it('in totals mode only sorts', () => {
    expect(prepareCumulative({ name: 'a', points: [{ x: 2, y: 7 }, { x: 1, y: 3 }] }, 'totals').points).toEqual([{ x: 1, y: 3 }, { x: 2, y: 7 }])
  })
})

describe('renderCumulativeLines', () => {
  const svg = renderCumulativeLines(data, options)
  const root = parseMarkup(svg)

  it('is sound SVG and byte-stable', () => {
    expect(chartProblems(svg)).toEqual([])
    expect(renderCumulativeLines(data, options)).toBe(svg)
  })

  it('draws a line and an end marker per non-empty series', () => {
    expect(root.querySelectorAll('.mark.series-line').length).toBe(2)
    expect(root.querySelectorAll('.mark.end-marker').length).toBe(2)
  })

  it('ends each line at the running total', () => {
    const ends = Array.from(root.querySelectorAll('.end-marker')) as any[]
    expect(ends.map((e) => [e.getAttribute('data-name'), e.getAttribute('data-x'), e.getAttribute('data-y')])).toEqual([
      ['honest', '20', '3.5'],
      ['lazy', '5', '1'],
    ])
  })

  it('labels both axes with units and names the tooltip values after them', () => {
    expect(root.querySelector('.axis-title-x').textContent).toBe('time (s)')
    expect(root.querySelector('.axis-title-y').textContent).toBe('earnings (COR)')
    expect(root.getAttribute('data-label-x')).toBe('time (s)')
    expect(root.querySelectorAll('.axis-x .tick').length).toBeGreaterThan(1)
  })

  it('lists every series in the legend, empty ones included, keyed like the marks', () => {
    const items = Array.from(root.querySelectorAll('.legend-item')) as any[]
    expect(items.map((i) => i.getAttribute('data-series'))).toEqual(['0', '1', '2'])
    expect(root.querySelector('.series-line[data-series="1"]').getAttribute('data-name')).toBe('lazy')
  })

  it('draws steps for increments and straight segments for totals', () => {
    const steps = parseMarkup(renderCumulativeLines({ series: [data.series[0]!] }, options)).querySelector('.series-line').getAttribute('d')
    const totals = parseMarkup(renderCumulativeLines({ series: [data.series[0]!] }, { ...options, mode: 'totals' })).querySelector('.series-line').getAttribute('d')
    // A step-after curve of 3 points has 5 vertices; a polyline has 3.
    expect(steps.split('L').length).toBe(5)
    expect(totals.split('L').length).toBe(3)
  })

  it('thins long series to the vertex budget but keeps the true final value', () => {
    const points = Array.from({ length: 5000 }, (_, i) => ({ x: i, y: 1 }))
    const r = parseMarkup(renderCumulativeLines({ series: [{ name: 'long', points }] }, { mode: 'totals', maxPointsPerSeries: 100 }))
    expect(r.querySelector('.series-line').getAttribute('d').split('L').length).toBe(100)
    expect(r.querySelector('.series-line').getAttribute('data-points')).toBe('5000')
  })

  it('shows "no data" for no series, empty series or only NaN points', () => {
    expect(isNoData(renderCumulativeLines({ series: [] }))).toBe(true)
    expect(isNoData(renderCumulativeLines({ series: [{ name: 'a', points: [] }] }))).toBe(true)
    const nan = renderCumulativeLines({ series: [{ name: 'a', points: [{ x: Number.NaN, y: 1 }, { x: 1, y: Infinity }] }] }, options)
    expect(isNoData(nan)).toBe(true)
    expect(chartProblems(nan)).toEqual([])
  })

  it('draws a single point and says how many values it omitted', () => {
    const one = renderCumulativeLines({ series: [{ name: 'a', points: [{ x: 3, y: 2 }, { x: Number.NaN, y: 1 }] }] })
    expect(chartProblems(one)).toEqual([])
    expect(isNoData(one)).toBe(false)
    expect(parseMarkup(one).querySelector('.chart-note').textContent).toBe('1 non-finite or out-of-range value omitted')
  })
})
