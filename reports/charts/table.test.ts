// Goal: the table renderer escapes every cell, formats numbers with fixed precision, adds the
// filter box, and shows a visible note when there is nothing to list.
// Method: render small tables and check the parsed HTML and the exact markup of hostile cells.
import { describe, expect, it } from 'vitest'
import { parseMarkup, xmlProblem } from '../testing/svg.ts'
import { renderTable } from './table.ts'

const data = {
  columns: [
    { key: 'name', label: 'name' },
    { key: 'earned', label: 'earned', unit: 'COR' },
    { key: 'note', label: 'note' },
  ],
  rows: [
    { name: 'honest', earned: 12.3456, note: '<b>bold</b> & co' },
    { name: 'lazy', earned: Number.NaN, note: null },
  ],
}

describe('renderTable', () => {
  const html = renderTable(data, { caption: 'Earnings' })
  const wrap = parseMarkup(html, '.table-wrap')

  it('is well-formed, byte-stable markup', () => {
    expect(xmlProblem(html)).toBeUndefined()
    expect(renderTable(data, { caption: 'Earnings' })).toBe(html)
  })

  it('writes a header with units, one row per record and one cell per column', () => {
    expect((Array.from(wrap.querySelectorAll('th')) as any[]).map((t) => t.textContent)).toEqual(['name', 'earned (COR)', 'note'])
    expect(wrap.querySelectorAll('tbody tr').length).toBe(2)
    expect(wrap.querySelectorAll('tbody td').length).toBe(6)
    expect(wrap.querySelector('caption').textContent).toBe('Earnings')
  })

  it('formats numbers with fixed precision, right-aligned, keeping the value; non-finite as a dash', () => {
    const cells = Array.from(wrap.querySelectorAll('td.num')) as any[]
    expect(cells.map((c) => [c.textContent, c.getAttribute('data-value')])).toEqual([['12.346', '12.3456'], ['—', null]])
  })

  it('escapes cell text so markup in data stays text', () => {
    expect(html).toContain('<td>&lt;b&gt;bold&lt;/b&gt; &amp; co</td>')
    expect(wrap.querySelectorAll('b').length).toBe(0)
  })

  it('adds a filter box unless told not to', () => {
    expect(wrap.querySelector('input.table-filter').getAttribute('aria-label')).toBe('Filter rows of Earnings')
    expect(parseMarkup(renderTable(data, { filterable: false }), '.table-wrap').querySelector('input')).toBeNull()
  })

  it('shows a "No data" row for no rows or no columns', () => {
    for (const empty of [{ ...data, rows: [] }, { columns: [], rows: [{ a: 1 }] }]) {
      const w = parseMarkup(renderTable(empty), '.table-wrap')
      expect(w.querySelector('td.no-data-note').textContent).toBe('No data')
      expect(w.querySelector('input')).toBeNull()
    }
  })
})
