/**
 * ChainRouterBackend: the router's real backend. Everything it reports comes from the chain
 * through a `ChainClient` that signs as the router (a MemoryChain client today, the viem client
 * later): sessions, tasks, per-miner reveals and PoI verdicts, nodes. A completion is a task the
 * router submits on chain and follows to its end (chain-backend-submit.ts); miners connected over
 * the WebSocket get the task pushed and stream their tokens back (chain-backend-task.ts), after a
 * sign-in with their node key (chain-backend-miners.ts).
 *
 * Reads fail with `Unavailable` when the chain cannot be reached. Per request the work is bounded
 * by the page size or the task's miners; the follower handles each log in O(1).
 */
import type { Address } from '../../protocol/core/types.ts'
import type { Params } from '../../protocol/params/spec.ts'
import { SystemClock, type Clock } from '../chain/clock.ts'
import type { ChainClient } from '../chain/types.ts'
import { findModel } from '../catalog/catalog.ts'
import type { ModelCatalog } from '../catalog/types.ts'
import { describeNodeStanding } from '../dataset/standing.ts'
import {
  RouterBackendError, type BackendMetric, type BackendStatus, type CompletionHooks, type CompletionInput, type CompletionOutcome, type MinerAdmission, type MinerInfo,
  type MinerLink, type ModelInfo, type Page, type PageOf, type RouterBackend, type RouterInfo, type SessionInfo, type TaskInfo,
} from './backend.ts'
import { ChainIndex } from './chain-backend-follow.ts'
import { MinerRegistry } from './chain-backend-miners.ts'
import { SignInNonces } from './chain-backend-signin.ts'
import { runChainCompletion, taskKeyOf, toBackendError, type CompletionDeps } from './chain-backend-submit.ts'
import type { TaskInFlight, WsMinerReport } from './chain-backend-task.ts'
import { describeSession, describeTask, type ModelEntry } from './chain-backend-views.ts'
import type { MinerHello, MinerMessage } from './ws-schema.ts'

export interface ChainRouterBackendOptions {
  /** The router's chain client: it signs the submits, so its account is the router's address. */
  readonly chain: ChainClient
  /** Time of timeouts and sign-in nonces; default the system clock. */
  readonly clock?: Clock
  readonly name?: string
  readonly version?: string
  /** Reported in /api/v1/info, e.g. `memory`, `devnet`. */
  readonly network?: string
  /** Names (OpenAI `model`) and context sizes of the chain's model ids; others come from `catalog`, else are `model-<id>`. */
  readonly models?: Readonly<Record<number, { readonly name: string; readonly contextTokens?: number }>>
  /**
   * The model catalog. With it, a completion for a session whose model id the catalog lacks is
   * refused (`ModelNotFound`), and one whose model no registered node serves is `ModelNotServed`.
   */
  readonly catalog?: ModelCatalog
  /** Context of a model without an entry. Default 512 (stories260K). */
  readonly defaultContextTokens?: number
  /** First block followed (sessions and nodes are learnt from there). Default 0. */
  readonly fromBlock?: bigint
  /** After a task ends, wall time to wait for the streaming miner's last frames. Default 2000 ms. */
  readonly streamGraceMs?: number
  /** How long a sign-in nonce may be used. Default 60 s. */
  readonly signInTtlMs?: number
  /** Ended tasks whose WebSocket reports (prompt tokens, inference time) are kept. Default 1000. */
  readonly keptTasks?: number
  /** Told about lost chain connections and failing log handlers. */
  readonly onError?: (error: unknown, context: 'connection' | 'handler') => void
}

const SIGN_IN_NONCES_MAX = 10_000

export class ChainRouterBackend implements RouterBackend {
  readonly routerAddress: Address
  private readonly clock: Clock
  private readonly index: ChainIndex
  private readonly miners: MinerRegistry
  private readonly inFlight = new Map<string, TaskInFlight>()
  private readonly kept = new Map<string, ReadonlyMap<Address, WsMinerReport>>()
  private readonly completions = { success: 0, failed: 0, error: 0 }
  private readonly deps: CompletionDeps

  private constructor(
    private readonly options: ChainRouterBackendOptions,
    readonly params: Params,
    private readonly stopping: AbortController,
  ) {
    const chain = options.chain
    this.routerAddress = chain.account
    this.clock = options.clock ?? new SystemClock()
    const nowMs = (): number => this.clock.nowMs()
    const nonces = new SignInNonces({ ttlMs: options.signInTtlMs ?? 60_000, capacity: SIGN_IN_NONCES_MAX, nowMs })
    this.miners = new MinerRegistry({ chain, routerAddress: chain.account, chainId: chain.chainId, nonces, nowMs })
    this.index = new ChainIndex({
      chain, clock: this.clock, routerAddress: chain.account, fromBlock: options.fromBlock ?? 0n, signal: stopping.signal,
      onTaskLog: (sessionId, taskId, log) => {
        const task = this.inFlight.get(taskKeyOf(sessionId, taskId))
        if (task === undefined) return
        if (log.name === 'TaskAssigned') task.onAssigned(log.miners)
        else task.onEnded()
      },
      ...(options.onError === undefined ? {} : { onError: options.onError }),
    })
    this.deps = {
      chain, clock: this.clock, params, index: this.index, miners: this.miners, models: (id) => this.model(id), inFlight: this.inFlight, catalog: options.catalog ?? null,
      streamGraceMs: options.streamGraceMs ?? 2_000, keepReports: (key, reports) => this.keep(key, reports),
    }
  }

  /** Reads the parameters, starts following the chain and resolves once it has caught up. Fails when the chain cannot be reached. */
  static async start(options: ChainRouterBackendOptions): Promise<ChainRouterBackend> {
    const [params] = await Promise.all([options.chain.getParams(), options.chain.getBlock()])
    const backend = new ChainRouterBackend(options, params, new AbortController())
    backend.index.start()
    await backend.index.ready()
    return backend
  }

  /** Stops following the chain (the client stays open: its owner closes it). */
  close(): void {
    this.stopping.abort()
  }

  async info(): Promise<RouterInfo> {
    const o = this.options
    return { name: o.name ?? 'cortensor-testbed-router', version: o.version ?? '0.0.0', routerAddress: this.routerAddress, chainId: o.chain.chainId, network: o.network ?? 'devnet' }
  }

  async status(): Promise<BackendStatus> {
    let head: number | null = this.index.head === null ? null : Number(this.index.head.number)
    let healthy = true
    try {
      head = Number((await this.options.chain.getBlock()).number)
    } catch {
      healthy = false
    }
    return { healthy, chainHeadBlock: head, connectedMiners: this.miners.size, activeSessions: this.index.served.size, pendingTasks: this.inFlight.size }
  }

  async listMiners(page: Page): Promise<PageOf<MinerInfo>> {
    const all = [...new Set([...this.index.nodes, ...this.miners.addresses()])].sort()
    const items = await read(async () => {
      const nowMs = (await this.options.chain.getBlock()).timestampMs
      return Promise.all(all.slice(page.offset, page.offset + page.limit).map((a) => this.describeMiner(a, nowMs)))
    })
    return { items, total: all.length }
  }

  async listSessions(page: Page): Promise<PageOf<SessionInfo>> {
    const served = this.index.sortedServed()
    const states = await read(() => Promise.all(served.slice(page.offset, page.offset + page.limit).map((s) => this.options.chain.readSession(s.sessionId))))
    const items = states.filter((s) => s !== null).map((s) => describeSession(s, this.model(s.config.modelIdentifier)))
    return { items, total: served.length }
  }

  async getSession(sessionId: number): Promise<SessionInfo> {
    const s = await read(() => this.options.chain.readSession(sessionId))
    if (s === null) throw new RouterBackendError('SessionNotFound', `no session ${sessionId}`)
    return describeSession(s, this.model(s.config.modelIdentifier))
  }

  async listTasks(sessionId: number, page: Page): Promise<PageOf<TaskInfo>> {
    const total = (await this.getSession(sessionId)).taskCount
    const ids: number[] = []
    for (let id = total - 1 - page.offset; id >= 0 && ids.length < page.limit; id--) ids.push(id)
    const tasks = await Promise.all(ids.map((taskId) => this.readTask(sessionId, taskId)))
    return { items: tasks.filter((t) => t !== null), total }
  }

  async getTask(sessionId: number, taskId: number): Promise<TaskInfo> {
    await this.getSession(sessionId)
    const task = await this.readTask(sessionId, taskId)
    if (task === null) throw new RouterBackendError('TaskNotFound', `session ${sessionId} has no task ${taskId}`)
    return task
  }

  /** One model per name, served by the lowest-numbered active session of that model. */
  async listModels(): Promise<readonly ModelInfo[]> {
    const models = new Map<string, ModelInfo>()
    for (const s of this.index.sortedServed()) {
      const m = this.model(s.config.modelIdentifier)
      if (!models.has(m.name)) models.set(m.name, { id: m.name, sessionId: s.sessionId, ownedBy: 'cortensor', createdAtMs: s.createdAtMs, contextTokens: m.contextTokens })
    }
    return [...models.values()]
  }

  async submitCompletion(input: CompletionInput, hooks: CompletionHooks): Promise<CompletionOutcome> {
    try {
      const outcome = await runChainCompletion(this.deps, input, hooks)
      this.completions[outcome.task.outcome === 'success' && outcome.task.result !== null ? 'success' : 'failed']++
      return outcome
    } catch (error) {
      this.completions.error++
      throw error
    }
  }

  metrics(): readonly BackendMetric[] {
    const help = 'Completions the chain backend finished, by outcome (error: no answer, e.g. a timeout).'
    return [
      ...(['success', 'failed', 'error'] as const).map((outcome): BackendMetric => ({ name: 'chain_backend_completions_total', help, type: 'counter', labels: { outcome }, value: this.completions[outcome] })),
      { name: 'chain_backend_ws_miners', help: 'Miners signed in on the WebSocket.', type: 'gauge', value: this.miners.size },
      { name: 'chain_backend_tasks_in_flight', help: 'Submitted tasks the router is waiting on.', type: 'gauge', value: this.inFlight.size },
      { name: 'chain_backend_served_sessions', help: 'Sessions this router may submit to.', type: 'gauge', value: this.index.served.size },
      { name: 'chain_backend_head_block', help: 'Latest block the router has followed.', type: 'gauge', value: this.index.head === null ? 0 : Number(this.index.head.number) },
    ]
  }

  onMinerHello(hello: MinerHello, link: MinerLink): Promise<MinerAdmission> {
    return this.miners.admit(hello, link)
  }

  onMinerMessage(minerAddress: Address, message: MinerMessage): MinerAdmission | undefined {
    this.miners.touch(minerAddress)
    const task = this.inFlight.get(taskKeyOf(message.sessionId, message.taskId))
    if (task === undefined) return { ok: false, code: 'UnknownTask', message: `the router is not waiting on task ${message.sessionId}/${message.taskId}` }
    return task.onMessage(minerAddress, message)
  }

  onMinerGone(minerAddress: Address): void {
    this.miners.gone(minerAddress)
    for (const task of this.inFlight.values()) task.onMinerGone(minerAddress)
  }

  private model(modelId: number): ModelEntry {
    const entry = this.options.models?.[modelId]
    const listed = this.options.catalog === undefined ? undefined : findModel(this.options.catalog, modelId)
    const contextTokens = entry?.contextTokens ?? listed?.file?.contextTokens ?? this.options.defaultContextTokens ?? 512
    return { name: entry?.name ?? listed?.name ?? `model-${modelId}`, contextTokens }
  }

  private async readTask(sessionId: number, taskId: number): Promise<TaskInfo | null> {
    const [state, input] = await read(() => Promise.all([this.options.chain.readTask(sessionId, taskId), this.options.chain.readTaskInput(sessionId, taskId)]))
    if (state === null) return null
    const key = taskKeyOf(sessionId, taskId)
    return describeTask(state, input, this.inFlight.get(key)?.reports ?? this.kept.get(key), this.params).info
  }

  private async describeMiner(address: Address, nowMs: number): Promise<MinerInfo> {
    const [node, ws] = [await this.options.chain.readNode(address), this.miners.get(address)]
    const stake = node === null ? 0n : (await this.options.chain.readNodeAccount(address)).stake
    let busy = false
    for (const task of this.inFlight.values()) busy ||= task.isAssigned(address)
    return {
      address,
      transport: ws === undefined ? 'chain' : 'ws',
      connected: ws !== undefined,
      connectedAtMs: ws?.connectedAtMs ?? null,
      lastSeenAtMs: ws?.lastSeenAtMs ?? node?.lastPingAtMs ?? null,
      models: ws?.hello.models ?? (node?.models ?? []).map((id) => this.model(id).name),
      busy,
      tasksServed: ws?.tasksServed ?? 0,
      standing: node === null ? null : describeNodeStanding(node, stake, nowMs, this.params, this.options.catalog),
    }
  }

  /** Keeps the reports of the latest `keptTasks` tasks (the oldest is dropped first). */
  private keep(key: string, reports: ReadonlyMap<Address, WsMinerReport>): void {
    if (reports.size === 0) return
    this.kept.delete(key)
    this.kept.set(key, reports)
    if (this.kept.size > (this.options.keptTasks ?? 1000)) this.kept.delete(this.kept.keys().next().value!)
  }
}

/** A chain read in the router's terms (unreachable chain → Unavailable). */
async function read<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    throw toBackendError(error)
  }
}
