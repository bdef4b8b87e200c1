/**
 * Every route the router serves. Cortensor's REST routes (cortensor-protocol.md §11.2), the
 * OpenAI-compatible ones, and the metrics; `/api/v1/ping` is the one route open to anyone.
 */
import { handleCortensorCompletion, handleOpenAiChat, handleOpenAiCompletion } from './handlers-completion.ts'
import { handleInfo, handleMetrics, handleMiners, handleModel, handleModels, handlePing, handleSession, handleSessions, handleStatus, handleTask, handleTasks } from './handlers-rest.ts'
import { compileRoutes, type RouteSpec } from './routes.ts'

export const ROUTE_SPECS: readonly RouteSpec[] = [
  { pattern: '/api/v1/ping', auth: 'public', handlers: { GET: handlePing } },
  { pattern: '/api/v1/info', auth: 'api', handlers: { GET: handleInfo } },
  { pattern: '/api/v1/status', auth: 'api', handlers: { GET: handleStatus } },
  { pattern: '/api/v1/miners', auth: 'api', handlers: { GET: handleMiners } },
  { pattern: '/api/v1/sessions', auth: 'api', handlers: { GET: handleSessions } },
  { pattern: '/api/v1/sessions/{sessionId}', auth: 'api', handlers: { GET: handleSession } },
  { pattern: '/api/v1/tasks/{sessionId}', auth: 'api', handlers: { GET: handleTasks } },
  { pattern: '/api/v1/tasks/{sessionId}/{taskId}', auth: 'api', handlers: { GET: handleTask } },
  { pattern: '/api/v1/completions', auth: 'api', handlers: { POST: handleCortensorCompletion } },
  { pattern: '/api/v1/completions/{sessionId}', auth: 'api', handlers: { POST: handleCortensorCompletion } },
  { pattern: '/v1/models', auth: 'api', handlers: { GET: handleModels } },
  { pattern: '/v1/models/{model}', auth: 'api', handlers: { GET: handleModel } },
  { pattern: '/v1/completions', auth: 'api', handlers: { POST: handleOpenAiCompletion } },
  { pattern: '/v1/chat/completions', auth: 'api', handlers: { POST: handleOpenAiChat } },
  { pattern: '/metrics', auth: 'metrics', handlers: { GET: handleMetrics } },
]

export const ROUTER_ROUTES = compileRoutes(ROUTE_SPECS)
