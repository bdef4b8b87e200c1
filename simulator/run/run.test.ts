// Goal: a run checks the invariant catalog while it goes, and a deliberately broken invariant (a
// test-only hook that creates money) stops it with the event, the statement and a repro line; a run
// folder holds a result hash that `replayRun` reproduces, and a replay of a tampered record reports
// where it differs; an interrupted run leaves run.json marked incomplete; metrics carry table
// coverage and bounded state. Method: small runs in-process and into temporary folders.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseJson, stringifyJson } from '../../protocol/core/json.ts'
import { INVARIANTS } from '../../protocol/invariants/catalog.ts'
import { METRICS_FILE, RUN_FILE } from '../output/format.ts'
import { readRunFolder, RunFolderError } from '../output/reader.ts'
import { smallRun } from '../testing/small-run.ts'
import { computeContentHash } from '../output/hash.ts'
import { describeViolation } from '../host/checks.ts'
import { replayRun } from './replay.ts'
import { runSimulationToFolder } from './run.ts'

const root = mkdtempSync(join(tmpdir(), 'ctb-sim-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
const input = { seed: 31, miners: 8, oracles: 3, durationMs: 8 * 60_000, scenario: { warmUp: { durationMs: 120_000 } } }

describe('invariants during a run', () => {
  it('checks after every command in small runs and finds nothing in an honest network', () => {
    const r = smallRun({ seed: 30, minutes: 6 })
    expect(r.status).toBe('completed')
    expect(r.metrics.invariants.checks).toBe(r.metrics.commands.applied)
    expect(r.metrics.invariants.violations).toEqual([])
  })

  it('stops at an injected violation with the event, the statement and a repro line', () => {
    const r = smallRun({
      seed: 30,
      minutes: 6,
      hooks: {
        afterCommand(world, count) {
          if (count === 400) world.network = { ...world.network, treasury: world.network.treasury + 1n }
        },
      },
    })
    expect(r.status).toBe('violation')
    expect(r.header.complete).toBe(false)
    expect(r.metrics.run.simulatedMs).toBeLessThan(6 * 60_000)
    expect(r.metrics.commands.applied).toBe(400)
    const v = r.metrics.invariants.violations[0]!
    expect(v.id).toBe('fundsConserved')
    expect(v.statement).toBe(INVARIANTS.find((i) => i.id === 'fundsConserved')!.statement)
    expect(v.event).toMatch(/ at \d+ ms$/)
    expect(v.repro).toBe('ctb simulate --seed 30 --check-every 1')
    expect(v.details.length).toBeGreaterThan(0)
    const text = describeViolation(v)
    expect(text.split('\n')[0]).toBe(`invariant fundsConserved broken at ${v.atMs} ms, after ${v.event}:`)
    expect(text).toContain(`  ${v.statement}`)
    expect(text.endsWith(`reproduce: ${v.repro}`)).toBe(true)
  })
})

describe('run folders and replay', () => {
  it('writes a folder whose result hash a replay reproduces', async () => {
    const dir = join(root, 'a')
    const r = await runSimulationToFolder(input, { outDir: dir, trace: true })
    const folder = readRunFolder(dir)
    expect(folder.header.resultHash).toBe(r.resultHash)
    expect(folder.header.nodeCounts).toEqual({ miner: 8, oracle: 3, client: r.metrics.counts.clients })
    expect(folder.header.traceLines).toBe(r.metrics.run.eventsProcessed)
    const replay = replayRun(join(dir, RUN_FILE))
    expect(replay.identical).toBe(true)
    expect(replay.replayedHash).toBe(r.resultHash)
    expect(replay.differences).toEqual([])
  })

  it('reports where a replay differs from a tampered recording', async () => {
    const dir = join(root, 'b')
    await runSimulationToFolder(input, { outDir: dir, trace: false })
    const metrics = parseJson(readFileSync(join(dir, METRICS_FILE), 'utf8')) as { tasks: { succeeded: number } }
    metrics.tasks.succeeded += 1
    writeFileSync(join(dir, METRICS_FILE), stringifyJson(metrics, 2) + '\n')
    const header = JSON.parse(readFileSync(join(dir, RUN_FILE), 'utf8')) as Record<string, unknown>
    header['resultHash'] = 'f'.repeat(64)
    writeFileSync(join(dir, RUN_FILE), JSON.stringify(header))
    const replay = replayRun(dir)
    expect(replay.identical).toBe(false)
    expect(replay.differences).toEqual([`tasks.succeeded: ${metrics.tasks.succeeded} → ${metrics.tasks.succeeded - 1}`])
    expect(() => replayRun(join(root, 'missing', RUN_FILE))).toThrow(RunFolderError)
  })

  it('refuses a recording whose parameters or scenario are not a resolved configuration', async () => {
    const dir = join(root, 'd')
    await runSimulationToFolder(input, { outDir: dir, trace: false })
    const header = JSON.parse(readFileSync(join(dir, RUN_FILE), 'utf8')) as Record<string, unknown>
    const bad: Record<string, unknown> = { ...header, params: { poi: { cosineThreshold: 5 } } }
    bad['paramsHash'] = computeContentHash(bad['params'])
    writeFileSync(join(dir, RUN_FILE), JSON.stringify(bad))
    expect(() => replayRun(dir)).toThrow(/recorded params are invalid/)
    const noScenario: Record<string, unknown> = { ...header, scenario: { miners: 3 } }
    noScenario['scenarioHash'] = computeContentHash(noScenario['scenario'])
    writeFileSync(join(dir, RUN_FILE), JSON.stringify(noScenario))
    expect(() => replayRun(dir)).toThrow(/not a resolved scenario/)
  })

  it('marks an interrupted run incomplete and keeps its partial metrics', async () => {
    const dir = join(root, 'c')
    let stop: (() => void) | undefined
    const signals = { once: (_: string, listener: () => void) => void (stop = listener), removeListener: () => undefined }
    const r = await runSimulationToFolder(input, { outDir: dir, trace: false, signals, yieldEveryEvents: 500, progressEveryEvents: 500, onProgress: () => stop?.() })
    expect(r.status).toBe('interrupted')
    expect(() => readRunFolder(dir)).toThrow(/incomplete/)
    const folder = readRunFolder(dir, { allowIncomplete: true })
    expect(folder.header.complete).toBe(false)
    expect((folder.metrics as { run: { status: string } }).run.status).toBe('interrupted')
    expect(folder.header.simulatedMs).toBeLessThan(input.durationMs)
  })
})

describe('metrics', () => {
  it('covers table rows, archives what ended, and samples series', () => {
    const r = smallRun({ seed: 32, minutes: 10 })
    const task = r.metrics.coverage.machines.find((m) => m.machine === 'task')!
    const row = (from: string, event: string): number => task.rows.find((x) => x.from === from && x.event === event)!.hits
    const firstAssignments = r.metrics.tasks.latency.queue.count
    expect(row('Queued', 'assign')).toBeGreaterThanOrEqual(firstAssignments)
    expect(row('Queued', 'assign')).toBeLessThanOrEqual(firstAssignments + r.metrics.tasks.requeued)
    expect(row('Assigned', 'ack')).toBeGreaterThan(0)
    expect(row('Validated', 'end')).toBe(r.metrics.tasks.succeeded + (r.metrics.tasks.failed['noConsensus'] ?? 0))
    const escrow = r.metrics.coverage.machines.find((m) => m.machine === 'escrow')!
    expect(escrow.rows.map((x) => x.hits).reduce((a, b) => a + b, 0)).toBe(r.metrics.tasks.ended)
    expect(r.metrics.series.atMs.length).toBeGreaterThan(10)
    expect(r.metrics.series.tasksEnded.reduce((a, b) => a + b, 0)).toBe(r.metrics.tasks.ended)
    expect(r.metrics.nodes.address).toHaveLength(r.metrics.counts.miners)
  })
})
