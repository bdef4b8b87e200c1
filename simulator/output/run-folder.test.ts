// Goal: the run writer produces a folder the reader accepts, with canonical, bigint-safe JSON and
// correct hashes; the reader names every way a folder can be unusable with a stable code.
// Method: write folders into a temporary directory with a pinned wall clock, then damage copies
// of them (delete, cut, edit, downgrade) and assert the reader's error code and message.
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseJson, stringifyJson } from '../../protocol/core/json.ts'
import { METRICS_FILE, RUN_FILE, TRACE_FILE } from './format.ts'
import { computeContentHash } from './hash.ts'
import { readGitCommit, readPackageVersion } from './provenance.ts'
import { readRunFolder, readTraceRecords, RunFolderError, type RunFolderErrorCode } from './reader.ts'
import { createRunWriter, RunWriteError, type RunWriterOptions, type WallClock } from './writer.ts'

const root = mkdtempSync(join(tmpdir(), 'ctb-run-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let folderCount = 0

const fixedClock = (): WallClock => {
  let ms = 1000
  return { nowIso: () => '2025-01-02T03:04:05.000Z', nowMs: () => (ms += 250) }
}

function writerOptions(overrides: Partial<RunWriterOptions> = {}): RunWriterOptions {
  return {
    dir: join(root, `run-${folderCount++}`),
    seed: 42,
    scenario: { name: 'toy', miners: 3 },
    params: { payments: { price: 10n ** 17n }, poi: { threshold: 0.85 } },
    nodeCounts: { miner: 3, oracle: 1 },
    trace: true,
    gitCommit: 'a'.repeat(40),
    packageVersion: '9.9.9',
    clock: fixedClock(),
    ...overrides,
  }
}

/** A finished folder with two trace lines; returns its path. */
function finishedFolder(overrides: Partial<RunWriterOptions> = {}): string {
  const writer = createRunWriter(writerOptions(overrides))
  if (writer.tracing) {
    writer.trace({ t: 1, amount: 5n })
    writer.trace({ t: 2, kind: 'timer' })
  }
  writer.finish({ complete: true, metrics: { tasks: 2, paid: 3n }, simulatedMs: 500, eventsProcessed: 2 })
  return writer.dir
}

function readError(dir: string, allowIncomplete = false): { code: RunFolderErrorCode; message: string } {
  try {
    readRunFolder(dir, { allowIncomplete })
  } catch (error) {
    if (error instanceof RunFolderError) return { code: error.code, message: error.message }
    throw error
  }
  throw new Error('expected the reader to refuse the folder')
}

function editHeader(dir: string, edit: (header: Record<string, unknown>) => void): void {
  const header = JSON.parse(readFileSync(join(dir, RUN_FILE), 'utf8')) as Record<string, unknown>
  edit(header)
  writeFileSync(join(dir, RUN_FILE), JSON.stringify(header))
}

describe('run writer', () => {
  it('writes a header the reader accepts, with hashes, provenance and wall time', () => {
    const dir = finishedFolder()
    const folder = readRunFolder(dir)
    expect(folder.header).toMatchObject({
      format: 'cortensor-testbed/run',
      formatVersion: 1,
      seed: 42,
      gitCommit: 'a'.repeat(40),
      packageVersion: '9.9.9',
      nodeCounts: { miner: 3, oracle: 1 },
      startedAt: '2025-01-02T03:04:05.000Z',
      wallTimeMs: 250,
      simulatedMs: 500,
      eventsProcessed: 2,
      complete: true,
      traceLines: 2,
    })
    expect(folder.header.scenarioHash).toBe(computeContentHash({ miners: 3, name: 'toy' }))
    expect(folder.header.params).toEqual({ payments: { price: 10n ** 17n }, poi: { threshold: 0.85 } })
    expect(folder.metrics).toEqual({ tasks: 2, paid: 3n })
    expect(readTraceRecords(folder)).toEqual([{ t: 1, amount: 5n }, { kind: 'timer', t: 2 }])
  })

  it('writes canonical JSON: sorted keys and explicit bigints', () => {
    const dir = finishedFolder()
    expect(readFileSync(join(dir, TRACE_FILE), 'utf8')).toBe('{"amount":{"#bigint":"5"},"t":1}\n{"kind":"timer","t":2}\n')
    expect(readFileSync(join(dir, METRICS_FILE), 'utf8')).toBe(stringifyJson({ paid: 3n, tasks: 2 }, 2) + '\n')
  })

  it('marks the run incomplete until it finishes, and records an interrupted finish', () => {
    const options = writerOptions()
    const writer = createRunWriter(options)
    expect((parseJson(readFileSync(join(options.dir, RUN_FILE), 'utf8')) as { complete: boolean }).complete).toBe(false)
    expect(readError(options.dir).code).toBe('Incomplete')
    writer.trace({ t: 1 })
    writer.finish({ complete: false, metrics: { partial: true }, simulatedMs: 7, eventsProcessed: 1 })
    expect(readError(options.dir).message).toMatch(/incomplete \(interrupted or crashed after 1 events\)/)
    const folder = readRunFolder(options.dir, { allowIncomplete: true })
    expect(folder.header.traceLines).toBe(1)
    expect(folder.metrics).toEqual({ partial: true })
  })

  it('writes no trace when asked not to, and refuses trace records then', () => {
    const options = writerOptions({ trace: false })
    const writer = createRunWriter(options)
    expect(() => writer.trace({})).toThrow(/writes no trace/)
    writer.finish({ complete: true, metrics: {}, simulatedMs: 0, eventsProcessed: 0 })
    const folder = readRunFolder(options.dir)
    expect(folder.tracePath).toBeNull()
    expect(folder.header.traceLines).toBeNull()
    expect(() => readTraceRecords(folder)).toThrow(/has no trace/)
  })

  it('refuses to finish twice and to overwrite a run unless asked', () => {
    const options = writerOptions()
    const writer = createRunWriter(options)
    writer.finish({ complete: true, metrics: {}, simulatedMs: 0, eventsProcessed: 0 })
    expect(() => writer.finish({ complete: true, metrics: {}, simulatedMs: 0, eventsProcessed: 0 })).toThrow(/already finished/)
    expect(() => createRunWriter({ ...options, clock: fixedClock() })).toThrow(RunWriteError)
    const again = createRunWriter({ ...options, overwrite: true })
    expect(again.header.complete).toBe(false)
  })

  it('refuses a seed or node counts the reader would refuse', () => {
    expect(() => createRunWriter(writerOptions({ seed: -1 }))).toThrow(/seed must be an unsigned 32-bit integer/)
    expect(() => createRunWriter(writerOptions({ nodeCounts: { miner: 1.5 } }))).toThrow(/node counts/)
  })

  it('reports a folder it cannot create', () => {
    const file = join(root, 'plain-file')
    writeFileSync(file, 'x')
    expect(() => createRunWriter(writerOptions({ dir: join(file, 'sub') }))).toThrow(/cannot create run folder/)
  })

  it('reads the real git commit and package version', () => {
    expect(readGitCommit()).toMatch(/^[0-9a-f]{40}$|^unknown$/)
    expect(readGitCommit(tmpdir())).toBe('unknown')
    expect(readGitCommit()).toBe(readGitCommit(new URL('../..', import.meta.url).pathname))
    expect(readPackageVersion()).toMatch(/^\d+\.\d+\.\d+/)
    expect(readPackageVersion(new URL('file:///nonexistent/package.json'))).toBe('unknown')
    const defaults = createRunWriter(writerOptions({ gitCommit: undefined as unknown as string, packageVersion: undefined as unknown as string }))
    expect(defaults.header.gitCommit).toBe(readGitCommit())
  })
})

describe('run reader', () => {
  it('names a missing folder and a folder without run.json', () => {
    expect(readError(join(root, 'nope')).code).toBe('MissingFolder')
    const empty = join(root, 'empty')
    createRunWriter(writerOptions({ dir: empty })).finish({ complete: true, metrics: {}, simulatedMs: 0, eventsProcessed: 0 })
    unlinkSync(join(empty, RUN_FILE))
    expect(readError(empty)).toMatchObject({ code: 'MissingFile', message: expect.stringMatching(/run.json cannot be read \(ENOENT\)/) })
  })

  it('names a partial run.json and a partial metrics.json', () => {
    const dir = finishedFolder()
    const text = readFileSync(join(dir, METRICS_FILE), 'utf8')
    writeFileSync(join(dir, METRICS_FILE), text.slice(0, 5))
    expect(readError(dir)).toMatchObject({ code: 'InvalidJson', message: expect.stringMatching(/metrics.json is not valid JSON/) })
    writeFileSync(join(dir, RUN_FILE), '{"format":')
    expect(readError(dir).code).toBe('InvalidJson')
  })

  it('names a missing metrics.json of a complete run', () => {
    const dir = finishedFolder()
    unlinkSync(join(dir, METRICS_FILE))
    expect(readError(dir).code).toBe('MissingFile')
  })

  it('tells an older, a newer and a foreign format apart', () => {
    const older = finishedFolder()
    editHeader(older, (h) => (h['formatVersion'] = 0))
    expect(readError(older)).toMatchObject({ code: 'OlderFormat', message: expect.stringMatching(/version 0, older than this build's 1/) })
    const unversioned = finishedFolder()
    editHeader(unversioned, (h) => delete h['format'])
    expect(readError(unversioned)).toMatchObject({ code: 'OlderFormat', message: expect.stringMatching(/no format field/) })
    const newer = finishedFolder()
    editHeader(newer, (h) => (h['formatVersion'] = 2))
    expect(readError(newer).code).toBe('NewerFormat')
    const foreign = finishedFolder()
    editHeader(foreign, (h) => (h['format'] = 'something-else'))
    expect(readError(foreign).code).toBe('WrongFormat')
    const noVersion = finishedFolder()
    editHeader(noVersion, (h) => (h['formatVersion'] = '1'))
    expect(readError(noVersion).code).toBe('InvalidHeader')
  })

  it('names each header field of the wrong type', () => {
    const cases: [string, unknown, RegExp][] = [
      ['seed', -1, /seed must be an unsigned 32-bit integer/],
      ['paramsHash', 'abc', /paramsHash must be a sha256 hex string/],
      ['nodeCounts', { miner: -2 }, /nodeCounts/],
      ['startedAt', 'yesterday', /startedAt/],
      ['complete', 'yes', /complete must be a boolean/],
      ['traceLines', 1.5, /traceLines/],
    ]
    for (const [field, value, message] of cases) {
      const dir = finishedFolder()
      editHeader(dir, (h) => (h[field] = value))
      expect(readError(dir)).toMatchObject({ code: 'InvalidHeader', message: expect.stringMatching(message) })
    }
    const noScenario = finishedFolder()
    editHeader(noScenario, (h) => delete h['scenario'])
    expect(readError(noScenario).message).toMatch(/scenario and params must be present/)
    const notObject = finishedFolder()
    writeFileSync(join(notObject, RUN_FILE), '[1]')
    expect(readError(notObject).code).toBe('InvalidHeader')
  })

  it('detects a scenario or params edited after the run', () => {
    const dir = finishedFolder()
    editHeader(dir, (h) => ((h['scenario'] as Record<string, unknown>)['miners'] = 4))
    expect(readError(dir)).toMatchObject({ code: 'HashMismatch', message: expect.stringMatching(/scenarioHash .* does not match its scenario/) })
  })

  it('detects a missing, cut or short trace', () => {
    const missing = finishedFolder()
    unlinkSync(join(missing, TRACE_FILE))
    expect(readError(missing).code).toBe('MissingFile')
    const cut = finishedFolder()
    writeFileSync(join(cut, TRACE_FILE), '{"t":1}\n{"t":')
    expect(readError(cut)).toMatchObject({ code: 'TruncatedTrace', message: expect.stringMatching(/middle of a line/) })
    const short = finishedFolder()
    writeFileSync(join(short, TRACE_FILE), '{"t":1}\n')
    expect(readError(short)).toMatchObject({ code: 'TruncatedTrace', message: expect.stringMatching(/has 1 lines but run.json records 2/) })
    const garbled = finishedFolder()
    writeFileSync(join(garbled, TRACE_FILE), '{"t":1}\nnot json\n')
    expect(() => readTraceRecords(readRunFolder(garbled))).toThrow(/line 2 is not valid JSON/)
  })

  it('accepts an incomplete folder without metrics when asked to', () => {
    const options = writerOptions()
    createRunWriter(options)
    const folder = readRunFolder(options.dir, { allowIncomplete: true })
    expect(folder.metrics).toBeNull()
    expect(folder.tracePath).toBe(join(options.dir, TRACE_FILE))
  })
})
