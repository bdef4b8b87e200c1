// Goal: the heatmap draws a cell per finite value, greys out missing cells, shows a colour legend,
// places the boundary by interpolating between band centres, and degrades to notes.
// Method: render a small sweep grid and inspect positions and data-* in the parsed SVG.
import { scaleBand } from 'd3'
import { describe, expect, it } from 'vitest'
import { chartProblems, isNoData, parseMarkup } from '../testing/svg.ts'
import { bandCentreScale, isStrictlyIncreasing, renderHeatmap } from './heatmap.ts'

const data = {
  xValues: [1, 2, 3],
  yValues: [0.7, 0.8],
  values: [
    [0.1, 0.5, null],
    [0.2, 0.6, 0.9],
  ],
  boundary: { name: 'edge', points: [{ x: 1.5, y: 0.8 }, { x: 3, y: 0.7 }] },
}
const options = { xLabel: 'redundancy', yLabel: 'threshold', valueLabel: 'detection', colorDomain: [0, 1] as const }

describe('heatmap helpers', () => {
  it('isStrictlyIncreasing', () => {
    expect(isStrictlyIncreasing([1, 2, 3])).toBe(true)
    expect(isStrictlyIncreasing([1, 1])).toBe(false)
    expect(isStrictlyIncreasing([1, Number.NaN])).toBe(false)
  })

  it('bandCentreScale interpolates between band centres and clamps outside', () => {
    const band = scaleBand<string>().domain(['0', '1', '2']).range([0, 300])
    const s = bandCentreScale([10, 20, 40], band)
    expect([s(10), s(15), s(20), s(30), s(40), s(99)]).toEqual([50, 100, 150, 200, 250, 250])
    expect(bandCentreScale([5], band)(123)).toBe(50)
  })
})

describe('renderHeatmap', () => {
  const svg = renderHeatmap(data, options)
  const root = parseMarkup(svg)

  it('is sound SVG and byte-stable', () => {
    expect(chartProblems(svg)).toEqual([])
    expect(renderHeatmap(data, options)).toBe(svg)
  })

  it('draws a cell per finite value and a greyed cell per missing one', () => {
    const cells = (Array.from(root.querySelectorAll('.mark.cell')) as any[]).map((c) => [c.getAttribute('data-x'), c.getAttribute('data-y'), c.getAttribute('data-value')])
    expect(cells).toEqual([
      ['1', '0.7', '0.1'],
      ['2', '0.7', '0.5'],
      ['1', '0.8', '0.2'],
      ['2', '0.8', '0.6'],
      ['3', '0.8', '0.9'],
    ])
    expect(root.querySelectorAll('.missing').length).toBe(1)
    expect(root.querySelector('.chart-note').textContent).toBe('1 cell not measured')
  })

  it('puts the first y value at the bottom', () => {
    const y = (i: number): number => Number(root.querySelectorAll('.cell')[i].getAttribute('y'))
    expect(y(0)).toBeGreaterThan(y(2))
  })

  it('shows the parameter values as ticks, the axis titles and a colour legend', () => {
    expect((Array.from(root.querySelectorAll('.axis-x .tick text')) as any[]).map((t) => t.textContent)).toEqual(['1', '2', '3'])
    expect(root.querySelector('.axis-title-y').textContent).toBe('threshold')
    expect(root.querySelectorAll('.color-legend rect').length).toBe(24)
    expect(root.querySelector('.color-legend-title').textContent).toBe('detection')
    expect(root.getAttribute('data-label-value')).toBe('detection')
  })

  it('draws the boundary through band-centre positions', () => {
    const b = root.querySelector('.mark.boundary')
    expect(b.getAttribute('data-points')).toBe('(1.5, 0.8) (3, 0.7)')
    const xTicks = (Array.from(root.querySelectorAll('.axis-x .tick')) as any[]).map((t) => Number(t.getAttribute('transform').match(/translate\(([-\d.]+)/)![1]))
    const [mx] = b.getAttribute('d').slice(1).split(',').map(Number)
    // x = 1.5 lies halfway between the centres of the first two bands (axis ticks sit at centres).
    expect(mx).toBeCloseTo((xTicks[0]! + xTicks[1]!) / 2, 0)
  })

  it('skips the boundary with a note when parameters do not increase', () => {
    const r = parseMarkup(renderHeatmap({ ...data, xValues: [3, 2, 1] }, options))
    expect(r.querySelectorAll('.boundary').length).toBe(0)
    expect(r.querySelector('.boundary-note').textContent).toContain('boundary not drawn')
  })

  it('shows "no data" for empty axes, a misshapen grid or no finite value, and draws one cell', () => {
    expect(isNoData(renderHeatmap({ xValues: [], yValues: [1], values: [[]] }))).toBe(true)
    expect(parseMarkup(renderHeatmap({ xValues: [1, 2], yValues: [1], values: [[1]] })).getAttribute('data-no-data')).toBe('values are not 1×2 (y × x)')
    expect(isNoData(renderHeatmap({ xValues: [1], yValues: [1], values: [[null]] }))).toBe(true)
    expect(parseMarkup(renderHeatmap({ xValues: [Number.NaN], yValues: [1], values: [[1]] })).getAttribute('data-no-data')).toBe('parameter values must be finite numbers')
    const one = renderHeatmap({ xValues: [1], yValues: [1], values: [[0.5]] })
    expect(chartProblems(one)).toEqual([])
    expect(parseMarkup(one).querySelectorAll('.cell').length).toBe(1)
  })
})
