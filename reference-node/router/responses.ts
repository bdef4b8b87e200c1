/**
 * Backend values → the router's JSON (Cortensor's snake_case). Each shape has one explicit mapper,
 * so the wire format is written down here field by field and cannot drift with internal renames.
 * Times are Unix seconds (fractional: millisecond precision), as Cortensor's apps read `acked_at`
 * and `precommit_at`; durations carry their unit in the name (`inference_sec`).
 */
import type { NodeStanding } from '../dataset/standing.ts'
import type { BackendStatus, MinerInfo, MinerTaskResult, ModelInfo, RouterInfo, SessionInfo, TaskInfo } from './backend.ts'
import type { LlmParams } from '../../protocol/session/types.ts'

export function toUnixS(ms: number | null): number | null {
  return ms === null ? null : ms / 1000
}

/** Whitespace-separated words, as the apps' `words` field counts them. */
export function countWords(text: string): number {
  const trimmed = text.trim()
  return trimmed === '' ? 0 : trimmed.split(/\s+/u).length
}

export interface RouterSelf {
  readonly uptimeS: number
  readonly wsPath: string
  readonly wsPort: number | null
  readonly inFlightRequests: number
  readonly minersConnected: number
}

export function renderInfo(info: RouterInfo, models: readonly ModelInfo[], self: RouterSelf): object {
  return {
    name: info.name,
    version: info.version,
    router_address: info.routerAddress,
    chain_id: info.chainId,
    network: info.network,
    api: { rest: '/api/v1', openai: '/v1', streaming: 'sse' },
    websocket: { path: self.wsPath, port: self.wsPort },
    models: models.map((m) => m.id),
    uptime_s: self.uptimeS,
  }
}

export function renderStatus(status: BackendStatus, self: RouterSelf): object {
  return {
    status: status.healthy ? 'ok' : 'degraded',
    healthy: status.healthy,
    chain_head_block: status.chainHeadBlock,
    connected_miners: status.connectedMiners,
    ws_miners_connected: self.minersConnected,
    active_sessions: status.activeSessions,
    pending_tasks: status.pendingTasks,
    in_flight_requests: self.inFlightRequests,
    uptime_s: self.uptimeS,
  }
}

export function renderMiner(m: MinerInfo): object {
  return {
    address: m.address,
    transport: m.transport,
    connected: m.connected,
    connected_at: toUnixS(m.connectedAtMs),
    last_seen_at: toUnixS(m.lastSeenAtMs),
    models: m.models,
    busy: m.busy,
    tasks_served: m.tasksServed,
    ...(m.standing === undefined ? {} : { standing: m.standing === null ? null : renderStanding(m.standing) }),
  }
}

/** A node's standing on chain; the stake is a decimal string of the smallest unit (JSON has no bigints). */
export function renderStanding(s: NodeStanding): object {
  const c = s.cognitive
  return {
    status: s.status,
    reserved_session: s.reservedBy,
    online: s.online,
    missed_pings: s.missedPings,
    last_ping_at: toUnixS(s.lastPingAtMs),
    stake: s.stake.toString(),
    level: s.level,
    level_success_streak: s.levelSuccessStreak,
    next_level: s.nextLevel === null ? null : { consecutive_successes: s.nextLevel.consecutiveSuccesses, success_rate: s.nextLevel.successRate },
    reputation_score: s.reputationScore,
    model_ids: s.models.map((m) => m.id),
    metrics: Object.fromEntries(s.metrics.map((m) => [m.metric, { counter: m.counter, points: m.points, success_rate: m.successRate, weighted_rate: m.weightedRate }])),
    cognitive: { attempts: c.attempts, successes: c.successes, window_attempts: c.windowAttempts, window_successes: c.windowSuccesses, success_streak: c.successStreak, failure_streak: c.failureStreak },
    pool_ineligibility: s.poolIneligibility,
  }
}

export function renderSession(s: SessionInfo): object {
  return {
    session_id: s.sessionId,
    name: s.name,
    owner: s.owner,
    status: s.status,
    model_id: s.modelId,
    model: s.modelName,
    redundant: s.redundant,
    min_num_of_nodes: s.minNumOfNodes,
    max_num_of_nodes: s.maxNumOfNodes,
    mode: s.mode,
    nodes: s.nodes,
    max_context_tokens: s.contextTokens,
    task_count: s.taskCount,
    created_at: toUnixS(s.createdAtMs),
  }
}

export function renderLlm(llm: LlmParams): object {
  return {
    max_tokens: llm.maxTokens,
    temperature: llm.temperature,
    top_p: llm.topP,
    top_k: llm.topK,
    presence_penalty: llm.presencePenalty,
    frequency_penalty: llm.frequencyPenalty,
  }
}

/** One miner's result, in the `miners: [...]` shape Cortensor's apps parse (§11.2). */
export function renderMinerResult(m: MinerTaskResult): object {
  return {
    address: m.address,
    state: m.state,
    response: m.response,
    ack: m.ackedAtMs !== null,
    hash_verified: m.hashVerified,
    data_hash: m.dataHash,
    calculated_hash: m.calculatedHash,
    poi: m.poi === null ? null : { verdict: m.poi.verdict, similarity: m.poi.similarity },
    inference_sec: m.inferenceMs === null ? null : m.inferenceMs / 1000,
    tokens: m.outputTokens,
    prompt_tokens: m.promptTokens,
    words: m.response === null ? null : countWords(m.response),
    acked_at: toUnixS(m.ackedAtMs),
    precommit_at: toUnixS(m.precommitAtMs),
    committed_at: toUnixS(m.committedAtMs),
  }
}

export function renderTask(t: TaskInfo): object {
  return {
    session_id: t.sessionId,
    task_id: t.taskId,
    gid: t.gid,
    status: t.status,
    prompt: t.prompt,
    client_reference: t.clientReference,
    llm: renderLlm(t.llm),
    created_at: toUnixS(t.createdAtMs),
    finished_at: toUnixS(t.finishedAtMs),
    outcome: t.outcome,
    failure_reason: t.failureReason,
    result: t.result === null ? null : { miner: t.result.minerAddress, text: t.result.text },
    miners: t.miners.map(renderMinerResult),
  }
}

export function renderModel(m: ModelInfo): object {
  return { id: m.id, object: 'model', created: Math.floor(m.createdAtMs / 1000), owned_by: m.ownedBy, session_id: m.sessionId, context_tokens: m.contextTokens }
}
