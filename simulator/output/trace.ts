/**
 * `trace.jsonl` writer: one canonical JSON value per line, buffered and written synchronously, so
 * the bytes on disk depend only on the records and their order. A crash loses at most the buffer;
 * the reader then finds fewer lines than the header promises (or a cut last line) and says so.
 */
import { closeSync, openSync, writeSync } from 'node:fs'
import { stringifyJson } from '../../protocol/core/json.ts'
import { assert } from '../engine/assert.ts'

const FLUSH_AT_CHARS = 1 << 20

export class TraceWriter {
  private fd: number | null
  private buffer: string[] = []
  private bufferedChars = 0
  private lineCount = 0

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w')
  }

  /** Lines written so far (including buffered ones). */
  get lines(): number {
    return this.lineCount
  }

  /** Appends `record` as one line. */
  write(record: unknown): void {
    assert(this.fd !== null, `trace ${this.path} is already closed`)
    const line = stringifyJson(record) + '\n'
    this.buffer.push(line)
    this.bufferedChars += line.length
    this.lineCount++
    if (this.bufferedChars >= FLUSH_AT_CHARS) this.flush()
  }

  flush(): void {
    if (this.fd === null || this.buffer.length === 0) return
    writeSync(this.fd, this.buffer.join(''))
    this.buffer = []
    this.bufferedChars = 0
  }

  /** Flushes and closes the file; later writes are assertion failures. Idempotent. */
  close(): void {
    if (this.fd === null) return
    this.flush()
    closeSync(this.fd)
    this.fd = null
  }
}
