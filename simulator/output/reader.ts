/**
 * Reads and checks a run folder (format.ts). Every way a folder can be unusable gets its own
 * stable code and one sentence naming the file and what is wrong: a missing folder or file,
 * broken JSON, another format, an older or newer format version, an incomplete run, a header
 * field of the wrong type, hashes that no longer match their content, or a cut trace.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { parseJson } from '../../protocol/core/json.ts'
import { METRICS_FILE, RUN_FILE, RUN_FORMAT, RUN_FORMAT_VERSION, TRACE_FILE, type RunHeader } from './format.ts'
import { computeContentHash } from './hash.ts'

export type RunFolderErrorCode =
  | 'MissingFolder'
  | 'MissingFile'
  | 'InvalidJson'
  | 'WrongFormat'
  | 'OlderFormat'
  | 'NewerFormat'
  | 'InvalidHeader'
  | 'Incomplete'
  | 'HashMismatch'
  | 'TruncatedTrace'

export class RunFolderError extends Error {
  override readonly name = 'RunFolderError'
  constructor(
    readonly code: RunFolderErrorCode,
    message: string,
  ) {
    super(message)
  }
}

export interface RunFolder {
  readonly dir: string
  readonly header: RunHeader
  readonly metrics: unknown
  /** Path of `trace.jsonl`, or null when the run wrote none. */
  readonly tracePath: string | null
}

export interface ReadRunOptions {
  /** Accept a run whose header says `complete: false` (to inspect what an interrupted run left). */
  readonly allowIncomplete?: boolean
}

export function readRunFolder(dir: string, options: ReadRunOptions = {}): RunFolder {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new RunFolderError('MissingFolder', `${dir} is not a folder`)
  const header = checkHeader(readJson(dir, RUN_FILE), dir)
  if (!header.complete && !options.allowIncomplete) {
    throw new RunFolderError('Incomplete', `${join(dir, RUN_FILE)} says the run is incomplete (interrupted or crashed after ${header.eventsProcessed} events); re-run it, or read it with allowIncomplete`)
  }
  checkHashes(header, dir)
  const metricsPresent = existsSync(join(dir, METRICS_FILE))
  if (!metricsPresent && header.complete) throw new RunFolderError('MissingFile', `${join(dir, METRICS_FILE)} is missing although the run is complete`)
  const metrics = metricsPresent ? readJson(dir, METRICS_FILE) : null
  const tracePath = header.traceLines === null ? null : checkTrace(dir, header)
  return { dir, header, metrics, tracePath }
}

/** Every record of the folder's trace, in order (for traces that fit in memory). */
export function readTraceRecords(folder: RunFolder): unknown[] {
  if (folder.tracePath === null) throw new RunFolderError('MissingFile', `${folder.dir} has no trace (the run was written without one)`)
  const text = readFileSync(folder.tracePath, 'utf8')
  const lines = text.length === 0 ? [] : text.slice(0, -1).split('\n')
  return lines.map((line, index) => {
    try {
      return parseJson(line)
    } catch (error) {
      throw new RunFolderError('InvalidJson', `${folder.tracePath} line ${index + 1} is not valid JSON: ${(error as Error).message}`)
    }
  })
}

function readJson(dir: string, file: string): unknown {
  const path = join(dir, file)
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new RunFolderError('MissingFile', `${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); is ${dir} a run folder?`)
  }
  try {
    return parseJson(text)
  } catch (error) {
    throw new RunFolderError('InvalidJson', `${path} is not valid JSON (a partial write?): ${(error as Error).message}`)
  }
}

function checkHeader(value: unknown, dir: string): RunHeader {
  const path = join(dir, RUN_FILE)
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new RunFolderError('InvalidHeader', `${path} must hold a JSON object`)
  const h = value as Record<string, unknown>
  if (h['format'] !== RUN_FORMAT) {
    const what = h['format'] === undefined ? 'has no format field (written by an older build, before run folders were versioned)' : `has format ${JSON.stringify(h['format'])}`
    throw new RunFolderError(h['format'] === undefined ? 'OlderFormat' : 'WrongFormat', `${path} ${what}; expected ${RUN_FORMAT} version ${RUN_FORMAT_VERSION}`)
  }
  const version = h['formatVersion']
  if (typeof version !== 'number' || !Number.isInteger(version)) throw new RunFolderError('InvalidHeader', `${path}: formatVersion must be an integer`)
  if (version < RUN_FORMAT_VERSION) throw new RunFolderError('OlderFormat', `${path} is format version ${version}, older than this build's ${RUN_FORMAT_VERSION}; re-run the scenario with this build`)
  if (version > RUN_FORMAT_VERSION) throw new RunFolderError('NewerFormat', `${path} is format version ${version}, newer than this build's ${RUN_FORMAT_VERSION}; update the testbed`)
  const bad = findBadHeaderField(h)
  if (bad !== undefined) throw new RunFolderError('InvalidHeader', `${path}: ${bad}`)
  return h as unknown as RunHeader
}

const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
const isHex64 = (v: unknown): boolean => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v)

/** The first header field with a wrong type, as a message, or undefined when all are right. */
function findBadHeaderField(h: Record<string, unknown>): string | undefined {
  const checks: readonly [string, (v: unknown) => boolean, string][] = [
    ['seed', (v) => isCount(v) && (v as number) <= 0xffff_ffff, 'an unsigned 32-bit integer'],
    ['scenarioHash', isHex64, 'a sha256 hex string'],
    ['paramsHash', isHex64, 'a sha256 hex string'],
    ['gitCommit', (v) => typeof v === 'string' && v.length > 0, 'a non-empty string'],
    ['packageVersion', (v) => typeof v === 'string' && v.length > 0, 'a non-empty string'],
    ['nodeCounts', (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every(isCount), 'an object of non-negative integers'],
    ['startedAt', (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)), 'an ISO 8601 time'],
    ['wallTimeMs', (v) => v === null || isCount(v), 'null or a non-negative integer'],
    ['simulatedMs', isCount, 'a non-negative integer'],
    ['eventsProcessed', isCount, 'a non-negative integer'],
    ['complete', (v) => typeof v === 'boolean', 'a boolean'],
    ['traceLines', (v) => v === null || isCount(v), 'null or a non-negative integer'],
    ['resultHash', (v) => v === undefined || v === null || isHex64(v), 'null or a sha256 hex string'],
  ]
  for (const [field, ok, expected] of checks) {
    if (!ok(h[field])) return `${field} must be ${expected}, got ${JSON.stringify(h[field]) ?? 'nothing'}`
  }
  if (!('scenario' in h) || !('params' in h)) return 'scenario and params must be present'
  return undefined
}

function checkHashes(header: RunHeader, dir: string): void {
  for (const [field, hashField] of [['scenario', 'scenarioHash'], ['params', 'paramsHash']] as const) {
    const actual = computeContentHash(header[field])
    if (actual !== header[hashField]) {
      throw new RunFolderError('HashMismatch', `${join(dir, RUN_FILE)}: ${hashField} ${header[hashField]} does not match its ${field} (sha256 ${actual}); the file was edited or corrupted`)
    }
  }
}

/** Checks that the trace exists, ends with a newline and has the line count the header states. */
function checkTrace(dir: string, header: RunHeader): string {
  const path = join(dir, TRACE_FILE)
  if (!existsSync(path)) throw new RunFolderError('MissingFile', `${path} is missing although ${RUN_FILE} records a trace`)
  if (!header.complete) return path // An interrupted run may not have flushed; its count is not final.
  const bytes = readFileSync(path)
  let lines = 0
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) lines++
  if (bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a) throw new RunFolderError('TruncatedTrace', `${path} ends in the middle of a line (a partial write)`)
  if (lines !== header.traceLines) throw new RunFolderError('TruncatedTrace', `${path} has ${lines} lines but ${RUN_FILE} records ${header.traceLines}`)
  return path
}
