/** The page's inline CSS: readable on screen and in print, with no web fonts or images. */
export const PAGE_CSS = `
:root { --fg: #1b1b1b; --muted: #5b5b5b; --line: #ddd; --accent: #2b5d8a; --warn-bg: #fff6e0; --warn: #8a5a00; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: #fff; }
header.report-header { padding: 16px 24px 8px; border-bottom: 1px solid var(--line); }
header.report-header h1 { margin: 0 0 8px; font-size: 22px; }
dl.header-fields { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
dl.header-fields dt { color: var(--muted); }
dl.header-fields dd { margin: 0; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; word-break: break-all; }
nav.toc { padding: 8px 24px; border-bottom: 1px solid var(--line); }
nav.toc ol { margin: 0; padding-left: 20px; columns: 2; }
main { padding: 0 24px 24px; }
section.report-section { margin-top: 24px; }
section.report-section h2 { font-size: 18px; margin: 0 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
p.section-note { background: var(--warn-bg); color: var(--warn); padding: 6px 10px; border-left: 3px solid var(--warn); margin: 8px 0; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
.chart-cell { max-width: 100%; overflow-x: auto; }
svg.chart { display: block; max-width: 100%; height: auto; }
svg.chart .mark { cursor: crosshair; }
svg.chart .mark:hover { stroke: #000; stroke-opacity: 0.9; }
svg.chart .series-hidden { display: none; }
svg.chart .legend-item.legend-off { opacity: 0.35; }
svg.chart .legend-item:focus { outline: 1px dotted var(--accent); }
.table-wrap { max-width: 100%; overflow-x: auto; }
input.table-filter { margin: 4px 0 6px; padding: 4px 8px; width: 260px; max-width: 100%; font: inherit; }
table.data-table { border-collapse: collapse; font-size: 13px; }
table.data-table caption { text-align: left; font-weight: 600; padding: 4px 0; }
table.data-table th, table.data-table td { border-bottom: 1px solid var(--line); padding: 3px 10px; text-align: left; vertical-align: top; }
table.data-table th { background: #f5f5f5; }
table.data-table td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.data-table td.no-data-note { color: var(--muted); font-style: italic; }
#tooltip { position: fixed; z-index: 10; pointer-events: none; background: rgba(20, 20, 20, 0.92); color: #fff; padding: 6px 9px; border-radius: 4px; font-size: 12px; max-width: 360px; }
#tooltip strong { display: block; margin-bottom: 2px; }
footer.report-footer { padding: 12px 24px; color: var(--muted); border-top: 1px solid var(--line); font-size: 12px; }
@media print { nav.toc, input.table-filter, #tooltip { display: none; } }
`.trim()
