// Goal: the shared frame, legend, axes and "no data" chart behave as every chart relies on:
// explicit xmlns, accessible title, sizes from options, a legend that never overflows, a note
// only when there is something to say, and a visible reason when nothing can be drawn.
// Method: build frames directly and parse what they serialize to.
import { scaleLinear } from 'd3'
import { describe, expect, it } from 'vitest'
import { chartProblems, isNoData, parseMarkup } from '../testing/svg.ts'
import { drawXAxis, drawYAxis } from './axes.ts'
import { addFrameNote, createFrame, finishFrame, omittedText } from './frame.ts'
import { drawLegend } from './legend.ts'
import { renderNoData } from './no-data.ts'
import { sequentialColor, seriesColor } from './palette.ts'

describe('createFrame', () => {
  it('writes an svg root with xmlns, size, viewBox, class and accessible title', () => {
    const svg = finishFrame(createFrame('demo', { title: 'A & B', widthPx: 300, heightPx: 200 }, { legend: false }))
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-demo" width="300" height="200" viewBox="0 0 300 200"')).toBe(true)
    const root = parseMarkup(svg)
    expect(root.querySelector('title').textContent).toBe('A & B')
    expect(root.querySelector('.chart-title').textContent).toBe('A & B')
    expect(root.getAttribute('aria-label')).toBe('A & B')
  })

  it('falls back to default sizes for missing or invalid ones', () => {
    const root = parseMarkup(finishFrame(createFrame('demo', { widthPx: -5, heightPx: Number.NaN }, { legend: false })))
    expect([root.getAttribute('width'), root.getAttribute('height')]).toEqual(['640', '320'])
    expect(root.querySelector('.chart-title')).toBeNull()
  })

  it('reserves a legend column only when asked', () => {
    const withLegend = createFrame('demo', {}, { legend: true })
    const without = createFrame('demo', {}, { legend: false })
    expect(withLegend.innerWidthPx).toBeLessThan(without.innerWidthPx)
  })

  it('keeps a usable plot area on a tiny chart', () => {
    const f = createFrame('demo', { widthPx: 50, heightPx: 30 }, { legend: true })
    expect(f.innerWidthPx).toBeGreaterThan(0)
    expect(f.innerHeightPx).toBeGreaterThan(0)
  })
})

describe('notes', () => {
  it('joins the non-empty parts and draws nothing when all are empty', () => {
    const f = createFrame('demo', {}, { legend: false })
    addFrameNote(f, undefined, omittedText(0))
    expect(parseMarkup(finishFrame(f)).querySelector('.chart-note')).toBeNull()
    const g = createFrame('demo', {}, { legend: false })
    addFrameNote(g, 'a', undefined, omittedText(2, 'row'))
    expect(parseMarkup(finishFrame(g)).querySelector('.chart-note').textContent).toBe('a; 2 rows omitted')
  })
})

describe('drawLegend', () => {
  it('draws one item per entry with its key, full name and swatch shape', () => {
    const f = createFrame('demo', {}, { legend: true })
    drawLegend(f, [
      { name: 'a very long series name that will not fit', color: seriesColor(0), series: 0, shape: 'box' },
      { name: 'b', color: seriesColor(1), series: 1, shape: 'line' },
    ])
    const root = parseMarkup(finishFrame(f))
    const items = Array.from(root.querySelectorAll('.legend-item')) as any[]
    expect(items.map((i) => i.getAttribute('data-series'))).toEqual(['0', '1'])
    expect(items[0].getAttribute('data-name')).toBe('a very long series name that will not fit')
    expect(items[0].querySelector('text').textContent).toBe('a very long series …')
    expect([items[0].querySelector('rect') !== null, items[1].querySelector('line') !== null]).toEqual([true, true])
  })

  it('summarises entries past the column height as "+N more"', () => {
    const f = createFrame('demo', { heightPx: 120 }, { legend: true })
    const entries = Array.from({ length: 30 }, (_, i) => ({ name: `s${i}`, color: seriesColor(i), series: i, shape: 'box' as const }))
    drawLegend(f, entries)
    const root = parseMarkup(finishFrame(f))
    const shown = root.querySelectorAll('.legend-item').length
    expect(shown).toBeLessThan(30)
    expect(root.querySelector('.legend-more').textContent).toBe(`+${30 - shown} more`)
  })
})

describe('axes', () => {
  it('draws ticks and titles, and grid lines only when asked', () => {
    const f = createFrame('demo', {}, { legend: false })
    const s = scaleLinear().domain([0, 10]).range([0, f.innerWidthPx])
    drawXAxis(f, s, { title: 'time (s)', grid: true })
    drawYAxis(f, s.copy().range([f.innerHeightPx, 0]), { title: '' })
    const root = parseMarkup(finishFrame(f))
    expect(root.querySelector('.axis-title-x').textContent).toBe('time (s)')
    expect(root.querySelector('.axis-title-y')).toBeNull()
    expect(root.querySelectorAll('.axis-x .grid').length).toBe(root.querySelectorAll('.axis-x .tick').length)
    expect(root.querySelectorAll('.axis-y .grid').length).toBe(0)
  })
})

describe('renderNoData', () => {
  it('draws a visible note with the reason and marks the root', () => {
    const svg = renderNoData('demo', { title: 'Nothing' }, 'no finite values')
    expect(chartProblems(svg)).toEqual([])
    expect(isNoData(svg)).toBe(true)
    const root = parseMarkup(svg)
    expect(root.querySelector('.no-data-note').textContent).toBe('No datano finite values')
    expect(root.getAttribute('data-no-data')).toBe('no finite values')
    expect(root.querySelectorAll('.mark').length).toBe(0)
  })
})

describe('palette', () => {
  it('repeats series colours after ten and clamps sequential input', () => {
    expect(seriesColor(10)).toBe(seriesColor(0))
    expect(seriesColor(1)).not.toBe(seriesColor(0))
    expect(sequentialColor(-1)).toBe(sequentialColor(0))
    expect(sequentialColor(2, 'blues')).toBe(sequentialColor(1, 'blues'))
  })
})
