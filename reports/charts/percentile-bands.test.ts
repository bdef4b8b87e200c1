// Goal: the percentile chart draws two bands, a median line and median points per series, drops
// rows that are not finite and ordered, and degrades to a note when nothing is left.
// Method: render small series and inspect the parsed SVG.
import { describe, expect, it } from 'vitest'
import { chartProblems, isNoData, parseMarkup } from '../testing/svg.ts'
import { isValidPercentileRow, renderPercentileBands } from './percentile-bands.ts'

const row = (x: number, m: number) => ({ x, lo: m - 2, q1: m - 1, median: m, q3: m + 1, hi: m + 2 })
const data = {
  series: [
    { name: 'honest', rows: [row(10, 5), row(0, 4), row(20, 6)] },
    { name: 'lazy', rows: [row(0, 3), { ...row(10, 3), q1: 9 }] },
  ],
}
const options = { xLabel: 'time', xUnit: 's', yLabel: 'score' }

describe('isValidPercentileRow', () => {
  it('accepts ordered finite rows and rejects disorder or NaN', () => {
    expect(isValidPercentileRow(row(0, 1))).toBe(true)
    expect(isValidPercentileRow({ ...row(0, 1), hi: 0 })).toBe(false)
    expect(isValidPercentileRow({ ...row(0, 1), x: Number.NaN })).toBe(false)
  })
})

describe('renderPercentileBands', () => {
  const svg = renderPercentileBands(data, options)
  const root = parseMarkup(svg)

  it('is sound SVG and byte-stable', () => {
    expect(chartProblems(svg)).toEqual([])
    expect(renderPercentileBands(data, options)).toBe(svg)
  })

  it('draws two bands and one median line per series and a point per valid row', () => {
    expect(root.querySelectorAll('.mark.band').length).toBe(4)
    expect(root.querySelectorAll('.mark.median-line').length).toBe(2)
    expect(root.querySelectorAll('.mark.median-point').length).toBe(4)
    expect(root.querySelector('.chart-note').textContent).toBe('1 invalid row omitted')
  })

  it('orders rows by x and carries every quantile on the points', () => {
    const points = (Array.from(root.querySelectorAll('.median-point[data-series="0"]')) as any[]).map((p) => [p.getAttribute('data-x'), p.getAttribute('data-median'), p.getAttribute('data-inner'), p.getAttribute('data-outer')])
    expect(points).toEqual([
      ['0', '4', '3 – 5', '2 – 6'],
      ['10', '5', '4 – 6', '3 – 7'],
      ['20', '6', '5 – 7', '4 – 8'],
    ])
    expect(root.getAttribute('data-label-inner')).toBe('p25–p75')
    expect(parseMarkup(renderPercentileBands(data, { outerBandLabel: 'min–max' })).getAttribute('data-label-outer')).toBe('min–max')
  })

  it('labels the axes and has a legend entry per series', () => {
    expect(root.querySelector('.axis-title-x').textContent).toBe('time (s)')
    expect(root.querySelector('.axis-title-y').textContent).toBe('score')
    expect(root.querySelectorAll('.legend-item').length).toBe(2)
  })

  it('thins the median points to the marker budget', () => {
    const rows = Array.from({ length: 50 }, (_, i) => row(i, 1))
    expect(parseMarkup(renderPercentileBands({ series: [{ name: 'a', rows }] }, { maxMarkersPerSeries: 7 })).querySelectorAll('.median-point').length).toBe(7)
  })

  it('shows "no data" for no series or only invalid rows, and draws a single row', () => {
    expect(isNoData(renderPercentileBands({ series: [] }))).toBe(true)
    expect(isNoData(renderPercentileBands({ series: [{ name: 'a', rows: [{ ...row(0, 1), median: Number.NaN }] }] }))).toBe(true)
    const one = renderPercentileBands({ series: [{ name: 'a', rows: [row(0, 1)] }] })
    expect(chartProblems(one)).toEqual([])
    expect(isNoData(one)).toBe(false)
  })
})
