/**
 * `startRouter(options, backend)`: the router's HTTP server (Cortensor REST, OpenAI-compatible
 * API, metrics) and the miners' WebSocket, on 127.0.0.1:5010 and :9001 by default.
 *
 * Every request passes, in order: shutdown check → CORS headers → rate limit → route match
 * (404/405) → bearer token → handler. Whatever a handler throws becomes a JSON error; a malformed
 * HTTP message that Node's parser refuses gets a JSON 400 (or 431) before the socket closes.
 *
 * `close()` is graceful: it stops accepting, closes idle keep-alive connections and miner links,
 * lets running requests finish for `closeGraceMs`, then aborts what is left and closes the rest.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { extractBearer, TokenAuth } from './auth.ts'
import type { RouterBackend } from './backend.ts'
import { resolveRouterOptions, type RouterOptionsInput } from './config.ts'
import { toHttpError, type RequestContext, type RouterCore } from './context.ts'
import { RouterHttpError } from './errors.ts'
import { sendError } from './http-io.ts'
import { RouterMetrics } from './metrics.ts'
import { TokenBucketLimiter } from './rate-limit.ts'
import { ROUTER_ROUTES } from './route-table.ts'
import { matchRoute, type CompiledRoute, type RouteMethod } from './routes.ts'
import { MinerGateway } from './ws-server.ts'

/** How long aborted requests get to send their 503 before their connections are closed. */
const ABORT_ANSWER_WAIT_MS = 1000

export interface RunningRouter {
  /** Base URL of the REST API, e.g. `http://127.0.0.1:5010`. */
  readonly url: string
  /** Where miners connect, e.g. `ws://127.0.0.1:9001/ws`. */
  readonly wsUrl: string
  readonly port: number
  readonly wsPort: number
  readonly metrics: RouterMetrics
  close(): Promise<void>
}

export async function startRouter(input: RouterOptionsInput, backend: RouterBackend): Promise<RunningRouter> {
  const options = resolveRouterOptions(input)
  const metrics = new RouterMetrics()
  const core: RouterCore = {
    options,
    backend,
    metrics,
    auth: new TokenAuth(options.apiTokens, options.devMode),
    limiter: options.rateLimitPerSecond > 0 ? new TokenBucketLimiter(options.rateLimitPerSecond, options.rateLimitBurst, options.rateLimitMaxClients, options.nowMs) : null,
    startedAtMs: options.nowMs(),
    shutdown: new AbortController(),
    activeCompletions: 0,
    closing: false,
    wsPort: null,
  }
  const server = createServer({ requestTimeout: options.requestReceiveTimeoutMs, headersTimeout: Math.min(options.requestReceiveTimeoutMs, 60_000) }, (req, res) => {
    void handleRequest(core, req, res)
  })
  server.on('clientError', onClientError)
  const gateway = new MinerGateway(options, backend, metrics)
  const wsServer = options.wsPort === null ? server : createWsOnlyServer(options.requestReceiveTimeoutMs)
  wsServer.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => gateway.handleUpgrade(req, socket, head))
  let port: number
  let wsPort: number
  try {
    port = await listen(server, options.port, options.host)
    wsPort = wsServer === server ? port : await listen(wsServer, options.wsPort ?? 0, options.wsHost)
  } catch (error) {
    // A port in use: release whatever did bind, so a failed start leaves nothing running.
    await Promise.all([closeServer(server), wsServer === server ? undefined : closeServer(wsServer), gateway.close()])
    throw error
  }
  core.wsPort = wsServer === server ? null : wsPort
  const wsHost = wsServer === server ? options.host : options.wsHost
  return {
    url: `http://${formatHost(options.host)}:${port}`,
    wsUrl: `ws://${formatHost(wsHost)}:${wsPort}${options.wsPath}`,
    port,
    wsPort,
    metrics,
    close: once(async () => {
      core.closing = true
      const closed = Promise.all([closeServer(server), wsServer === server ? undefined : closeServer(wsServer)])
      server.closeIdleConnections()
      await gateway.close()
      await waitUntil(() => metrics.requestsInFlight === 0, options.closeGraceMs)
      core.shutdown.abort()
      // Aborted requests answer 503 within a few event-loop turns; give them that before hanging up.
      await waitUntil(() => metrics.requestsInFlight === 0, ABORT_ANSWER_WAIT_MS)
      server.closeAllConnections()
      if (wsServer !== server) wsServer.closeAllConnections()
      await closed
    }),
  }
}

async function handleRequest(core: RouterCore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const startedNs = process.hrtime.bigint()
  const method = req.method ?? 'GET'
  let routeLabel = 'unmatched'
  core.metrics.requestStarted()
  res.once('close', () => {
    const durationS = Number(process.hrtime.bigint() - startedNs) / 1e9
    core.metrics.requestFinished(routeLabel, method, res.writableFinished ? res.statusCode : 499, durationS)
  })
  const headers = corsHeaders(core, req)
  try {
    if (core.closing) throw new RouterHttpError('ShuttingDown', 'the router is shutting down', { headers: { Connection: 'close' } })
    const url = parseUrl(req.url)
    checkRateLimit(core, req)
    const match = matchRoute(ROUTER_ROUTES, url.pathname)
    if (match === undefined) throw new RouterHttpError('RouteNotFound', `no route ${url.pathname.slice(0, 200)}`)
    routeLabel = match.route.pattern
    if (method === 'OPTIONS' && core.options.corsOrigins.length > 0) return answerPreflight(res, match.route, headers)
    const handler = match.route.handlers[method as RouteMethod]
    if (handler === undefined) {
      throw new RouterHttpError('MethodNotAllowed', `${method.slice(0, 20)} is not allowed on ${match.route.pattern}; use ${match.route.allow}`, { headers: { Allow: match.route.allow } })
    }
    checkAuth(core, req, match.route)
    const ctx: RequestContext = { core, req, res, url, params: match.params, headers }
    await handler(ctx)
  } catch (error) {
    const httpError = toHttpError(error)
    if (res.headersSent) res.destroy()
    else sendError(res, httpError, headers)
  }
}

/**
 * The request target as a URL. An origin-form target (`/path`) is appended to a dummy origin
 * rather than resolved against it, so `//host/path` stays a path and is never read as an authority.
 */
function parseUrl(raw: string | undefined): URL {
  const target = raw ?? '/'
  try {
    return target.startsWith('/') ? new URL(`http://router.invalid${target}`) : new URL(target)
  } catch {
    throw new RouterHttpError('BadRequest', 'the request target is not a valid URL')
  }
}

function checkRateLimit(core: RouterCore, req: IncomingMessage): void {
  if (core.limiter === null) return
  const token = core.options.rateLimitKey === 'token' ? extractBearer(req.headers.authorization) : undefined
  const key = token === undefined ? `ip:${req.socket.remoteAddress ?? '?'}` : `token:${token}`
  const decision = core.limiter.take(key)
  if (decision.allowed) return
  core.metrics.countRateLimited()
  throw new RouterHttpError('RateLimited', `too many requests; retry in ${decision.retryAfterS} s`, { headers: { 'Retry-After': String(decision.retryAfterS) } })
}

function checkAuth(core: RouterCore, req: IncomingMessage, route: CompiledRoute): void {
  if (route.auth === 'public' || (route.auth === 'metrics' && core.options.publicMetrics)) return
  const result = core.auth.checkHeader(req.headers.authorization)
  if (!result.ok) throw new RouterHttpError(result.code, result.message, { field: 'Authorization', headers: { 'WWW-Authenticate': 'Bearer realm="cortensor-router"' } })
}

function corsHeaders(core: RouterCore, req: IncomingMessage): Record<string, string> {
  const allowed = core.options.corsOrigins
  const origin = req.headers.origin
  if (allowed.length === 0 || origin === undefined) return {}
  if (allowed.includes('*')) return { 'Access-Control-Allow-Origin': '*' }
  return allowed.includes(origin) ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {}
}

function answerPreflight(res: ServerResponse, route: CompiledRoute, headers: Readonly<Record<string, string>>): void {
  res.writeHead(204, {
    ...headers,
    'Access-Control-Allow-Methods': route.allow,
    'Access-Control-Allow-Headers': 'Authorization, Content-Type',
    'Access-Control-Max-Age': '600',
  })
  res.end()
}

/** Node's parser refused the bytes (bad request line, huge headers): answer in JSON and hang up. */
function onClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy()
    return
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW'
  const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'
  const body = JSON.stringify({ error: { code: tooLarge ? 'HeadersTooLarge' : 'BadRequest', message: tooLarge ? 'the request headers are too large' : 'the request is not valid HTTP' } })
  socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)
}

/** The dedicated WebSocket listener answers plain HTTP with 426. */
function createWsOnlyServer(requestTimeoutMs: number): Server {
  const server = createServer({ requestTimeout: requestTimeoutMs }, (_req, res) => {
    sendError(res, new RouterHttpError('RouteNotFound', 'this port only takes WebSocket connections from miners'))
  })
  server.on('clientError', onClientError)
  return server
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

function closeServer(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve()
  return new Promise((resolve) => server.close(() => resolve()))
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host
}

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10))
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined
  return () => (running ??= fn())
}
