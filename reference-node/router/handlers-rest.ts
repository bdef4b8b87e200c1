/**
 * Read-only routes: Cortensor's `/api/v1/{ping,info,status,miners,sessions,tasks}` (§11.2),
 * OpenAI's `/v1/models`, and `/metrics`. Lists are paged with `?offset=&limit=` (default 20,
 * at most 100), newest task first, and answer `{ <items>, total, offset, limit }`.
 */
import { callBackend, describeSelf, onlyQuery, readIdParam, readPage, type RequestContext } from './context.ts'
import { RouterHttpError } from './errors.ts'
import { sendJson } from './http-io.ts'
import { METRICS_CONTENT_TYPE } from './metrics.ts'
import { renderInfo, renderMiner, renderModel, renderSession, renderStatus, renderTask } from './responses.ts'

export async function handlePing(ctx: RequestContext): Promise<void> {
  onlyQuery(ctx)
  sendJson(ctx.res, 200, { status: 'ok', time: ctx.core.options.nowMs() / 1000 }, ctx.headers)
}

export async function handleInfo(ctx: RequestContext): Promise<void> {
  onlyQuery(ctx)
  const backend = ctx.core.backend
  const [info, models] = await Promise.all([callBackend(() => backend.info()), callBackend(() => backend.listModels())])
  sendJson(ctx.res, 200, renderInfo(info, models, describeSelf(ctx.core)), ctx.headers)
}

export async function handleStatus(ctx: RequestContext): Promise<void> {
  onlyQuery(ctx)
  const status = await callBackend(() => ctx.core.backend.status())
  sendJson(ctx.res, 200, renderStatus(status, describeSelf(ctx.core)), ctx.headers)
}

export async function handleMiners(ctx: RequestContext): Promise<void> {
  const page = readPage(ctx)
  const miners = await callBackend(() => ctx.core.backend.listMiners(page))
  sendJson(ctx.res, 200, { miners: miners.items.map(renderMiner), total: miners.total, ...page }, ctx.headers)
}

export async function handleSessions(ctx: RequestContext): Promise<void> {
  const page = readPage(ctx)
  const sessions = await callBackend(() => ctx.core.backend.listSessions(page))
  sendJson(ctx.res, 200, { sessions: sessions.items.map(renderSession), total: sessions.total, ...page }, ctx.headers)
}

export async function handleSession(ctx: RequestContext): Promise<void> {
  onlyQuery(ctx)
  const sessionId = readIdParam(ctx, 'sessionId')
  const session = await callBackend(() => ctx.core.backend.getSession(sessionId))
  sendJson(ctx.res, 200, renderSession(session), ctx.headers)
}

export async function handleTasks(ctx: RequestContext): Promise<void> {
  const sessionId = readIdParam(ctx, 'sessionId')
  const page = readPage(ctx)
  const tasks = await callBackend(() => ctx.core.backend.listTasks(sessionId, page))
  sendJson(ctx.res, 200, { session_id: sessionId, tasks: tasks.items.map(renderTask), total: tasks.total, ...page }, ctx.headers)
}

export async function handleTask(ctx: RequestContext): Promise<void> {
  onlyQuery(ctx)
  const sessionId = readIdParam(ctx, 'sessionId')
  const taskId = readIdParam(ctx, 'taskId')
  const task = await callBackend(() => ctx.core.backend.getTask(sessionId, taskId))
  sendJson(ctx.res, 200, renderTask(task), ctx.headers)
}

export async function handleModels(ctx: RequestContext): Promise<void> {
  onlyQuery(ctx)
  const models = await callBackend(() => ctx.core.backend.listModels())
  sendJson(ctx.res, 200, { object: 'list', data: models.map(renderModel) }, ctx.headers)
}

export async function handleModel(ctx: RequestContext): Promise<void> {
  onlyQuery(ctx)
  const id = ctx.params.model ?? ''
  const models = await callBackend(() => ctx.core.backend.listModels())
  const model = models.find((m) => m.id === id)
  if (model === undefined) throw new RouterHttpError('ModelNotFound', `no model ${JSON.stringify(id.slice(0, 100))}; GET /v1/models lists them`, { field: 'model' })
  sendJson(ctx.res, 200, renderModel(model), ctx.headers)
}

export async function handleMetrics(ctx: RequestContext): Promise<void> {
  onlyQuery(ctx)
  let backendMetrics
  try {
    backendMetrics = ctx.core.backend.metrics()
  } catch {
    // A scrape must not fail because the backend's part did: the router's own metrics still go out.
    backendMetrics = [] as const
  }
  const text = ctx.core.metrics.render(backendMetrics)
  ctx.res.writeHead(200, { ...ctx.headers, 'Content-Type': METRICS_CONTENT_TYPE, 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' })
  ctx.res.end(text)
}
