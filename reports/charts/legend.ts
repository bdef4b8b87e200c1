/**
 * The legend column. Each entry is a `g.legend-item` carrying `data-series`; the page script
 * hides the marks with the same `data-series` in the same chart when the entry is clicked.
 */
import type { Frame } from './frame.ts'
import { truncateLabel } from './format.ts'

export interface LegendEntry {
  readonly name: string
  readonly color: string
  /** Series key shared with the marks this entry toggles. */
  readonly series: number
  /** Swatch: a filled box (areas, bars) or a line (lines, thresholds). */
  readonly shape: 'box' | 'line'
}

const ROW_HEIGHT_PX = 18
const MAX_LABEL_CHARS = 20

export function drawLegend(frame: Frame, entries: readonly LegendEntry[]): void {
  const g = frame.svg.append('g').attr('class', 'legend').attr('transform', `translate(${frame.legendLeftPx},${frame.topPx})`)
  const capacity = Math.max(1, Math.floor(frame.innerHeightPx / ROW_HEIGHT_PX))
  // Past the capacity the rest is summarised, so a legend never runs off the chart.
  const shown = entries.length > capacity ? entries.slice(0, capacity - 1) : entries
  shown.forEach((entry, i) => {
    const item = g
      .append('g')
      .attr('class', 'legend-item')
      .attr('data-series', entry.series)
      .attr('data-name', entry.name)
      .attr('transform', `translate(0,${i * ROW_HEIGHT_PX})`)
      .attr('cursor', 'pointer')
    item.append('title').text(`${entry.name} (click to show or hide)`)
    if (entry.shape === 'box') {
      item.append('rect').attr('width', 12).attr('height', 12).attr('fill', entry.color).attr('fill-opacity', 0.7).attr('stroke', entry.color)
    } else {
      item.append('line').attr('x1', 0).attr('x2', 12).attr('y1', 6).attr('y2', 6).attr('stroke', entry.color).attr('stroke-width', 2.5)
    }
    item.append('text').attr('x', 18).attr('y', 10).attr('fill', '#333').text(truncateLabel(entry.name, MAX_LABEL_CHARS))
  })
  if (shown.length < entries.length) {
    g.append('text')
      .attr('class', 'legend-more')
      .attr('y', shown.length * ROW_HEIGHT_PX + 10)
      .attr('fill', '#666')
      .text(`+${entries.length - shown.length} more`)
  }
}
