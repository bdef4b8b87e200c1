/**
 * Task submission (SessionV2.submit): checks the submitter and every argument, allocates the
 * session's next task id and asks the host to queue the task (`enqueueTask`). The session keeps
 * no list of its tasks — only the counter — so its size does not grow with its traffic.
 */
import type { Ctx } from '../core/context.ts'
import { emit, type TaskRequest } from '../core/effects.ts'
import { accept, reject, type Rejection, type Transition } from '../core/result.ts'
import type { Address } from '../core/types.ts'
import { checkStringField } from '../core/bytes.ts'
import { checkIntField, isNodeTypeAllowed } from './config.ts'
import { checkParamArray, decodeLlmParams } from './llm.ts'
import { isSessionRouter, sessionKey } from './state.ts'
import { NODE_TYPE_DEDICATED, NODE_TYPE_EPHEMERAL, SESSION_MODES, type SessionState, type TaskSubmission } from './types.ts'

export function processSubmit(state: SessionState, actor: Address, submission: TaskSubmission, ctx: Ctx): Transition<SessionState> {
  const key = sessionKey(state.sessionId)
  const isRouter = isSessionRouter(state, actor)
  if (actor !== state.owner && !isRouter) return reject('NotRouter', `${key}: ${actor} is neither the owner nor a registered router`)
  const invalid = checkSubmission(state, submission, ctx)
  if (invalid) return invalid
  const decoded = decodeLlmParams(submission.llmParams, ctx.params)
  if (!decoded.ok) return reject(decoded.code, `${key}: ${decoded.message}`)
  const taskId = state.nextTaskId
  const task: TaskRequest = {
    sessionId: state.sessionId,
    taskId,
    redundant: state.config.redundant,
    modelId: state.config.modelIdentifier,
    maxTokens: decoded.llm.maxTokens,
    router: isRouter ? actor : null,
    nodeType: submission.nodeType,
    taskData: submission.taskData,
    promptType: submission.promptType,
    promptTemplate: submission.promptTemplate,
    llmParams: [...submission.llmParams],
    requestParams: [...submission.requestParams],
    clientReference: submission.clientReference,
  }
  // A literal, not a spread: this runs for every task submitted (V8 builds literals far faster).
  const next: SessionState = {
    sessionId: state.sessionId,
    status: state.status,
    owner: state.owner,
    config: state.config,
    ephemeralNodes: state.ephemeralNodes,
    dedicatedNodes: state.dedicatedNodes,
    routers: state.routers,
    nextTaskId: taskId + 1,
    createdAtMs: state.createdAtMs,
    updatedAtMs: ctx.nowMs,
    deactivatedAtMs: state.deactivatedAtMs,
  }
  return accept(next, [
    emit('TaskSubmitted', { sessionId: state.sessionId, taskId, taskData: submission.taskData, clientReference: submission.clientReference }),
    { kind: 'enqueueTask', task },
  ])
}

function checkSubmission(state: SessionState, s: TaskSubmission, ctx: Ctx): Rejection | undefined {
  const key = sessionKey(state.sessionId)
  const p = ctx.params.session
  if (s.nodeType !== NODE_TYPE_EPHEMERAL && s.nodeType !== NODE_TYPE_DEDICATED) {
    return reject('MalformedEvent', `${key}: nodeType must be 0 (ephemeral) or 1 (dedicated), got ${String(s.nodeType)}`)
  }
  if (!isNodeTypeAllowed(state.config.mode, s.nodeType === NODE_TYPE_DEDICATED)) {
    return reject('WrongSessionMode', `${key}: mode ${SESSION_MODES[state.config.mode]} serves no nodeType ${s.nodeType} tasks`)
  }
  const problem =
    checkStringField('taskData', s.taskData, p.maxTaskDataBytes, 1) ??
    checkIntField('promptType', s.promptType, 0, Number.MAX_SAFE_INTEGER) ??
    checkStringField('promptTemplate', s.promptTemplate, p.maxPromptTemplateBytes) ??
    checkStringField('clientReference', s.clientReference, p.maxClientReferenceBytes)
  if (problem !== undefined) return reject('MalformedEvent', `${key}: ${problem}`)
  const badRequest = checkParamArray('requestParams', s.requestParams, ctx.params)
  return badRequest === undefined ? undefined : reject(badRequest.code, `${key}: ${badRequest.message}`)
}
