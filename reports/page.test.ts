// Goal: the page is self-contained, escapes everything from user files, embeds the data so that
// it reads back exactly, and is byte-identical for identical input (golden file).
// Method: render a small page with hostile names and a bigint, compare it with
// testdata/page.golden.html (regenerate with UPDATE_GOLDEN=1 after an intended change, and
// review the diff), parse it back with linkedom, and check each property.
import { readFileSync, writeFileSync } from 'node:fs'
import { parseHTML } from 'linkedom'
import { describe, expect, it } from 'vitest'
import { fromJsonValue } from '../protocol/core/json.ts'
import { renderCumulativeLines, renderTable } from './charts/index.ts'
import { REPORT_DATA_ID, type ReportPage, jsonForScript, renderPage } from './page.ts'
import { PAGE_SCRIPT } from './page-script.ts'
import { PAGE_CSS } from './page-style.ts'

const GOLDEN = new URL('./testdata/page.golden.html', import.meta.url)

function samplePage(): ReportPage {
  return {
    title: 'Run <b>7</b> & "friends"',
    header: [
      { label: 'seed', value: '7' },
      { label: 'scenario', value: 'copycat </script> attack' },
    ],
    sections: [
      {
        heading: 'Earnings <by> behaviour',
        charts: [
          renderCumulativeLines(
            { series: [{ name: 'honest', points: [{ x: 0, y: 1 }, { x: 10, y: 2 }] }, { name: 'copy<cat>', points: [{ x: 5, y: 1 }] }] },
            { widthPx: 360, heightPx: 200, xLabel: 'time', xUnit: 's', yLabel: 'earnings', yUnit: 'COR' },
          ),
          renderTable({ columns: [{ key: 'n', label: 'node' }, { key: 'v', label: 'value' }], rows: [{ n: 'a&b', v: 1.5 }] }),
        ],
      },
      { heading: 'A/B comparison', note: 'Cannot be drawn: only one run <given>.', charts: [] },
    ],
    data: { amount: 10n ** 20n, name: '</script><script>alert(1)</script>', list: [1, 2.5, 'x\u2028y'] },
  }
}

describe('renderPage', () => {
  const html = renderPage(samplePage())
  const { document } = parseHTML(html)

  it('matches the golden file byte for byte', () => {
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(GOLDEN, html)
    expect(html).toBe(readFileSync(GOLDEN, 'utf8'))
  })

  it('is the same for the same input', () => {
    expect(renderPage(samplePage())).toBe(html)
  })

  it('escapes the title, header fields, headings and notes', () => {
    expect(document.querySelector('title').textContent).toBe('Run <b>7</b> & "friends"')
    expect(document.querySelector('h1').textContent).toBe('Run <b>7</b> & "friends"')
    expect(document.querySelectorAll('header b').length).toBe(0)
    expect((Array.from(document.querySelectorAll('dd')) as any[]).map((d) => d.textContent)).toEqual(['7', 'copycat </script> attack'])
    expect(document.querySelector('#section-1 h2').textContent).toBe('Earnings <by> behaviour')
    expect(document.querySelector('#section-2 .section-note').textContent).toBe('Cannot be drawn: only one run <given>.')
  })

  it('embeds the data so that it reads back exactly, bigints included', () => {
    const scripts = document.querySelectorAll('script')
    expect(scripts.length).toBe(2)
    const json = document.getElementById(REPORT_DATA_ID)
    expect(json.getAttribute('type')).toBe('application/json')
    expect(fromJsonValue(JSON.parse(json.textContent))).toEqual(samplePage().data)
  })

  it('keeps data from closing its script element', () => {
    const raw = jsonForScript({ s: '</script><!--' })
    expect(raw).not.toMatch(/[<>]/)
    expect(JSON.parse(raw)).toEqual({ s: '</script><!--' })
    // Only the two script elements of the page close in the whole document.
    expect(html.match(/<\/script>/g)!.length).toBe(2)
  })

  it('inlines a script that compiles and neither script nor style can close its element early', () => {
    expect(() => new Function(PAGE_SCRIPT)).not.toThrow()
    expect(PAGE_SCRIPT.toLowerCase()).not.toContain('</script')
    expect(PAGE_CSS.toLowerCase()).not.toContain('</style')
  })

  it('writes null when there is no data', () => {
    expect(renderPage({ title: 't', header: [], sections: [] })).toContain(`<script type="application/json" id="${REPORT_DATA_ID}">null</script>`)
  })

  it('lists the sections in a table of contents, one section element each, charts inline', () => {
    expect((Array.from(document.querySelectorAll('nav.toc a')) as any[]).map((a) => a.getAttribute('href'))).toEqual(['#section-1', '#section-2'])
    expect(document.querySelectorAll('section.report-section').length).toBe(2)
    expect(document.querySelectorAll('#section-1 svg.chart').length).toBe(1)
    expect(document.querySelectorAll('#section-1 table.data-table').length).toBe(1)
    expect(document.querySelectorAll('#section-2 .charts').length).toBe(0)
  })

  it('loads nothing from outside: no src, no external href, no url(), a strict CSP', () => {
    expect(html).not.toMatch(/\ssrc=/)
    expect(html).not.toMatch(/href="(?!#)/)
    expect(html).not.toMatch(/url\(|@import/)
    expect(document.querySelector('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toContain("default-src 'none'")
  })

  it('has no header list or contents when there are none', () => {
    const empty = renderPage({ title: 't', header: [], sections: [] })
    expect(empty).not.toContain('<dl class="header-fields"')
    expect(empty).not.toContain('<nav')
  })
})
