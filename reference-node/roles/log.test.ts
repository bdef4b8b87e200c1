// Goal: log lines are one per call, filtered by level, readable as text (values quoted when they
// hold spaces) and valid JSON in JSON mode with bigints as decimal strings. Method: loggers with a
// collecting sink and a fixed clock.
import { describe, expect, it } from 'vitest'
import { createLogger, createMemoryLogger, shortAddress } from './log.ts'

const clock = { nowMs: () => Date.UTC(2025, 0, 2, 3, 4, 5) }

describe('logger', () => {
  it('writes text lines with fields, quoting where needed, above the level', () => {
    const lines: string[] = []
    const log = createLogger({ name: 'miner 0xab', clock, sink: (l) => lines.push(l), level: 'info' })
    log.debug('hidden')
    log.info('sent', { what: 'ack task', tx: '0x1', block: 5n, n: 3, ok: true, none: null, skip: undefined, list: ['a', 1] })
    log.warn('odd', { text: 'a="b"' })
    log.error('bad')
    log.log('info', 'direct')
    expect(lines).toEqual([
      '2025-01-02T03:04:05.000Z INFO  miner 0xab sent what="ack task" tx=0x1 block=5 n=3 ok=true none=null list=[a,1]',
      '2025-01-02T03:04:05.000Z WARN  miner 0xab odd text="a=\\"b\\""',
      '2025-01-02T03:04:05.000Z ERROR miner 0xab bad',
      '2025-01-02T03:04:05.000Z INFO  miner 0xab direct',
    ])
    expect(log.name).toBe('miner 0xab')
  })

  it('writes JSON lines that parse, bigints as strings', () => {
    const log = createMemoryLogger('oracle', clock)
    log.debug('mined', { block: 12n, what: 'x', skip: undefined })
    expect(JSON.parse(log.lines[0]!)).toEqual({ t: clock.nowMs(), level: 'debug', node: 'oracle', action: 'mined', block: '12', what: 'x' })
  })

  it('defaults to standard error and the wall clock', () => {
    const writes: string[] = []
    const original = process.stderr.write.bind(process.stderr)
    process.stderr.write = ((chunk: string) => writes.push(chunk)) as unknown as typeof process.stderr.write
    try {
      createLogger({ name: 'n' }).info('hello')
    } finally {
      process.stderr.write = original
    }
    expect(writes).toHaveLength(1)
    expect(writes[0]).toMatch(/^\d{4}-\d\d-\d\dT.* INFO  n hello\n$/)
  })

  it('shortens addresses', () => {
    expect(shortAddress('0x003113e400000000000000000000000000000001')).toBe('0x003113…0001')
    expect(shortAddress('0x12')).toBe('0x12')
  })
})
