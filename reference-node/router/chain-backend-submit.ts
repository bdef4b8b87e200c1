/**
 * One completion over the chain (cortensor-protocol.md §4.5a): the router checks the session, sends
 * `session.submit` as itself (the session lists it as a router, or it owns the session), learns the
 * task id from the `TaskSubmitted` log, pushes the task to the assigned miners connected over the
 * WebSocket, streams the first one's tokens, and waits for `TaskEnded`. The answer is then read
 * from the chain (the reveals, their hash checks, the PoI verdicts) together with what the miners
 * reported over the WebSocket (prompt tokens, inference time, why the model stopped).
 *
 * The request's `timeout` is a budget of the chain's clock from the moment the request arrives:
 * when it runs out the completion fails with `Timeout` (the task itself goes on to its end on chain,
 * which no router can cancel).
 */
import type { Address, SessionId, TaskId } from '../../protocol/core/types.ts'
import type { Params } from '../../protocol/params/spec.ts'
import { NODE_TYPE_DEDICATED, NODE_TYPE_EPHEMERAL, type SessionState } from '../../protocol/session/types.ts'
import type { Clock } from '../chain/clock.ts'
import { isChainError } from '../chain/errors.ts'
import type { ChainClient, TxReceipt } from '../chain/types.ts'
import { describeIds, findModel } from '../catalog/catalog.ts'
import { findServingNodes } from '../catalog/served.ts'
import type { ModelCatalog } from '../catalog/types.ts'
import { computeTaskSeed } from '../roles/prompts.ts'
import { RouterBackendError, type CompletionHooks, type CompletionInput, type CompletionOutcome } from './backend.ts'
import type { ChainIndex } from './chain-backend-follow.ts'
import type { MinerRegistry } from './chain-backend-miners.ts'
import { TaskInFlight, type WsMinerReport } from './chain-backend-task.ts'
import { describeTask, type ModelEntry, type ModelLookup } from './chain-backend-views.ts'

export interface CompletionDeps {
  readonly chain: ChainClient
  readonly clock: Clock
  readonly params: Params
  readonly index: ChainIndex
  readonly miners: MinerRegistry
  readonly models: ModelLookup
  /** Tasks waiting on the chain, by `sessionId/taskId`. */
  readonly inFlight: Map<string, TaskInFlight>
  /** Wall time to wait after the end for the streamer's last frames. */
  readonly streamGraceMs: number
  /** Keeps what miners reported over the WebSocket for later reads of the task. */
  readonly keepReports: (key: string, reports: ReadonlyMap<Address, WsMinerReport>) => void
  /** The model catalog sessions' models are checked against (null: no check). */
  readonly catalog: ModelCatalog | null
}

export function taskKeyOf(sessionId: SessionId, taskId: TaskId): string {
  return `${sessionId}/${taskId}`
}

export async function runChainCompletion(d: CompletionDeps, input: CompletionInput, hooks: CompletionHooks): Promise<CompletionOutcome> {
  const deadline = startDeadline(d.clock, input.timeoutMs)
  try {
    const session = await readSubmittable(d, input)
    const model = d.models(session.config.modelIdentifier)
    checkRequest(session, input)
    const taskId = await submitTask(d, session, input, hooks.signal)
    const task = new TaskInFlight(
      input.sessionId,
      taskId,
      {
        prompt: input.prompt, promptType: input.promptType, promptTemplate: input.promptTemplate, llmParams: [...input.llmParams],
        precommitTimeoutMs: d.params.userTask.precommitDeadlineMs, seed: computeTaskSeed(input.sessionId, taskId),
      },
      { miners: d.miners, nowMs: () => d.clock.nowMs(), onToken: hooks.onToken },
    )
    return await followTask(d, task, model, deadline.expired, hooks.signal)
  } catch (error) {
    throw toBackendError(error)
  } finally {
    deadline.cancel()
  }
}

async function followTask(d: CompletionDeps, task: TaskInFlight, model: ModelEntry, expired: Promise<never>, signal: AbortSignal): Promise<CompletionOutcome> {
  const key = taskKeyOf(task.sessionId, task.taskId)
  d.inFlight.set(key, task)
  try {
    // The follower may have passed the assignment already (a slow receipt): look once.
    const now = await d.chain.readTask(task.sessionId, task.taskId)
    if (now !== null && now.miners.length > 0) task.onAssigned(now.miners.map((s) => s.miner))
    if (now?.status === 'Ended') task.onEnded()
    await Promise.race([task.whenEnded(), expired, aborted(signal)])
    await Promise.race([task.whenStreamSettled(d.streamGraceMs), aborted(signal)])
    const [state, input] = await Promise.all([d.chain.readTask(task.sessionId, task.taskId), d.chain.readTaskInput(task.sessionId, task.taskId)])
    if (state === null) throw new RouterBackendError('Failed', `task ${key} vanished from the chain`)
    d.keepReports(key, task.reports)
    const described = describeTask(state, input, task.reports, d.params)
    return { task: described.info, modelName: model.name, finishReason: described.finishReason }
  } catch (error) {
    task.cancel(error instanceof RouterBackendError && error.code === 'Timeout' ? 'the request timed out' : 'the request was aborted')
    throw error
  } finally {
    d.inFlight.delete(key)
  }
}

/** The session, if this router may submit to it now; otherwise the error the client should see. */
async function readSubmittable(d: CompletionDeps, input: CompletionInput): Promise<SessionState> {
  const session = await d.chain.readSession(input.sessionId)
  if (session === null) throw new RouterBackendError('SessionNotFound', `no session ${input.sessionId}`)
  d.index.noteSession(session)
  if (session.status === 'Deactivated') throw new RouterBackendError('SessionInactive', `session ${input.sessionId} is deactivated`)
  if (!d.index.isServed(session)) {
    throw new RouterBackendError('InvalidRequest', `this router does not serve session ${input.sessionId}: its owner must add the router (addRouter)`, 'session_id')
  }
  const modelId = session.config.modelIdentifier
  if (d.catalog !== null && findModel(d.catalog, modelId) === undefined) {
    throw new RouterBackendError('ModelNotFound', `session ${input.sessionId} uses model id ${modelId}, which is not in the model catalog (ids ${describeIds(d.catalog)})`)
  }
  // A task needs `redundant` miners at once: with fewer nodes it would only wait in the queue until its timeout.
  const nodes = session.ephemeralNodes.length + session.dedicatedNodes.length
  if (session.status !== 'Ready' || nodes < session.config.redundant) {
    // No registered node serves the model: no wait will ever fill the session, so say why.
    if (d.catalog !== null && (await countServingNodes(d, modelId)) === 0) {
      throw new RouterBackendError('ModelNotServed', `session ${input.sessionId}: no registered node serves its model ${modelId} (${findModel(d.catalog, modelId)!.name})`)
    }
    throw new RouterBackendError('NoMinersAvailable', `session ${input.sessionId} has ${nodes} node(s); its tasks need ${session.config.redundant} (and ${session.config.minNumOfNodes} to take any)`)
  }
  return session
}

/** Registered nodes (as the router followed them) that declared `modelId`; read only when a session cannot take tasks. */
async function countServingNodes(d: CompletionDeps, modelId: number): Promise<number> {
  const nodes = await Promise.all([...d.index.nodes].map((a) => d.chain.readNode(a)))
  return findServingNodes(modelId, nodes.filter((n) => n !== null)).length
}

/**
 * The chain fixes a task's miner count by the session, so a request asking for fewer is refused
 * rather than silently served by more. A max_tokens beyond the model's context is not refused: the
 * miners stop when the context is full and the answer says `length`.
 */
function checkRequest(session: SessionState, input: CompletionInput): void {
  const redundant = session.config.redundant
  if (input.maxMiners !== null && input.maxMiners < redundant) {
    throw new RouterBackendError('InvalidRequest', `session ${session.sessionId} runs every task on ${redundant} miners; max_miners ${input.maxMiners} is below that`, 'max_miners')
  }
}

/** Sends `submit` as the router and returns the new task's id. */
async function submitTask(d: CompletionDeps, session: SessionState, input: CompletionInput, signal: AbortSignal): Promise<TaskId> {
  const me = d.chain.account
  const hash = await d.chain.sendCommand(
    {
      type: 'session',
      sessionId: session.sessionId,
      event: {
        type: 'submit', actor: me, nodeType: session.config.mode === 1 ? NODE_TYPE_DEDICATED : NODE_TYPE_EPHEMERAL, taskData: input.prompt,
        promptType: input.promptType, promptTemplate: input.promptTemplate, llmParams: [...input.llmParams], requestParams: [], clientReference: input.clientReference ?? '',
      },
    },
    { signal },
  )
  const receipt = await d.chain.waitForReceipt(hash, { signal })
  if (receipt.status === 'reverted') throw explainRevert(session.sessionId, receipt)
  const submitted = receipt.logs.find((l) => l.name === 'TaskSubmitted')
  if (submitted === undefined) throw new RouterBackendError('Failed', `submit ${hash} succeeded without a TaskSubmitted log`)
  return submitted.args['taskId'] as TaskId
}

/** A refused submit in the client's terms. */
export function explainRevert(sessionId: SessionId, receipt: TxReceipt): RouterBackendError {
  const { code, message } = receipt.revert!
  switch (code) {
    case 'SessionInactive':
      return new RouterBackendError('SessionInactive', `session ${sessionId} is deactivated`)
    case 'WrongPhase':
      return new RouterBackendError('NoMinersAvailable', `session ${sessionId} does not take tasks now: ${message}`)
    case 'NotRouter':
      return new RouterBackendError('InvalidRequest', `this router may not submit to session ${sessionId}: ${message}`, 'session_id')
    case 'InsufficientBalance':
      return new RouterBackendError('InvalidRequest', `session ${sessionId} cannot pay for this task (its owner must deposit more, or ask for fewer max_tokens): ${message}`, 'session_id')
    case 'MalformedEvent':
    case 'InvalidParams':
    case 'WrongSessionMode':
      return new RouterBackendError('InvalidRequest', `the chain refused the task: ${message}`)
    default:
      return new RouterBackendError('Failed', `the chain refused the task (${code}): ${message}`)
  }
}

/** A timer on the chain's clock that rejects `expired` with `Timeout`. */
function startDeadline(clock: Clock, timeoutMs: number): { readonly expired: Promise<never>; cancel(): void } {
  let fire!: (error: Error) => void
  const expired = new Promise<never>((_, reject) => (fire = reject))
  expired.catch(() => undefined)
  const timer = clock.setTimer(timeoutMs, () => fire(new RouterBackendError('Timeout', `the task did not end within ${timeoutMs} ms`)))
  return { expired, cancel: () => timer.cancel() }
}

function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason as Error)
    else signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true })
  })
}

/** A chain that cannot be reached makes the backend unavailable; a refused send is a failure; the rest passes through. */
export function toBackendError(error: unknown): unknown {
  if (!isChainError(error) || error.code === 'Aborted') return error
  if (error.code === 'TxRejected' || error.code === 'NotFound') return new RouterBackendError('Failed', `the chain refused the call: ${error.message}`, undefined, { cause: error })
  return new RouterBackendError('Unavailable', `the chain is not reachable: ${error.message}`, undefined, { cause: error })
}
