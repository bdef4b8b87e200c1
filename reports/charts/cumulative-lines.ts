/**
 * Cumulative lines over time, one per series (earnings by behaviour, tasks completed, …).
 * In `increments` mode each point's y is added to the running total in x order, drawn as a step
 * line because a total only changes at events; in `totals` mode y already is the running value.
 * Marks: one line and one end marker (final value) per non-empty series.
 */
import { line, curveLinear, curveStepAfter, scaleLinear } from 'd3'
import type { Markup } from '../markup.ts'
import { drawXAxis, drawYAxis } from './axes.ts'
import { finiteExtent, isPlottable, paddedExtent, withZero } from './extent.ts'
import { axisTitle, formatValue } from './format.ts'
import { addFrameNote, createFrame, omittedText, finishFrame } from './frame.ts'
import { drawLegend } from './legend.ts'
import { renderNoData } from './no-data.ts'
import { seriesColor } from './palette.ts'
import { thinEvenly } from './thin.ts'
import type { ChartOptions } from './types.ts'

export interface XYPoint {
  readonly x: number
  readonly y: number
}

export interface CumulativeSeries {
  readonly name: string
  readonly points: readonly XYPoint[]
}

export interface CumulativeLinesData {
  readonly series: readonly CumulativeSeries[]
}

export interface CumulativeLinesOptions extends ChartOptions {
  /** `increments` (default): y values are summed in x order; `totals`: y is already the total. */
  readonly mode?: 'increments' | 'totals'
  /** Vertices per line after thinning (default 1000). */
  readonly maxPointsPerSeries?: number
}

interface PreparedSeries {
  readonly index: number
  readonly name: string
  readonly points: readonly XYPoint[]
}

/** Finite points sorted by x (stable), accumulated when `mode` is `increments`. */
export function prepareCumulative(series: CumulativeSeries, mode: 'increments' | 'totals'): { points: XYPoint[]; droppedCount: number } {
  const finite = series.points.filter((p) => isPlottable(p.x) && isPlottable(p.y))
  const sorted = finite.map((p, i) => ({ p, i })).sort((a, b) => a.p.x - b.p.x || a.i - b.i).map((e) => e.p)
  const droppedCount = series.points.length - finite.length
  if (mode === 'totals') return { points: sorted, droppedCount }
  let total = 0
  return { points: sorted.map((p) => ({ x: p.x, y: (total += p.y) })), droppedCount }
}

export function renderCumulativeLines(data: CumulativeLinesData, options: CumulativeLinesOptions = {}): Markup {
  const mode = options.mode ?? 'increments'
  let droppedCount = 0
  const prepared: PreparedSeries[] = data.series.map((s, index) => {
    const r = prepareCumulative(s, mode)
    droppedCount += r.droppedCount
    return { index, name: s.name, points: r.points }
  })
  const drawn = prepared.filter((s) => s.points.length > 0)
  const xExtent = finiteExtent(drawn.flatMap((s) => s.points.map((p) => p.x)))
  const yExtent = finiteExtent(drawn.flatMap((s) => s.points.map((p) => p.y)))
  if (!xExtent || !yExtent) return renderNoData('cumulative', options, 'no points to plot in any series')

  const frame = createFrame('cumulative', options, { legend: true })
  const x = scaleLinear().domain(paddedExtent(xExtent)).range([0, frame.innerWidthPx]).nice()
  const y = scaleLinear().domain(paddedExtent(withZero(yExtent))).range([frame.innerHeightPx, 0]).nice()
  drawXAxis(frame, x, { title: axisTitle(options.xLabel, options.xUnit), grid: true })
  drawYAxis(frame, y, { title: axisTitle(options.yLabel, options.yUnit), grid: true })

  const fmt = (v: number): string => formatValue(v, frame.digits)
  const path = line<XYPoint>()
    .x((p) => x(p.x))
    .y((p) => y(p.y))
    .curve(mode === 'increments' ? curveStepAfter : curveLinear)
  for (const s of drawn) {
    const color = seriesColor(s.index)
    const last = s.points[s.points.length - 1]!
    frame.plot
      .append('path')
      .attr('class', 'mark series-line')
      .attr('data-series', s.index)
      .attr('data-name', s.name)
      .attr('data-final', fmt(last.y))
      .attr('data-points', s.points.length)
      .attr('d', path(thinEvenly(s.points, options.maxPointsPerSeries)) ?? '')
      .attr('fill', 'none')
      .attr('stroke', color)
      .attr('stroke-width', 2)
    frame.plot
      .append('circle')
      .attr('class', 'mark end-marker')
      .attr('data-series', s.index)
      .attr('data-name', s.name)
      .attr('data-x', fmt(last.x))
      .attr('data-y', fmt(last.y))
      .attr('cx', x(last.x))
      .attr('cy', y(last.y))
      .attr('r', 3.5)
      .attr('fill', color)
  }
  drawLegend(frame, prepared.map((s) => ({ name: s.name, color: seriesColor(s.index), series: s.index, shape: 'line' as const })))
  addFrameNote(frame, omittedText(droppedCount))
  return finishFrame(frame)
}
