/**
 * The miner's journal: what it must remember across a crash to finish what it started. A
 * precommit is a promise to reveal one exact text with one salt; if the miner forgot either, it
 * could never reveal and would lose the task. So the result and the salt are written, and fsync'd,
 * before the precommit is sent. After a restart the journal and the chain state together say what
 * is left to do.
 *
 * Format: JSON lines in `<dataDir>/journal.jsonl`, appended and fsync'd one at a time. A torn last
 * line (a crash mid-write) is ignored. Entries for finished work are marked `done`; on open, a
 * journal with many finished entries is compacted (rewritten with the live ones, atomically).
 */
import { mkdir, open, readFile, rename, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import type { Hex32 } from '../../protocol/core/commit.ts'
import type { RoundId, SessionId, TaskId } from '../../protocol/core/types.ts'
import { SerialQueue } from '../inference/lock.ts'

/** A user task's result, before its precommit. `key` names the task and assignment round. */
export interface TaskResultEntry {
  readonly t: 'task'
  readonly key: string
  readonly sessionId: SessionId
  readonly taskId: TaskId
  /** The task's reassignment count when this result was computed. */
  readonly round: number
  readonly salt: Hex32
  readonly result: string
  readonly outputTokens: number
}

/** A network-task round completion, before its precommit. */
export interface RoundResultEntry {
  readonly t: 'round'
  readonly key: string
  readonly roundId: RoundId
  readonly salt: Hex32
  readonly completion: string
}

export interface DoneEntry {
  readonly t: 'done'
  readonly key: string
}

export type JournalEntry = TaskResultEntry | RoundResultEntry | DoneEntry
export type LiveEntry = TaskResultEntry | RoundResultEntry

export function taskJournalKey(sessionId: SessionId, taskId: TaskId, round: number): string {
  return `task:${sessionId}/${taskId}#${round}`
}

export function roundJournalKey(roundId: RoundId): string {
  return `round:${roundId}`
}

/** Finished entries beyond which `open` compacts the file. */
const COMPACT_AFTER_DONE = 256

export class MinerJournal {
  private readonly live = new Map<string, LiveEntry>()
  private readonly queue = new SerialQueue()
  private handle: FileHandle | null = null

  private constructor(readonly path: string) {}

  /**
   * Opens (creating if needed) the journal of `dataDir` and loads what is still live; compacts it
   * when it holds more than `compactAfterDone` finished entries.
   */
  static async open(dataDir: string, compactAfterDone = COMPACT_AFTER_DONE): Promise<MinerJournal> {
    await mkdir(dataDir, { recursive: true })
    const journal = new MinerJournal(join(dataDir, 'journal.jsonl'))
    const { doneCount, torn } = await journal.load()
    if (doneCount > compactAfterDone) await journal.compact()
    journal.handle = await open(journal.path, 'a')
    // A line cut by a crash must not swallow the next entry: end it first.
    if (torn && doneCount <= compactAfterDone) {
      await journal.handle.appendFile('\n', 'utf8')
      await journal.handle.sync()
    }
    // The file's directory entry must survive a crash too (a new file, or the compaction's rename).
    await syncDirectory(dataDir)
    return journal
  }

  get(key: string): LiveEntry | undefined {
    return this.live.get(key)
  }

  /** Every live entry, in the order they were written. */
  entries(): LiveEntry[] {
    return [...this.live.values()]
  }

  /** Appends `entry` and fsyncs before resolving. */
  append(entry: JournalEntry): Promise<void> {
    return this.queue.run(async () => {
      if (this.handle === null) throw new Error(`journal ${this.path} is closed`)
      await this.handle.appendFile(`${JSON.stringify(entry)}\n`, 'utf8')
      await this.handle.sync()
      this.apply(entry)
    })
  }

  /** Marks `key` finished (no-op for an unknown key). */
  async markDone(key: string): Promise<void> {
    if (this.live.has(key)) await this.append({ t: 'done', key })
  }

  async close(): Promise<void> {
    await this.queue.run(async () => {
      const handle = this.handle
      this.handle = null
      await handle?.close()
    })
  }

  private apply(entry: JournalEntry): void {
    if (entry.t === 'done') this.live.delete(entry.key)
    else this.live.set(entry.key, entry)
  }

  /** Reads the file; returns how many finished entries it holds and whether its last line is cut. */
  private async load(): Promise<{ doneCount: number; torn: boolean }> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { doneCount: 0, torn: false }
      throw error
    }
    let doneCount = 0
    for (const line of text.split('\n')) {
      const entry = parseEntry(line)
      if (entry === null) continue
      if (entry.t === 'done') doneCount++
      this.apply(entry)
    }
    return { doneCount, torn: text.length > 0 && !text.endsWith('\n') }
  }

  /** Rewrites the file with the live entries only: write a temporary file, fsync, rename over. */
  private async compact(): Promise<void> {
    const tmp = `${this.path}.tmp`
    const handle = await open(tmp, 'w')
    try {
      await handle.writeFile(this.entries().map((e) => `${JSON.stringify(e)}\n`).join(''), 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(tmp, this.path)
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** One line as an entry, or null for a blank, torn or foreign line. */
function parseEntry(line: string): JournalEntry | null {
  if (line.trim() === '') return null
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    return null
  }
  if (value === null || typeof value !== 'object') return null
  const e = value as Partial<Record<string, unknown>>
  if (typeof e['key'] !== 'string') return null
  switch (e['t']) {
    case 'done':
      return value as DoneEntry
    case 'task':
      return typeof e['salt'] === 'string' && typeof e['result'] === 'string' && typeof e['sessionId'] === 'number' && typeof e['taskId'] === 'number' ? (value as TaskResultEntry) : null
    case 'round':
      return typeof e['salt'] === 'string' && typeof e['completion'] === 'string' && typeof e['roundId'] === 'number' ? (value as RoundResultEntry) : null
    default:
      return null
  }
}
