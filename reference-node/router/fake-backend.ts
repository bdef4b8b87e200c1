/**
 * FakeRouterBackend: a deterministic, in-memory `RouterBackend` for tests of the router (and for
 * trying the API without a chain). Sessions and local miners are configured up front; miners that
 * connect over the router's WebSocket join too, and are assigned before the local ones, so a test
 * can drive a whole task through a real WebSocket client.
 *
 * Same inputs, same outputs: texts come from `FakeInference` (seeded by the task), hashes are real
 * keccak, PoI is `protocol/poi` over lexical embeddings, and the default clock is virtual (it
 * starts at 2023-11-14T22:13:20Z and advances 1 ms per reading). Faults can be injected to test
 * the router's error mapping: a thrown backend error, a plain crash, or a call that never returns.
 */
import { computeSyntheticAddress, type Address } from '../../protocol/core/types.ts'
import { deriveSeed } from '../../protocol/core/rng.ts'
import type { Params } from '../../protocol/params/spec.ts'
import { defaultParams } from '../../protocol/params/validate.ts'
import type { SessionStatus } from '../../protocol/session/types.ts'
import { LexicalEmbedder } from '../embedding/lexical.ts'
import { FakeInference } from '../inference/fake.ts'
import {
  RouterBackendError, type BackendErrorCode, type BackendMetric, type BackendStatus, type CompletionHooks, type CompletionInput, type CompletionOutcome,
  type MinerAdmission, type MinerInfo, type MinerLink, type ModelInfo, type Page, type PageOf, type RouterBackend, type RouterInfo, type SessionInfo, type TaskInfo,
} from './backend.ts'
import { RemoteTasks } from './fake-remote.ts'
import { runFakeTask, type FakeAssignee, type FakeMinerBehaviour } from './fake-task.ts'
import type { MinerHello, MinerMessage } from './ws-schema.ts'

export interface FakeSessionSpec {
  readonly sessionId: number
  readonly name?: string
  readonly modelName?: string
  /** Miners per task; default 3. */
  readonly redundant?: number
  readonly status?: SessionStatus
  /** Default 512 (stories260K's context). */
  readonly contextTokens?: number
}

export type FakeFault =
  | { readonly kind: 'throw'; readonly code: BackendErrorCode; readonly scope?: 'completion' | 'all' }
  | { readonly kind: 'crash'; readonly scope?: 'completion' | 'all' }
  /** submitCompletion never settles until its signal aborts. */
  | { readonly kind: 'hang' }

export interface FakeRouterBackendOptions {
  /** Default: session 0 (3 miners) and session 1 (1 miner), both on model `fake-stories`. */
  readonly sessions?: readonly FakeSessionSpec[]
  /** Behaviour of each local miner; default three honest ones. */
  readonly miners?: readonly FakeMinerBehaviour[]
  readonly nowMs?: () => number
  readonly params?: Params
  /** Pause between streamed tokens; default 0. */
  readonly tokenDelayMs?: number
  /** Longest wait for a WebSocket miner's ack; default 5 s. */
  readonly remoteAckTimeoutMs?: number
  /** Tasks kept per session (older ones are forgotten); default 1000. */
  readonly maxTasksPerSession?: number
  /** Decides WebSocket hellos; default admits every miner. */
  readonly admit?: (hello: MinerHello) => MinerAdmission
}

interface FakeSession {
  readonly info: Omit<SessionInfo, 'taskCount' | 'nodes'>
  readonly tasks: TaskInfo[]
  nextTaskId: number
}

interface RemoteMiner {
  readonly hello: MinerHello
  readonly link: MinerLink
  readonly connectedAtMs: number
  lastSeenAtMs: number
  tasksServed: number
}

export const FAKE_ROUTER_ADDRESS = computeSyntheticAddress(0x52, 0)
export const FAKE_OWNER_ADDRESS = computeSyntheticAddress(0x4f, 0)
export const FAKE_MODEL = 'fake-stories'

export class FakeRouterBackend implements RouterBackend {
  readonly params: Params
  private readonly nowMs: () => number
  private readonly sessions = new Map<number, FakeSession>()
  private readonly local: readonly { readonly address: Address; readonly behaviour: FakeMinerBehaviour; tasksServed: number }[]
  private readonly remote = new Map<Address, RemoteMiner>()
  private readonly remoteTasks: RemoteTasks
  private readonly embedder = new LexicalEmbedder()
  private readonly inference = new Map<string, FakeInference>()
  private readonly completions = { success: 0, failed: 0, error: 0 }
  private fault: FakeFault | null = null
  private nextGid = 0
  private running = 0

  constructor(private readonly options: FakeRouterBackendOptions = {}) {
    let clock = 1_700_000_000_000
    this.nowMs = options.nowMs ?? (() => clock++)
    this.params = options.params ?? defaultParams()
    this.remoteTasks = new RemoteTasks(this.nowMs, options.remoteAckTimeoutMs ?? 5_000)
    this.local = (options.miners ?? ['honest', 'honest', 'honest']).map((behaviour, i) => ({ address: computeSyntheticAddress(0x4d, i + 1), behaviour, tasksServed: 0 }))
    const specs = options.sessions ?? [{ sessionId: 0, name: 'consensus' }, { sessionId: 1, name: 'single', redundant: 1 }]
    for (const s of specs) this.addSession(s)
  }

  /** Makes later calls fail (null heals). */
  setFault(fault: FakeFault | null): void {
    this.fault = fault
  }

  addSession(s: FakeSessionSpec): void {
    const redundant = s.redundant ?? 3
    const info = {
      sessionId: s.sessionId, name: s.name ?? `session-${s.sessionId}`, owner: FAKE_OWNER_ADDRESS, status: s.status ?? 'Ready', modelId: 0,
      modelName: s.modelName ?? FAKE_MODEL, redundant, minNumOfNodes: 1, maxNumOfNodes: Math.max(redundant, 3), mode: 0,
      contextTokens: s.contextTokens ?? 512, createdAtMs: this.nowMs(),
    } as const
    this.sessions.set(s.sessionId, { info, tasks: [], nextTaskId: 0 })
  }

  async info(): Promise<RouterInfo> {
    this.checkFault('all')
    return { name: 'fake-router', version: '0.0.0-fake', routerAddress: FAKE_ROUTER_ADDRESS, chainId: 31337, network: 'fake' }
  }

  async status(): Promise<BackendStatus> {
    this.checkFault('all')
    const active = [...this.sessions.values()].filter((s) => s.info.status !== 'Deactivated').length
    return { healthy: true, chainHeadBlock: this.nextGid, connectedMiners: this.local.length + this.remote.size, activeSessions: active, pendingTasks: this.running }
  }

  async listMiners(page: Page): Promise<PageOf<MinerInfo>> {
    this.checkFault('all')
    const remote = [...this.remote.values()].map((m): MinerInfo => ({
      address: m.hello.minerAddress, transport: 'ws', connected: true, connectedAtMs: m.connectedAtMs, lastSeenAtMs: m.lastSeenAtMs, models: m.hello.models, busy: false, tasksServed: m.tasksServed,
    }))
    const local = this.local.map((m): MinerInfo => ({ address: m.address, transport: 'local', connected: true, connectedAtMs: null, lastSeenAtMs: null, models: [FAKE_MODEL], busy: false, tasksServed: m.tasksServed }))
    return slice([...remote, ...local], page)
  }

  async listSessions(page: Page): Promise<PageOf<SessionInfo>> {
    this.checkFault('all')
    return slice([...this.sessions.keys()].sort((a, b) => a - b).map((id) => this.describeSession(this.sessions.get(id)!)), page)
  }

  async getSession(sessionId: number): Promise<SessionInfo> {
    this.checkFault('all')
    return this.describeSession(this.requireSession(sessionId))
  }

  async listTasks(sessionId: number, page: Page): Promise<PageOf<TaskInfo>> {
    this.checkFault('all')
    return slice([...this.requireSession(sessionId).tasks].reverse(), page)
  }

  async getTask(sessionId: number, taskId: number): Promise<TaskInfo> {
    this.checkFault('all')
    const task = this.requireSession(sessionId).tasks.find((t) => t.taskId === taskId)
    if (task === undefined) throw new RouterBackendError('TaskNotFound', `session ${sessionId} has no task ${taskId}`)
    return task
  }

  async listModels(): Promise<readonly ModelInfo[]> {
    this.checkFault('all')
    const models = new Map<string, ModelInfo>()
    for (const s of this.sessions.values()) {
      if (s.info.status === 'Deactivated' || models.has(s.info.modelName)) continue
      models.set(s.info.modelName, { id: s.info.modelName, sessionId: s.info.sessionId, ownedBy: 'cortensor', createdAtMs: s.info.createdAtMs, contextTokens: s.info.contextTokens })
    }
    return [...models.values()]
  }

  async submitCompletion(input: CompletionInput, hooks: CompletionHooks): Promise<CompletionOutcome> {
    this.checkFault('completion')
    if (this.fault?.kind === 'hang') return await hangUntilAborted(hooks.signal)
    const session = this.requireSession(input.sessionId)
    if (session.info.status === 'Deactivated') throw new RouterBackendError('SessionInactive', `session ${input.sessionId} is deactivated`)
    const inference = this.getInference(`fake:${session.info.modelName}`, session.info.contextTokens)
    if (inference.countPromptTokens(input.prompt) >= session.info.contextTokens) {
      throw new RouterBackendError('InvalidRequest', `the prompt does not fit the model's ${session.info.contextTokens}-token context`, 'prompt')
    }
    const miners = this.assign(session, input.maxMiners, inference)
    if (miners.length === 0) throw new RouterBackendError('NoMinersAvailable', `no miner can serve session ${input.sessionId}`)
    const taskId = session.nextTaskId++
    const plan = { sessionId: input.sessionId, taskId, gid: this.nextGid++, seed: deriveSeed(0, 'task', input.sessionId, taskId), input, createdAtMs: this.nowMs(), miners }
    const env = { params: this.params, embedder: this.embedder, remote: this.remoteTasks, nowMs: this.nowMs, tokenDelayMs: this.options.tokenDelayMs ?? 0 }
    this.running++
    try {
      const { task, finishReason } = await runFakeTask(plan, env, hooks.onToken, hooks.signal)
      this.store(session, task)
      this.completions[task.outcome === 'success' ? 'success' : 'failed']++
      return { task, modelName: session.info.modelName, finishReason }
    } catch (error) {
      this.completions.error++
      throw error
    } finally {
      this.running--
    }
  }

  metrics(): readonly BackendMetric[] {
    const help = 'Completions the fake backend finished, by outcome.'
    return [
      ...(['success', 'failed', 'error'] as const).map((outcome): BackendMetric => ({ name: 'fake_backend_completions_total', help, type: 'counter', labels: { outcome }, value: this.completions[outcome] })),
      { name: 'fake_backend_ws_miners', help: 'WebSocket miners admitted.', type: 'gauge', value: this.remote.size },
      { name: 'fake_backend_waiting_tasks', help: 'Tasks waiting on a WebSocket miner.', type: 'gauge', value: this.remoteTasks.size },
    ]
  }

  async onMinerHello(hello: MinerHello, link: MinerLink): Promise<MinerAdmission> {
    const admission = this.options.admit?.(hello) ?? { ok: true }
    if (!admission.ok) return admission
    const now = this.nowMs()
    const previous = this.remote.get(hello.minerAddress)
    this.remote.set(hello.minerAddress, { hello, link, connectedAtMs: now, lastSeenAtMs: now, tasksServed: previous?.tasksServed ?? 0 })
    return { ok: true }
  }

  onMinerMessage(minerAddress: Address, message: MinerMessage): MinerAdmission | undefined {
    const miner = this.remote.get(minerAddress)
    if (miner !== undefined) miner.lastSeenAtMs = this.nowMs()
    return this.remoteTasks.onMessage(minerAddress, message)
  }

  onMinerGone(minerAddress: Address): void {
    this.remote.delete(minerAddress)
    this.remoteTasks.dropMiner(minerAddress)
  }

  /** WebSocket miners serving the model first (in connection order), then local ones. */
  private assign(session: FakeSession, maxMiners: number | null, honest: FakeInference): FakeAssignee[] {
    const count = Math.min(session.info.redundant, maxMiners ?? Number.MAX_SAFE_INTEGER)
    const out: FakeAssignee[] = []
    for (const m of this.remote.values()) {
      if (out.length < count && (m.hello.models.length === 0 || m.hello.models.includes(session.info.modelName))) {
        m.tasksServed++
        out.push({ kind: 'remote', address: m.hello.minerAddress, link: m.link })
      }
    }
    for (const m of this.local) {
      if (out.length >= count) break
      m.tasksServed++
      const inference = m.behaviour === 'divergent' ? this.getInference(`divergent:${m.address}`, session.info.contextTokens) : honest
      out.push({ kind: 'local', address: m.address, behaviour: m.behaviour, inference })
    }
    return out
  }

  private getInference(id: string, contextSize: number): FakeInference {
    const key = `${id}@${contextSize}`
    let inference = this.inference.get(key)
    if (inference === undefined) {
      inference = new FakeInference({ id, contextSize })
      this.inference.set(key, inference)
    }
    return inference
  }

  private store(session: FakeSession, task: TaskInfo): void {
    session.tasks.push(task)
    if (session.tasks.length > (this.options.maxTasksPerSession ?? 1000)) session.tasks.shift()
  }

  private describeSession(s: FakeSession): SessionInfo {
    const nodes = [...this.remote.keys(), ...this.local.map((m) => m.address)].slice(0, s.info.maxNumOfNodes)
    return { ...s.info, nodes, taskCount: s.nextTaskId }
  }

  private requireSession(sessionId: number): FakeSession {
    const session = this.sessions.get(sessionId)
    if (session === undefined) throw new RouterBackendError('SessionNotFound', `no session ${sessionId}`)
    return session
  }

  private checkFault(where: 'completion' | 'all'): void {
    const f = this.fault
    if (f === null || f.kind === 'hang' || (where === 'all' && f.scope !== 'all')) return
    if (f.kind === 'throw') throw new RouterBackendError(f.code, `injected fault: ${f.code}`)
    throw new Error('injected crash')
  }
}

function slice<T>(items: readonly T[], page: Page): PageOf<T> {
  return { items: items.slice(page.offset, page.offset + page.limit), total: items.length }
}

function hangUntilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason as Error)
    signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true })
  })
}
