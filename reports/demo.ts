/**
 * Writes the demo report: `npx tsx reports/demo.ts --out out/demo.html [--seed N]`.
 * Every chart kind with synthetic data from a fixed seed, so a person can open it and look.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEMO_SEED, buildDemoPage } from './demo-data.ts'
import { renderPage } from './page.ts'

function argValue(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}

/** Runs the demo command; returns the exit code (0 written, 2 bad arguments). */
export function runDemo(args: readonly string[], log: (line: string) => void = console.log): number {
  const out = resolve(argValue(args, '--out') ?? 'out/demo.html')
  const seedText = argValue(args, '--seed')
  const seed = seedText === undefined ? DEMO_SEED : Number(seedText)
  if (!Number.isInteger(seed)) {
    log(`error: --seed must be an integer, got ${seedText}`)
    return 2
  }
  const html = renderPage(buildDemoPage(seed))
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, html)
  log(`wrote ${out} (${html.length} characters, seed ${seed})`)
  return 0
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = runDemo(process.argv.slice(2))
}
