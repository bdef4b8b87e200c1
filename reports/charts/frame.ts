/**
 * The frame every chart draws into: an `<svg>` root with an explicit xmlns, an accessible title,
 * margins for axes, an optional legend column on the right, and a `<g class="plot">` translated
 * to the plot area. `finishFrame` serializes it.
 */
import { select } from 'd3'
import { type Markup, asMarkup } from '../markup.ts'
import { createDocument, serializeNode } from './dom.ts'
import { axisTitle } from './format.ts'
import { DEFAULT_DIGITS, DEFAULT_HEIGHT_PX, DEFAULT_WIDTH_PX, type ChartOptions } from './types.ts'

export const SVG_NS = 'http://www.w3.org/2000/svg'
export const LEGEND_WIDTH_PX = 150
const TITLE_HEIGHT_PX = 22
const MIN_PLOT_PX = 40

export interface FrameLayout {
  /** Reserve a column on the right for a legend. */
  readonly legend: boolean
  /** Left margin; wider for categorical labels on the y axis. */
  readonly marginLeftPx?: number
  /** Bottom margin; wider for rotated or categorical x labels. */
  readonly marginBottomPx?: number
}

export interface Frame {
  /** d3 selection of the `<svg>` root (linkedom's DOM is untyped, as d3's types need the DOM lib). */
  readonly svg: any
  /** d3 selection of the plot group, origin at the plot area's top-left corner. */
  readonly plot: any
  readonly widthPx: number
  readonly heightPx: number
  readonly leftPx: number
  readonly topPx: number
  readonly innerWidthPx: number
  readonly innerHeightPx: number
  /** Left edge of the legend column (only meaningful when the layout asked for a legend). */
  readonly legendLeftPx: number
  readonly digits: number
  readonly options: ChartOptions
}

/** Creates the frame for a chart of `kind` (used as the CSS class `chart-<kind>`). */
export function createFrame(kind: string, options: ChartOptions, layout: FrameLayout): Frame {
  const widthPx = positiveOr(options.widthPx, DEFAULT_WIDTH_PX)
  const heightPx = positiveOr(options.heightPx, DEFAULT_HEIGHT_PX)
  const topPx = (options.title ? TITLE_HEIGHT_PX : 0) + 12
  const leftPx = layout.marginLeftPx ?? 60
  const bottomPx = layout.marginBottomPx ?? 44
  const rightPx = layout.legend ? LEGEND_WIDTH_PX : 16
  const { document } = createDocument()
  const svg = select(document.body)
    .append('svg')
    .attr('xmlns', SVG_NS)
    .attr('class', `chart chart-${kind}`)
    .attr('width', widthPx)
    .attr('height', heightPx)
    .attr('viewBox', `0 0 ${widthPx} ${heightPx}`)
    .attr('role', 'img')
    .attr('aria-label', options.title ?? kind)
    .attr('font-family', 'sans-serif')
    .attr('font-size', 11)
  // The tooltip script shows a mark's data-K under the root's data-label-K when there is one,
  // so x and y values are named after the axes.
  const xTitle = axisTitle(options.xLabel, options.xUnit)
  const yTitle = axisTitle(options.yLabel, options.yUnit)
  if (xTitle) svg.attr('data-label-x', xTitle)
  if (yTitle) svg.attr('data-label-y', yTitle)
  svg.append('title').text(options.title ?? kind)
  if (options.title) {
    svg.append('text').attr('class', 'chart-title').attr('x', leftPx).attr('y', 16).attr('font-size', 13).attr('font-weight', 'bold').text(options.title)
  }
  const plot = svg.append('g').attr('class', 'plot').attr('transform', `translate(${leftPx},${topPx})`)
  return {
    svg,
    plot,
    widthPx,
    heightPx,
    leftPx,
    topPx,
    innerWidthPx: Math.max(MIN_PLOT_PX, widthPx - leftPx - rightPx),
    innerHeightPx: Math.max(MIN_PLOT_PX, heightPx - topPx - bottomPx),
    legendLeftPx: widthPx - LEGEND_WIDTH_PX + 12,
    digits: options.digits ?? DEFAULT_DIGITS,
    options,
  }
}

/**
 * A small grey note in the bottom-right corner saying what the chart left out (thinned points,
 * non-finite values); empty parts are skipped and nothing is drawn when all are empty.
 */
export function addFrameNote(frame: Frame, ...parts: readonly (string | undefined)[]): void {
  const text = parts.filter((p): p is string => !!p).join('; ')
  if (!text) return
  frame.svg
    .append('text')
    .attr('class', 'chart-note')
    .attr('x', frame.widthPx - 4)
    .attr('y', frame.heightPx - 4)
    .attr('text-anchor', 'end')
    .attr('font-size', 10)
    .attr('fill', '#666')
    .text(text)
}

/** "3 non-finite or out-of-range values omitted", or undefined when `count` is 0. */
export function omittedText(count: number, what: string = 'non-finite or out-of-range value'): string | undefined {
  return count > 0 ? `${count} ${what}${count === 1 ? '' : 's'} omitted` : undefined
}

export function finishFrame(frame: Frame): Markup {
  return asMarkup(serializeNode(frame.svg.node(), 'svg'))
}

function positiveOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback
}
