/**
 * Empirical CDF per series (latency distributions, time to finality, …). Each series is sorted
 * and drawn as a step line through evenly spaced order statistics (so a million samples draw as a
 * thousand vertices, within one sample's worth of the exact curve); a log x scale suits
 * latencies spanning orders of magnitude. Marks per series: the curve and points at p50, p90
 * and p99.
 */
import { curveStepAfter, line, quantileSorted, scaleLinear, scaleLog } from 'd3'
import type { Markup } from '../markup.ts'
import { drawXAxis, drawYAxis } from './axes.ts'
import { finiteExtent, paddedExtent, plottableValues, sortAscending } from './extent.ts'
import { axisTitle, formatValue } from './format.ts'
import { addFrameNote, createFrame, finishFrame, omittedText } from './frame.ts'
import { drawLegend } from './legend.ts'
import { renderNoData } from './no-data.ts'
import { seriesColor } from './palette.ts'
import { DEFAULT_MAX_POINTS } from './thin.ts'
import type { ChartOptions } from './types.ts'

export interface CdfSeries {
  readonly name: string
  readonly values: readonly number[]
}

export interface CdfData {
  readonly series: readonly CdfSeries[]
}

export interface CdfOptions extends ChartOptions {
  /** `log` drops values ≤ 0 (they have no place on it) and counts them as omitted. */
  readonly xScale?: 'linear' | 'log'
  readonly maxPointsPerSeries?: number
}

export const CDF_MARKED_QUANTILES: readonly number[] = [0.5, 0.9, 0.99]

interface CdfPoint {
  readonly value: number
  readonly share: number
}

/**
 * Points of the empirical CDF: the i-th smallest of n values is at share (i+1)/n. With more than
 * `maxPoints` values only evenly spaced order statistics are kept (first and last included), and
 * only those are built, so a million samples cost a thousand objects.
 */
export function computeCdfPoints(sorted: readonly number[], maxPoints: number = DEFAULT_MAX_POINTS): CdfPoint[] {
  const n = sorted.length
  const count = Math.min(n, Math.max(2, maxPoints))
  const out: CdfPoint[] = []
  for (let k = 0; k < count; k++) {
    const i = count === n ? k : Math.round((k * (n - 1)) / (count - 1))
    out.push({ value: sorted[i]!, share: (i + 1) / n })
  }
  return out
}

export function renderCdf(data: CdfData, options: CdfOptions = {}): Markup {
  const log = options.xScale === 'log'
  let droppedCount = 0
  const series = data.series.map((s, index) => {
    const finite = plottableValues(s.values)
    const kept = log ? finite.values.filter((v) => v > 0) : finite.values
    droppedCount += s.values.length - kept.length
    return { index, name: s.name, sorted: sortAscending(kept) }
  })
  const extent = finiteExtent(series.flatMap((s) => (s.sorted.length ? [s.sorted[0]!, s.sorted[s.sorted.length - 1]!] : [])))
  if (!extent) return renderNoData('cdf', options, log ? 'no positive values to plot' : 'no values to plot')

  const frame = createFrame('cdf', options, { legend: true })
  const x = log
    ? scaleLog().domain(extent[0] === extent[1] ? [extent[0] / 2, extent[1] * 2] : extent).range([0, frame.innerWidthPx]).nice()
    : scaleLinear().domain(paddedExtent(extent)).range([0, frame.innerWidthPx]).nice()
  const y = scaleLinear().domain([0, 1]).range([frame.innerHeightPx, 0])
  drawXAxis(frame, x, { title: axisTitle(options.xLabel, options.xUnit), grid: true })
  drawYAxis(frame, y, { title: axisTitle(options.yLabel ?? 'share of samples', options.yUnit), grid: true })

  const fmt = (v: number): string => formatValue(v, frame.digits)
  for (const s of series) {
    if (s.sorted.length === 0) continue
    const color = seriesColor(s.index)
    const [first] = s.sorted
    // The curve rises from share 0 at the smallest value, so even a single value draws a step.
    const points = [{ value: first!, share: 0 }, ...computeCdfPoints(s.sorted, options.maxPointsPerSeries)]
    frame.plot
      .append('path')
      .attr('class', 'mark cdf-line')
      .attr('data-series', s.index)
      .attr('data-name', s.name)
      .attr('data-n', s.sorted.length)
      .attr('d', line<CdfPoint>().x((p) => x(p.value)).y((p) => y(p.share)).curve(curveStepAfter)(points) ?? '')
      .attr('fill', 'none')
      .attr('stroke', color)
      .attr('stroke-width', 2)
    for (const q of CDF_MARKED_QUANTILES) {
      const value = quantileSorted(s.sorted, q)!
      frame.plot
        .append('circle')
        .attr('class', 'mark quantile')
        .attr('data-series', s.index)
        .attr('data-name', s.name)
        .attr('data-quantile', `p${Math.round(q * 100)}`)
        .attr('data-x', fmt(value))
        .attr('cx', x(value))
        .attr('cy', y(q))
        .attr('r', 3)
        .attr('fill', color)
    }
  }
  drawLegend(frame, series.map((s) => ({ name: s.name, color: seriesColor(s.index), series: s.index, shape: 'line' as const })))
  addFrameNote(frame, omittedText(droppedCount, log ? 'non-positive, non-finite or out-of-range value' : undefined))
  return finishFrame(frame)
}
