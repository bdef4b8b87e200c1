// Goal: the miner's journal keeps what was appended across a reopen (the crash case), forgets what
// was marked done, ignores a torn or foreign line, compacts a file full of finished entries, and
// refuses writes once closed. Method: a temporary data directory, appends, reopening, and a file
// written by hand with a half line at the end.
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MinerJournal, roundJournalKey, taskJournalKey, type TaskResultEntry } from './journal.ts'

const SALT = `0x${'11'.repeat(32)}` as const
let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ctb-journal-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function taskEntry(taskId: number, round = 0): TaskResultEntry {
  return { t: 'task', key: taskJournalKey(1, taskId, round), sessionId: 1, taskId, round, salt: SALT, result: `result ${taskId}`, outputTokens: 3 }
}

describe('MinerJournal', () => {
  it('keeps appended entries across a reopen and drops the ones marked done', async () => {
    const journal = await MinerJournal.open(join(dir, 'node'))
    await journal.append(taskEntry(0))
    await journal.append(taskEntry(1))
    await journal.append({ t: 'round', key: roundJournalKey(4), roundId: 4, salt: SALT, completion: '["a"]' })
    await journal.markDone(taskJournalKey(1, 0, 0))
    await journal.markDone('task:9/9#0') // unknown: nothing written
    await journal.close()

    const reopened = await MinerJournal.open(join(dir, 'node'))
    expect(reopened.entries().map((e) => e.key)).toEqual([taskJournalKey(1, 1, 0), 'round:4'])
    expect(reopened.get(taskJournalKey(1, 1, 0))).toEqual(taskEntry(1))
    expect(reopened.get(taskJournalKey(1, 0, 0))).toBeUndefined()
    const lines = (await readFile(reopened.path, 'utf8')).trim().split('\n')
    expect(lines).toHaveLength(4)
    await reopened.close()
    await reopened.close()
    await expect(reopened.append(taskEntry(2))).rejects.toThrow(/closed/)
  })

  it('ignores a torn last line and lines it does not understand', async () => {
    const path = join(dir, 'journal.jsonl')
    await writeFile(path, [JSON.stringify(taskEntry(0)), 'not json', JSON.stringify({ t: 'task', key: 'k' }), JSON.stringify({ t: 'other', key: 'x' }), 'null', JSON.stringify({ key: 1 }), JSON.stringify({ t: 'round', key: 'r' })].join('\n') + '\n')
    await appendFile(path, JSON.stringify(taskEntry(5)).slice(0, 20))
    const journal = await MinerJournal.open(dir)
    expect(journal.entries().map((e) => e.key)).toEqual([taskJournalKey(1, 0, 0)])
    // Appending after the torn line starts a fresh line.
    await journal.append(taskEntry(6))
    await journal.close()
    const again = await MinerJournal.open(dir)
    expect(again.entries().map((e) => e.key)).toEqual([taskJournalKey(1, 0, 0), taskJournalKey(1, 6, 0)])
    await again.close()
  })

  it('compacts a journal holding many finished entries', async () => {
    const journal = await MinerJournal.open(dir, 20)
    for (let i = 0; i < 30; i++) {
      await journal.append(taskEntry(i))
      if (i !== 7) await journal.markDone(taskJournalKey(1, i, 0))
    }
    await journal.close()
    const reopened = await MinerJournal.open(dir, 20)
    expect(reopened.entries().map((e) => e.key)).toEqual([taskJournalKey(1, 7, 0)])
    expect((await readFile(reopened.path, 'utf8')).trim().split('\n')).toHaveLength(1)
    await reopened.append(taskEntry(40))
    await reopened.close()
    const third = await MinerJournal.open(dir, 20)
    expect(third.entries().map((e) => e.key)).toEqual([taskJournalKey(1, 7, 0), taskJournalKey(1, 40, 0)])
    await third.close()
  })

  it('reports a data directory it cannot read', async () => {
    await writeFile(join(dir, 'file'), 'x')
    await expect(MinerJournal.open(join(dir, 'file'))).rejects.toThrow()
    const sub = join(dir, 'sub')
    await MinerJournal.open(sub).then((j) => j.close())
    await rm(join(sub, 'journal.jsonl'))
    await (await import('node:fs/promises')).mkdir(join(sub, 'journal.jsonl'))
    await expect(MinerJournal.open(sub)).rejects.toThrow()
  })
})
