// Goal: the CDF draws one step curve per non-empty series with markers at p50/p90/p99, handles
// a log x scale (dropping values ≤ 0), and degrades to a note on empty or NaN input.
// Method: render known samples and check the parsed SVG, including the quantile values.
import { describe, expect, it } from 'vitest'
import { chartProblems, isNoData, parseMarkup } from '../testing/svg.ts'
import { computeCdfPoints, renderCdf } from './cdf.ts'

const values = Array.from({ length: 101 }, (_, i) => i) // quantiles are exact: p50 = 50, p90 = 90
const data = { series: [{ name: 'eu', values }, { name: 'us', values: [5, 1, 3] }, { name: 'none', values: [] }] }
const options = { xLabel: 'latency', xUnit: 'ms' }

describe('computeCdfPoints', () => {
  it('puts the i-th smallest of n at share (i+1)/n', () => {
    expect(computeCdfPoints([1, 2, 4, 8])).toEqual([{ value: 1, share: 0.25 }, { value: 2, share: 0.5 }, { value: 4, share: 0.75 }, { value: 8, share: 1 }])
  })

  it('keeps evenly spaced order statistics, first and last included, past the budget', () => {
    const sorted = Array.from({ length: 101 }, (_, i) => i * 10)
    expect(computeCdfPoints(sorted, 3)).toEqual([{ value: 0, share: 1 / 101 }, { value: 500, share: 51 / 101 }, { value: 1000, share: 1 }])
    expect(computeCdfPoints(sorted, 1).length).toBe(2)
    expect(computeCdfPoints([5], 1)).toEqual([{ value: 5, share: 1 }])
  })
})

describe('renderCdf', () => {
  const svg = renderCdf(data, options)
  const root = parseMarkup(svg)

  it('is sound SVG and byte-stable', () => {
    expect(chartProblems(svg)).toEqual([])
    expect(renderCdf(data, options)).toBe(svg)
  })

  it('draws a curve and three quantile markers per non-empty series', () => {
    expect(root.querySelectorAll('.mark.cdf-line').length).toBe(2)
    expect(root.querySelectorAll('.mark.quantile').length).toBe(6)
    const eu = (Array.from(root.querySelectorAll('.quantile[data-series="0"]')) as any[]).map((q) => [q.getAttribute('data-quantile'), q.getAttribute('data-x')])
    expect(eu).toEqual([['p50', '50'], ['p90', '90'], ['p99', '99']])
    expect(root.querySelector('.cdf-line').getAttribute('data-n')).toBe('101')
  })

  it('labels the x axis with its unit and the y axis as a share by default', () => {
    expect(root.querySelector('.axis-title-x').textContent).toBe('latency (ms)')
    expect(root.querySelector('.axis-title-y').textContent).toBe('share of samples')
  })

  it('on a log scale drops values ≤ 0 and says so', () => {
    const r = parseMarkup(renderCdf({ series: [{ name: 'a', values: [0, -1, 10, 100, 1000] }] }, { xScale: 'log' }))
    expect(r.querySelector('.cdf-line').getAttribute('data-n')).toBe('3')
    expect(r.querySelector('.chart-note').textContent).toBe('2 non-positive, non-finite or out-of-range values omitted')
    expect(isNoData(renderCdf({ series: [{ name: 'a', values: [0, -3] }] }, { xScale: 'log' }))).toBe(true)
  })

  it('thins long curves to the vertex budget', () => {
    const long = Array.from({ length: 10_000 }, (_, i) => i)
    const d = parseMarkup(renderCdf({ series: [{ name: 'a', values: long }] }, { maxPointsPerSeries: 50 })).querySelector('.cdf-line').getAttribute('d')
    // 1 start vertex + 50 points, as a step curve: 2 vertices per step after the first.
    expect(d.split(/[ML]/).filter(Boolean).length).toBe(101)
  })

  it('shows "no data" for empty or NaN-only input and draws a single value as a step', () => {
    expect(isNoData(renderCdf({ series: [] }))).toBe(true)
    expect(isNoData(renderCdf({ series: [{ name: 'a', values: [Number.NaN] }] }))).toBe(true)
    for (const xScale of ['linear', 'log'] as const) {
      const one = renderCdf({ series: [{ name: 'a', values: [7] }] }, { xScale })
      expect(chartProblems(one)).toEqual([])
      expect(parseMarkup(one).querySelectorAll('.quantile').length).toBe(3)
    }
  })
})
