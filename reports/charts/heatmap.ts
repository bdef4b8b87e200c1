/**
 * Heatmap over two swept parameters (detection rate over redundancy × threshold, …) with a colour
 * legend and an optional boundary polyline (where a property starts to fail). Cells sit on bands
 * in the order the sweep gives; the boundary is in parameter units and is placed by piecewise
 * linear interpolation between the band centres, which needs strictly increasing parameter
 * values. Marks: one cell per finite value, and the boundary.
 */
import { axisRight, line, scaleBand, scaleLinear } from 'd3'
import type { Markup } from '../markup.ts'
import { drawXAxis, drawYAxis } from './axes.ts'
import { finiteExtent, isPlottable, paddedExtent } from './extent.ts'
import { axisTitle, formatValue } from './format.ts'
import { type Frame, addFrameNote, createFrame, finishFrame } from './frame.ts'
import { renderNoData } from './no-data.ts'
import { sequentialColor } from './palette.ts'
import type { ChartOptions } from './types.ts'

export interface HeatmapData {
  readonly xValues: readonly number[]
  readonly yValues: readonly number[]
  /** values[yIndex][xIndex]; null or non-finite marks a cell that was not measured. */
  readonly values: readonly (readonly (number | null)[])[]
  readonly boundary?: { readonly name: string; readonly points: readonly { readonly x: number; readonly y: number }[] }
}

export interface HeatmapOptions extends ChartOptions {
  readonly valueLabel?: string
  readonly valueUnit?: string
  /** Fixed colour domain (for example [0, 1] for rates); defaults to the values' extent. */
  readonly colorDomain?: readonly [number, number]
}

const LEGEND_STEPS = 24

export function isStrictlyIncreasing(values: readonly number[]): boolean {
  for (let i = 0; i < values.length; i++) {
    if (!isPlottable(values[i])) return false
    if (i > 0 && !(values[i]! > values[i - 1]!)) return false
  }
  return true
}

/** Maps a parameter value to a pixel between band centres (clamped to the outer centres). */
export function bandCentreScale(values: readonly number[], scale: any): (v: number) => number {
  const centres = values.map((_, i) => scale(String(i)) + scale.bandwidth() / 2)
  if (values.length === 1) return () => centres[0]!
  const s = scaleLinear().domain(values).range(centres).clamp(true)
  return (v: number) => s(v)
}

export function renderHeatmap(data: HeatmapData, options: HeatmapOptions = {}): Markup {
  const nx = data.xValues.length
  const ny = data.yValues.length
  if (nx === 0 || ny === 0) return renderNoData('heatmap', options, 'no parameter values')
  if (!data.xValues.every(isPlottable) || !data.yValues.every(isPlottable)) {
    return renderNoData('heatmap', options, 'parameter values must be finite numbers')
  }
  if (data.values.length !== ny || data.values.some((row) => row.length !== nx)) {
    return renderNoData('heatmap', options, `values are not ${ny}×${nx} (y × x)`)
  }
  const extent = finiteExtent(data.values.flatMap((row) => row.filter(isPlottable)))
  if (!extent) return renderNoData('heatmap', options, 'no values to plot')
  const given = options.colorDomain
  const colorDomain = given && isPlottable(given[0]) && isPlottable(given[1]) && given[1] > given[0] ? given : paddedExtent(extent)

  const frame = createFrame('heatmap', options, { legend: true })
  const x = scaleBand<string>().domain(data.xValues.map((_, i) => String(i))).range([0, frame.innerWidthPx]).padding(0.02)
  const y = scaleBand<string>().domain(data.yValues.map((_, i) => String(i))).range([frame.innerHeightPx, 0]).padding(0.02)
  const fmt = (v: number): string => formatValue(v, frame.digits)
  drawXAxis(frame, x, { title: axisTitle(options.xLabel, options.xUnit), tickLabel: (k) => fmt(data.xValues[Number(k)]!) })
  drawYAxis(frame, y, { title: axisTitle(options.yLabel, options.yUnit), tickLabel: (k) => fmt(data.yValues[Number(k)]!) })
  const valueTitle = axisTitle(options.valueLabel ?? 'value', options.valueUnit)
  frame.svg.attr('data-label-value', valueTitle)

  const t = (v: number): number => (v - colorDomain[0]) / (colorDomain[1] - colorDomain[0])
  let missingCount = 0
  data.values.forEach((row, yi) => {
    row.forEach((v, xi) => {
      const cell = frame.plot.append('rect').attr('x', x(String(xi))).attr('y', y(String(yi))).attr('width', x.bandwidth()).attr('height', y.bandwidth())
      if (!isPlottable(v)) {
        missingCount++
        cell.attr('class', 'missing').attr('fill', '#eee').attr('stroke', '#ccc').attr('stroke-dasharray', '2 2')
        return
      }
      cell
        .attr('class', 'mark cell')
        .attr('data-x', fmt(data.xValues[xi]!))
        .attr('data-y', fmt(data.yValues[yi]!))
        .attr('data-value', fmt(v))
        .attr('fill', sequentialColor(t(v)))
    })
  })
  drawBoundary(frame, data, x, y)
  drawColorLegend(frame, colorDomain, valueTitle)
  addFrameNote(frame, missingCount > 0 ? `${missingCount} cell${missingCount === 1 ? '' : 's'} not measured` : undefined)
  return finishFrame(frame)
}

function drawBoundary(frame: Frame, data: HeatmapData, x: any, y: any): void {
  const boundary = data.boundary
  if (!boundary) return
  const points = boundary.points.filter((p) => isPlottable(p.x) && isPlottable(p.y))
  if (points.length < 2 || !isStrictlyIncreasing(data.xValues) || !isStrictlyIncreasing(data.yValues)) {
    addBoundaryNote(frame, 'boundary not drawn: it needs 2 finite points and increasing parameter values')
    return
  }
  const px = bandCentreScale(data.xValues, x)
  const py = bandCentreScale(data.yValues, y)
  const fmt = (v: number): string => formatValue(v, frame.digits)
  frame.plot
    .append('path')
    .attr('class', 'mark boundary')
    .attr('data-name', boundary.name)
    .attr('data-points', points.map((p) => `(${fmt(p.x)}, ${fmt(p.y)})`).join(' '))
    .attr('d', line<{ x: number; y: number }>().x((p) => px(p.x)).y((p) => py(p.y))(points) ?? '')
    .attr('fill', 'none')
    .attr('stroke', '#fff')
    .attr('stroke-width', 3)
    .attr('stroke-dasharray', '7 3')
}

function addBoundaryNote(frame: Frame, text: string): void {
  frame.svg.append('text').attr('class', 'chart-note boundary-note').attr('x', frame.leftPx).attr('y', frame.heightPx - 4).attr('font-size', 10).attr('fill', '#a00').text(text)
}

/** A vertical colour ramp of discrete steps (no gradient ids, which could collide in a page). */
function drawColorLegend(frame: Frame, domain: readonly [number, number], title: string): void {
  const heightPx = Math.min(frame.innerHeightPx, 200)
  const g = frame.svg.append('g').attr('class', 'color-legend').attr('transform', `translate(${frame.legendLeftPx},${frame.topPx})`)
  const stepPx = heightPx / LEGEND_STEPS
  for (let i = 0; i < LEGEND_STEPS; i++) {
    g.append('rect')
      .attr('x', 0)
      .attr('y', heightPx - (i + 1) * stepPx)
      .attr('width', 14)
      .attr('height', stepPx + 0.5)
      .attr('fill', sequentialColor((i + 0.5) / LEGEND_STEPS))
  }
  const scale = scaleLinear().domain(domain).range([heightPx, 0])
  g.append('g').attr('class', 'axis axis-color').attr('transform', 'translate(14,0)').call(axisRight(scale).ticks(5))
  g.append('text').attr('class', 'color-legend-title').attr('x', 0).attr('y', heightPx + 18).attr('fill', '#333').text(title)
}
