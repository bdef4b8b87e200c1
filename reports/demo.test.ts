// Goal: the demo command writes the demo page where asked and refuses a bad seed.
// Method: call runDemo with a temp path and compare the file with a direct render.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildDemoPage } from './demo-data.ts'
import { runDemo } from './demo.ts'
import { renderPage } from './page.ts'

const dir = mkdtempSync(join(tmpdir(), 'ctb-demo-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('runDemo', () => {
  it('writes the page for the seed, creating the folder', () => {
    const out = join(dir, 'nested', 'demo.html')
    const lines: string[] = []
    expect(runDemo(['--out', out, '--seed', '5'], (l) => lines.push(l))).toBe(0)
    expect(readFileSync(out, 'utf8')).toBe(renderPage(buildDemoPage(5)))
    expect(lines[0]).toContain('seed 5')
  })

  it('refuses a seed that is not an integer and writes nothing', () => {
    const out = join(dir, 'bad.html')
    const lines: string[] = []
    expect(runDemo(['--out', out, '--seed', 'abc'], (l) => lines.push(l))).toBe(2)
    expect(existsSync(out)).toBe(false)
    expect(lines).toEqual(['error: --seed must be an integer, got abc'])
  })
})
