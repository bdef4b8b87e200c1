/**
 * Axes with titles. d3's axis generators draw ticks; we add the axis title (label and unit) and
 * faint grid lines across the plot for linear value axes.
 */
import { axisBottom, axisLeft } from 'd3'
import type { Frame } from './frame.ts'
import { truncateLabel } from './format.ts'

export interface AxisOptions {
  /** Axis title, usually `axisTitle(label, unit)`; omitted when empty. */
  readonly title: string
  /** Approximate tick count for continuous scales. */
  readonly ticks?: number
  /** Draw grid lines across the plot at each tick (continuous scales only). */
  readonly grid?: boolean
  /** Longest tick label in characters before it is shortened (categorical scales). */
  readonly maxLabelChars?: number
  /** Label of a categorical tick from its key (default: the key itself), shortened as above. */
  readonly tickLabel?: (key: string) => string
}

/** Draws the x axis along the bottom of the plot area. `scale` is any d3 scale. */
export function drawXAxis(frame: Frame, scale: any, options: AxisOptions): void {
  const axis = axisBottom(scale)
  configureTicks(axis, scale, options)
  const g = frame.plot.append('g').attr('class', 'axis axis-x').attr('transform', `translate(0,${frame.innerHeightPx})`).call(axis)
  if (options.grid && scale.ticks) {
    g.selectAll('.tick line').clone().attr('class', 'grid').attr('y2', -frame.innerHeightPx).attr('stroke-opacity', 0.08)
  }
  if (options.title) {
    frame.plot
      .append('text')
      .attr('class', 'axis-title axis-title-x')
      .attr('x', frame.innerWidthPx / 2)
      .attr('y', frame.innerHeightPx + 34)
      .attr('text-anchor', 'middle')
      .attr('fill', '#333')
      .text(options.title)
  }
}

/** Draws the y axis along the left of the plot area. */
export function drawYAxis(frame: Frame, scale: any, options: AxisOptions): void {
  const axis = axisLeft(scale)
  configureTicks(axis, scale, options)
  const g = frame.plot.append('g').attr('class', 'axis axis-y').call(axis)
  if (options.grid && scale.ticks) {
    g.selectAll('.tick line').clone().attr('class', 'grid').attr('x2', frame.innerWidthPx).attr('stroke-opacity', 0.08)
  }
  if (options.title) {
    frame.plot
      .append('text')
      .attr('class', 'axis-title axis-title-y')
      .attr('transform', `translate(${-frame.leftPx + 14},${frame.innerHeightPx / 2}) rotate(-90)`)
      .attr('text-anchor', 'middle')
      .attr('fill', '#333')
      .text(options.title)
  }
}

function configureTicks(axis: any, scale: any, options: AxisOptions): void {
  if (scale.ticks) {
    axis.ticks(options.ticks ?? 6)
  } else {
    // Categorical axis: names come from user files and can be long.
    const maxChars = options.maxLabelChars ?? 14
    const label = options.tickLabel ?? ((key: string) => key)
    axis.tickFormat((key: string) => truncateLabel(label(String(key)), maxChars))
  }
}
