/**
 * `ctb node` configuration: flags over the process environment over a `.env` file over defaults
 * (keys: config-keys.ts), checked once, with an error that names the key and where its value came
 * from (`--port`, `env ROUTER_REST_BIND_PORT`, `.env NODE_PRIVATE_KEY`). Nothing is clamped.
 *
 * `readDotEnv` reads the `.env` file; `resolveNodeConfig` is a function of the three sources (it
 * reads only a key file and checks that the model file exists), so precedence and every error can
 * be tested without a process. Sources: config-sources.ts; the router's settings: config-router.ts.
 */
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { Address } from '../../protocol/core/types.ts'
import { getDefaultCatalog, requireModel } from '../catalog/catalog.ts'
import { resolveServedModel, type MinerModelChoice } from '../catalog/files.ts'
import { CatalogError, type ModelEntry } from '../catalog/types.ts'
import { STORIES_260K_GGUF, describeMissingModel } from '../inference/model-files.ts'
import { parseDotEnv } from '../router/config-env.ts'
import { RouterConfigError, type RouterOptionsInput } from '../router/config.ts'
import { readRouter, readRouterUrl, type NodeRole } from './config-router.ts'
import { NodeConfigError, fail, pick, pickOne, readFlag, readInt, type NodeSources } from './config-sources.ts'

export { NodeConfigError, type NodeSources } from './config-sources.ts'
export type { NodeRole } from './config-router.ts'

export type ChainChoice =
  | { readonly kind: 'memory'; readonly chainId: number; readonly blockMs: number; readonly miners: number; readonly oracles: number }
  | { readonly kind: 'rpc'; readonly url: string; readonly chainId: number | null; readonly contracts: string }

export type ModelChoice = { readonly kind: 'fake' } | { readonly kind: 'llama'; readonly path: string; readonly contextSize: number; readonly threads: number }

export interface NodeConfig {
  readonly role: NodeRole
  readonly chain: ChainChoice
  /** Null in memory mode without a key: the network derives development keys. */
  readonly privateKey: Hex | null
  readonly address: Address | null
  readonly dataDir: string | null
  readonly model: ModelChoice
  /** The model's name for the router's clients (the catalog's name, or `fake` for the stand-in). */
  readonly modelName: string
  /** The catalog id the miners serve (`--model-id`, else the id of the `--model` file, else the test model's). */
  readonly modelId: number
  readonly embedder: 'lexical' | 'llama'
  /** The router's options (its own `ROUTER_*` keys included). */
  readonly router: RouterOptionsInput
  /** Miner: where the router's WebSocket is (null in memory mode: the in-process router). */
  readonly routerUrl: string | null
  readonly log: { readonly json: boolean; readonly level: 'debug' | 'info' }
}

/** The `.env` file's keys: the one named, which must exist, else `<cwd>/.env` when there is one. */
export function readDotEnv(cwd: string, envFile: string | undefined): Record<string, string> {
  const path = resolve(cwd, envFile ?? '.env')
  if (envFile === undefined && !existsSync(path)) return {}
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new NodeConfigError('--env-file', `cannot read ${path}: ${(error as Error).message}`)
  }
  try {
    return parseDotEnv(text)
  } catch (error) {
    if (error instanceof RouterConfigError) throw new NodeConfigError(`${path}`, error.message)
    throw error
  }
}

export function resolveNodeConfig(s: NodeSources): NodeConfig {
  const role = readRole(s)
  const keyed = readKey(s)
  const chain = readChain(s)
  const model = readModel(s)
  const needsModel = role === 'miner' || chain.kind === 'memory' || readEmbedder(s) === 'llama'
  if (needsModel && model.kind === 'llama') checkModelFile(s, model.path)
  const served = readServedModel(s, needsModel ? model : { kind: 'fake' })
  return {
    role,
    chain,
    privateKey: keyed?.privateKey ?? null,
    address: keyed?.address ?? null,
    dataDir: pickPath(s, 'dataDir') ?? (chain.kind === 'memory' ? null : resolve(s.cwd, 'data')),
    model,
    modelName: model.kind === 'fake' ? 'fake' : served.name,
    modelId: served.id,
    embedder: readEmbedder(s),
    router: readRouter(s, chain.kind === 'memory', role === 'router' || chain.kind === 'memory'),
    routerUrl: readRouterUrl(s, role, chain.kind),
    log: { json: readFlag(s, 'logJson'), level: readFlag(s, 'debug') ? 'debug' : 'info' },
  }
}

function readRole(s: NodeSources): NodeRole {
  const p = pick(s, 'role')
  if (p === undefined) throw new NodeConfigError('--role', 'is required: miner, oracle or router (or AGENT_ROLE)')
  const v = p.value.toLowerCase()
  if (v === 'miner' || v === 'oracle' || v === 'router') return v
  if (/^minerv\d+$/.test(v)) return 'miner'
  if (/^routerv\d+$/.test(v)) return 'router'
  return fail(p, 'is not a role: expected miner, oracle or router')
}

function pickPath(s: NodeSources, name: string): string | null {
  const p = pick(s, name)
  return p === undefined ? null : resolve(s.cwd, p.value)
}

/** The memory network or an RPC endpoint: the one from the higher source (`--memory` beats an RPC host from the environment). */
function readChain(s: NodeSources): ChainChoice {
  const memoryOn = readFlag(s, 'memory')
  const choice = memoryOn ? pickOne(s, 'memory', 'rpc', 'the chain') : (pick(s, 'rpc') === undefined ? undefined : { name: 'rpc', picked: pick(s, 'rpc')! })
  if (choice?.name === 'memory') {
    return {
      kind: 'memory', chainId: readInt(s, 'chainId', 31337, 1, Number.MAX_SAFE_INTEGER), blockMs: readInt(s, 'blockMs', 1000, 10, 3_600_000),
      miners: readInt(s, 'miners', 3, 1, 64), oracles: readInt(s, 'oracles', 1, 1, 16),
    }
  }
  if (choice === undefined) throw new NodeConfigError('--rpc', 'choose the chain: --rpc URL (or HOST / RPC_HOST_0) or --memory')
  const rpc = choice.picked
  if (!/^(https?|wss?):\/\/[^\s/]+/.test(rpc.value)) fail(rpc, 'is not an http(s) or ws(s) URL')
  const chainId = pick(s, 'chainId') === undefined ? null : readInt(s, 'chainId', 0, 1, Number.MAX_SAFE_INTEGER)
  const contracts = pick(s, 'contracts')
  if (contracts === undefined) throw new NodeConfigError('CONTRACT_ADDRESS_RUNTIME', 'is required with --rpc: the deployment\'s addresses JSON (or --contracts)')
  const isAddress = /^0x[0-9a-fA-F]{40}$/.test(contracts.value)
  return { kind: 'rpc', url: rpc.value, chainId, contracts: isAddress ? contracts.value.toLowerCase() : resolve(s.cwd, contracts.value) }
}

function readKey(s: NodeSources): { privateKey: Hex; address: Address } | null {
  const choice = pickOne(s, 'key', 'keyFile', 'the key')
  if (choice === undefined) return null
  let p = choice.picked
  if (choice.name === 'keyFile') {
    const path = resolve(s.cwd, p.value)
    try {
      p = { value: (s.readFile ?? ((f: string) => readFileSync(f, 'utf8')))(path).trim(), from: `${p.from} (${path})`, level: p.level }
    } catch (error) {
      return fail(p, `cannot be read: ${(error as Error).message}`)
    }
  }
  if (p === undefined) return null
  const hex = /^[0-9a-fA-F]{64}$/.test(p.value) ? `0x${p.value}` : p.value
  if (!/^0x[0-9a-fA-F]{64}$/.test(hex) || /^0x0{64}$/.test(hex)) throw new NodeConfigError(p.from, 'is not a private key (0x and 64 hex digits)')
  let address: Address
  try {
    address = privateKeyToAccount(hex as Hex).address.toLowerCase() as Address
  } catch {
    throw new NodeConfigError(p.from, 'is not a valid secp256k1 private key')
  }
  const pub = pick(s, 'publicKey')
  if (pub !== undefined && pub.value.toLowerCase() !== address) fail(pub, `is not the address of the private key (${address})`)
  return { privateKey: hex.toLowerCase() as Hex, address }
}

function readModel(s: NodeSources): ModelChoice {
  const p = pick(s, 'model')
  if (p?.value === 'fake') return { kind: 'fake' }
  return { kind: 'llama', path: p === undefined ? STORIES_260K_GGUF : resolve(s.cwd, p.value), contextSize: readInt(s, 'contextSize', 512, 16, 1 << 20), threads: readInt(s, 'threads', 1, 1, 256) }
}

function checkModelFile(s: NodeSources, path: string): void {
  const missing = describeMissingModel(path, 'the model')
  if (missing === undefined) return
  const p = pick(s, 'model')
  throw new NodeConfigError(p?.from ?? '--model', `${missing} (or --model fake for the deterministic stand-in)`)
}

/**
 * The catalog entry the node's miners serve: `--model-id` when given (a catalog id; with a GGUF it
 * must be that file's entry), else the entry of the `--model` file, else — for the fake stand-in,
 * or a node that loads no model — the test model. A catalog error names the setting at fault.
 */
function readServedModel(s: NodeSources, model: ModelChoice): ModelEntry {
  const asked = pick(s, 'modelId')
  const modelId = asked === undefined ? undefined : readInt(s, 'modelId', 0, 0, Number.MAX_SAFE_INTEGER)
  const catalog = getDefaultCatalog()
  try {
    if (modelId !== undefined) requireModel(catalog, modelId)
    const choice: MinerModelChoice = { path: model.kind === 'llama' ? model.path : null, ...(modelId === undefined ? {} : { modelId }) }
    return resolveServedModel(catalog, choice)
  } catch (error) {
    if (!(error instanceof CatalogError)) throw error
    const at = error.code === 'UnknownModel' ? asked : pick(s, 'model')
    throw new NodeConfigError(at?.from ?? '--model', error.message)
  }
}

function readEmbedder(s: NodeSources): 'lexical' | 'llama' {
  const p = pick(s, 'embedder')
  if (p === undefined) return 'lexical'
  if (p.value === 'lexical' || p.value === 'llama') return p.value
  return fail(p, 'is not an embedder: expected lexical or llama')
}

