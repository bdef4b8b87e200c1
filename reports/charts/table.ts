/**
 * A small HTML table (verdicts, per-behaviour summaries, parameter lists) with an optional filter
 * box that the page script wires up. Built in the same DOM and written by the same serializer as
 * the charts, so every cell is escaped. Numbers are right-aligned and formatted with fixed
 * precision; each numeric cell keeps its value in `data-value`.
 */
import type { Markup } from '../markup.ts'
import { asMarkup } from '../markup.ts'
import { createDocument, serializeNode } from './dom.ts'
import { formatValue } from './format.ts'
import { DEFAULT_DIGITS } from './types.ts'

export type TableCell = string | number | null | undefined

export interface TableColumn {
  readonly key: string
  readonly label: string
  readonly unit?: string
}

export interface TableData {
  readonly columns: readonly TableColumn[]
  readonly rows: readonly Readonly<Record<string, TableCell>>[]
}

export interface TableOptions {
  readonly caption?: string
  /** Adds the filter box above the table (default true). */
  readonly filterable?: boolean
  readonly digits?: number
}

export function renderTable(data: TableData, options: TableOptions = {}): Markup {
  const { document } = createDocument()
  const digits = options.digits ?? DEFAULT_DIGITS
  const wrap = document.createElement('div')
  wrap.setAttribute('class', 'table-wrap')
  const filterable = options.filterable ?? true
  if (filterable && data.rows.length > 0 && data.columns.length > 0) {
    const input = document.createElement('input')
    input.setAttribute('type', 'search')
    input.setAttribute('class', 'table-filter')
    input.setAttribute('placeholder', 'Filter rows…')
    input.setAttribute('aria-label', `Filter rows${options.caption ? ` of ${options.caption}` : ''}`)
    wrap.appendChild(input)
  }
  const table = document.createElement('table')
  table.setAttribute('class', 'data-table')
  wrap.appendChild(table)
  if (options.caption) append(document, table, 'caption', options.caption)
  const headRow = append(document, append(document, table, 'thead'), 'tr')
  for (const c of data.columns) append(document, headRow, 'th', c.unit ? `${c.label} (${c.unit})` : c.label).setAttribute('scope', 'col')
  const body = append(document, table, 'tbody')
  if (data.rows.length === 0 || data.columns.length === 0) {
    table.setAttribute('class', 'data-table no-data')
    const cell = append(document, append(document, body, 'tr'), 'td', 'No data')
    cell.setAttribute('class', 'no-data-note')
    cell.setAttribute('colspan', String(Math.max(1, data.columns.length)))
  } else {
    for (const row of data.rows) {
      const tr = append(document, body, 'tr')
      for (const c of data.columns) appendCell(document, tr, row[c.key], digits)
    }
  }
  return asMarkup(serializeNode(wrap, 'html'))
}

function appendCell(document: any, tr: any, value: TableCell, digits: number): void {
  if (typeof value === 'number') {
    const td = append(document, tr, 'td', Number.isFinite(value) ? formatValue(value, digits) : '—')
    td.setAttribute('class', 'num')
    if (Number.isFinite(value)) td.setAttribute('data-value', String(value))
    return
  }
  append(document, tr, 'td', value ?? '')
}

function append(document: any, parent: any, tag: string, text?: string): any {
  const el = document.createElement(tag)
  if (text !== undefined) el.textContent = text
  parent.appendChild(el)
  return el
}
