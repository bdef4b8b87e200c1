/**
 * Test-only: a router over a real chain network in one process. A MemoryChain on a manual clock
 * with oracles and miners (`TestNetwork`, started through `NodeRuntime`), miners whose addresses
 * come from real keys so they can sign in, a funded session that lists the router, the router's
 * HTTP server on 127.0.0.1 over `ChainRouterBackend`, and each miner's WebSocket link to it.
 *
 * The chain moves only when a test says so: `pump()` mines a block, lets every node react, and
 * gives the sockets a turn, over and over, until stopped — so a client's request runs against a
 * chain whose time passes as fast as the nodes can keep up.
 */
import { keccak256, stringToHex, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { Address } from '../../protocol/core/types.ts'
import type { ParamPath } from '../../protocol/params/spec.ts'
import type { SessionConfig } from '../../protocol/session/types.ts'
import type { MemoryChainClient } from '../chain/memory-client.ts'
import { TEST_SESSION, testParams } from '../chain/testkit.ts'
import type { EmbedderSpec } from '../embedding/factory.ts'
import type { InferenceBackend } from '../inference/types.ts'
import { createMemoryLogger } from '../roles/log.ts'
import type { TaskOutputEvent } from '../roles/miner-tasks.ts'
import type { ModelSpec } from '../roles/runtime.ts'
import { OWNER, TestNetwork } from '../roles/testing/network.ts'
import { ChainRouterBackend, type ChainRouterBackendOptions } from './chain-backend.ts'
import { MinerRouterLink } from './chain-backend-miner-link.ts'
import { startRouter, type RunningRouter } from './server.ts'

export const NET_TOKEN = 'chain-test-token-0123'
export const MODEL_NAME = 'stories-test'

/** A deterministic test key and its (lower-case) address. */
export function testKey(label: string): { readonly privateKey: Hex; readonly address: Address } {
  const privateKey = keccak256(stringToHex(`ctb-test-key:${label}`))
  return { privateKey, address: privateKeyToAccount(privateKey).address.toLowerCase() as Address }
}

export interface RouterNetOptions {
  readonly miners: number
  /** Miners (1-based) that open a WebSocket link; default all. */
  readonly linked?: (index: number) => boolean
  readonly model?: (index: number) => InferenceBackend | ModelSpec
  /** The oracles' embedder; default lexical. */
  readonly embedder?: EmbedderSpec
  readonly params?: Partial<Record<ParamPath, number | bigint | string>>
  readonly session?: Partial<SessionConfig>
  /** Leave the router off the session's router list. */
  readonly skipAddRouter?: boolean
  /** Miners (1-based) whose output relay throws after relaying (a broken relay must not stop chain work). */
  readonly brokenRelay?: (index: number) => boolean
  readonly backend?: Partial<ChainRouterBackendOptions>
}

export class RouterNet {
  readonly links = new Map<Address, MinerRouterLink>()
  private readonly stopping = new AbortController()
  readonly routerKey = testKey('router')

  private constructor(
    readonly net: TestNetwork,
    readonly miners: readonly { readonly privateKey: Hex; readonly address: Address }[],
    readonly sessionId: number,
  ) {}

  backend!: ChainRouterBackend
  router!: RunningRouter
  /** The router's chain connection (for fault injection). */
  routerClient!: MemoryChainClient

  static async start(options: RouterNetOptions): Promise<RouterNet> {
    const net = await TestNetwork.create({ params: testParams({ 'oracle.mode': 'strict', 'networkTask.completers': 1, 'networkTask.intervalMs': 10_000, ...options.params }) })
    try {
      const miners = Array.from({ length: options.miners }, (_, i) => testKey(`miner-${i + 1}`))
      const relays = new Map<Address, (e: TaskOutputEvent) => void>()
      for (let i = 0; i < miners.length; i++) {
        const { address } = miners[i]!
        const broken = options.brokenRelay?.(i + 1) === true
        const onTaskOutput = (e: TaskOutputEvent): void => {
          relays.get(address)?.(e)
          if (broken) throw new Error('relay broke')
        }
        await net.addMiner(address, { model: options.model?.(i + 1) ?? { kind: 'fake' }, config: { onTaskOutput } })
      }
      for (const o of net.oracles) await net.addOracle(o, options.embedder === undefined ? {} : { embedder: options.embedder })
      await net.waitForPool(miners.map((m) => m.address), 400)
      const sessionId = await net.createSession({ ...TEST_SESSION, maxNumOfNodes: options.miners, redundant: Math.min(3, options.miners), ...options.session })
      await net.runUntil(() => net.chain.world.sessions.get(sessionId)!.status === 'Ready', 40, 'session ready')
      const rn = new RouterNet(net, miners, sessionId)
      if (options.skipAddRouter !== true) await rn.addRouter(sessionId)
      await rn.startRouter(options.backend ?? {})
      for (let i = 0; i < miners.length; i++) if (options.linked?.(i + 1) ?? true) await rn.link(miners[i]!, relays)
      return rn
    } catch (error) {
      await net.dispose()
      throw error
    }
  }

  get routerAddress(): Address {
    return this.routerKey.address
  }

  get url(): string {
    return this.router.url
  }

  async addRouter(sessionId: number): Promise<void> {
    const r = await this.net.asOwner({ type: 'session', sessionId, event: { type: 'addRouter', actor: OWNER, router: this.routerAddress, metadata: '' } })
    if (r.status !== 'success') throw new Error(`addRouter reverted: ${r.revert?.code}`)
  }

  /**
   * Mines blocks until `stop` is called, each followed by a turn of the event loop for the sockets.
   * Returns the stop function (which waits for the block in progress).
   */
  pump(): () => Promise<void> {
    let running = true
    const loop = (async () => {
      while (running) {
        await this.net.step()
        await new Promise((resolve) => setTimeout(resolve, 1))
      }
    })()
    return async () => {
      running = false
      await loop
    }
  }

  /** Runs `fn` while the chain is pumped. */
  async pumping<T>(fn: () => Promise<T>): Promise<T> {
    const stop = this.pump()
    try {
      return await fn()
    } finally {
      await stop()
    }
  }

  async dispose(): Promise<void> {
    this.stopping.abort()
    await this.router?.close()
    this.backend?.close()
    await this.net.dispose()
  }

  private async startRouter(overrides: Partial<ChainRouterBackendOptions>): Promise<void> {
    this.routerClient = this.net.chain.connect(this.routerAddress)
    this.backend = await ChainRouterBackend.start({
      chain: this.routerClient, clock: this.net.clock, network: 'memory', models: { 7: { name: MODEL_NAME, contextTokens: 512 } }, streamGraceMs: 1000, ...overrides,
    })
    this.router = await startRouter({ host: '127.0.0.1', port: 0, wsPort: null, apiTokens: [NET_TOKEN], rateLimitPerSecond: 0 }, this.backend)
  }

  private async link(miner: { readonly privateKey: Hex; readonly address: Address }, relays: Map<Address, (e: TaskOutputEvent) => void>): Promise<void> {
    const link = new MinerRouterLink({
      url: this.router.wsUrl, privateKey: miner.privateKey, chainId: this.net.chain.chainId, routerAddress: this.routerAddress, models: [MODEL_NAME],
      onTask: (sessionId, taskId) => this.net.runtime(miner.address).miner!.notifyTask(sessionId, taskId), log: createMemoryLogger(`link ${miner.address}`), signal: this.stopping.signal,
    }).start()
    relays.set(miner.address, link.relay)
    this.links.set(miner.address, link)
    await link.whenConnected()
  }
}
