#!/usr/bin/env node
// The project's test command (`npm test`): type-checks, runs the Foundry tests when contracts
// exist, runs vitest with its JSON reporter, and ends with plain count lines computed from the
// real results:
//   forge: N passed, N failed, N skipped
//   N passed, N failed
// Extra arguments go to vitest (e.g. `npm test -- protocol/task`).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'

const extra = process.argv.slice(2)
mkdirSync('artifacts', { recursive: true })
let failed = false

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts })
  return r.status ?? 1
}

if (extra.length === 0) {
  if (run('npx', ['tsc', '-p', 'tsconfig.json']) !== 0) {
    console.error('typecheck failed')
    failed = true
  }
}

let forgeLine = null
if (extra.length === 0 && existsSync('foundry.toml')) {
  const r = spawnSync('npx', ['forge', 'test', '--json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
  let passed = 0, failedCount = 0, skipped = 0
  try {
    const start = r.stdout.indexOf('{')
    const suites = JSON.parse(r.stdout.slice(start))
    for (const suite of Object.values(suites)) {
      for (const [name, result] of Object.entries(suite.test_results ?? {})) {
        if (result.status === 'Success') passed++
        else if (result.status === 'Skipped') skipped++
        else {
          failedCount++
          console.error(`forge FAIL ${name}: ${result.reason ?? ''}`)
        }
      }
    }
  } catch (error) {
    process.stderr.write(r.stdout + r.stderr)
    console.error(`could not read forge results: ${error.message}`)
    failedCount++
  }
  if (r.status !== 0) failed = true
  if (failedCount > 0) failed = true
  forgeLine = `forge: ${passed} passed, ${failedCount} failed, ${skipped} skipped`
  console.log(forgeLine)
}

const vitestStatus = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=artifacts/vitest.json', ...extra])
let passed = 0, failedTests = 0, skipped = 0
try {
  const report = JSON.parse(readFileSync('artifacts/vitest.json', 'utf8'))
  for (const file of report.testResults ?? []) {
    for (const t of file.assertionResults ?? []) {
      if (t.status === 'passed') passed++
      else if (t.status === 'failed') failedTests++
      else skipped++
    }
    // A file that failed to load has no assertions but still failed.
    if ((file.assertionResults ?? []).length === 0 && file.status === 'failed') {
      failedTests++
      console.error(`vitest: ${file.name} failed to run: ${file.message ?? ''}`)
    }
  }
} catch (error) {
  console.error(`could not read vitest results: ${error.message}`)
  failedTests++
}
if (vitestStatus !== 0 || failedTests > 0) failed = true
if (forgeLine) console.log(forgeLine)
if (skipped > 0) console.log(`vitest: ${skipped} skipped or todo (not counted as passed)`)
console.log(`${passed} passed, ${failedTests} failed`)
process.exit(failed ? 1 : 0)
