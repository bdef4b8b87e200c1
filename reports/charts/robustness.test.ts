// Goal: no input a run file could hold breaks a chart. Whatever the numbers (NaN, ±Infinity,
// huge, tiny, equal, empty) and names (markup, quotes, control characters), every chart renders
// well-formed SVG with an explicit xmlns, no NaN/undefined/Infinity in any attribute, the same
// bytes twice, and either marks or a visible "no data" note.
// Method: fast-check generates data for each chart from a fixed seed.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Markup } from '../markup.ts'
import { chartProblems, countMarks, isNoData } from '../testing/svg.ts'
import {
  renderBoxPlot,
  renderCdf,
  renderConfusionMatrix,
  renderCumulativeLines,
  renderHeatmap,
  renderHistogram,
  renderPercentileBands,
  renderScatter,
  renderTimeline,
} from './index.ts'

const SEED = 4242
const RUNS = 40

const num = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Infinity, -Infinity, 0, -0, 1e-300, 1e300, -1e300, Number.MAX_VALUE) },
)
const name = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('<script>x</script>', 'a"b&c', '\u0000bad\u0007', ''))
const values = fc.array(num, { maxLength: 30 })
const xy = fc.record({ x: num, y: num })

function checkChart(render: () => Markup): void {
  const svg = render()
  expect(chartProblems(svg)).toEqual([])
  expect(render()).toBe(svg)
  expect(isNoData(svg) || countMarks(svg) > 0).toBe(true)
}

describe('every chart survives arbitrary input', () => {
  it('cumulative lines', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ name, points: fc.array(xy, { maxLength: 20 }) }), { maxLength: 4 }), fc.boolean(), (series, totals) =>
        checkChart(() => renderCumulativeLines({ series }, { mode: totals ? 'totals' : 'increments' })),
      ),
      { seed: SEED, numRuns: RUNS },
    )
  })

  it('box and violin plot', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ name, values }), { maxLength: 4 }), (groups) => checkChart(() => renderBoxPlot({ groups }, { kind: 'both' }))),
      { seed: SEED, numRuns: RUNS },
    )
  })

  it('percentile bands', () => {
    const row = fc.record({ x: num, lo: num, q1: num, median: num, q3: num, hi: num })
    const sortedRow = fc.tuple(num, fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 5, maxLength: 5 })).map(([x, v]) => {
      const [lo, q1, median, q3, hi] = v.sort((a, b) => a - b) as [number, number, number, number, number]
      return { x, lo, q1, median, q3, hi }
    })
    fc.assert(
      fc.property(fc.array(fc.record({ name, rows: fc.array(fc.oneof(row, sortedRow), { maxLength: 10 }) }), { maxLength: 3 }), (series) =>
        checkChart(() => renderPercentileBands({ series })),
      ),
      { seed: SEED, numRuns: RUNS },
    )
  })

  it('scatter with expectation', () => {
    const expected = fc.option(fc.record({ name, points: fc.array(fc.record({ x: num, y: num, lo: num, hi: num }), { maxLength: 6 }) }), { nil: undefined })
    fc.assert(
      fc.property(fc.array(fc.record({ name, points: fc.array(xy, { maxLength: 20 }) }), { maxLength: 3 }), expected, (series, exp) =>
        checkChart(() => renderScatter(exp ? { series, expected: exp } : { series })),
      ),
      { seed: SEED, numRuns: RUNS },
    )
  })

  it('timeline', () => {
    const category = fc.integer({ min: -1, max: 3 })
    const lane = fc.record({
      name,
      intervals: fc.array(fc.record({ start: num, end: num, category }), { maxLength: 6 }),
      markers: fc.array(fc.record({ at: num, category }), { maxLength: 3 }),
    })
    fc.assert(
      fc.property(fc.array(lane, { maxLength: 4 }), fc.array(fc.record({ name }), { maxLength: 3 }), (lanes, categories) =>
        checkChart(() => renderTimeline({ lanes, categories })),
      ),
      { seed: SEED, numRuns: RUNS },
    )
  })

  it('CDF, linear and log', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ name, values }), { maxLength: 3 }), fc.boolean(), (series, log) =>
        checkChart(() => renderCdf({ series }, { xScale: log ? 'log' : 'linear' })),
      ),
      { seed: SEED, numRuns: RUNS },
    )
  })

  it('histogram with threshold', () => {
    const threshold = fc.option(fc.record({ value: num, label: name }), { nil: undefined })
    fc.assert(
      fc.property(fc.array(fc.record({ name, values }), { maxLength: 3 }), threshold, fc.boolean(), fc.integer({ min: -2, max: 50 }), (series, t, normalize, binCount) =>
        checkChart(() => renderHistogram(t ? { series, threshold: t } : { series }, { normalize, binCount })),
      ),
      { seed: SEED, numRuns: RUNS },
    )
  })

  it('confusion matrix', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), fc.array(num, { minLength: 16, maxLength: 16 }), fc.array(name, { minLength: 4, maxLength: 4 }), (n, cells, names) => {
        const counts = Array.from({ length: n }, (_, a) => Array.from({ length: n }, (_, p) => Math.abs(cells[a * 4 + p]!)))
        checkChart(() => renderConfusionMatrix({ labels: names.slice(0, n), counts }))
      }),
      { seed: SEED, numRuns: RUNS },
    )
  })

  it('heatmap with boundary', () => {
    fc.assert(
      fc.property(fc.array(num, { maxLength: 5 }), fc.array(num, { maxLength: 5 }), fc.array(fc.option(num), { minLength: 25, maxLength: 25 }), fc.array(xy, { maxLength: 4 }), (xs, ys, cells, boundary) => {
        const grid = ys.map((_, yi) => xs.map((_, xi) => cells[yi * 5 + xi] ?? null))
        checkChart(() => renderHeatmap({ xValues: xs, yValues: ys, values: grid, boundary: { name: 'b', points: boundary } }))
      }),
      { seed: SEED, numRuns: RUNS },
    )
  })
})
