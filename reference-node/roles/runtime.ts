/**
 * NodeRuntime: starts one role (miner or oracle) with its options — the chain client, the key,
 * the model or embedder, the data directory — and stops it cleanly when the AbortSignal fires:
 * no new work starts, running work ends (inference is cancelled, waits are abandoned), the miner
 * saves its cursor and closes its journal, what the runtime created (a model, an embedder) is
 * disposed, and the chain client is closed.
 */
import { mkdir } from 'node:fs/promises'
import type { Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { SystemClock, type Clock } from '../chain/clock.ts'
import type { BackoffOptions } from '../chain/retry.ts'
import type { ChainClient } from '../chain/types.ts'
import { getDefaultCatalog, requireModel } from '../catalog/catalog.ts'
import { resolveServedModel } from '../catalog/files.ts'
import type { ModelCatalog } from '../catalog/types.ts'
import { createEmbedder, type EmbedderSpec } from '../embedding/factory.ts'
import type { Embedder } from '../embedding/types.ts'
import { FakeInference, type FakeInferenceOptions } from '../inference/fake.ts'
import type { InferenceBackend } from '../inference/types.ts'
import { RoleContext } from './context.ts'
import { createLogger, shortAddress, type LogLevel, type Logger } from './log.ts'
import { MinerRole, type MinerConfig } from './miner.ts'
import { OracleRole, type OracleConfig } from './oracle.ts'

export type NodeRoleName = 'miner' | 'oracle'

/** A model for the miner to load: the deterministic fake, or a GGUF through llama.cpp. */
export type ModelSpec =
  | ({ readonly kind: 'fake' } & FakeInferenceOptions)
  | { readonly kind: 'llama'; readonly modelPath: string; readonly contextSize?: number; readonly maxThreads?: number }

export interface NodeRuntimeOptions {
  readonly role: NodeRoleName
  /** The client signs as the node; the runtime closes it on stop. */
  readonly chain: ChainClient
  /** The node's key; when given, it must be the key of `chain.account`. */
  readonly privateKey?: Hex
  /** Where the node keeps its journal and cursor. */
  readonly dataDir: string
  /** Default: the system clock. */
  readonly clock?: Clock
  /** Miner: a backend (kept open on stop) or a model to load (disposed on stop). */
  readonly model?: InferenceBackend | ModelSpec
  /** Oracle: an embedder (kept open on stop) or one to create (disposed on stop). */
  readonly embedder?: Embedder | EmbedderSpec
  /**
   * Miner settings. `models` (the catalog ids it announces) may be left out for a GGUF model: the
   * miner then serves the catalog entry of that file.
   */
  readonly miner?: Omit<MinerConfig, 'models'> & { readonly models?: readonly number[] }
  readonly oracle?: OracleConfig
  /** A logger, or how to build one: text lines on standard error by default, JSON lines on request. */
  readonly log?: Logger | { readonly json?: boolean; readonly level?: LogLevel; readonly sink?: (line: string) => void }
  /** Backoff of read retries when the connection to the chain is lost. */
  readonly backoff?: BackoffOptions
  /** The model catalog a miner's `models` must come from. Default: the committed one. */
  readonly catalog?: ModelCatalog
}

export class NodeRuntime {
  private constructor(
    readonly role: NodeRoleName,
    readonly log: Logger,
    readonly miner: MinerRole | null,
    readonly oracle: OracleRole | null,
    /** Resolves once the node has stopped after the signal fired. */
    readonly stopped: Promise<void>,
  ) {}

  /** Starts the role; resolves once it runs (registered and staked, for a miner). */
  static async start(options: NodeRuntimeOptions, signal: AbortSignal): Promise<NodeRuntime> {
    checkOptions(options)
    const clock = options.clock ?? new SystemClock()
    const log = isLogger(options.log) ? options.log : createLogger({ name: `${options.role} ${shortAddress(options.chain.account)}`, clock, ...options.log })
    const owned: { dispose(): Promise<void> }[] = []
    try {
      await mkdir(options.dataDir, { recursive: true })
      const ctx = await RoleContext.create({ chain: options.chain, clock, log, signal, ...(options.backoff !== undefined ? { backoff: options.backoff } : {}) })
      let miner: MinerRole | null = null
      let oracle: OracleRole | null = null
      if (options.role === 'miner') {
        const inference = await openModel(options.model ?? { kind: 'fake' }, owned)
        miner = await MinerRole.start(ctx, { inference, dataDir: options.dataDir }, { ...options.miner!, models: servedModels(options) })
      } else {
        const embedder = await openEmbedder(options.embedder ?? { kind: 'lexical' }, owned)
        oracle = await OracleRole.start(ctx, { embedder }, options.oracle ?? {})
      }
      const stopped = whenAborted(signal).then(async () => {
        await (miner ?? oracle)!.stop()
        await disposeAll(owned)
        options.chain.close()
        log.info('stopped')
      })
      return new NodeRuntime(options.role, log, miner, oracle, stopped)
    } catch (error) {
      await disposeAll(owned)
      options.chain.close()
      throw error
    }
  }
}

function checkOptions(options: NodeRuntimeOptions): void {
  if (options.role !== 'miner' && options.role !== 'oracle') throw new TypeError(`unknown role ${JSON.stringify(options.role)}; expected miner or oracle`)
  if (typeof options.dataDir !== 'string' || options.dataDir === '') throw new TypeError('dataDir must be a non-empty path')
  if (options.role === 'miner') servedModels(options)
  if (options.privateKey !== undefined) {
    const address = privateKeyToAccount(options.privateKey).address.toLowerCase()
    if (address !== options.chain.account) throw new TypeError(`the private key is for ${address}, but the chain client signs as ${options.chain.account}`)
  }
}

/**
 * The catalog ids a miner announces: `miner.models` when given (each must be in the catalog), else
 * the catalog entry of its GGUF file. Throws `CatalogError` (UnknownModel, UnknownModelFile) or a
 * TypeError when there is nothing to go by.
 */
function servedModels(options: NodeRuntimeOptions): readonly number[] {
  const catalog = options.catalog ?? getDefaultCatalog()
  const given = options.miner?.models
  if (given !== undefined) {
    if (given.length === 0) throw new TypeError('a miner needs miner.models: the model ids it serves')
    for (const id of given) requireModel(catalog, id)
    return given
  }
  const model = options.model
  if (options.miner !== undefined && model !== undefined && 'kind' in model && model.kind === 'llama') return [resolveServedModel(catalog, { path: model.modelPath }).id]
  throw new TypeError('a miner needs miner.models (the catalog ids it serves), or a GGUF model whose catalog entry says it')
}

function isLogger(value: NodeRuntimeOptions['log']): value is Logger {
  return value !== undefined && typeof (value as Logger).info === 'function'
}

async function openModel(model: InferenceBackend | ModelSpec, owned: { dispose(): Promise<void> }[]): Promise<InferenceBackend> {
  if ('complete' in model) return model
  if (model.kind === 'fake') {
    const backend = new FakeInference(model)
    owned.push(backend)
    return backend
  }
  // Loaded on demand, so a node on the fake backend never loads llama.cpp.
  const { LlamaInference } = await import('../inference/llama.ts')
  const backend = await LlamaInference.load({ modelPath: model.modelPath, maxThreads: model.maxThreads ?? 1, ...(model.contextSize !== undefined ? { contextSize: model.contextSize } : {}) })
  owned.push(backend)
  return backend
}

async function openEmbedder(embedder: Embedder | EmbedderSpec, owned: { dispose(): Promise<void> }[]): Promise<Embedder> {
  if ('embed' in embedder) return embedder
  const created = await createEmbedder(embedder)
  owned.push(created)
  return created
}

async function disposeAll(owned: { dispose(): Promise<void> }[]): Promise<void> {
  for (const r of owned.splice(0)) await r.dispose()
}

function whenAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve()
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))
}
