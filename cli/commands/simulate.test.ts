// Goal: `ctb simulate` writes a run folder and a summary (text or --json), refuses bad flags and
// bad files with exit 2 and the path of the bad field, and `ctb replay` confirms the result hash
// (exit 0) or reports the difference (exit 1); Ctrl-C on a real process leaves run.json marked
// incomplete (exit 130). Method: main() with captured io, temporary folders, one child process.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { main } from '../main.ts'

const root = mkdtempSync(join(tmpdir(), 'ctb-simulate-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

async function ctb(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await main(argv, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n'), isTty: false })
  return { code, out, err }
}

function file(name: string, content: unknown): string {
  const path = join(root, name)
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content))
  return path
}

describe('ctb simulate', () => {
  it('runs into a folder and prints a JSON summary; replay confirms it', async () => {
    const out = join(root, 'ok')
    const r = await ctb('simulate', '--nodes', '8', '--oracles', '3', '--hours', '0.1', '--seed', '5', '--out', out, '--json')
    expect(r.code).toBe(0)
    const summary = JSON.parse(r.out) as { status: string; resultHash: string; seed: number; commitScheme: string }
    expect(summary).toMatchObject({ status: 'completed', seed: 5, commitScheme: 'fast' })
    expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).resultHash).toBe(summary.resultHash)
    const replay = await ctb('replay', join(out, 'run.json'))
    expect(replay.code).toBe(0)
    expect(replay.out).toContain(`identical: ${summary.resultHash}`)
    const again = await ctb('simulate', '--nodes', '8', '--hours', '0.1', '--out', out)
    expect(again.code).toBe(2)
    expect(again.err).toMatch(/already holds a run/)
  })

  it('prints a text summary and records the keccak scheme in conformance mode', async () => {
    const out = join(root, 'conformance')
    const r = await ctb('simulate', '--nodes', '6', '--oracles', '2', '--hours', '0.05', '--conformance', '--check-every', '5', '--out', out)
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/run completed: .*conformance/)
    const header = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { scenario: { commitScheme: string; invariants: { everyCommands: number } } }
    expect(header.scenario.commitScheme).toBe('keccak')
    expect(header.scenario.invariants.everyCommands).toBe(5)
  })

  it('loads an embedding calibration file into the scenario', async () => {
    const out = join(root, 'calibrated')
    const r = await ctb('simulate', '--nodes', '6', '--oracles', '2', '--hours', '0.05', '--calibration', 'calibration/stories260K-lexical.json', '--out', out)
    expect(r.code).toBe(0)
    const header = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { scenario: { calibration: { embeddingModel: string } } }
    expect(header.scenario.calibration.embeddingModel).toMatch(/^lexical:/)
    const bad = await ctb('simulate', '--nodes', '6', '--calibration', file('calibration.json', { format: 'nope' }), '--out', join(root, 'never'))
    expect(bad.code).toBe(2)
    expect(bad.err).toMatch(/population\.calibration\.format/)
  })

  it('exits 2 with the path of each bad field', async () => {
    const cases: [string[], RegExp][] = [
      [['--nodes', '-3'], /--nodes: -3 is below minimum 0/],
      [['--nodes', '10', '--hours', '-1'], /--hours must be above 0/],
      [['--nodes', '10', '--population', file('unknown.json', { colour: 'red' })], /population\.colour: unknown field/],
      [['--population', file('negative.json', { miners: [{ behaviour: 'honest', count: -2 }] })], /population\.miners\[0\]\.count: -2 must be at least 0/],
      [['--population', file('types.json', { miners: [{ behaviour: 'honest', count: 'five' }] })], /population\.miners\[0\]\.count: must be a finite number/],
      [
        ['--nodes', '4', '--population', file('redundancy.json', { workload: { sessions: [{ weight: 1, redundancy: 5, minNodes: 5, maxNodes: 5, modelId: 7, sla: 0, reservePeriodMs: 60000, maxTaskExecutionCount: 5, maxTokens: 64 }] } })],
        /population\.workload\.sessions\[0\]\.redundancy: 5 is more redundancy than the 4 miners/,
      ],
      [['--nodes', '10', '--params', file('params.json', { session: { redundant: 0 } })], /params\.session\.redundant/],
      [['--nodes', '10', '--params', join(root, 'missing.json')], /cannot read .*missing\.json/],
      [['--nodes', '10', '--population', file('broken.json', '{"miners":')], /broken\.json is not valid JSON/],
    ]
    for (const [argv, message] of cases) {
      const r = await ctb('simulate', ...argv, '--out', join(root, 'never'))
      expect(r.code, argv.join(' ')).toBe(2)
      expect(r.err).toMatch(message)
    }
    expect(existsSync(join(root, 'never'))).toBe(false)
  })
})

describe('ctb replay', () => {
  it('exits 1 with the differences when a recording does not reproduce, and 2 for a bad folder', async () => {
    const out = join(root, 'tampered')
    expect((await ctb('simulate', '--nodes', '8', '--oracles', '3', '--hours', '0.1', '--out', out)).code).toBe(0)
    const metricsPath = join(out, 'metrics.json')
    writeFileSync(metricsPath, readFileSync(metricsPath, 'utf8').replace('"eventsProcessed": ', '"eventsProcessed": 1'))
    const header = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as Record<string, unknown>
    header['resultHash'] = '0'.repeat(64)
    writeFileSync(join(out, 'run.json'), JSON.stringify(header))
    const r = await ctb('replay', out, '--json')
    expect(r.code).toBe(1)
    const verdict = JSON.parse(r.out) as { identical: boolean; differences: string[] }
    expect(verdict.identical).toBe(false)
    expect(verdict.differences[0]).toMatch(/^run\.eventsProcessed: 1\d+ → \d+$/)
    const text = await ctb('replay', out)
    expect(text.err).toMatch(/different: recorded 0{64}/)
    expect((await ctb('replay', join(root, 'nothing', 'run.json'))).code).toBe(2)
  })
})

describe('Ctrl-C', () => {
  it('stops a running process after the current event and leaves run.json incomplete', async () => {
    const out = join(root, 'interrupted')
    const child = spawn(process.execPath, ['bin/ctb.js', 'simulate', '--nodes', '500', '--hours', '24', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    // Interrupt once the run folder exists (the run is under way).
    for (let i = 0; i < 200 && !existsSync(join(out, 'run.json')); i++) await new Promise((r) => setTimeout(r, 50))
    await new Promise((r) => setTimeout(r, 500))
    child.kill('SIGINT')
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)))
    expect(code).toBe(130)
    expect(stderr).toMatch(/interrupted: .*run\.json is marked incomplete/)
    const header = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { complete: boolean; simulatedMs: number }
    expect(header.complete).toBe(false)
    expect(header.simulatedMs).toBeLessThan(24 * 3_600_000)
    expect((JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')) as { run: { status: string } }).run.status).toBe('interrupted')
  })
})
