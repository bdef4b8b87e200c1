/**
 * Test-only: a small network in one process — a MemoryChain on a manual clock, miners and oracles
 * started through `NodeRuntime` with their own data directories and in-memory logs, and a client
 * (the session owner) that creates sessions and submits tasks. Time moves only when the test steps
 * it, and every step waits until all nodes are done reacting, so runs are fast and repeatable.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { COR, computeSyntheticAddress, type Address } from '../../../protocol/core/types.ts'
import { checkInvariants, type InvariantViolation } from '../../../protocol/invariants/catalog.ts'
import type { Params } from '../../../protocol/params/spec.ts'
import type { SessionConfig } from '../../../protocol/session/types.ts'
import type { WorldCommand } from '../../../protocol/world/types.ts'
import { ManualClock } from '../../chain/clock.ts'
import { MemoryChain } from '../../chain/memory-chain.ts'
import type { MemoryChainClient } from '../../chain/memory-client.ts'
import { ADMIN, MODEL, OWNER, minerAt, testParams } from '../../chain/testkit.ts'
import type { TxReceipt } from '../../chain/types.ts'
import type { EmbedderSpec } from '../../embedding/factory.ts'
import type { Embedder } from '../../embedding/types.ts'
import type { InferenceBackend } from '../../inference/types.ts'
import { createRng } from '../../../protocol/core/rng.ts'
import { createLogger, type Logger } from '../log.ts'
import type { MinerConfig } from '../miner.ts'
import type { OracleConfig } from '../oracle.ts'
import { NodeRuntime, type ModelSpec } from '../runtime.ts'

export { MODEL, OWNER, minerAt }

export function oracleAt(i: number): Address {
  return computeSyntheticAddress(0x04ac1e, i)
}

interface NodeEntry {
  readonly address: Address
  readonly dataDir: string
  readonly start: (client: MemoryChainClient, signal: AbortSignal) => Promise<NodeRuntime>
  runtime: NodeRuntime | null
  controller: AbortController | null
  client: MemoryChainClient | null
  readonly lines: string[]
}

export interface TestNetworkOptions {
  readonly params?: Params
  readonly blockTimeMs?: number
  readonly oracleCount?: number
}

export class TestNetwork {
  readonly blockTimeMs: number
  private readonly nodes = new Map<Address, NodeEntry>()
  readonly owner: MemoryChainClient

  private constructor(
    readonly clock: ManualClock,
    readonly chain: MemoryChain,
    readonly oracles: readonly Address[],
    readonly root: string,
  ) {
    this.blockTimeMs = chain.blockTimeMs
    this.owner = chain.connect(OWNER)
  }

  static async create(options: TestNetworkOptions = {}): Promise<TestNetwork> {
    const clock = new ManualClock(0)
    const oracles = Array.from({ length: options.oracleCount ?? 2 }, (_, i) => oracleAt(i + 1))
    const chain = new MemoryChain({ params: options.params ?? testParams(), admin: ADMIN, oracles, clock, blockTimeMs: options.blockTimeMs ?? 1000 })
    chain.start()
    return new TestNetwork(clock, chain, oracles, await mkdtemp(join(tmpdir(), 'ctb-net-')))
  }

  get params(): Params {
    return this.chain.params
  }

  /** Adds and starts a miner (registers and stakes on chain). */
  async addMiner(address: Address, options: { model?: InferenceBackend | ModelSpec; config?: Partial<MinerConfig> } = {}): Promise<NodeRuntime> {
    return this.add(address, (client, signal, entry) =>
      NodeRuntime.start(
        { role: 'miner', chain: client, clock: this.clock, dataDir: entry.dataDir, model: options.model ?? { kind: 'fake' }, log: createLoggerFor(entry, this.clock), miner: { models: [MODEL], withdrawIntervalMs: 0, ...options.config } },
        signal,
      ),
    )
  }

  async addOracle(address: Address, options: { embedder?: Embedder | EmbedderSpec; config?: OracleConfig; seed?: number } = {}): Promise<NodeRuntime> {
    return this.add(address, (client, signal, entry) =>
      NodeRuntime.start(
        { role: 'oracle', chain: client, clock: this.clock, dataDir: entry.dataDir, embedder: options.embedder ?? { kind: 'lexical' }, log: createLoggerFor(entry, this.clock), oracle: { rng: createRng(options.seed ?? parseInt(address.slice(-4), 16)), ...options.config } },
        signal,
      ),
    )
  }

  /** Stops a node (as a crash would: its client closes; its data directory stays). */
  async kill(address: Address): Promise<void> {
    const entry = this.entry(address)
    entry.controller?.abort()
    const stopped = entry.runtime?.stopped
    entry.runtime = null
    entry.controller = null
    if (stopped !== undefined) await this.clock.track(() => stopped)
    await this.clock.settle()
  }

  /** Starts a killed node again, with the same options and data directory. */
  async restart(address: Address): Promise<NodeRuntime> {
    const entry = this.entry(address)
    if (entry.runtime !== null) throw new Error(`${address} is running`)
    return this.launch(entry)
  }

  runtime(address: Address): NodeRuntime {
    const r = this.entry(address).runtime
    if (r === null) throw new Error(`${address} is not running`)
    return r
  }

  /** The node's connection (for fault injection). */
  client(address: Address): MemoryChainClient {
    return this.entry(address).client!
  }

  /** The node's log lines (JSON). */
  logs(address: Address): readonly string[] {
    return this.entry(address).lines
  }

  /** Log lines of `address` whose action is `action`, parsed. */
  logged(address: Address, action: string): Record<string, unknown>[] {
    return this.logs(address).map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e['action'] === action)
  }

  /** Advances `blocks` block times. */
  async step(blocks = 1): Promise<void> {
    await this.clock.advance(this.blockTimeMs * blocks)
  }

  /** Steps block by block until `done` holds; returns the blocks it took; throws after `maxBlocks`. */
  async runUntil(done: () => boolean, maxBlocks: number, what = 'condition'): Promise<number> {
    for (let n = 0; n <= maxBlocks; n++) {
      if (done()) return n
      await this.step()
    }
    throw new Error(`${what} not reached within ${maxBlocks} blocks (at block ${this.chain.latestBlock.number})`)
  }

  /** Steps until every one of `miners` is in the pool (Available). */
  async waitForPool(miners: readonly Address[], maxBlocks = 300): Promise<number> {
    return this.runUntil(() => miners.every((m) => this.chain.world.nodes.get(m)?.status.kind === 'Available'), maxBlocks, 'every miner in the pool')
  }

  /** Sends a command as the session owner and returns its receipt (mining a block). */
  async asOwner(command: WorldCommand): Promise<TxReceipt> {
    const hash = await this.owner.sendCommand(command)
    await this.step()
    const receipt = this.chain.getReceipt(hash)
    if (receipt === null) throw new Error(`owner transaction ${command.type} was not mined`)
    return receipt
  }

  /** Creates a funded session; returns its id. */
  async createSession(config: SessionConfig, deposit = 10n * COR): Promise<number> {
    const sessionId = this.chain.world.nextSessionId
    expectSuccess(await this.asOwner({ type: 'createSession', actor: OWNER, config }), 'createSession')
    expectSuccess(await this.asOwner({ type: 'depositToSession', actor: OWNER, sessionId, amount: deposit }), 'depositToSession')
    return sessionId
  }

  /** Submits a task; returns its id. */
  async submit(sessionId: number, taskData: string, llmParams: readonly number[] = [24, 0]): Promise<number> {
    const taskId = this.chain.world.sessions.get(sessionId)!.nextTaskId
    const receipt = await this.asOwner({ type: 'session', sessionId, event: { type: 'submit', actor: OWNER, nodeType: 0, taskData, promptType: 0, promptTemplate: '', llmParams: [...llmParams], requestParams: [], clientReference: `t${taskId}` } })
    expectSuccess(receipt, 'submit')
    return taskId
  }

  /** Whole-world invariants broken at the latest block (empty when all hold). */
  invariants(kind?: 'safety' | 'liveness'): InvariantViolation[] {
    return checkInvariants(this.chain.world, this.chain.ctx(), kind === undefined ? {} : { kind })
  }

  /** Transactions `from` sent that were mined, as `type` or `type.event` names. */
  sentBy(from: Address): string[] {
    return this.chain.transactions.filter((t) => t.from === from).map((t) => (t.command.type === 'task' || t.command.type === 'round' || t.command.type === 'session' ? `${t.command.type}.${t.command.event.type}` : t.command.type))
  }

  async dispose(): Promise<void> {
    for (const address of this.nodes.keys()) if (this.nodes.get(address)!.runtime !== null) await this.kill(address)
    this.chain.stop()
    await rm(this.root, { recursive: true, force: true })
  }

  private async add(address: Address, start: (client: MemoryChainClient, signal: AbortSignal, entry: NodeEntry) => Promise<NodeRuntime>): Promise<NodeRuntime> {
    if (this.nodes.has(address)) throw new Error(`${address} was added already`)
    const entry: NodeEntry = { address, dataDir: join(this.root, address), start: (client, signal) => start(client, signal, entry), runtime: null, controller: null, client: null, lines: [] }
    this.nodes.set(address, entry)
    return this.launch(entry)
  }

  /** Starts the node and steps blocks until its start (registration, staking) is done. */
  private async launch(entry: NodeEntry): Promise<NodeRuntime> {
    const controller = new AbortController()
    const client = this.chain.connect(entry.address)
    const outcome: { result: NodeRuntime | Error | null } = { result: null }
    void this.clock.track(() => entry.start(client, controller.signal)).then(
      (r) => (outcome.result = r),
      (e: unknown) => (outcome.result = e instanceof Error ? e : new Error(String(e))),
    )
    await this.clock.settle()
    for (let n = 0; n < 100 && outcome.result === null; n++) await this.step()
    const result = outcome.result
    if (result === null) throw new Error(`${entry.address} did not start within 100 blocks`)
    if (result instanceof Error) throw result
    entry.runtime = result
    entry.controller = controller
    entry.client = client
    return result
  }

  private entry(address: Address): NodeEntry {
    const entry = this.nodes.get(address)
    if (entry === undefined) throw new Error(`unknown node ${address}`)
    return entry
  }
}

/** JSON lines kept with the node, across its restarts. */
function createLoggerFor(entry: NodeEntry, clock: ManualClock): Logger {
  return createLogger({ name: entry.address, json: true, level: 'debug', clock, sink: (line) => entry.lines.push(line) })
}

function expectSuccess(receipt: TxReceipt, what: string): void {
  if (receipt.status !== 'success') throw new Error(`${what} reverted: ${receipt.revert?.code} ${receipt.revert?.message}`)
}
