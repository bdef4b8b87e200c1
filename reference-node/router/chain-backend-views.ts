/**
 * The chain's records in the router's shapes: a session as `SessionInfo`, a task with its per-miner
 * results as `TaskInfo`. These are the facts a client gets back, so the router checks what it can
 * itself instead of trusting the miners or the chain's verdicts blindly (cortensor-protocol.md
 * §15.17): every revealed text is hashed again, with its salt, under the chain's commit scheme, and
 * compared with the hash the miner precommitted. The answer is the valid, hash-verified result
 * closest to the PoI cluster centre.
 */
import { computePrecommitHash, type Hex32 } from '../../protocol/core/commit.ts'
import type { Address, SessionId, TaskId } from '../../protocol/core/types.ts'
import type { Params } from '../../protocol/params/spec.ts'
import { decodeLlmParams } from '../../protocol/session/llm.ts'
import type { LlmParams, SessionState } from '../../protocol/session/types.ts'
import type { MinerSlot, TaskState } from '../../protocol/task/types.ts'
import type { TaskInput } from '../chain/types.ts'
import type { MinerTaskResult, SessionInfo, TaskInfo } from './backend.ts'
import type { WsMinerReport } from './chain-backend-task.ts'

/** A model id's name (what OpenAI clients pass as `model`) and its context size in tokens. */
export interface ModelEntry {
  readonly name: string
  readonly contextTokens: number
}

export type ModelLookup = (modelId: number) => ModelEntry

export function describeSession(s: SessionState, model: ModelEntry): SessionInfo {
  return {
    sessionId: s.sessionId,
    name: s.config.name,
    owner: s.owner,
    status: s.status,
    modelId: s.config.modelIdentifier,
    modelName: model.name,
    redundant: s.config.redundant,
    minNumOfNodes: s.config.minNumOfNodes,
    maxNumOfNodes: s.config.maxNumOfNodes,
    mode: s.config.mode,
    nodes: [...s.dedicatedNodes, ...s.ephemeralNodes],
    contextTokens: model.contextTokens,
    taskCount: s.nextTaskId,
    createdAtMs: s.createdAtMs,
  }
}

export interface SlotCheck {
  /** The hash the router computes from the revealed text and salt (null before the reveal). */
  readonly calculatedHash: Hex32 | null
  /** calculatedHash equals the precommitted hash; null until both exist. */
  readonly hashVerified: boolean | null
}

/** Recomputes the precommit hash of a revealed slot under `scheme` and compares it with the precommit. */
export function verifySlot(slot: MinerSlot, sessionId: SessionId, taskId: TaskId, scheme: Params['commitReveal']['scheme']): SlotCheck {
  if (slot.result === null || slot.salt === null) return { calculatedHash: null, hashVerified: null }
  const calculatedHash = computePrecommitHash(scheme, { miner: slot.miner, sessionId, taskId, salt: slot.salt, result: slot.result })
  return { calculatedHash, hashVerified: slot.precommitHash === null ? null : calculatedHash === slot.precommitHash }
}

export interface DescribedTask {
  readonly info: TaskInfo
  readonly finishReason: 'stop' | 'length'
}

/** The task as the router reports it; `reports` are the WebSocket copies it received, if any. */
export function describeTask(task: TaskState, input: TaskInput | null, reports: ReadonlyMap<Address, WsMinerReport> | undefined, params: Params): DescribedTask {
  const llm = decodeInputLlm(task, input, params)
  const miners = task.miners.map((slot) => describeSlot(task, slot, reports?.get(slot.miner), params))
  const best = task.outcome?.result === 'success' ? pickResult(miners) : -1
  const chosen = best === -1 ? null : miners[best]!
  const info: TaskInfo = {
    sessionId: task.sessionId,
    taskId: task.taskId,
    gid: task.gid,
    status: task.status,
    prompt: input?.taskData ?? '',
    clientReference: input === null || input.clientReference === '' ? null : input.clientReference,
    llm,
    createdAtMs: task.createdAtMs,
    finishedAtMs: task.finishedAtMs,
    miners,
    result: chosen === null ? null : { minerAddress: chosen.address, text: chosen.response! },
    outcome: task.outcome === null ? null : task.outcome.result,
    failureReason: task.outcome?.result === 'failed' ? task.outcome.reason : null,
  }
  const stopReason = chosen === null ? undefined : reports?.get(chosen.address)?.result?.stopReason
  const lengthLimited = stopReason !== undefined ? stopReason === 'maxTokens' || stopReason === 'contextFull' : chosen !== null && (chosen.outputTokens ?? 0) >= llm.maxTokens
  return { info, finishReason: lengthLimited ? 'length' : 'stop' }
}

function describeSlot(task: TaskState, slot: MinerSlot, report: WsMinerReport | undefined, params: Params): MinerTaskResult {
  const check = verifySlot(slot, task.sessionId, task.taskId, params.commitReveal.scheme)
  const judged = (slot.state === 'Valid' || slot.state === 'Outlier') && slot.similarity !== null
  return {
    address: slot.miner,
    state: slot.state,
    response: slot.result,
    dataHash: slot.precommitHash,
    calculatedHash: check.calculatedHash,
    hashVerified: check.hashVerified,
    poi: judged ? { verdict: slot.state === 'Valid' ? 'valid' : 'outlier', similarity: slot.similarity! } : null,
    ackedAtMs: slot.ackedAtMs,
    precommitAtMs: slot.precommitAtMs,
    committedAtMs: slot.committedAtMs,
    inferenceMs: report?.result?.inferenceMs ?? null,
    promptTokens: report?.result?.promptTokens ?? null,
    outputTokens: slot.committedAtMs !== null ? slot.outputTokens : (report?.result?.outputTokens ?? null),
  }
}

/** Index of the PoI-valid, hash-verified result with the highest similarity (first in assignment order on ties), or -1. */
export function pickResult(miners: readonly MinerTaskResult[]): number {
  let best = -1
  for (let i = 0; i < miners.length; i++) {
    const m = miners[i]!
    if (m.poi?.verdict !== 'valid' || m.hashVerified !== true || m.response === null) continue
    if (best === -1 || m.poi.similarity > miners[best]!.poi!.similarity) best = i
  }
  return best
}

/** The task's sampling parameters as submitted; the chain refused any it could not decode, so the fallback is only for a missing input. */
function decodeInputLlm(task: TaskState, input: TaskInput | null, params: Params): LlmParams {
  if (input !== null) {
    const decoded = decodeLlmParams(input.llmParams, params)
    if (decoded.ok) return decoded.llm
  }
  return { maxTokens: task.maxTokens, temperature: 0, topP: 1, topK: 0, presencePenalty: 0, frequencyPenalty: 0 }
}
