/**
 * Exporting the synthetic dataset the rounds produced, from nothing but a `ChainClient` (the
 * MemoryChain client now; the viem client implements the same reads): the round ids from the
 * `NewSessionRequest` logs, each round's record from `readRound`, the commit scheme from the
 * chain's parameters. Rows come out in a fixed order — round id, then the round's completers in
 * their on-chain order, then challenge index — so two exports of one chain are identical.
 *
 * Only ended rounds are exported: an open round's reveals and verdicts may still change. The file
 * is written beside its target and renamed into place at the end, so a failed export never leaves
 * a half-written dataset where a reader expects a whole one.
 */
import { createWriteStream } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import type { RoundId } from '../../protocol/core/types.ts'
import type { RoundState } from '../../protocol/round/types.ts'
import type { ChainClient } from '../chain/types.ts'
import { scanLogs } from '../catalog/served.ts'
import { buildRoundRows, type DatasetRow } from './rows.ts'

export interface ExportOptions {
  /** First block whose round requests count. Default 0. */
  readonly fromBlock?: bigint
  /** Told after each round is read (progress). */
  readonly onRound?: (round: RoundState, rows: number) => void
}

export interface ExportSummary {
  /** Rounds requested on the chain. */
  readonly rounds: number
  /** Ended rounds read (each gives zero or more rows). */
  readonly endedRounds: number
  /** Rounds still open, left out. */
  readonly openRounds: number
  readonly rows: number
  readonly invalidRows: number
}

/** The ids of every round requested from `fromBlock` on, ascending. */
export async function listRoundIds(chain: ChainClient, fromBlock = 0n): Promise<RoundId[]> {
  const ids = new Set<RoundId>()
  await scanLogs(chain, ['NewSessionRequest'], (log) => ids.add(log.args['roundId'] as RoundId), fromBlock)
  return [...ids].sort((a, b) => a - b)
}

/** Reads every ended round and hands its rows to `emit`, in export order. */
export async function exportDataset(chain: ChainClient, emit: (row: DatasetRow) => void | Promise<void>, options: ExportOptions = {}): Promise<ExportSummary> {
  const params = await chain.getParams()
  const ids = await listRoundIds(chain, options.fromBlock)
  let endedRounds = 0
  let rows = 0
  let invalidRows = 0
  for (const roundId of ids) {
    const round = await chain.readRound(roundId)
    if (round === null || round.status !== 'End') continue
    endedRounds++
    const built = buildRoundRows(round, params)
    for (const row of built) {
      await emit(row)
      rows++
      if (!row.valid) invalidRows++
    }
    options.onRound?.(round, built.length)
  }
  return { rounds: ids.length, endedRounds, openRounds: ids.length - endedRounds, rows, invalidRows }
}

/** One row as a JSON line (keys in the row's declared order). */
export function formatRow(row: DatasetRow): string {
  return `${JSON.stringify(row)}\n`
}

/** Exports to a JSON-lines file at `path` (written to `path.partial`, renamed when complete). */
export async function exportDatasetToFile(chain: ChainClient, path: string, options: ExportOptions = {}): Promise<ExportSummary> {
  const partial = `${path}.partial`
  const out = createWriteStream(partial, { encoding: 'utf8' })
  const failed = new Promise<never>((_, reject) => out.once('error', reject))
  failed.catch(() => undefined)
  try {
    const summary = await Promise.race([exportDataset(chain, (row) => write(out, formatRow(row)), options), failed])
    await Promise.race([new Promise<void>((resolve) => out.end(resolve)), failed])
    await rename(partial, path)
    return summary
  } catch (error) {
    out.destroy()
    await rm(partial, { force: true })
    throw error
  }
}

/** Writes `text`, waiting for the stream to drain when its buffer is full (no unbounded memory). */
function write(out: NodeJS.WritableStream, text: string): Promise<void> | void {
  if (out.write(text)) return
  return new Promise((resolve) => out.once('drain', () => resolve()))
}
