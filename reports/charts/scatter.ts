/**
 * Scatter with an expected line and a confidence band (selection frequency against weight,
 * reward against stake, …). Points come in series; the expectation is given as sampled points
 * with optional low/high bounds, so any model (linear, binomial interval, …) can be drawn without
 * this file knowing it. Marks: one circle per point (thinned to `maxPoints` overall), the
 * expected line and its band; the expectation is the last legend entry and toggles with it.
 */
import { area, line, scaleLinear } from 'd3'
import type { Markup } from '../markup.ts'
import { drawXAxis, drawYAxis } from './axes.ts'
import { finiteExtent, isPlottable, paddedExtent } from './extent.ts'
import { axisTitle, formatValue } from './format.ts'
import { addFrameNote, createFrame, finishFrame, omittedText } from './frame.ts'
import { type LegendEntry, drawLegend } from './legend.ts'
import { renderNoData } from './no-data.ts'
import { seriesColor } from './palette.ts'
import { thinEvenly } from './thin.ts'
import type { ChartOptions } from './types.ts'

export interface ScatterPoint {
  readonly x: number
  readonly y: number
  /** Shown in the tooltip instead of the series name (a node id, say). */
  readonly label?: string
}

export interface ScatterSeries {
  readonly name: string
  readonly points: readonly ScatterPoint[]
}

export interface ExpectedPoint {
  readonly x: number
  readonly y: number
  readonly lo?: number
  readonly hi?: number
}

export interface ScatterData {
  readonly series: readonly ScatterSeries[]
  readonly expected?: { readonly name: string; readonly points: readonly ExpectedPoint[] }
}

export interface ScatterOptions extends ChartOptions {
  /** Circles drawn over all series together (default 5000); the rest are thinned evenly. */
  readonly maxPoints?: number
}

const EXPECTED_COLOR = '#444'

export function renderScatter(data: ScatterData, options: ScatterOptions = {}): Markup {
  let droppedCount = 0
  const series = data.series.map((s, index) => {
    const points = s.points.filter((p) => isPlottable(p.x) && isPlottable(p.y))
    droppedCount += s.points.length - points.length
    return { index, name: s.name, points }
  })
  const expected = (data.expected?.points ?? []).filter((p) => isPlottable(p.x) && isPlottable(p.y)).slice().sort((a, b) => a.x - b.x)
  const banded = expected.filter((p) => isPlottable(p.lo) && isPlottable(p.hi))
  const allPoints = series.flatMap((s) => s.points)
  if (allPoints.length === 0) return renderNoData('scatter', options, 'no points to plot')
  const xExtent = finiteExtent([...allPoints.map((p) => p.x), ...expected.map((p) => p.x)])!
  const yExtent = finiteExtent([
    ...allPoints.map((p) => p.y),
    ...expected.map((p) => p.y),
    ...banded.flatMap((p) => [p.lo!, p.hi!]),
  ])!

  const frame = createFrame('scatter', options, { legend: true })
  const x = scaleLinear().domain(paddedExtent(xExtent)).range([0, frame.innerWidthPx]).nice()
  const y = scaleLinear().domain(paddedExtent(yExtent)).range([frame.innerHeightPx, 0]).nice()
  drawXAxis(frame, x, { title: axisTitle(options.xLabel, options.xUnit), grid: true })
  drawYAxis(frame, y, { title: axisTitle(options.yLabel, options.yUnit), grid: true })
  const fmt = (v: number): string => formatValue(v, frame.digits)

  const expectedKey = series.length
  const legend: LegendEntry[] = series.map((s) => ({ name: s.name, color: seriesColor(s.index), series: s.index, shape: 'box' }))
  if (data.expected && expected.length > 0) {
    const name = data.expected.name
    // Band first, so the line and the points stay on top of it.
    if (banded.length > 0) {
      frame.plot
        .append('path')
        .attr('class', 'mark expected-band')
        .attr('data-series', expectedKey)
        .attr('data-name', `${name} band`)
        .attr('d', area<ExpectedPoint>().x((p) => x(p.x)).y0((p) => y(p.lo!)).y1((p) => y(p.hi!))(banded) ?? '')
        .attr('fill', EXPECTED_COLOR)
        .attr('fill-opacity', 0.12)
    }
    frame.plot
      .append('path')
      .attr('class', 'mark expected-line')
      .attr('data-series', expectedKey)
      .attr('data-name', name)
      .attr('d', line<ExpectedPoint>().x((p) => x(p.x)).y((p) => y(p.y))(expected) ?? '')
      .attr('fill', 'none')
      .attr('stroke', EXPECTED_COLOR)
      .attr('stroke-width', 1.5)
      .attr('stroke-dasharray', '5 3')
    legend.push({ name, color: EXPECTED_COLOR, series: expectedKey, shape: 'line' })
  }

  // Thinning is spread over the series in proportion to their sizes, so none disappears.
  const maxPoints = options.maxPoints ?? 5000
  let drawnCount = 0
  for (const s of series) {
    const share = allPoints.length <= maxPoints ? s.points.length : Math.max(1, Math.floor((s.points.length * maxPoints) / allPoints.length))
    const shown = thinEvenly(s.points, share)
    drawnCount += shown.length
    for (const p of shown) {
      frame.plot
        .append('circle')
        .attr('class', 'mark point')
        .attr('data-series', s.index)
        .attr('data-name', p.label ?? s.name)
        .attr('data-x', fmt(p.x))
        .attr('data-y', fmt(p.y))
        .attr('cx', x(p.x))
        .attr('cy', y(p.y))
        .attr('r', 3)
        .attr('fill', seriesColor(s.index))
        .attr('fill-opacity', 0.75)
    }
  }
  drawLegend(frame, legend)
  const thinned = drawnCount < allPoints.length ? `showing ${drawnCount} of ${allPoints.length} points` : undefined
  addFrameNote(frame, thinned, omittedText(droppedCount))
  return finishFrame(frame)
}
