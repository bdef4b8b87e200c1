// Goal: the exporter writes every ended round's questions and answers as JSON lines, read only
// through a ChainClient, in a fixed order (two exports of one chain are byte-identical), leaving
// out open rounds; each row traces back to the chain (its reveal hashes to the on-chain precommit,
// and that hash is the one the miner's precommit transaction carried); a failed write leaves no
// file behind; and the in-process memory run behind `--memory-run` runs the rounds it is asked
// for and refuses bad options. Method: a short memory run on FakeInference; the chain's mined
// transactions as the independent record of the precommits.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { computeRoundPrecommitHash } from '../../protocol/core/commit.ts'
import type { WorldCommand } from '../../protocol/world/types.ts'
import { STORIES_260K_MODEL_ID } from '../catalog/catalog.ts'
import { exportDataset, exportDatasetToFile, formatRow, listRoundIds } from './export.ts'
import { startMemoryRun, type MemoryRun } from './memory-run.ts'
import type { DatasetRow } from './rows.ts'

const scratch = mkdtempSync(join(tmpdir(), 'ctb-export-'))
let run: MemoryRun

beforeAll(async () => {
  run = await startMemoryRun({ rounds: 3, miners: 4, model: { kind: 'fake' }, modelId: STORIES_260K_MODEL_ID, seed: 5 })
})

afterAll(async () => {
  await run?.close()
  rmSync(scratch, { recursive: true, force: true })
})

function precommitOnChain(roundId: number, miner: string): string | undefined {
  const tx = run.chain.transactions.find((t) => t.from === miner && t.status === 'success' && t.command.type === 'round' && t.command.roundId === roundId && t.command.event.type === 'precommit')
  return (tx?.command as (Extract<WorldCommand, { type: 'round' }> & { event: { hash?: string } }) | undefined)?.event.hash
}

describe('exporting the dataset', () => {
  it('writes every ended round in a fixed order, twice the same, each row traced to its precommit transaction', async () => {
    expect(run.endedRounds).toBeGreaterThanOrEqual(3)
    const a = join(scratch, 'a.jsonl')
    const b = join(scratch, 'b.jsonl')
    const summary = await exportDatasetToFile(run.reader, a)
    await exportDatasetToFile(run.reader, b)
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'))
    const rows = readFileSync(a, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as DatasetRow)
    expect(summary).toMatchObject({ rows: rows.length, invalidRows: 0 })
    expect(summary.endedRounds).toBe(run.endedRounds)
    expect(summary.rounds).toBe(summary.endedRounds + summary.openRounds)

    // Order: round, then the round's completers in their on-chain order, then challenge.
    const ended = [...run.chain.world.rounds.values()].filter((r) => r.status === 'End').sort((x, y) => x.roundId - y.roundId)
    const expected = ended.flatMap((r) => r.completers.filter((c) => c.completion !== null).flatMap((c) => r.challenges.map((q, i) => [r.roundId, c.miner, i, q])))
    expect(rows.map((r) => [r.roundId, r.miner, r.challengeIndex, r.question])).toEqual(expected)

    for (const row of rows) {
      const hash = computeRoundPrecommitHash(row.commitScheme, { miner: row.miner, roundId: row.roundId, salt: row.salt, completion: row.completion })
      expect(hash).toBe(row.precommitHash)
      expect(precommitOnChain(row.roundId, row.miner)).toBe(hash)
      expect(JSON.parse(row.completion)[row.challengeIndex]).toBe(row.answer)
      expect(row).toMatchObject({ valid: true, verdict: 'valid', roundOutcome: 'completed' })
    }
    expect(readdirSync(scratch).filter((f) => f.endsWith('.partial'))).toEqual([])
  })

  it('leaves open rounds out and counts them', async () => {
    const ids = await listRoundIds(run.reader)
    expect(ids).toEqual([...run.chain.world.rounds.keys()].sort((x, y) => x - y))
    // Step the chain until a new round is open, then export.
    const before = ids.length
    for (let i = 0; i < 40 && (run.chain.world.rounds.size === before || [...run.chain.world.rounds.values()].every((r) => r.status === 'End')); i++) {
      await run.step()
    }
    const open = [...run.chain.world.rounds.values()].filter((r) => r.status !== 'End').map((r) => r.roundId)
    expect(open.length).toBeGreaterThan(0)
    const seen: number[] = []
    const summary = await exportDataset(run.reader, (row) => void seen.push(row.roundId), { onRound: () => undefined })
    expect(summary.openRounds).toBe(open.length)
    for (const id of open) expect(seen).not.toContain(id)
    // From a later block, rounds requested before it are not listed.
    expect(await listRoundIds(run.reader, run.chain.latestBlock.number + 1n)).toEqual([])
  })

  it('writes one JSON object per line and leaves no file when the write fails', async () => {
    const rows: DatasetRow[] = []
    await exportDataset(run.reader, (row) => void rows.push(row))
    const line = formatRow(rows[0]!)
    expect(line.endsWith('\n')).toBe(true)
    expect(Object.keys(JSON.parse(line))).toEqual(Object.keys(rows[0]!))
    const target = join(scratch, 'no-such-folder', 'out.jsonl')
    await expect(exportDatasetToFile(run.reader, target)).rejects.toMatchObject({ code: 'ENOENT' })
    expect(existsSync(target)).toBe(false)
    expect(existsSync(`${target}.partial`)).toBe(false)
  })
})

describe('the memory run', () => {
  it('refuses bad options before starting anything', async () => {
    const base = { rounds: 1, miners: 2, model: { kind: 'fake' } as const, modelId: STORIES_260K_MODEL_ID }
    await expect(startMemoryRun({ ...base, rounds: 0 })).rejects.toThrow(/rounds must be an integer from 1 to 10000, got 0/)
    await expect(startMemoryRun({ ...base, miners: 65 })).rejects.toThrow(/miners must be an integer from 1 to 64/)
    await expect(startMemoryRun({ ...base, blockTimeMs: 0 })).rejects.toThrow(/blockTimeMs must be/)
    await expect(startMemoryRun({ ...base, maxBlocks: 1.5 })).rejects.toThrow(/maxBlocks must be/)
    await expect(startMemoryRun({ ...base, modelId: 4242 })).rejects.toMatchObject({ code: 'UnknownModel' })
    const params = { ...run.chain.params, networkTask: { ...run.chain.params.networkTask, completers: 0 } }
    await expect(startMemoryRun({ ...base, params })).rejects.toThrow(/memory run parameters: networkTask\.completers/)
  })

  it('gives up with a clear error when the rounds do not end in time, and cleans up', async () => {
    await expect(startMemoryRun({ rounds: 5, miners: 2, model: { kind: 'fake' }, modelId: STORIES_260K_MODEL_ID, maxBlocks: 5 })).rejects.toThrow(/^only 0 of 5 rounds ended within 5 blocks$/)
  })
})
