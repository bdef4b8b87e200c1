/**
 * Where `ctb dataset export` and `ctb node status` read from: a short in-process memory run
 * (`--memory-run`: miners and an oracle play the given number of rounds, then the reads start), or
 * a real chain (`--rpc`), which — like `ctb node --rpc` — is checked (deployment file, endpoint,
 * chain id, code at every address) and then refused until the viem chain client exists. Either
 * way the readers get a `ChainClient` and nothing else.
 */
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Params } from '../../protocol/params/spec.ts'
import { formatParamErrors, loadParams } from '../../protocol/params/validate.ts'
import type { ChainClient } from '../chain/types.ts'
import { getDefaultCatalog } from '../catalog/catalog.ts'
import { resolveServedModel } from '../catalog/files.ts'
import type { ModelEntry } from '../catalog/types.ts'
import { memoryRunParams, startMemoryRun, type MemoryRunModel } from '../dataset/memory-run.ts'
import { describeMissingModel } from '../inference/model-files.ts'
import { NodeConfigError } from './config-sources.ts'
import { checkDeploymentOnChain, loadDeployment } from './deployment.ts'
import { NotSupportedError } from './launch.ts'

export type ChainSourceChoice =
  | {
      readonly kind: 'memoryRun'
      readonly rounds: number
      readonly miners: number
      /** A GGUF path, or `fake`. */
      readonly model: string
      readonly modelId?: number
      readonly embedder: 'lexical' | 'llama'
      readonly seed: number
      /** A JSON file of parameter overrides on the memory run's defaults. */
      readonly paramsFile?: string
    }
  | { readonly kind: 'rpc'; readonly url: string; readonly contracts: string; readonly chainId: number | null }

export interface ChainSource {
  readonly reader: ChainClient
  /** One line for people: what was read. */
  readonly description: string
  close(): Promise<void>
}

export interface ChainSourceHooks {
  /** Progress for people. */
  readonly say: (line: string) => void
  /** Node log lines (warnings and errors). */
  readonly sink: (line: string) => void
  readonly cwd: string
}

export async function openChainSource(choice: ChainSourceChoice, hooks: ChainSourceHooks): Promise<ChainSource> {
  if (choice.kind === 'rpc') {
    const deployment = loadDeployment(resolveContracts(choice.contracts, hooks.cwd))
    const chainId = await checkDeploymentOnChain(choice.url, choice.chainId, deployment)
    throw new NotSupportedError(`--rpc is not yet supported: the viem chain client is still being written (the endpoint, chain ${chainId} and the contract addresses check out). Use --memory-run for a local run.`)
  }
  const { model, entry } = resolveModel(choice, hooks.cwd)
  const params = readParams(choice, hooks.cwd)
  hooks.say(`memory run: ${choice.miners} miners on ${choice.model === 'fake' ? 'the fake model' : entry.name} (catalog id ${entry.id}), one oracle (${choice.embedder} embeddings), ${choice.rounds} rounds`)
  const run = await startMemoryRun({
    rounds: choice.rounds, miners: choice.miners, model, modelId: entry.id, seed: choice.seed, params, sink: hooks.sink,
    embedder: choice.embedder === 'llama' && model.kind === 'llama' ? { kind: 'llama', modelPath: model.path, maxThreads: 1 } : { kind: 'lexical' },
  })
  hooks.say(`memory run: ${run.endedRounds} rounds ended in ${run.blocks} blocks`)
  return { reader: run.reader, description: `a memory run of ${run.endedRounds} rounds`, close: () => run.close() }
}

function resolveContracts(ref: string, cwd: string): string {
  return /^0x[0-9a-fA-F]{40}$/.test(ref) ? ref.toLowerCase() : resolve(cwd, ref)
}

/** The model every miner of the run loads, and the catalog entry it serves (a catalog error names the flag). */
function resolveModel(choice: Extract<ChainSourceChoice, { kind: 'memoryRun' }>, cwd: string): { model: MemoryRunModel; entry: ModelEntry } {
  const path = choice.model === 'fake' ? null : resolve(cwd, choice.model)
  if (path !== null) {
    const missing = describeMissingModel(path, 'the model')
    if (missing !== undefined) throw new NodeConfigError('--model', `${missing} (or --model fake for the deterministic stand-in)`)
  }
  const entry = resolveServedModel(getDefaultCatalog(), { path, ...(choice.modelId === undefined ? {} : { modelId: choice.modelId }) })
  return { model: path === null ? { kind: 'fake' } : { kind: 'llama', path, threads: 1 }, entry }
}

function readParams(choice: Extract<ChainSourceChoice, { kind: 'memoryRun' }>, cwd: string): Params {
  const base = memoryRunParams(choice.miners)
  if (choice.paramsFile === undefined) return base
  const path = resolve(cwd, choice.paramsFile)
  if (!existsSync(path)) throw new NodeConfigError('--params', `cannot read ${path}: no such file`)
  let json: unknown
  try {
    json = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new NodeConfigError('--params', `${path} is not valid JSON: ${(error as Error).message}`)
  }
  const loaded = loadParams(json, base)
  if (!loaded.ok) throw new NodeConfigError('--params', `${path} has invalid parameters:\n${formatParamErrors(loaded.errors)}`)
  return loaded.params
}
