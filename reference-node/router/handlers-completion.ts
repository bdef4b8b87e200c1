/**
 * The completion routes: Cortensor's `POST /api/v1/completions[/{sessionId}]` and OpenAI's
 * `POST /v1/completions` and `POST /v1/chat/completions`. Each parses its body, finds the session
 * (OpenAI requests name a model; the session serving it is taken from the backend's catalog unless
 * the `session_id` extension names one), refuses a deactivated session before any work, and hands
 * over to the shared runner.
 */
import { randomUUID } from 'node:crypto'
import type { CompletionInput, SessionInfo } from './backend.ts'
import { cortensorFormat, openAiChatFormat, openAiCompletionFormat, type CompletionFormat, type FormatContext } from './completion-format.ts'
import { PROMPT_TYPE_RAW, parseCortensorCompletion, type RequestLimits } from './completion-request.ts'
import { runCompletion } from './completion-run.ts'
import { callBackend, onlyQuery, readIdParam, type RequestContext } from './context.ts'
import { RouterHttpError } from './errors.ts'
import { readJsonBody } from './http-io.ts'
import { parseOpenAiChat, parseOpenAiCompletion, type ParsedOpenAiRequest } from './openai-request.ts'

export async function handleCortensorCompletion(ctx: RequestContext): Promise<void> {
  onlyQuery(ctx)
  const pathSessionId = ctx.params.sessionId === undefined ? undefined : readIdParam(ctx, 'sessionId')
  const body = await readJsonBody(ctx.req, ctx.core.options.bodyMaxBytes)
  const { input, stream } = parseCortensorCompletion(body, pathSessionId, getLimits(ctx))
  const session = await getActiveSession(ctx, input.sessionId)
  await runCompletion(ctx, input, cortensorFormat(formatContext(ctx, 'cmpl', session.modelName, false)), stream)
}

export async function handleOpenAiCompletion(ctx: RequestContext): Promise<void> {
  onlyQuery(ctx)
  const body = await readJsonBody(ctx.req, ctx.core.options.bodyMaxBytes)
  await runOpenAi(ctx, parseOpenAiCompletion(body, getLimits(ctx)), 'cmpl', openAiCompletionFormat)
}

export async function handleOpenAiChat(ctx: RequestContext): Promise<void> {
  onlyQuery(ctx)
  const body = await readJsonBody(ctx.req, ctx.core.options.bodyMaxBytes)
  await runOpenAi(ctx, parseOpenAiChat(body, getLimits(ctx), ctx.core.options.chatTemplate), 'chatcmpl', openAiChatFormat)
}

async function runOpenAi(ctx: RequestContext, parsed: ParsedOpenAiRequest, idPrefix: string, makeFormat: (c: FormatContext) => CompletionFormat): Promise<void> {
  const sessionId = parsed.sessionId ?? (await findModelSession(ctx, parsed.model))
  const session = await getActiveSession(ctx, sessionId)
  const input: CompletionInput = {
    sessionId,
    prompt: parsed.prompt,
    promptType: PROMPT_TYPE_RAW,
    promptTemplate: '',
    llm: parsed.llm,
    llmParams: parsed.llmParams,
    ...parsed.task,
  }
  await runCompletion(ctx, input, makeFormat(formatContext(ctx, idPrefix, session.modelName, parsed.includeUsage)), parsed.stream)
}

async function findModelSession(ctx: RequestContext, model: string): Promise<number> {
  const models = await callBackend(() => ctx.core.backend.listModels())
  const found = models.find((m) => m.id === model)
  if (found === undefined) throw new RouterHttpError('ModelNotFound', `no model ${JSON.stringify(model.slice(0, 100))}; GET /v1/models lists them`, { field: 'model' })
  return found.sessionId
}

async function getActiveSession(ctx: RequestContext, sessionId: number): Promise<SessionInfo> {
  const session = await callBackend(() => ctx.core.backend.getSession(sessionId))
  if (session.status === 'Deactivated') throw new RouterHttpError('SessionInactive', `session ${sessionId} is deactivated`, { field: 'session_id' })
  return session
}

function getLimits(ctx: RequestContext): RequestLimits {
  return { params: ctx.core.options.params, maxTimeoutS: ctx.core.options.maxTimeoutS }
}

function formatContext(ctx: RequestContext, idPrefix: string, model: string, includeUsage: boolean): FormatContext {
  return { id: `${idPrefix}-${randomUUID().replaceAll('-', '')}`, createdS: Math.floor(ctx.core.options.nowMs() / 1000), model, includeUsage }
}
