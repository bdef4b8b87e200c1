// Goal: the box/violin chart draws one box per non-empty group with its statistics in data-*,
// one point per outlier, violins when asked, and a note for empty input.
// Method: render hand-made groups whose statistics are known and inspect the parsed SVG.
import { describe, expect, it } from 'vitest'
import { chartProblems, isNoData, parseMarkup } from '../testing/svg.ts'
import { renderBoxPlot } from './box-plot.ts'

const groups = [
  { name: 'honest', values: [1, 2, 3, 4, 5, 6, 7, 8, 100] },
  { name: 'lazy', values: [2, 2, 3, Number.NaN] },
  { name: 'none', values: [] },
]
const options = { xLabel: 'behaviour', yLabel: 'earnings', yUnit: 'COR' }

describe('renderBoxPlot', () => {
  const svg = renderBoxPlot({ groups }, options)
  const root = parseMarkup(svg)

  it('is sound SVG and byte-stable', () => {
    expect(chartProblems(svg)).toEqual([])
    expect(renderBoxPlot({ groups }, options)).toBe(svg)
  })

  it('draws one box per non-empty group carrying its statistics', () => {
    const boxes = Array.from(root.querySelectorAll('.mark.box')) as any[]
    expect(boxes.length).toBe(2)
    const b = boxes[0]
    expect(['data-name', 'data-n', 'data-q1', 'data-median', 'data-q3', 'data-whiskers'].map((k) => b.getAttribute(k))).toEqual(['honest', '9', '3', '5', '7', '1 – 8'])
  })

  it('draws one point per outlier', () => {
    const outliers = Array.from(root.querySelectorAll('.mark.outlier')) as any[]
    expect(outliers.map((o) => o.getAttribute('data-value'))).toEqual(['100'])
  })

  it('names the groups on the x axis, marking empty ones with n=0, and labels both axes', () => {
    const ticks = (Array.from(root.querySelectorAll('.axis-x .tick text')) as any[]).map((t) => t.textContent)
    expect(ticks).toEqual(['honest', 'lazy', 'none (n=0)'])
    expect(root.querySelector('.axis-title-y').textContent).toBe('earnings (COR)')
    expect(root.querySelector('.axis-title-x').textContent).toBe('behaviour')
  })

  it('draws violins for groups with spread when asked, and none in box mode', () => {
    expect(root.querySelectorAll('.violin').length).toBe(0)
    const v = parseMarkup(renderBoxPlot({ groups }, { kind: 'violin' }))
    expect(v.querySelectorAll('.mark.violin').length).toBe(2)
    expect(v.querySelectorAll('.mark.box').length).toBe(2)
    // A group of one repeated value has no density: box only.
    const flat = parseMarkup(renderBoxPlot({ groups: [{ name: 'flat', values: [3, 3, 3] }] }, { kind: 'both' }))
    expect(flat.querySelectorAll('.violin').length).toBe(0)
    expect(flat.querySelectorAll('.box').length).toBe(1)
  })

  it('caps the outliers drawn per group', () => {
    const values = [...Array.from({ length: 100 }, () => 0), ...Array.from({ length: 30 }, (_, i) => 1000 + i)]
    expect(parseMarkup(renderBoxPlot({ groups: [{ name: 'g', values }] }, { maxOutliersPerGroup: 10 })).querySelectorAll('.outlier').length).toBe(10)
  })

  it('shows "no data" when no group has a finite value, and notes omitted values', () => {
    expect(isNoData(renderBoxPlot({ groups: [] }))).toBe(true)
    expect(isNoData(renderBoxPlot({ groups: [{ name: 'a', values: [Number.NaN, Infinity] }] }))).toBe(true)
    expect(root.querySelector('.chart-note').textContent).toBe('1 non-finite or out-of-range value omitted')
  })

  it('draws a single value as a flat, visible box', () => {
    const one = renderBoxPlot({ groups: [{ name: 'a', values: [5] }] })
    expect(chartProblems(one)).toEqual([])
    expect(Number(parseMarkup(one).querySelector('.box').getAttribute('height'))).toBeGreaterThanOrEqual(1)
  })
})
