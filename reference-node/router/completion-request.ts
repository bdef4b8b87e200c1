/**
 * The body of `POST /api/v1/completions[/{sessionId}]` (cortensor-protocol.md §11.2):
 *
 *   { session_id, prompt, prompt_type, prompt_template, stream, timeout, precommit_timeout,
 *     client_reference, max_tokens, temperature, top_p, top_k, presence_penalty,
 *     frequency_penalty, max_miners }
 *
 * Strict: any other field is refused (`UnknownField`), so a typo such as `max_token` does not
 * silently run with the default. String limits are the protocol's (taskData, promptTemplate and
 * clientReference bytes), measured in UTF-8 bytes as the contracts measure them; timeouts are
 * whole seconds, as Cortensor's apps send them, and default to the protocol's task budget and
 * precommit deadline.
 */
import type { Params } from '../../protocol/params/spec.ts'
import type { CompletionInput } from './backend.ts'
import { FieldError, FieldReader } from './fields.ts'
import { readLlmFields } from './llm-params.ts'

export interface RequestLimits {
  readonly params: Params
  readonly maxTimeoutS: number
}

export interface ParsedCompletion {
  readonly input: CompletionInput
  readonly stream: boolean
}

/** Cortensor's raw prompt type; the only one the router assigns itself. */
export const PROMPT_TYPE_RAW = 1

/** Upper bound of `max_miners`; a session's own maxNumOfNodes is the real limit, checked by the backend. */
export const MAX_MINERS_LIMIT = 1000

const CORTENSOR_FIELDS = new Set([
  'session_id', 'prompt', 'prompt_type', 'prompt_template', 'stream', 'timeout', 'precommit_timeout', 'client_reference',
  'max_tokens', 'temperature', 'top_p', 'top_k', 'presence_penalty', 'frequency_penalty', 'max_miners',
])

/** Parses a Cortensor completion body; `pathSessionId` is the `{sessionId}` of the URL, if any. */
export function parseCortensorCompletion(body: unknown, pathSessionId: number | undefined, limits: RequestLimits): ParsedCompletion {
  const r = new FieldReader(body)
  r.onlyKnown(CORTENSOR_FIELDS)
  const sessionId = readSessionId(r, pathSessionId)
  const p = limits.params.session
  const prompt = r.requiredString('prompt', { maxBytes: p.maxTaskDataBytes, minBytes: 1 })
  const promptType = r.integer('prompt_type', 0, 255) ?? PROMPT_TYPE_RAW
  const promptTemplate = r.string('prompt_template', { maxBytes: p.maxPromptTemplateBytes }) ?? ''
  const stream = r.boolean('stream') ?? false
  const { llm, llmParams } = readLlmFields(r, limits.params)
  return {
    stream,
    input: { sessionId, prompt, promptType, promptTemplate, llm, llmParams, ...readTaskOptions(r, limits) },
  }
}

/**
 * The session: from the path, from `session_id`, or both when they agree. Every caller with a
 * path id passes it, so a body naming a different session is a conflict, not an override.
 */
export function readSessionId(r: FieldReader, pathSessionId: number | undefined): number {
  const bodySessionId = r.integer('session_id', 0, Number.MAX_SAFE_INTEGER)
  if (pathSessionId !== undefined && bodySessionId !== undefined && pathSessionId !== bodySessionId) {
    throw new FieldError('InvalidField', 'session_id', `session_id ${bodySessionId} differs from the session ${pathSessionId} in the path`)
  }
  const sessionId = pathSessionId ?? bodySessionId
  if (sessionId === undefined) throw new FieldError('MissingField', 'session_id', 'session_id is required (in the body, or as /completions/{sessionId})')
  return sessionId
}

export interface TaskOptions {
  readonly timeoutMs: number
  readonly precommitTimeoutMs: number
  readonly clientReference: string | null
  readonly maxMiners: number | null
}

/** timeout, precommit_timeout, client_reference and max_miners, shared with the OpenAI routes. */
export function readTaskOptions(r: FieldReader, limits: RequestLimits): TaskOptions {
  const task = limits.params.userTask
  const timeoutS = r.integer('timeout', 1, limits.maxTimeoutS)
  const precommitS = r.integer('precommit_timeout', 1, limits.maxTimeoutS)
  return {
    timeoutMs: timeoutS === undefined ? task.totalTimeoutMs : timeoutS * 1000,
    precommitTimeoutMs: precommitS === undefined ? task.precommitDeadlineMs : precommitS * 1000,
    clientReference: r.string('client_reference', { maxBytes: limits.params.session.maxClientReferenceBytes }) ?? null,
    maxMiners: r.integer('max_miners', 1, MAX_MINERS_LIMIT) ?? null,
  }
}
