/**
 * Writes a run folder (format.ts). The header goes out first with `complete: false`, so a run
 * that crashes or is killed leaves a folder the reader recognises as incomplete; `finish` writes
 * the metrics and then the final header. Both JSON files are written to a temporary name and
 * renamed, so a reader never sees half a file.
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { stringifyJson } from '../../protocol/core/json.ts'
import { assert } from '../engine/assert.ts'
import { METRICS_FILE, RUN_FILE, RUN_FORMAT, RUN_FORMAT_VERSION, TRACE_FILE, type RunHeader } from './format.ts'
import { computeContentHash } from './hash.ts'
import { readGitCommit, readPackageVersion } from './provenance.ts'
import { TraceWriter } from './trace.ts'

/** The wall clock, injectable so tests can pin it; it never reaches the simulation. */
export interface WallClock {
  nowIso(): string
  nowMs(): number
}

export const systemWallClock: WallClock = {
  nowIso: () => new Date().toISOString(),
  nowMs: () => performance.now(),
}

export interface RunWriterOptions {
  readonly dir: string
  readonly seed: number
  readonly scenario: unknown
  readonly params: unknown
  readonly nodeCounts: Readonly<Record<string, number>>
  /** Write `trace.jsonl`. */
  readonly trace: boolean
  /** Replace an existing run folder at `dir` (otherwise an existing `run.json` is an error). */
  readonly overwrite?: boolean
  readonly gitCommit?: string
  readonly packageVersion?: string
  readonly clock?: WallClock
}

export interface RunFinish {
  readonly complete: boolean
  readonly metrics: unknown
  readonly simulatedMs: number
  readonly eventsProcessed: number
  /** sha256 of the metrics' canonical JSON, when the host computed one. */
  readonly resultHash?: string
}

export interface RunWriter {
  readonly dir: string
  /** The header as written so far. */
  readonly header: RunHeader
  /** Appends one trace record (an assertion failure when the run writes no trace). */
  trace(record: unknown): void
  readonly tracing: boolean
  /** Writes metrics and the final header and closes the trace; returns the final header. */
  finish(result: RunFinish): RunHeader
}

/** Thrown when a run folder cannot be created (an existing run, a bad path). */
export class RunWriteError extends Error {
  override readonly name = 'RunWriteError'
}

export function createRunWriter(options: RunWriterOptions): RunWriter {
  const clock = options.clock ?? systemWallClock
  // The reader refuses these, so a writer must never produce them.
  assert(Number.isInteger(options.seed) && options.seed >= 0 && options.seed <= 0xffff_ffff, `seed must be an unsigned 32-bit integer, got ${options.seed}`)
  assert(Object.values(options.nodeCounts).every((n) => Number.isSafeInteger(n) && n >= 0), 'node counts must be non-negative integers')
  prepareDir(options.dir, options.overwrite ?? false)
  const startedMs = clock.nowMs()
  let header: RunHeader = {
    format: RUN_FORMAT,
    formatVersion: RUN_FORMAT_VERSION,
    seed: options.seed,
    scenarioHash: computeContentHash(options.scenario),
    paramsHash: computeContentHash(options.params),
    scenario: options.scenario,
    params: options.params,
    gitCommit: options.gitCommit ?? readGitCommit(),
    packageVersion: options.packageVersion ?? readPackageVersion(),
    nodeCounts: options.nodeCounts,
    startedAt: clock.nowIso(),
    wallTimeMs: null,
    simulatedMs: 0,
    eventsProcessed: 0,
    complete: false,
    traceLines: options.trace ? 0 : null,
    resultHash: null,
  }
  writeJsonAtomically(join(options.dir, RUN_FILE), header)
  const traceWriter = options.trace ? new TraceWriter(join(options.dir, TRACE_FILE)) : null
  let finished = false
  return {
    dir: options.dir,
    get header() {
      return header
    },
    tracing: traceWriter !== null,
    trace(record) {
      assert(traceWriter !== null, 'this run writes no trace (createRunWriter({ trace: false }))')
      traceWriter.write(record)
    },
    finish(result) {
      assert(!finished, `run ${options.dir} is already finished`)
      finished = true
      traceWriter?.close()
      writeJsonAtomically(join(options.dir, METRICS_FILE), result.metrics)
      header = {
        ...header,
        wallTimeMs: Math.max(0, Math.round(clock.nowMs() - startedMs)),
        simulatedMs: result.simulatedMs,
        eventsProcessed: result.eventsProcessed,
        complete: result.complete,
        traceLines: traceWriter === null ? null : traceWriter.lines,
        resultHash: result.resultHash ?? null,
      }
      writeJsonAtomically(join(options.dir, RUN_FILE), header)
      return header
    },
  }
}

function prepareDir(dir: string, overwrite: boolean): void {
  if (!overwrite && existsSync(join(dir, RUN_FILE))) {
    throw new RunWriteError(`${dir} already holds a run (${RUN_FILE}); choose another folder or overwrite it`)
  }
  try {
    mkdirSync(dir, { recursive: true })
  } catch (error) {
    throw new RunWriteError(`cannot create run folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
  }
}

/** Writes canonical JSON (2-space indented, trailing newline) through a temporary file. */
function writeJsonAtomically(path: string, value: unknown): void {
  const temporary = `${path}.tmp`
  writeFileSync(temporary, stringifyJson(value, 2) + '\n')
  renameSync(temporary, path)
}
