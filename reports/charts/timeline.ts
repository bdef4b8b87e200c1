/**
 * Gantt-style timeline (oracle leadership windows, node status over time, …): one lane per row,
 * coloured intervals and point markers, both coloured by category. Categories form the legend
 * and toggle together. Marks: one rect per valid interval and one diamond per valid marker.
 */
import { scaleBand, scaleLinear, symbol, symbolDiamond } from 'd3'
import type { Markup } from '../markup.ts'
import { drawXAxis, drawYAxis } from './axes.ts'
import { finiteExtent, isPlottable, paddedExtent } from './extent.ts'
import { axisTitle, formatValue } from './format.ts'
import { addFrameNote, createFrame, finishFrame, omittedText } from './frame.ts'
import { drawLegend } from './legend.ts'
import { renderNoData } from './no-data.ts'
import { seriesColor } from './palette.ts'
import type { ChartOptions } from './types.ts'

export interface TimelineInterval {
  readonly start: number
  readonly end: number
  /** Index into `categories`. */
  readonly category: number
  readonly label?: string
}

export interface TimelineMarker {
  readonly at: number
  readonly category: number
  readonly label?: string
}

export interface TimelineLane {
  readonly name: string
  readonly intervals: readonly TimelineInterval[]
  readonly markers?: readonly TimelineMarker[]
}

export interface TimelineCategory {
  readonly name: string
  /** CSS colour; defaults to the series palette by index. */
  readonly color?: string
}

export interface TimelineData {
  readonly lanes: readonly TimelineLane[]
  readonly categories: readonly TimelineCategory[]
}

function isCategory(data: TimelineData, c: number): boolean {
  return Number.isInteger(c) && c >= 0 && c < data.categories.length
}

export function isValidInterval(data: TimelineData, i: TimelineInterval): boolean {
  return isPlottable(i.start) && isPlottable(i.end) && i.end >= i.start && isCategory(data, i.category)
}

export function isValidMarker(data: TimelineData, m: TimelineMarker): boolean {
  return isPlottable(m.at) && isCategory(data, m.category)
}

export function renderTimeline(data: TimelineData, options: ChartOptions = {}): Markup {
  const lanes = data.lanes.map((lane, index) => ({
    index,
    name: lane.name,
    intervals: lane.intervals.filter((i) => isValidInterval(data, i)),
    markers: (lane.markers ?? []).filter((m) => isValidMarker(data, m)),
    givenCount: lane.intervals.length + (lane.markers?.length ?? 0),
  }))
  const times = lanes.flatMap((l) => [...l.intervals.flatMap((i) => [i.start, i.end]), ...l.markers.map((m) => m.at)])
  const extent = finiteExtent(times)
  if (!extent) return renderNoData('timeline', options, 'no valid intervals or markers')
  const invalidCount = lanes.reduce((n, l) => n + l.givenCount - l.intervals.length - l.markers.length, 0)

  const longest = lanes.reduce((m, l) => Math.max(m, Array.from(l.name).length), 0)
  const frame = createFrame('timeline', options, { legend: true, marginLeftPx: Math.min(140, 24 + longest * 6.5) })
  const x = scaleLinear().domain(paddedExtent(extent)).range([0, frame.innerWidthPx])
  const y = scaleBand<string>().domain(lanes.map((l) => String(l.index))).range([0, frame.innerHeightPx]).padding(0.2)
  drawXAxis(frame, x, { title: axisTitle(options.xLabel, options.xUnit), grid: true })
  drawYAxis(frame, y, { title: axisTitle(options.yLabel, options.yUnit), tickLabel: (key) => lanes[Number(key)]!.name, maxLabelChars: 20 })

  const fmt = (v: number): string => formatValue(v, frame.digits)
  const color = (c: number): string => data.categories[c]!.color ?? seriesColor(c)
  const diamond = symbol().type(symbolDiamond).size(Math.max(24, Math.min(80, y.bandwidth() * 3)))()
  for (const lane of lanes) {
    const top = y(String(lane.index))!
    for (const i of lane.intervals) {
      frame.plot
        .append('rect')
        .attr('class', 'mark interval')
        .attr('data-series', i.category)
        .attr('data-name', lane.name)
        .attr('data-category', data.categories[i.category]!.name)
        .attr('data-start', fmt(i.start))
        .attr('data-end', fmt(i.end))
        .attr('data-duration', fmt(i.end - i.start))
        .attr('data-label', i.label ?? '')
        .attr('x', x(i.start))
        // An instantaneous interval stays visible as a 1 px sliver.
        .attr('width', Math.max(1, x(i.end) - x(i.start)))
        .attr('y', top)
        .attr('height', y.bandwidth())
        .attr('fill', color(i.category))
        .attr('fill-opacity', 0.8)
    }
    for (const m of lane.markers) {
      frame.plot
        .append('path')
        .attr('class', 'mark marker')
        .attr('data-series', m.category)
        .attr('data-name', lane.name)
        .attr('data-category', data.categories[m.category]!.name)
        .attr('data-at', fmt(m.at))
        .attr('data-label', m.label ?? '')
        .attr('transform', `translate(${x(m.at)},${top + y.bandwidth() / 2})`)
        .attr('d', diamond)
        .attr('fill', color(m.category))
        .attr('stroke', '#222')
        .attr('stroke-width', 0.75)
    }
  }
  drawLegend(frame, data.categories.map((c, i) => ({ name: c.name, color: color(i), series: i, shape: 'box' as const })))
  addFrameNote(frame, omittedText(invalidCount, 'invalid interval or marker'))
  return finishFrame(frame)
}
