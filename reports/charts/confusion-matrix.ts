/**
 * Confusion matrix (PoI verdicts against the truth: honest/cheating × accepted/rejected, …).
 * Rows are the actual class, columns the predicted one; each cell shows its count and its share
 * of the row, and is shaded by that share, so the diagonal reads as per-class recall whatever
 * the class sizes. Marks: one cell per matrix entry.
 */
import { scaleBand } from 'd3'
import type { Markup } from '../markup.ts'
import { drawXAxis, drawYAxis } from './axes.ts'
import { isPlottable } from './extent.ts'
import { formatValue } from './format.ts'
import { createFrame, finishFrame } from './frame.ts'
import { renderNoData } from './no-data.ts'
import { sequentialColor } from './palette.ts'
import type { ChartOptions } from './types.ts'

export interface ConfusionMatrixData {
  /** Class names, in the order of rows and of columns. */
  readonly labels: readonly string[]
  /** counts[actual][predicted], non-negative. */
  readonly counts: readonly (readonly number[])[]
}

export interface ConfusionMatrixOptions extends ChartOptions {
  readonly actualLabel?: string
  readonly predictedLabel?: string
}

/** Why the matrix cannot be drawn, or undefined when it can. */
export function confusionMatrixProblem(data: ConfusionMatrixData): string | undefined {
  const n = data.labels.length
  if (n === 0) return 'no classes'
  if (data.counts.length !== n || data.counts.some((row) => row.length !== n)) return `counts are not ${n}×${n}`
  if (data.counts.some((row) => row.some((c) => !isPlottable(c) || c < 0))) return 'counts must be finite and non-negative'
  if (data.counts.every((row) => row.every((c) => c === 0))) return 'all counts are zero'
  return undefined
}

export function renderConfusionMatrix(data: ConfusionMatrixData, options: ConfusionMatrixOptions = {}): Markup {
  const problem = confusionMatrixProblem(data)
  if (problem) return renderNoData('confusion', options, problem)
  const n = data.labels.length
  const keys = data.labels.map((_, i) => String(i))
  const label = (key: string): string => data.labels[Number(key)]!
  const frame = createFrame('confusion', options, { legend: false, marginLeftPx: 110, marginBottomPx: 48 })
  const side = Math.min(frame.innerWidthPx, frame.innerHeightPx)
  const x = scaleBand<string>().domain(keys).range([0, side]).padding(0.04)
  const y = scaleBand<string>().domain(keys).range([0, side]).padding(0.04)
  // The plot is square; the axes follow its side, not the frame's full width.
  const squareFrame = { ...frame, innerWidthPx: side, innerHeightPx: side }
  drawXAxis(squareFrame, x, { title: options.predictedLabel ?? 'predicted', tickLabel: label })
  drawYAxis(squareFrame, y, { title: options.actualLabel ?? 'actual', tickLabel: label })

  const fmt = (v: number): string => formatValue(v, frame.digits)
  for (let a = 0; a < n; a++) {
    const row = data.counts[a]!
    const rowTotal = row.reduce((s, c) => s + c, 0)
    for (let p = 0; p < n; p++) {
      const count = row[p]!
      const share = rowTotal > 0 ? count / rowTotal : 0
      const cx = x(String(p))!
      const cy = y(String(a))!
      frame.plot
        .append('rect')
        .attr('class', 'mark cell')
        .attr('data-actual', data.labels[a]!)
        .attr('data-predicted', data.labels[p]!)
        .attr('data-count', fmt(count))
        .attr('data-row-share', fmt(share))
        .attr('x', cx)
        .attr('y', cy)
        .attr('width', x.bandwidth())
        .attr('height', y.bandwidth())
        .attr('fill', sequentialColor(0.1 + 0.85 * share, 'blues'))
        .attr('stroke', a === p ? '#333' : 'none')
      frame.plot
        .append('text')
        .attr('class', 'cell-label')
        .attr('x', cx + x.bandwidth() / 2)
        .attr('y', cy + y.bandwidth() / 2)
        .attr('text-anchor', 'middle')
        .attr('dy', '0.35em')
        .attr('pointer-events', 'none')
        .attr('fill', share > 0.55 ? '#fff' : '#111')
        .text(`${fmt(count)} (${formatValue(share * 100, 1)}%)`)
    }
  }
  return finishFrame(frame)
}
