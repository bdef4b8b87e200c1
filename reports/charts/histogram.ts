/**
 * Histogram with overlaid series and an optional vertical threshold (PoI similarity of honest and
 * cheating outputs against the acceptance threshold, …). All series share the same equal-width
 * bins; `normalize` shows each series as shares of its own total, so a small group can be
 * compared with a large one. Marks: one bar per non-empty bin per series, and the threshold line.
 */
import { scaleLinear } from 'd3'
import type { Markup } from '../markup.ts'
import { drawXAxis, drawYAxis } from './axes.ts'
import { binEdge, computeBinCounts } from './bins.ts'
import { finiteExtent, plottableValues, isPlottable, paddedExtent } from './extent.ts'
import { axisTitle, formatValue } from './format.ts'
import { addFrameNote, createFrame, finishFrame, omittedText } from './frame.ts'
import { type LegendEntry, drawLegend } from './legend.ts'
import { renderNoData } from './no-data.ts'
import { seriesColor } from './palette.ts'
import type { ChartOptions } from './types.ts'

export interface HistogramSeries {
  readonly name: string
  readonly values: readonly number[]
}

export interface HistogramData {
  readonly series: readonly HistogramSeries[]
  readonly threshold?: { readonly value: number; readonly label: string }
}

export interface HistogramOptions extends ChartOptions {
  /** Number of bins (default 30). */
  readonly binCount?: number
  /** Fixed [lo, hi] (for example [0, 1] for similarities); values outside are counted as omitted. */
  readonly domain?: readonly [number, number]
  /** Bars as shares of each series' total instead of counts. */
  readonly normalize?: boolean
}

const THRESHOLD_COLOR = '#d62728'

export function renderHistogram(data: HistogramData, options: HistogramOptions = {}): Markup {
  let droppedCount = 0
  const series = data.series.map((s, index) => {
    const finite = plottableValues(s.values)
    droppedCount += finite.droppedCount
    return { index, name: s.name, values: finite.values }
  })
  const threshold = data.threshold && isPlottable(data.threshold.value) ? data.threshold : undefined
  const dataExtent = finiteExtent(series.flatMap((s) => s.values))
  if (!dataExtent) return renderNoData('histogram', options, 'no values to plot')
  const domain = validDomain(options.domain) ?? paddedExtent(dataExtent)
  const binCount = Number.isInteger(options.binCount) && options.binCount! > 0 ? options.binCount! : 30
  let outsideCount = 0
  const binned = series.map((s) => {
    const r = computeBinCounts(s.values, domain[0], domain[1], binCount)
    outsideCount += r.outsideCount
    const total = s.values.length - r.outsideCount
    return { ...s, counts: r.counts, total }
  })
  const heights = binned.flatMap((s) => s.counts.map((c) => (options.normalize ? c / Math.max(1, s.total) : c)))
  const top = Math.max(...heights)
  if (!(top > 0)) return renderNoData('histogram', options, 'no values inside the domain')

  const frame = createFrame('histogram', options, { legend: true })
  // The threshold widens the axis when it lies outside the data, so it is always visible.
  const xDomain: [number, number] = threshold ? [Math.min(domain[0], threshold.value), Math.max(domain[1], threshold.value)] : [domain[0], domain[1]]
  const x = scaleLinear().domain(xDomain).range([0, frame.innerWidthPx])
  const y = scaleLinear().domain([0, top]).range([frame.innerHeightPx, 0]).nice()
  drawXAxis(frame, x, { title: axisTitle(options.xLabel, options.xUnit), grid: false })
  drawYAxis(frame, y, { title: axisTitle(options.yLabel ?? (options.normalize ? 'share' : 'count'), options.yUnit), grid: true })

  const fmt = (v: number): string => formatValue(v, frame.digits)
  for (const s of binned) {
    s.counts.forEach((count, i) => {
      if (count === 0) return
      const x0 = binEdge(domain[0], domain[1], binCount, i)
      const x1 = binEdge(domain[0], domain[1], binCount, i + 1)
      const height = options.normalize ? count / s.total : count
      frame.plot
        .append('rect')
        .attr('class', 'mark bar')
        .attr('data-series', s.index)
        .attr('data-name', s.name)
        .attr('data-bin', `${fmt(x0)} – ${fmt(x1)}`)
        .attr('data-count', count)
        .attr('data-share', fmt(count / s.total))
        .attr('x', x(x0) + 0.5)
        .attr('width', Math.max(0.5, x(x1) - x(x0) - 1))
        .attr('y', y(height))
        .attr('height', frame.innerHeightPx - y(height))
        .attr('fill', seriesColor(s.index))
        .attr('fill-opacity', 0.45)
        .attr('stroke', seriesColor(s.index))
        .attr('stroke-opacity', 0.8)
    })
  }
  const legend: LegendEntry[] = series.map((s) => ({ name: s.name, color: seriesColor(s.index), series: s.index, shape: 'box' }))
  if (threshold) {
    const tx = x(threshold.value)
    frame.plot
      .append('line')
      .attr('class', 'mark threshold')
      .attr('data-series', series.length)
      .attr('data-name', threshold.label)
      .attr('data-x', fmt(threshold.value))
      .attr('x1', tx)
      .attr('x2', tx)
      .attr('y1', 0)
      .attr('y2', frame.innerHeightPx)
      .attr('stroke', THRESHOLD_COLOR)
      .attr('stroke-width', 2)
      .attr('stroke-dasharray', '6 3')
    legend.push({ name: `${threshold.label} = ${fmt(threshold.value)}`, color: THRESHOLD_COLOR, series: series.length, shape: 'line' })
  }
  drawLegend(frame, legend)
  addFrameNote(frame, omittedText(droppedCount), omittedText(outsideCount, 'value outside the domain'))
  return finishFrame(frame)
}

function validDomain(domain: readonly [number, number] | undefined): readonly [number, number] | undefined {
  return domain && isPlottable(domain[0]) && isPlottable(domain[1]) && domain[1] > domain[0] ? domain : undefined
}
