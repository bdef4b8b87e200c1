/**
 * How `FakeRouterBackend` runs one task: every assigned miner answers (a local fake miner through
 * `FakeInference`, a WebSocket miner through the link), the router-side checks run as the real
 * backend would run them — the result's keccak hash against the miner's `dataHash`, then Proof of
 * Inference over the hash-verified results (lexical embeddings, `protocol/poi`, the protocol's
 * quorum rule) — and the answer is the valid result closest to the cluster centre.
 *
 * Local behaviours: `honest`; `wrongHash` (reports a hash that is not its text's); `divergent`
 * (answers with another "model", so PoI should mark it an outlier); `silent` (never answers).
 * Timestamps of local miners are simulated from the task's start, so a fixed clock gives
 * byte-identical tasks; a WebSocket miner's are the clock's readings when its messages arrive.
 */
import { computeResultHash, type Hex32 } from '../../protocol/core/commit.ts'
import type { Address } from '../../protocol/core/types.ts'
import type { Params } from '../../protocol/params/spec.ts'
import { computePoiOutcome } from '../../protocol/poi/validate.ts'
import { computeQuorum } from '../../protocol/task/quorum.ts'
import type { MinerResultState, TaskFailureReason } from '../../protocol/task/types.ts'
import type { LexicalEmbedder } from '../embedding/lexical.ts'
import type { FakeInference } from '../inference/fake.ts'
import { buildRequestFromLlmParams } from '../inference/request.ts'
import type { CompletionInput, MinerLink, MinerTaskResult, PoiResultInfo, TaskInfo, TokenChunk } from './backend.ts'
import type { RemoteTasks } from './fake-remote.ts'

export const FAKE_MINER_BEHAVIOURS = ['honest', 'wrongHash', 'divergent', 'silent'] as const
export type FakeMinerBehaviour = (typeof FAKE_MINER_BEHAVIOURS)[number]

export type FakeAssignee =
  | { readonly kind: 'local'; readonly address: Address; readonly behaviour: FakeMinerBehaviour; readonly inference: FakeInference }
  | { readonly kind: 'remote'; readonly address: Address; readonly link: MinerLink }

export interface FakeTaskPlan {
  readonly sessionId: number
  readonly taskId: number
  readonly gid: number
  readonly seed: number
  readonly input: CompletionInput
  readonly createdAtMs: number
  readonly miners: readonly FakeAssignee[]
}

export interface FakeTaskEnv {
  readonly params: Params
  readonly embedder: LexicalEmbedder
  readonly remote: RemoteTasks
  readonly nowMs: () => number
  /** Pause between streamed tokens of local miners. */
  readonly tokenDelayMs: number
}

/** What one miner produced; null fields were never reached. */
export interface MinerRun {
  readonly address: Address
  readonly ackedAtMs: number | null
  readonly precommitAtMs: number | null
  readonly committedAtMs: number | null
  readonly text: string | null
  readonly dataHash: Hex32 | null
  readonly promptTokens: number | null
  readonly outputTokens: number | null
  readonly inferenceMs: number | null
  readonly lengthLimited: boolean
}

export interface FakeTaskResult {
  readonly task: TaskInfo
  readonly finishReason: 'stop' | 'length'
}

export function createEmptyRun(address: Address): MinerRun {
  return { address, ackedAtMs: null, precommitAtMs: null, committedAtMs: null, text: null, dataHash: null, promptTokens: null, outputTokens: null, inferenceMs: null, lengthLimited: false }
}

/** Runs the plan; the first assigned miner's tokens go to `onToken`. */
export async function runFakeTask(plan: FakeTaskPlan, env: FakeTaskEnv, onToken: ((chunk: TokenChunk) => void) | undefined, signal: AbortSignal): Promise<FakeTaskResult> {
  const runs = await Promise.all(
    plan.miners.map((miner, i) => {
      const stream = i === 0 ? onToken : undefined
      return miner.kind === 'local' ? runLocalMiner(miner, plan, env, stream, signal) : env.remote.run(miner, plan, stream, signal)
    }),
  )
  return judgeRuns(plan, runs, env)
}

async function runLocalMiner(
  miner: Extract<FakeAssignee, { kind: 'local' }>,
  plan: FakeTaskPlan,
  env: FakeTaskEnv,
  onToken: ((chunk: TokenChunk) => void) | undefined,
  signal: AbortSignal,
): Promise<MinerRun> {
  if (miner.behaviour === 'silent') return createEmptyRun(miner.address)
  const chunks: string[] = []
  const request = buildRequestFromLlmParams(plan.input.prompt, plan.input.llm, plan.seed)
  const result = await miner.inference.complete(request, { onTextChunk: (chunk) => chunks.push(chunk), signal })
  for (const text of chunks) {
    if (signal.aborted) break
    onToken?.({ minerAddress: miner.address, text })
    if (env.tokenDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, env.tokenDelayMs))
  }
  const ackedAtMs = plan.createdAtMs + 5
  const precommitAtMs = ackedAtMs + Math.ceil(result.inferenceMs)
  const dataHash = miner.behaviour === 'wrongHash' ? computeResultHash(`${result.text}\u0000tampered`) : computeResultHash(result.text)
  return {
    address: miner.address,
    ackedAtMs,
    precommitAtMs,
    committedAtMs: precommitAtMs + 5,
    text: result.text,
    dataHash,
    promptTokens: result.promptTokens,
    outputTokens: result.outputTokens,
    inferenceMs: result.inferenceMs,
    lengthLimited: result.stopReason === 'maxTokens' || result.stopReason === 'contextFull',
  }
}

/** Hash checks, PoI, quorum, and the answer. */
async function judgeRuns(plan: FakeTaskPlan, runs: readonly MinerRun[], env: FakeTaskEnv): Promise<FakeTaskResult> {
  const hashes = runs.map((r) => (r.text === null ? null : computeResultHash(r.text)))
  const verified = runs.map((r, i) => r.dataHash !== null && r.dataHash === hashes[i])
  // Only hash-verified, non-empty reveals are compared: the rest can never count as valid.
  const candidates = runs.map((_, i) => i).filter((i) => verified[i] === true && runs[i]!.text!.trim() !== '')
  const quorum = computeQuorum(env.params.userTask.quorumRule, runs.length)
  const poi: (PoiResultInfo | null)[] = runs.map(() => null)
  let consensus = false
  if (candidates.length > 0) {
    const vectors = await env.embedder.embed(candidates.map((i) => runs[i]!.text!))
    const outcome = computePoiOutcome({ results: candidates.map((i, k) => ({ miner: runs[i]!.address, vector: vectors[k]! })), quorum }, env.params)
    if (outcome.ok) {
      outcome.outcome.verdicts.forEach((v, k) => (poi[candidates[k]!] = { verdict: v.verdict, similarity: v.similarity }))
      consensus = outcome.outcome.consensus
    }
  }
  const best = pickResult(poi)
  const failureReason: TaskFailureReason | null = best !== -1 && consensus ? null : candidates.length < quorum ? 'tooFewCommits' : 'noConsensus'
  const chosen = failureReason === null ? runs[best]! : null
  const miners = runs.map((r, i): MinerTaskResult => ({
    address: r.address,
    state: minerState(r, verified[i]!, poi[i]!),
    response: r.text,
    dataHash: r.dataHash,
    calculatedHash: hashes[i]!,
    hashVerified: r.text === null || r.dataHash === null ? null : verified[i]!,
    poi: poi[i]!,
    ackedAtMs: r.ackedAtMs,
    precommitAtMs: r.precommitAtMs,
    committedAtMs: r.committedAtMs,
    inferenceMs: r.inferenceMs,
    promptTokens: r.promptTokens,
    outputTokens: r.outputTokens,
  }))
  const finishedAtMs = Math.max(plan.createdAtMs, ...runs.map((r) => r.committedAtMs ?? plan.createdAtMs)) + 1
  const task: TaskInfo = {
    sessionId: plan.sessionId,
    taskId: plan.taskId,
    gid: plan.gid,
    status: 'Ended',
    prompt: plan.input.prompt,
    clientReference: plan.input.clientReference,
    llm: plan.input.llm,
    createdAtMs: plan.createdAtMs,
    finishedAtMs,
    miners,
    result: chosen === null ? null : { minerAddress: chosen.address, text: chosen.text! },
    outcome: failureReason === null ? 'success' : 'failed',
    failureReason,
  }
  return { task, finishReason: chosen?.lengthLimited === true ? 'length' : 'stop' }
}

/** Index of the valid result with the highest similarity (first in assignment order on ties), or -1. */
function pickResult(poi: readonly (PoiResultInfo | null)[]): number {
  let best = -1
  for (let i = 0; i < poi.length; i++) {
    const p = poi[i]
    if (p?.verdict === 'valid' && (best === -1 || p.similarity > poi[best]!.similarity)) best = i
  }
  return best
}

function minerState(run: MinerRun, verified: boolean, poi: PoiResultInfo | null): MinerResultState {
  if (run.ackedAtMs === null || run.text === null) return 'TimedOut'
  if (!verified || poi === null) return 'Outlier'
  return poi.verdict === 'valid' ? 'Valid' : 'Outlier'
}
