/**
 * `ctb node --memory`: a whole network in one process, for local experiments — a MemoryChain on the
 * system clock, oracles and miners started through `NodeRuntime`, a funded session that lists the
 * router, and the router (Cortensor REST, OpenAI API, miners' WebSocket) over `ChainRouterBackend`,
 * with every miner linked to it over a real WebSocket. Your node (`--role`, your key, model, data
 * folder) is one of them; the others use development keys derived from fixed labels.
 *
 * The chain lives only as long as the process: each run starts from genesis, so the node folders
 * are fresh ones (a temporary folder, or a new `memory-<time>` folder inside `--data-dir`) and a
 * journal of an earlier run is never read. Parameters are the protocol's defaults with what a local
 * network needs to start in seconds: one successful round admits a miner to the pool, rounds run
 * every ten blocks, miners may hold several round roles, and the session keeps its nodes all day.
 */
import { setMaxListeners } from 'node:events'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { keccak256, stringToHex, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { COR, computeSyntheticAddress, type Address } from '../../protocol/core/types.ts'
import type { Params } from '../../protocol/params/spec.ts'
import { defaultParams, withParam } from '../../protocol/params/validate.ts'
import { SystemClock } from '../chain/clock.ts'
import { MemoryChain } from '../chain/memory-chain.ts'
import { getDefaultCatalog } from '../catalog/catalog.ts'
import { createEmbedder } from '../embedding/factory.ts'
import type { Embedder } from '../embedding/types.ts'
import { FakeInference } from '../inference/fake.ts'
import type { InferenceBackend } from '../inference/types.ts'
import { MinerRouterLink } from '../router/chain-backend-miner-link.ts'
import { ChainRouterBackend } from '../router/chain-backend.ts'
import { startRouter, type RunningRouter } from '../router/server.ts'
import { createLogger, shortAddress, type Logger } from '../roles/log.ts'
import type { TaskOutputEvent } from '../roles/miner-tasks.ts'
import { NodeRuntime } from '../roles/runtime.ts'
import type { NodeConfig } from './config.ts'
import { runOwnerSetup } from './memory-session.ts'

export const MEMORY_ADMIN = computeSyntheticAddress(0xad, 1)
export const MEMORY_OWNER = computeSyntheticAddress(0xc11e47, 1)

export interface MemoryNetworkOptions {
  readonly config: NodeConfig & { readonly chain: { readonly kind: 'memory' } }
  readonly signal: AbortSignal
  /** Where log lines go. */
  readonly sink: (line: string) => void
  readonly version: string
}

export interface MemoryNetwork {
  readonly chain: MemoryChain
  readonly router: RunningRouter
  readonly sessionId: number
  /** Your node's address. */
  readonly address: Address
  /** Resolves once the session has the nodes its tasks need. */
  readonly sessionReady: Promise<void>
  /** Resolves once everything stopped after the signal. */
  readonly stopped: Promise<void>
}

/** A development key of the memory network (never use one on a real chain). */
export function deriveDevKey(label: string): Hex {
  return keccak256(stringToHex(`ctb memory network: ${label}`))
}

export function memoryParams(config: MemoryNetworkOptions['config']): Params {
  let p = defaultParams()
  const set = (path: Parameters<typeof withParam>[1], value: number | string): void => void (p = withParam(p, path, value))
  set('eligibility.minAttempts', 1)
  set('eligibility.minConsecutiveSuccesses', 1)
  set('networkTask.roleOverlap', 'shared')
  set('networkTask.completers', Math.min(config.chain.miners, 5))
  set('networkTask.minerCooldownRounds', 0)
  set('networkTask.intervalMs', 10 * config.chain.blockMs)
  return p
}

export async function startMemoryNetwork(o: MemoryNetworkOptions): Promise<MemoryNetwork> {
  const { config } = o
  // Our own signal: a failed start stops what did start, without waiting for the caller's.
  const stopping = new AbortController()
  const signal = stopping.signal
  // Every node, link and wait listens to this one signal.
  setMaxListeners(0, signal)
  const onOuterAbort = (): void => stopping.abort()
  if (o.signal.aborted) stopping.abort()
  else o.signal.addEventListener('abort', onOuterAbort, { once: true })
  const owned: { dispose(): Promise<void> }[] = []
  const runtimes: NodeRuntime[] = []
  const { root, temporary } = await createRoot(config.dataDir)
  const clock = new SystemClock()
  const oracleKeys = keysFor('oracle', config.chain.oracles, config.role === 'oracle' ? config.privateKey : null)
  const minerKeys = keysFor('miner', config.chain.miners, config.role === 'miner' ? config.privateKey : null)
  const routerKey = config.role === 'router' && config.privateKey !== null ? config.privateKey : deriveDevKey('router')
  const chain = new MemoryChain({ params: memoryParams(config), admin: MEMORY_ADMIN, oracles: oracleKeys.map(addressOf), clock, blockTimeMs: config.chain.blockMs, chainId: config.chain.chainId })
  const logFor = (role: string, key: Hex, yours: boolean): Logger =>
    createLogger({ name: `${role} ${shortAddress(addressOf(key))}`, json: config.log.json, level: yours ? config.log.level : 'warn', sink: o.sink, clock })
  const stopAll = async (): Promise<void> => {
    await Promise.all(runtimes.map((r) => r.stopped))
    chain.stop()
    for (const r of owned.splice(0)) await r.dispose()
    if (temporary) await rm(root, { recursive: true, force: true })
  }
  try {
    chain.start()
    const relays = new Map<Address, (e: TaskOutputEvent) => void>()
    const inference = await openInference(config, owned)
    const embedder = await openEmbedder(config, owned)
    const start = (role: 'miner' | 'oracle', key: Hex, yours: boolean): Promise<NodeRuntime> => {
      const address = addressOf(key)
      return NodeRuntime.start({
        role, chain: chain.connect(address), privateKey: key, clock, dataDir: join(root, `${role}-${address}`), model: inference, embedder, log: logFor(role, key, yours),
        miner: { models: [config.modelId], onTaskOutput: (e) => relays.get(address)?.(e) },
      }, signal)
    }
    runtimes.push(...(await Promise.all([
      ...oracleKeys.map((k, i) => start('oracle', k, config.role === 'oracle' && i === 0)),
      ...minerKeys.map((k, i) => start('miner', k, config.role === 'miner' && i === 0)),
    ])))
    const redundant = Math.min(3, config.chain.miners)
    const catalog = getDefaultCatalog()
    const sessionId = await runOwnerSetup(chain, MEMORY_OWNER, addressOf(routerKey), { modelId: config.modelId, miners: config.chain.miners, redundant, deposit: 1000n * COR, catalog })
    const backend = await ChainRouterBackend.start({
      chain: chain.connect(addressOf(routerKey)), clock, version: o.version, network: 'memory', models: { [config.modelId]: { name: config.modelName, contextTokens: contextOf(config) } }, catalog,
      onError: (error, context) => logFor('router', routerKey, config.role === 'router').warn(context === 'connection' ? 'chain connection lost' : 'log handler failed', { error: String(error) }),
    })
    owned.push({ dispose: async () => backend.close() })
    const router = await startRouter(config.router, backend)
    owned.unshift({ dispose: () => router.close() })
    for (const [i, key] of minerKeys.entries()) {
      const address = addressOf(key)
      const link = new MinerRouterLink({
        url: router.wsUrl, privateKey: key, chainId: chain.chainId, routerAddress: addressOf(routerKey), models: [config.modelName],
        onTask: (s, t) => runtimes.find((r) => r.miner?.ctx.me === address)?.miner?.notifyTask(s, t), log: logFor('miner', key, config.role === 'miner' && i === 0), signal,
      }).start()
      relays.set(address, link.relay)
    }
    const you = config.role === 'router' ? routerKey : (config.role === 'miner' ? minerKeys : oracleKeys)[0]!
    return { chain, router, sessionId, address: addressOf(you), sessionReady: whenSessionReady(chain, sessionId, redundant, signal), stopped: whenAborted(signal).then(stopAll) }
  } catch (error) {
    o.signal.removeEventListener('abort', onOuterAbort)
    stopping.abort()
    await stopAll().catch(() => undefined)
    throw error
  }
}

/** Your key first (when given), then development keys for the rest. */
function keysFor(role: string, count: number, yours: Hex | null): Hex[] {
  return Array.from({ length: count }, (_, i) => (i === 0 && yours !== null ? yours : deriveDevKey(`${role} ${i + 1}`)))
}

function addressOf(key: Hex): Address {
  return privateKeyToAccount(key).address.toLowerCase() as Address
}

function contextOf(config: NodeConfig): number {
  return config.model.kind === 'llama' ? config.model.contextSize : 512
}

async function createRoot(dataDir: string | null): Promise<{ root: string; temporary: boolean }> {
  if (dataDir === null) return { root: await mkdtemp(join(tmpdir(), 'ctb-memory-')), temporary: true }
  const root = join(dataDir, `memory-${new Date().toISOString().replace(/[:.]/g, '-')}`)
  await mkdir(root, { recursive: true })
  return { root, temporary: false }
}

/** One model for every miner of the process (llama.cpp runs one completion at a time per context anyway). */
async function openInference(config: NodeConfig, owned: { dispose(): Promise<void> }[]): Promise<InferenceBackend> {
  const m = config.model
  const backend = m.kind === 'fake' ? new FakeInference({ contextSize: 512 }) : await (await import('../inference/llama.ts')).LlamaInference.load({ modelPath: m.path, contextSize: m.contextSize, maxThreads: m.threads })
  owned.push(backend)
  return backend
}

async function openEmbedder(config: NodeConfig, owned: { dispose(): Promise<void> }[]): Promise<Embedder> {
  const m = config.model
  const embedder = await createEmbedder(config.embedder === 'llama' && m.kind === 'llama' ? { kind: 'llama', modelPath: m.path, maxThreads: m.threads } : { kind: 'lexical' })
  owned.push(embedder)
  return embedder
}

function whenSessionReady(chain: MemoryChain, sessionId: number, redundant: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const s = chain.world.sessions.get(sessionId)
      return s !== undefined && s.status === 'Ready' && s.ephemeralNodes.length + s.dedicatedNodes.length >= redundant
    }
    if (check()) return resolve()
    const off = chain.onBlock(() => {
      if (!check()) return
      off()
      resolve()
    })
    signal.addEventListener('abort', () => off(), { once: true })
  })
}

function whenAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve()
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))
}
