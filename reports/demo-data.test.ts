// Goal: the demo page exercises every chart kind with drawable data, and one seed gives one page.
// Method: build the demo twice with the default seed and once with another, render and compare;
// check each chart with the shared soundness checks.
import { describe, expect, it } from 'vitest'
import { DEMO_SEED, buildDemoPage } from './demo-data.ts'
import { renderPage } from './page.ts'
import { chartProblems, isNoData, parseMarkup } from './testing/svg.ts'

describe('buildDemoPage', () => {
  const demo = buildDemoPage()
  const charts = demo.sections.flatMap((s) => s.charts)
  const svgs = charts.filter((c) => c.startsWith('<svg'))

  it('covers every chart kind once or more, plus a table and a section that cannot be drawn', () => {
    const kinds = new Set(svgs.map((s) => /class="chart chart-([a-z]+)/.exec(s)![1]))
    expect([...kinds].sort()).toEqual(['box', 'cdf', 'confusion', 'cumulative', 'heatmap', 'histogram', 'percentiles', 'scatter', 'timeline'])
    expect(charts.some((c) => c.includes('class="data-table"'))).toBe(true)
    expect(demo.sections.some((s) => s.note && s.charts.length === 0)).toBe(true)
  })

  it('draws every chart with marks and without problems', () => {
    for (const svg of svgs) {
      expect(chartProblems(svg)).toEqual([])
      expect(isNoData(svg)).toBe(false)
      expect(parseMarkup(svg).querySelectorAll('.mark').length).toBeGreaterThan(0)
    }
  })

  it('gives the same page for the same seed and a different one for another seed', () => {
    const html = renderPage(demo)
    expect(renderPage(buildDemoPage(DEMO_SEED))).toBe(html)
    expect(renderPage(buildDemoPage(DEMO_SEED + 1))).not.toBe(html)
  })
})
