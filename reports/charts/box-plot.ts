/**
 * Box or violin plot by group (earnings per behaviour, latency per region, …). Each group is one
 * band on the x axis; its values are summarised by `computeBoxStats` and, for violins, by a
 * kernel density. Marks per group with data: the box (count, quartiles, whiskers, mean), the
 * violin outline when drawn, and one point per outlier (thinned to `maxOutliersPerGroup`).
 */
import { area, curveBasis, scaleBand, scaleLinear } from 'd3'
import type { Markup } from '../markup.ts'
import { drawXAxis, drawYAxis } from './axes.ts'
import { type BoxStats, computeBoxStats, computeDensity } from './box-stats.ts'
import { finiteExtent, paddedExtent, plottableValues, sortAscending } from './extent.ts'
import { axisTitle, formatValue } from './format.ts'
import { type Frame, addFrameNote, createFrame, finishFrame, omittedText } from './frame.ts'
import { renderNoData } from './no-data.ts'
import { seriesColor } from './palette.ts'
import { thinEvenly } from './thin.ts'
import type { ChartOptions } from './types.ts'

export interface GroupValues {
  readonly name: string
  readonly values: readonly number[]
}

export interface BoxPlotData {
  readonly groups: readonly GroupValues[]
}

export interface BoxPlotOptions extends ChartOptions {
  /** `box` (default), `violin` (density outline with a slim box inside) or `both`. */
  readonly kind?: 'box' | 'violin' | 'both'
  readonly maxOutliersPerGroup?: number
}

interface Group {
  readonly index: number
  readonly name: string
  readonly sorted: readonly number[]
  readonly stats: BoxStats | undefined
}

export function renderBoxPlot(data: BoxPlotData, options: BoxPlotOptions = {}): Markup {
  let droppedCount = 0
  const groups: Group[] = data.groups.map((g, index) => {
    const finite = plottableValues(g.values)
    droppedCount += finite.droppedCount
    const sorted = sortAscending(finite.values)
    return { index, name: g.name, sorted, stats: computeBoxStats(sorted) }
  })
  const yExtent = finiteExtent(groups.flatMap((g) => (g.stats ? [g.stats.min, g.stats.max] : [])))
  if (!yExtent) return renderNoData('box', options, 'no values to plot in any group')

  const frame = createFrame('box', options, { legend: false })
  // Band keys are indices: two groups may share a name, and each still gets its own band.
  const x = scaleBand<string>().domain(groups.map((g) => String(g.index))).range([0, frame.innerWidthPx]).padding(0.3)
  const y = scaleLinear().domain(paddedExtent(yExtent)).range([frame.innerHeightPx, 0]).nice()
  drawXAxis(frame, x, { title: axisTitle(options.xLabel, options.xUnit), tickLabel: (key) => groupLabel(groups, key), maxLabelChars: 20 })
  drawYAxis(frame, y, { title: axisTitle(options.yLabel, options.yUnit), grid: true })

  const kind = options.kind ?? 'box'
  for (const g of groups) {
    if (!g.stats) continue
    const left = x(String(g.index))!
    if (kind !== 'box') drawViolin(frame, g, left, x.bandwidth(), y)
    const boxWidth = kind === 'violin' ? Math.min(12, x.bandwidth() / 4) : x.bandwidth()
    drawBox(frame, g, g.stats, left + (x.bandwidth() - boxWidth) / 2, boxWidth, y, options.maxOutliersPerGroup ?? 50)
  }
  addFrameNote(frame, omittedText(droppedCount))
  return finishFrame(frame)
}

function groupLabel(groups: readonly Group[], key: string): string {
  const g = groups[Number(key)]!
  return g.stats ? g.name : `${g.name} (n=0)`
}

function drawBox(frame: Frame, g: Group, s: BoxStats, left: number, width: number, y: any, maxOutliers: number): void {
  const fmt = (v: number): string => formatValue(v, frame.digits)
  const color = seriesColor(g.index)
  const mid = left + width / 2
  const box = frame.plot.append('g').attr('class', 'box-group').attr('data-group', g.index)
  box.append('line').attr('class', 'whisker').attr('x1', mid).attr('x2', mid).attr('y1', y(s.whiskerLo)).attr('y2', y(s.whiskerHi)).attr('stroke', '#444')
  for (const w of [s.whiskerLo, s.whiskerHi]) {
    box.append('line').attr('class', 'whisker-cap').attr('x1', mid - width / 4).attr('x2', mid + width / 4).attr('y1', y(w)).attr('y2', y(w)).attr('stroke', '#444')
  }
  box
    .append('rect')
    .attr('class', 'mark box')
    .attr('data-name', g.name)
    .attr('data-n', s.count)
    .attr('data-median', fmt(s.median))
    .attr('data-q1', fmt(s.q1))
    .attr('data-q3', fmt(s.q3))
    .attr('data-whiskers', `${fmt(s.whiskerLo)} – ${fmt(s.whiskerHi)}`)
    .attr('data-mean', fmt(s.mean))
    .attr('x', left)
    .attr('y', y(s.q3))
    // A box of equal quartiles still gets a visible sliver.
    .attr('height', Math.max(1, y(s.q1) - y(s.q3)))
    .attr('width', width)
    .attr('fill', color)
    .attr('fill-opacity', 0.35)
    .attr('stroke', color)
  box.append('line').attr('class', 'median').attr('x1', left).attr('x2', left + width).attr('y1', y(s.median)).attr('y2', y(s.median)).attr('stroke', '#222').attr('stroke-width', 2)
  for (const v of thinEvenly(s.outliers, maxOutliers)) {
    box
      .append('circle')
      .attr('class', 'mark outlier')
      .attr('data-name', g.name)
      .attr('data-value', fmt(v))
      .attr('cx', mid)
      .attr('cy', y(v))
      .attr('r', 2.5)
      .attr('fill', 'none')
      .attr('stroke', color)
  }
}

function drawViolin(frame: Frame, g: Group, left: number, bandWidth: number, y: any): void {
  const density = computeDensity(g.sorted)
  if (!density) return
  const peak = Math.max(...density.map((p) => p.density))
  const half = bandWidth / 2
  const mid = left + half
  const d = area<{ value: number; density: number }>()
    .y((p) => y(p.value))
    .x0((p) => mid - (p.density / peak) * half)
    .x1((p) => mid + (p.density / peak) * half)
    .curve(curveBasis)(density)
  frame.plot
    .append('path')
    .attr('class', 'mark violin')
    .attr('data-name', g.name)
    .attr('data-n', g.sorted.length)
    .attr('d', d ?? '')
    .attr('fill', seriesColor(g.index))
    .attr('fill-opacity', 0.25)
    .attr('stroke', seriesColor(g.index))
}
