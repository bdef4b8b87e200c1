// Goal: the report works in a real browser: it loads with no console errors and no requests
// beyond its own file, every chart is there with marks, each SVG is well-formed XML to the
// browser's own parser, hovering a mark shows a tooltip, clicking a legend entry hides its series
// (and clicking again shows it), and the filter box hides table rows. Leaves a screenshot in
// artifacts/report-screenshot.png for a person to look at.
// Method: write the demo report to a temp file, open it via file:// in Debian's Chromium driven by
// playwright-core (headless, fresh profile, background networking off), and act as a user would.
// Skips, with the reason, only when /usr/bin/chromium is absent; a skip is not a pass
// (scripts/test.mjs counts it separately), and CI installs Chromium so it runs there.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type BrowserContext, type Page, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildDemoPage } from './demo-data.ts'
import { renderPage } from './page.ts'

const CHROMIUM = '/usr/bin/chromium'
const SKIP_REASON = `${CHROMIUM} is absent: install Debian's chromium (CI does) to run the browser test`
// Playwright adds --headless (headless: true) and --user-data-dir (the persistent profile).
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
const SCREENSHOT = fileURLToPath(new URL('../artifacts/report-screenshot.png', import.meta.url))

const haveChromium = existsSync(CHROMIUM)
const demo = buildDemoPage()
const svgCharts: string[] = demo.sections.flatMap((s) => s.charts.filter((c) => c.startsWith('<svg')))

let workDir = ''
let context: BrowserContext | undefined
let page: Page | undefined
const consoleErrors: string[] = []
const foreignRequests: string[] = []

beforeAll(async () => {
  if (!haveChromium) {
    console.warn(`browser test skipped: ${SKIP_REASON}`)
    return
  }
  workDir = mkdtempSync(join(tmpdir(), 'ctb-report-'))
  const file = join(workDir, 'report.html')
  writeFileSync(file, renderPage(demo))
  context = await chromium.launchPersistentContext(join(workDir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
  })
  page = context.pages()[0] ?? (await context.newPage())
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text())
  })
  page.on('pageerror', (e) => consoleErrors.push(e.message))
  page.on('request', (r) => {
    if (!r.url().startsWith('file://')) foreignRequests.push(r.url())
  })
  await page.goto(`file://${file}`, { waitUntil: 'load' })
})

afterAll(async () => {
  await context?.close()
  if (workDir) rmSync(workDir, { recursive: true, force: true })
})

function live(): Page {
  if (!page) throw new Error('the browser did not start')
  return page
}

describe('report page in headless Chromium', () => {
  it('loads with no console errors and no requests beyond its own file', (ctx) => {
    ctx.skip(!haveChromium, SKIP_REASON)
    expect(consoleErrors).toEqual([])
    expect(foreignRequests).toEqual([])
  })

  it('shows every chart, each with marks and none empty', async (ctx) => {
    ctx.skip(!haveChromium, SKIP_REASON)
    const p = live()
    expect(await p.locator('svg.chart').count()).toBe(svgCharts.length)
    expect(await p.locator('svg.chart.no-data').count()).toBe(0)
    const markCounts = await p.locator('svg.chart').evaluateAll((svgs: any[]) => svgs.map((s) => s.querySelectorAll('.mark').length))
    expect(markCounts.every((n: number) => n > 0)).toBe(true)
    const sizes = await p.locator('svg.chart').evaluateAll((svgs: any[]) => svgs.map((s) => s.getBoundingClientRect().width))
    expect(sizes.every((w: number) => w > 100)).toBe(true)
  })

  it('parses every chart as standalone SVG with the browser’s XML parser', async (ctx) => {
    ctx.skip(!haveChromium, SKIP_REASON)
    const errors = await live().evaluate((svgs: string[]) => {
      const parser = new (globalThis as any).DOMParser()
      return svgs.map((s) => parser.parseFromString(s, 'image/svg+xml').querySelector('parsererror')?.textContent ?? '')
    }, svgCharts)
    expect(errors.filter((e: string) => e !== '')).toEqual([])
  })

  it('shows a tooltip with the mark’s values, named after the axes, on hover', async (ctx) => {
    ctx.skip(!haveChromium, SKIP_REASON)
    const p = live()
    const tooltip = p.locator('#tooltip')
    expect(await tooltip.isVisible()).toBe(false)
    const point = p.locator('svg.chart-scatter .mark.point').first()
    const name = await point.getAttribute('data-name')
    await point.scrollIntoViewIfNeeded()
    await point.hover({ force: true })
    await expect.poll(() => tooltip.isVisible()).toBe(true)
    const text = await tooltip.innerText()
    expect(text).toContain(name!)
    expect(text).toContain(`sampling weight: ${await point.getAttribute('data-x')}`)
    expect(text).toContain(`selections (tasks): ${await point.getAttribute('data-y')}`)
    await p.mouse.move(2, 2)
    await expect.poll(() => tooltip.isVisible()).toBe(false)
  })

  it('hides a series when its legend entry is clicked and shows it again on a second click', async (ctx) => {
    ctx.skip(!haveChromium, SKIP_REASON)
    const chart = live().locator('svg.chart-cumulative')
    const series1 = chart.locator('.mark[data-series="1"]')
    const series0 = chart.locator('.mark[data-series="0"]')
    expect(await series1.count()).toBeGreaterThan(0)
    expect(await series1.first().isVisible()).toBe(true)
    await chart.locator('.legend-item[data-series="1"]').click()
    await expect.poll(() => series1.evaluateAll((ms: any[]) => ms.every((m) => m.ownerDocument.defaultView.getComputedStyle(m).display === 'none'))).toBe(true)
    expect(await series0.first().isVisible()).toBe(true)
    expect(await chart.locator('.legend-item[data-series="1"]').getAttribute('class')).toContain('legend-off')
    await chart.locator('.legend-item[data-series="1"]').click()
    await expect.poll(() => series1.first().isVisible()).toBe(true)
  })

  it('filters table rows by the text typed into the filter box', async (ctx) => {
    ctx.skip(!haveChromium, SKIP_REASON)
    const wrap = live().locator('.table-wrap').first()
    const rows = wrap.locator('tbody tr')
    const total = await rows.count()
    await wrap.locator('input.table-filter').fill('leader')
    await expect.poll(() => rows.evaluateAll((rs: any[]) => rs.filter((r) => !r.hidden).length)).toBe(1)
    await wrap.locator('input.table-filter').fill('')
    await expect.poll(() => rows.evaluateAll((rs: any[]) => rs.filter((r) => !r.hidden).length)).toBe(total)
  })

  it('saves a screenshot of the whole page', async (ctx) => {
    ctx.skip(!haveChromium, SKIP_REASON)
    mkdirSync(join(SCREENSHOT, '..'), { recursive: true })
    await live().screenshot({ path: SCREENSHOT, fullPage: true })
    expect(existsSync(SCREENSHOT)).toBe(true)
  })
})
