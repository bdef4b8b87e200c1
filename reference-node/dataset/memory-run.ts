/**
 * A short PoUW run in one process, for `ctb dataset export --memory-run` and `ctb node status
 * --memory-run`: a MemoryChain on a manual clock, N miners sharing one model (real llama.cpp or
 * the deterministic fake) and one oracle, stepped block by block until the wanted number of
 * rounds have ended. Time is virtual — every block waits until all nodes are done reacting — so a
 * run is as fast as inference allows and never depends on the machine's speed.
 *
 * Parameters: the protocol defaults with what a few rounds need to show the rules at work (pool
 * admission after two rounds, levels after two successes in a row, shared round roles, no
 * cooldown), overridable by the caller. Node folders are temporary and removed by `close`.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRng } from '../../protocol/core/rng.ts'
import { computeSyntheticAddress, type Address } from '../../protocol/core/types.ts'
import type { Params } from '../../protocol/params/spec.ts'
import { defaultParams, validateParams, withParam } from '../../protocol/params/validate.ts'
import { ManualClock } from '../chain/clock.ts'
import { MemoryChain } from '../chain/memory-chain.ts'
import type { ChainClient } from '../chain/types.ts'
import { getDefaultCatalog, requireModel } from '../catalog/catalog.ts'
import type { ModelCatalog } from '../catalog/types.ts'
import type { EmbedderSpec } from '../embedding/factory.ts'
import type { Embedder } from '../embedding/types.ts'
import { FakeInference } from '../inference/fake.ts'
import type { InferenceBackend } from '../inference/types.ts'
import { createLogger } from '../roles/log.ts'
import { NodeRuntime } from '../roles/runtime.ts'

export const MEMORY_RUN_ADMIN = computeSyntheticAddress(0xad, 7)
export const MEMORY_RUN_ORACLE = computeSyntheticAddress(0x04ac1e, 7)
/** The reader account the exporter's client signs as (it never sends). */
export const MEMORY_RUN_READER = computeSyntheticAddress(0x4ead, 1)

export function memoryRunMiner(index: number): Address {
  return computeSyntheticAddress(0x3113e4, index)
}

/** The run did not reach its rounds within `maxBlocks` (a runtime outcome, not a bad option). */
export class MemoryRunIncomplete extends Error {
  override readonly name = 'MemoryRunIncomplete'
}

export type MemoryRunModel = { readonly kind: 'fake' } | { readonly kind: 'llama'; readonly path: string; readonly contextSize?: number; readonly threads?: number }

export interface MemoryRunOptions {
  /** Rounds to run to their end (completed or failed). */
  readonly rounds: number
  readonly miners: number
  readonly model: MemoryRunModel
  /** The catalog id every miner declares. */
  readonly modelId: number
  readonly embedder?: Embedder | EmbedderSpec
  /** Seeds the oracle's selection and the chain. Default 1. */
  readonly seed?: number
  readonly blockTimeMs?: number
  /** Default `memoryRunParams(miners, blockTimeMs)`. */
  readonly params?: Params
  /** Give up after this many blocks. Default 100 + 60 per round. */
  readonly maxBlocks?: number
  readonly catalog?: ModelCatalog
  /** Node log lines (warnings and errors only). */
  readonly sink?: (line: string) => void
  /** Told after every block. */
  readonly onBlock?: (block: bigint, endedRounds: number) => void
}

export interface MemoryRun {
  readonly chain: MemoryChain
  /** A client for reads (the exporters use nothing else). */
  readonly reader: ChainClient
  readonly endedRounds: number
  readonly blocks: number
  /** Mines `blocks` more blocks (the nodes react to each). */
  step(blocks?: number): Promise<void>
  /** Stops every node, the chain and the model; removes the node folders. */
  close(): Promise<void>
}

/** The defaults, tuned so a handful of rounds shows pool admission and level changes. */
export function memoryRunParams(miners: number, blockTimeMs = 1000): Params {
  let p = defaultParams()
  const set = (path: Parameters<typeof withParam>[1], value: number | string): void => void (p = withParam(p, path, value))
  set('eligibility.minAttempts', 2)
  set('eligibility.minConsecutiveSuccesses', 1)
  set('levels.baseConsecutive', 2)
  set('levels.stepConsecutive', 1)
  set('networkTask.roleOverlap', 'shared')
  set('networkTask.completers', Math.min(miners, 3))
  set('networkTask.minerCooldownRounds', 0)
  set('networkTask.intervalMs', 15 * blockTimeMs)
  return p
}

export async function startMemoryRun(o: MemoryRunOptions): Promise<MemoryRun> {
  checkOptions(o)
  requireModel(o.catalog ?? getDefaultCatalog(), o.modelId)
  const blockTimeMs = o.blockTimeMs ?? 1000
  const params = o.params ?? memoryRunParams(o.miners, blockTimeMs)
  const checked = validateParams(params)
  if (!checked.ok) throw new TypeError(`memory run parameters: ${checked.errors.map((e) => e.message).join('; ')}`)
  const clock = new ManualClock(0)
  const chain = new MemoryChain({ params, admin: MEMORY_RUN_ADMIN, oracles: [MEMORY_RUN_ORACLE], clock, blockTimeMs, seed: o.seed ?? 1 })
  const root = await mkdtemp(join(tmpdir(), 'ctb-memory-run-'))
  const stop = new AbortController()
  const runtimes: NodeRuntime[] = []
  let inference: InferenceBackend | null = null
  const close = async (): Promise<void> => {
    stop.abort()
    await clock.track(() => Promise.all(runtimes.map((r) => r.stopped)))
    await clock.settle()
    chain.stop()
    await inference?.dispose()
    await rm(root, { recursive: true, force: true })
  }
  try {
    chain.start()
    inference = await openModel(o.model)
    const log = (name: string) => createLogger({ name, level: 'warn', clock, sink: o.sink ?? (() => undefined) })
    const miners = Array.from({ length: o.miners }, (_, i) => memoryRunMiner(i + 1))
    const starts = miners.map((address) => () =>
      NodeRuntime.start({ role: 'miner', chain: chain.connect(address), clock, dataDir: join(root, address), model: inference!, log: log(`miner ${address}`), miner: { models: [o.modelId], withdrawIntervalMs: 0 } }, stop.signal),
    )
    runtimes.push(...(await startAll(clock, chain, starts)))
    const oracle = (): Promise<NodeRuntime> => NodeRuntime.start(
      { role: 'oracle', chain: chain.connect(MEMORY_RUN_ORACLE), clock, dataDir: join(root, 'oracle'), embedder: o.embedder ?? { kind: 'lexical' }, log: log('oracle'), oracle: { rng: createRng(o.seed ?? 1) } },
      stop.signal,
    )
    runtimes.push(...(await startAll(clock, chain, [oracle])))
    const { endedRounds, blocks } = await runRounds(clock, chain, o, blockTimeMs)
    const step = async (n = 1): Promise<void> => clock.advance(blockTimeMs * n)
    return { chain, reader: chain.connect(MEMORY_RUN_READER), endedRounds, blocks, step, close }
  } catch (error) {
    await close()
    throw error
  }
}

function checkOptions(o: MemoryRunOptions): void {
  const positive = (name: string, value: number, max: number): void => {
    if (!Number.isSafeInteger(value) || value < 1 || value > max) throw new RangeError(`${name} must be an integer from 1 to ${max}, got ${value}`)
  }
  positive('rounds', o.rounds, 10_000)
  positive('miners', o.miners, 64)
  if (o.blockTimeMs !== undefined) positive('blockTimeMs', o.blockTimeMs, 3_600_000)
  if (o.maxBlocks !== undefined) positive('maxBlocks', o.maxBlocks, 10_000_000)
}

async function openModel(model: MemoryRunModel): Promise<InferenceBackend> {
  if (model.kind === 'fake') return new FakeInference()
  const { LlamaInference } = await import('../inference/llama.ts')
  return LlamaInference.load({ modelPath: model.path, maxThreads: model.threads ?? 1, ...(model.contextSize === undefined ? {} : { contextSize: model.contextSize }) })
}

/** Waits for nodes to start (registration and staking need blocks), mining blocks meanwhile. */
async function startAll(clock: ManualClock, chain: MemoryChain, starts: (() => Promise<NodeRuntime>)[]): Promise<NodeRuntime[]> {
  const results: (NodeRuntime | Error | null)[] = starts.map(() => null)
  // Started inside `track`, so the clock waits for each start's work before it mines a block.
  starts.forEach((start, i) => void clock.track(start).then((r) => (results[i] = r), (e: unknown) => (results[i] = e instanceof Error ? e : new Error(String(e)))))
  await clock.settle()
  for (let n = 0; n < 100 && results.includes(null); n++) await clock.advance(chain.blockTimeMs)
  const failed = results.find((r) => r instanceof Error)
  if (failed instanceof Error) throw failed
  if (results.includes(null)) throw new Error('the memory run\'s nodes did not start within 100 blocks')
  return results as NodeRuntime[]
}

async function runRounds(clock: ManualClock, chain: MemoryChain, o: MemoryRunOptions, blockTimeMs: number): Promise<{ endedRounds: number; blocks: number }> {
  const maxBlocks = o.maxBlocks ?? 100 + 60 * o.rounds
  for (let blocks = 0; ; blocks++) {
    const endedRounds = countEndedRounds(chain)
    o.onBlock?.(chain.latestBlock.number, endedRounds)
    if (endedRounds >= o.rounds) return { endedRounds, blocks }
    if (blocks >= maxBlocks) throw new MemoryRunIncomplete(`only ${endedRounds} of ${o.rounds} rounds ended within ${maxBlocks} blocks`)
    await clock.advance(blockTimeMs)
  }
}

function countEndedRounds(chain: MemoryChain): number {
  let n = 0
  for (const round of chain.world.rounds.values()) if (round.status === 'End') n++
  return n
}
