/**
 * Percentile bands over time, one set per series (reputation by behaviour, queue length, …): an
 * outer band (for example p5–p95), an inner band (p25–p75) and the median line. The bands are
 * given, not computed here: run output already holds per-interval quantiles, and a report must
 * not need the raw samples. Marks: per series the two band areas and the median line, and one
 * median point per row (thinned) carrying every quantile for the tooltip.
 */
import { area, line, scaleLinear } from 'd3'
import type { Markup } from '../markup.ts'
import { drawXAxis, drawYAxis } from './axes.ts'
import { finiteExtent, isPlottable, paddedExtent } from './extent.ts'
import { axisTitle, formatValue } from './format.ts'
import { addFrameNote, createFrame, omittedText, finishFrame } from './frame.ts'
import { drawLegend } from './legend.ts'
import { renderNoData } from './no-data.ts'
import { seriesColor } from './palette.ts'
import { thinEvenly } from './thin.ts'
import type { ChartOptions } from './types.ts'

/** One time step: outer low, lower quartile, median, upper quartile, outer high. */
export interface PercentileRow {
  readonly x: number
  readonly lo: number
  readonly q1: number
  readonly median: number
  readonly q3: number
  readonly hi: number
}

export interface PercentileSeries {
  readonly name: string
  readonly rows: readonly PercentileRow[]
}

export interface PercentileBandsData {
  readonly series: readonly PercentileSeries[]
}

export interface PercentileBandsOptions extends ChartOptions {
  /** Names of the bands for tooltips (defaults "p5–p95" and "p25–p75"). */
  readonly outerBandLabel?: string
  readonly innerBandLabel?: string
  /** Median points per series after thinning (default 200). */
  readonly maxMarkersPerSeries?: number
}

/** Is the row finite and ordered lo ≤ q1 ≤ median ≤ q3 ≤ hi? Anything else cannot be drawn. */
export function isValidPercentileRow(r: PercentileRow): boolean {
  const v = [r.x, r.lo, r.q1, r.median, r.q3, r.hi]
  if (!v.every(isPlottable)) return false
  return r.lo <= r.q1 && r.q1 <= r.median && r.median <= r.q3 && r.q3 <= r.hi
}

export function renderPercentileBands(data: PercentileBandsData, options: PercentileBandsOptions = {}): Markup {
  let invalidCount = 0
  const series = data.series.map((s, index) => {
    const rows = s.rows.filter(isValidPercentileRow).slice().sort((a, b) => a.x - b.x)
    invalidCount += s.rows.length - rows.length
    return { index, name: s.name, rows }
  })
  const drawn = series.filter((s) => s.rows.length > 0)
  const xExtent = finiteExtent(drawn.flatMap((s) => s.rows.map((r) => r.x)))
  const yExtent = finiteExtent(drawn.flatMap((s) => s.rows.flatMap((r) => [r.lo, r.hi])))
  if (!xExtent || !yExtent) return renderNoData('percentiles', options, 'no valid percentile rows to plot')

  const frame = createFrame('percentiles', options, { legend: true })
  const x = scaleLinear().domain(paddedExtent(xExtent)).range([0, frame.innerWidthPx]).nice()
  const y = scaleLinear().domain(paddedExtent(yExtent)).range([frame.innerHeightPx, 0]).nice()
  drawXAxis(frame, x, { title: axisTitle(options.xLabel, options.xUnit), grid: true })
  drawYAxis(frame, y, { title: axisTitle(options.yLabel, options.yUnit), grid: true })

  const fmt = (v: number): string => formatValue(v, frame.digits)
  const outerLabel = options.outerBandLabel ?? 'p5–p95'
  const innerLabel = options.innerBandLabel ?? 'p25–p75'
  // The tooltip names data-inner / data-outer after the bands (see the page script).
  frame.svg.attr('data-label-inner', innerLabel).attr('data-label-outer', outerLabel)
  for (const s of drawn) {
    const color = seriesColor(s.index)
    const band = (lo: (r: PercentileRow) => number, hi: (r: PercentileRow) => number) =>
      area<PercentileRow>().x((r) => x(r.x)).y0((r) => y(lo(r))).y1((r) => y(hi(r)))(s.rows) ?? ''
    const bands: readonly [string, string, number][] = [
      [outerLabel, band((r) => r.lo, (r) => r.hi), 0.15],
      [innerLabel, band((r) => r.q1, (r) => r.q3), 0.3],
    ]
    for (const [label, d, opacity] of bands) {
      frame.plot
        .append('path')
        .attr('class', 'mark band')
        .attr('data-series', s.index)
        .attr('data-name', s.name)
        .attr('data-band', label)
        .attr('d', d)
        .attr('fill', color)
        .attr('fill-opacity', opacity)
    }
    frame.plot
      .append('path')
      .attr('class', 'mark median-line')
      .attr('data-series', s.index)
      .attr('data-name', s.name)
      .attr('d', line<PercentileRow>().x((r) => x(r.x)).y((r) => y(r.median))(s.rows) ?? '')
      .attr('fill', 'none')
      .attr('stroke', color)
      .attr('stroke-width', 2)
    for (const r of thinEvenly(s.rows, options.maxMarkersPerSeries ?? 200)) {
      frame.plot
        .append('circle')
        .attr('class', 'mark median-point')
        .attr('data-series', s.index)
        .attr('data-name', s.name)
        .attr('data-x', fmt(r.x))
        .attr('data-median', fmt(r.median))
        .attr('data-inner', `${fmt(r.q1)} – ${fmt(r.q3)}`)
        .attr('data-outer', `${fmt(r.lo)} – ${fmt(r.hi)}`)
        .attr('cx', x(r.x))
        .attr('cy', y(r.median))
        .attr('r', 2.5)
        .attr('fill', color)
    }
  }
  drawLegend(frame, series.map((s) => ({ name: s.name, color: seriesColor(s.index), series: s.index, shape: 'box' as const })))
  addFrameNote(frame, omittedText(invalidCount, 'invalid row'))
  return finishFrame(frame)
}
