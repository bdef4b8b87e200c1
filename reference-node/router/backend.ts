/**
 * RouterBackend: the narrow interface between the router's HTTP/WebSocket surface and whatever
 * does the work behind it. The real backend (chain client + miners) submits tasks on chain, pushes
 * them to miners and collects the results; `FakeRouterBackend` does it in memory for tests. The
 * router only translates: it validates requests, calls these methods, and shapes the answers.
 *
 * Values here are camelCase TypeScript with units in names (`createdAtMs`); the router renders
 * them in Cortensor's snake_case JSON. Failures are thrown as `RouterBackendError` with a code the
 * router maps to an HTTP status; anything else thrown counts as a backend failure (502).
 */
import type { Hex32 } from '../../protocol/core/commit.ts'
import type { Address } from '../../protocol/core/types.ts'
import type { LlmParams, SessionStatus } from '../../protocol/session/types.ts'
import type { MinerResultState, TaskFailureReason, TaskStatus } from '../../protocol/task/types.ts'
import type { NodeStanding } from '../dataset/standing.ts'
import type { MinerHello, MinerMessage, RouterMessage } from './ws-schema.ts'

export interface RouterInfo {
  readonly name: string
  readonly version: string
  /** The router's own node address (its chain key). */
  readonly routerAddress: Address
  readonly chainId: number
  /** e.g. `devnet`, `testnet`. */
  readonly network: string
}

export interface BackendStatus {
  /** False when the backend cannot serve completions now (chain unreachable, …). */
  readonly healthy: boolean
  readonly chainHeadBlock: number | null
  readonly connectedMiners: number
  readonly activeSessions: number
  readonly pendingTasks: number
}

export interface MinerInfo {
  readonly address: Address
  /** How the router reaches it: a WebSocket link, or only through chain events. */
  readonly transport: 'ws' | 'chain' | 'local'
  readonly connected: boolean
  readonly connectedAtMs: number | null
  readonly lastSeenAtMs: number | null
  readonly models: readonly string[]
  readonly busy: boolean
  readonly tasksServed: number
  /** The node's standing on chain (pool state, level, per-metric stats, stake); absent when the backend has no chain, null for a miner the chain does not know. */
  readonly standing?: NodeStanding | null
}

export interface SessionInfo {
  readonly sessionId: number
  readonly name: string
  readonly owner: Address
  readonly status: SessionStatus
  readonly modelId: number
  readonly modelName: string
  /** Miners per task. */
  readonly redundant: number
  readonly minNumOfNodes: number
  readonly maxNumOfNodes: number
  /** 0 Ephemeral, 1 Dedicated, 2 Hybrid. */
  readonly mode: number
  readonly nodes: readonly Address[]
  /** The model's context, in tokens (apps read the prompt budget from here). */
  readonly contextTokens: number
  readonly taskCount: number
  readonly createdAtMs: number
}

export interface PoiResultInfo {
  readonly verdict: 'valid' | 'outlier'
  readonly similarity: number
}

/** One assigned miner's part in a task. */
export interface MinerTaskResult {
  readonly address: Address
  readonly state: MinerResultState
  /** The revealed text; null until committed. */
  readonly response: string | null
  /** The hash the miner precommitted. */
  readonly dataHash: Hex32 | null
  /** The hash the router computed from `response` (same scheme as the precommit). */
  readonly calculatedHash: Hex32 | null
  /** dataHash === calculatedHash; null until both exist. */
  readonly hashVerified: boolean | null
  readonly poi: PoiResultInfo | null
  readonly ackedAtMs: number | null
  readonly precommitAtMs: number | null
  readonly committedAtMs: number | null
  readonly inferenceMs: number | null
  readonly promptTokens: number | null
  readonly outputTokens: number | null
}

export interface TaskInfo {
  readonly sessionId: number
  readonly taskId: number
  /** Global id across sessions. */
  readonly gid: number
  readonly status: TaskStatus
  readonly prompt: string
  readonly clientReference: string | null
  readonly llm: LlmParams
  readonly createdAtMs: number
  readonly finishedAtMs: number | null
  readonly miners: readonly MinerTaskResult[]
  /** The answer the router returns (the consensus centre); null unless the task succeeded. */
  readonly result: { readonly minerAddress: Address; readonly text: string } | null
  readonly outcome: 'success' | 'failed' | null
  readonly failureReason: TaskFailureReason | null
}

export interface ModelInfo {
  /** Model name, as OpenAI clients pass it in `model`. */
  readonly id: string
  /** The session that serves this model when a request names no session. */
  readonly sessionId: number
  readonly ownedBy: string
  readonly createdAtMs: number
  readonly contextTokens: number
}

/** What the router asks the backend to run, after validating the request. */
export interface CompletionInput {
  readonly sessionId: number
  readonly prompt: string
  /** 1 = raw (the prompt is used as is). */
  readonly promptType: number
  readonly promptTemplate: string
  /** Decoded sampling parameters, already quantised to what `llmParams` can carry. */
  readonly llm: LlmParams
  /** The on-chain encoding of `llm` (§4.3): [maxTokens, temperature×100, topP×100, topK, presence×100, frequency×100, 0]. */
  readonly llmParams: readonly number[]
  /** The task's overall budget, from the request's `timeout`. */
  readonly timeoutMs: number
  readonly precommitTimeoutMs: number
  readonly clientReference: string | null
  /** Upper bound on miners asked, when the client set one. */
  readonly maxMiners: number | null
}

export interface TokenChunk {
  readonly minerAddress: Address
  readonly text: string
}

export interface CompletionHooks {
  /** Called with each piece of streamed text, in order (from one miner: the one that answers first). */
  readonly onToken?: (chunk: TokenChunk) => void
  /** Aborted when the client goes away, the request's timeout passes, or the router shuts down. */
  readonly signal: AbortSignal
}

export interface CompletionOutcome {
  /** The ended task; `outcome: 'failed'` makes the router answer 502 TaskFailed. */
  readonly task: TaskInfo
  readonly modelName: string
  /** 'length' when the chosen result stopped at max_tokens or a full context. */
  readonly finishReason: 'stop' | 'length'
}

export interface Page {
  readonly offset: number
  readonly limit: number
}

export interface PageOf<T> {
  readonly items: readonly T[]
  readonly total: number
}

/** A sample the backend wants on `/metrics` (the router renders and escapes it). */
export interface BackendMetric {
  /** Prometheus metric name, `[a-zA-Z_:][a-zA-Z0-9_:]*`; others are dropped. */
  readonly name: string
  readonly help: string
  readonly type: 'counter' | 'gauge'
  readonly labels?: Readonly<Record<string, string>>
  readonly value: number
}

/** The router's handle on one connected miner, given to the backend at hello. */
export interface MinerLink {
  readonly minerAddress: Address
  /** Remote IP and port, for logs. */
  readonly remoteAddress: string
  /** Queues a message; false when the link is closed or its send buffer is full. */
  send(message: RouterMessage): boolean
  /** Closes the link (the backend then hears `onMinerGone`). */
  close(reason: string): void
}

export type MinerAdmission = { readonly ok: true } | { readonly ok: false; readonly code: string; readonly message: string }

/** Hooks for miners on the router's WebSocket; the router validates every message first. */
export interface MinerLinkHooks {
  /** A schema-valid hello (token already checked); decide whether to admit the miner. */
  onMinerHello(hello: MinerHello, link: MinerLink): Promise<MinerAdmission>
  /** An ack, token, result or error from an admitted miner; a rejection is sent back as an `error`. */
  onMinerMessage(minerAddress: Address, message: MinerMessage): MinerAdmission | undefined
  /** The admitted miner's link closed (not called for a link replaced by a newer hello). */
  onMinerGone(minerAddress: Address, reason: string): void
}

export interface RouterBackend extends MinerLinkHooks {
  info(): Promise<RouterInfo>
  status(): Promise<BackendStatus>
  listMiners(page: Page): Promise<PageOf<MinerInfo>>
  listSessions(page: Page): Promise<PageOf<SessionInfo>>
  /** Throws SessionNotFound. */
  getSession(sessionId: number): Promise<SessionInfo>
  /** Newest first. Throws SessionNotFound. */
  listTasks(sessionId: number, page: Page): Promise<PageOf<TaskInfo>>
  /** Throws SessionNotFound or TaskNotFound. */
  getTask(sessionId: number, taskId: number): Promise<TaskInfo>
  listModels(): Promise<readonly ModelInfo[]>
  submitCompletion(input: CompletionInput, hooks: CompletionHooks): Promise<CompletionOutcome>
  /** Samples for `/metrics`; called on every scrape, so keep it cheap. */
  metrics(): readonly BackendMetric[]
}

/** Failure codes a backend may throw, and the router's error code for each. */
export const BACKEND_ERROR_CODES = {
  SessionNotFound: 'SessionNotFound',
  TaskNotFound: 'TaskNotFound',
  ModelNotFound: 'ModelNotFound',
  /** The session's model is served by no registered node: its tasks could never be assigned. */
  ModelNotServed: 'ModelNotServed',
  SessionInactive: 'SessionInactive',
  /** The backend refused the request's values (e.g. max_tokens above the session's model context). */
  InvalidRequest: 'BadRequest',
  NoMinersAvailable: 'NoMinersAvailable',
  Unavailable: 'BackendUnavailable',
  Overloaded: 'Overloaded',
  Failed: 'BackendFailed',
  Timeout: 'Timeout',
} as const

export type BackendErrorCode = keyof typeof BACKEND_ERROR_CODES

export class RouterBackendError extends Error {
  override readonly name = 'RouterBackendError'
  constructor(
    readonly code: BackendErrorCode,
    message: string,
    /** The request field at fault, for InvalidRequest. */
    readonly field?: string,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options)
  }
}
