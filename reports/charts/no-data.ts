/**
 * The chart drawn when there is nothing to plot (no points, only non-finite values, a zero
 * matrix): a dashed box with a visible "No data" note and the reason, never an empty or broken
 * SVG. The root carries `data-no-data` so reports and tests can count such charts.
 */
import type { Markup } from '../markup.ts'
import { createFrame, finishFrame } from './frame.ts'
import type { ChartOptions } from './types.ts'

export function renderNoData(kind: string, options: ChartOptions, reason: string): Markup {
  const frame = createFrame(kind, options, { legend: false, marginLeftPx: 16, marginBottomPx: 16 })
  frame.svg.attr('data-no-data', reason).attr('class', `chart chart-${kind} no-data`)
  frame.plot
    .append('rect')
    .attr('class', 'no-data-box')
    .attr('width', frame.innerWidthPx)
    .attr('height', frame.innerHeightPx)
    .attr('fill', '#fafafa')
    .attr('stroke', '#bbb')
    .attr('stroke-dasharray', '4 3')
  const text = frame.plot
    .append('text')
    .attr('class', 'no-data-note')
    .attr('x', frame.innerWidthPx / 2)
    .attr('y', frame.innerHeightPx / 2)
    .attr('text-anchor', 'middle')
    .attr('fill', '#555')
  text.append('tspan').attr('x', frame.innerWidthPx / 2).attr('font-weight', 'bold').text('No data')
  text.append('tspan').attr('x', frame.innerWidthPx / 2).attr('dy', '1.4em').text(reason)
  return finishFrame(frame)
}
