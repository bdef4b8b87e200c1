// Goal: the scatter draws one circle per finite point, the expected line with its band, a
// legend in which the expectation toggles as one series, and thins huge inputs with a note.
// Method: render small data sets and inspect the parsed SVG.
import { describe, expect, it } from 'vitest'
import { chartProblems, isNoData, parseMarkup } from '../testing/svg.ts'
import { renderScatter } from './scatter.ts'

const data = {
  series: [
    { name: 'tier A', points: [{ x: 1, y: 2, label: 'node-1' }, { x: 2, y: 4 }, { x: Number.NaN, y: 1 }] },
    { name: 'tier B', points: [{ x: 3, y: 5 }] },
  ],
  expected: { name: 'expected', points: [{ x: 0, y: 0, lo: -1, hi: 1 }, { x: 4, y: 8, lo: 6, hi: 10 }] },
}
const options = { xLabel: 'weight', yLabel: 'selections', yUnit: 'tasks' }

describe('renderScatter', () => {
  const svg = renderScatter(data, options)
  const root = parseMarkup(svg)

  it('is sound SVG and byte-stable', () => {
    expect(chartProblems(svg)).toEqual([])
    expect(renderScatter(data, options)).toBe(svg)
  })

  it('draws one circle per finite point, named by its label or its series', () => {
    const points = Array.from(root.querySelectorAll('.mark.point')) as any[]
    expect(points.map((p) => [p.getAttribute('data-name'), p.getAttribute('data-x'), p.getAttribute('data-y')])).toEqual([
      ['node-1', '1', '2'],
      ['tier A', '2', '4'],
      ['tier B', '3', '5'],
    ])
    expect(root.querySelector('.chart-note').textContent).toBe('1 non-finite or out-of-range value omitted')
  })

  it('draws the expected line and band under one legend entry after the series', () => {
    expect(root.querySelectorAll('.mark.expected-line').length).toBe(1)
    expect(root.querySelectorAll('.mark.expected-band').length).toBe(1)
    const legend = (Array.from(root.querySelectorAll('.legend-item')) as any[]).map((i) => [i.getAttribute('data-series'), i.getAttribute('data-name')])
    expect(legend).toEqual([['0', 'tier A'], ['1', 'tier B'], ['2', 'expected']])
    expect(root.querySelector('.expected-band').getAttribute('data-series')).toBe('2')
  })

  it('leaves the band out when the expectation has no bounds', () => {
    const r = parseMarkup(renderScatter({ ...data, expected: { name: 'e', points: [{ x: 0, y: 0 }, { x: 1, y: 1 }] } }))
    expect(r.querySelectorAll('.expected-band').length).toBe(0)
    expect(r.querySelectorAll('.expected-line').length).toBe(1)
  })

  it('labels both axes', () => {
    expect(root.querySelector('.axis-title-x').textContent).toBe('weight')
    expect(root.querySelector('.axis-title-y').textContent).toBe('selections (tasks)')
  })

  it('thins to maxPoints across series in proportion, keeping every series, and says so', () => {
    const big = Array.from({ length: 300 }, (_, i) => ({ x: i, y: i }))
    const small = Array.from({ length: 10 }, (_, i) => ({ x: i, y: -i }))
    const r = parseMarkup(renderScatter({ series: [{ name: 'big', points: big }, { name: 'small', points: small }] }, { maxPoints: 31 }))
    expect(r.querySelectorAll('.point[data-series="0"]').length).toBe(30)
    expect(r.querySelectorAll('.point[data-series="1"]').length).toBe(1)
    expect(r.querySelector('.chart-note').textContent).toBe('showing 31 of 310 points')
  })

  it('shows "no data" without finite points, and draws one point', () => {
    expect(isNoData(renderScatter({ series: [] }))).toBe(true)
    expect(isNoData(renderScatter({ series: [{ name: 'a', points: [{ x: Infinity, y: 1 }] }], expected: data.expected }))).toBe(true)
    const one = renderScatter({ series: [{ name: 'a', points: [{ x: 1, y: 1 }] }] })
    expect(chartProblems(one)).toEqual([])
    expect(parseMarkup(one).querySelectorAll('.point').length).toBe(1)
  })
})
