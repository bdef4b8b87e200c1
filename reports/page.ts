/**
 * Assembles one self-contained HTML report: title, header fields, a table of contents, sections
 * (heading, optional note, charts and tables), the report's data as embedded JSON, inline CSS and
 * the small inline script. Nothing is loaded from anywhere: the file opens from disk with no
 * network. The output is a pure function of the input (no dates, no randomness), so the same
 * run output always gives the same bytes.
 */
import { stringifyJson } from '../protocol/core/json.ts'
import { type Markup, escapeAttr, escapeText } from './markup.ts'
import { PAGE_SCRIPT } from './page-script.ts'
import { PAGE_CSS } from './page-style.ts'

export interface HeaderField {
  readonly label: string
  readonly value: string
}

export interface PageSection {
  readonly heading: string
  /** Shown above the charts; for a section that cannot be drawn, says why. */
  readonly note?: string
  /** Charts and tables from `reports/charts`. */
  readonly charts: readonly Markup[]
}

export interface ReportPage {
  readonly title: string
  readonly header: readonly HeaderField[]
  readonly sections: readonly PageSection[]
  /** Embedded as JSON (sorted keys, bigints as {"#bigint": "…"}) for anyone who wants the numbers. */
  readonly data?: unknown
}

/** The element id of the embedded JSON. */
export const REPORT_DATA_ID = 'report-data'

/**
 * JSON that is safe inside a `<script>` element: `<`, `>` and `&` become \\u escapes, so no
 * string in the data can close the element or open a comment; JSON.parse reads them back as is.
 */
export function jsonForScript(value: unknown): string {
  return stringifyJson(value ?? null)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

export function sectionId(index: number): string {
  return `section-${index + 1}`
}

export function renderPage(page: ReportPage): string {
  const lines: string[] = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Belt and braces for "no network": the browser refuses anything but inline resources.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeText(page.title)}</title>`,
    `<style>\n${PAGE_CSS}\n</style>`,
    '</head>',
    '<body>',
    renderHeader(page),
    renderToc(page.sections),
    '<main>',
    ...page.sections.map(renderSection),
    '</main>',
    '<footer class="report-footer">Self-contained report: all data is embedded below, and the page makes no network requests.</footer>',
    `<script type="application/json" id="${REPORT_DATA_ID}">${jsonForScript(page.data)}</script>`,
    `<script>\n${PAGE_SCRIPT}\n</script>`,
    '</body>',
    '</html>',
    '',
  ]
  return lines.join('\n')
}

function renderHeader(page: ReportPage): string {
  const fields = page.header.map((f) => `<dt>${escapeText(f.label)}</dt><dd>${escapeText(f.value)}</dd>`).join('')
  return [
    '<header class="report-header">',
    `<h1>${escapeText(page.title)}</h1>`,
    page.header.length > 0 ? `<dl class="header-fields">${fields}</dl>` : '',
    '</header>',
  ]
    .filter((l) => l !== '')
    .join('\n')
}

function renderToc(sections: readonly PageSection[]): string {
  if (sections.length === 0) return ''
  const items = sections.map((s, i) => `<li><a href="#${sectionId(i)}">${escapeText(s.heading)}</a></li>`).join('')
  return `<nav class="toc" aria-label="Sections"><ol>${items}</ol></nav>`
}

function renderSection(section: PageSection, index: number): string {
  const id = sectionId(index)
  const parts = [`<section class="report-section" id="${escapeAttr(id)}" aria-labelledby="${id}-h">`, `<h2 id="${id}-h">${escapeText(section.heading)}</h2>`]
  if (section.note) parts.push(`<p class="section-note">${escapeText(section.note)}</p>`)
  if (section.charts.length > 0) {
    parts.push('<div class="charts">')
    for (const chart of section.charts) parts.push(`<div class="chart-cell">${chart}</div>`)
    parts.push('</div>')
  }
  parts.push('</section>')
  return parts.join('\n')
}
