/**
 * Helpers for the router's tests: a router on 127.0.0.1 (ephemeral ports, miners on the REST port)
 * over a `FakeRouterBackend`, plain HTTP calls that return status, headers and body, an SSE
 * reader, and a WebSocket miner client that queues what the router sends. Never imported by the
 * router itself.
 */
import { request as httpRequest } from 'node:http'
import { expect } from 'vitest'
import { WebSocket } from 'ws'
import type { RouterBackend } from './backend.ts'
import type { RouterOptionsInput } from './config.ts'
import { FakeRouterBackend } from './fake-backend.ts'
import { startRouter, type RunningRouter } from './server.ts'
import { encodeWsMessage, parseRouterFrame, type MinerToRouter, type RouterMessage } from './ws-schema.ts'

export const TEST_TOKEN = 'test-token-0123456789'

export interface TestRouter {
  readonly router: RunningRouter
  readonly url: string
  close(): Promise<void>
}

export async function startTestRouter(options: RouterOptionsInput = {}, backend: RouterBackend = new FakeRouterBackend()): Promise<TestRouter> {
  const router = await startRouter({ host: '127.0.0.1', port: 0, wsPort: null, apiTokens: [TEST_TOKEN], rateLimitPerSecond: 0, ...options }, backend)
  return { router, url: router.url, close: () => router.close() }
}

export function authHeaders(token = TEST_TOKEN): Record<string, string> {
  return { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }
}

export interface HttpReply {
  readonly status: number
  readonly headers: Record<string, string | string[] | undefined>
  readonly text: string
  /** The body parsed as JSON, or undefined when it is not JSON. */
  readonly json: unknown
}

export interface RawRequest {
  readonly method?: string
  readonly path: string
  readonly headers?: Record<string, string>
  /** Sent as is (a string is UTF-8). */
  readonly body?: string | Buffer
  /** Sent as separate writes without a Content-Length (chunked transfer encoding). */
  readonly chunks?: readonly Buffer[]
}

/**
 * One HTTP request with node:http (not fetch: it lets a test send any method, header or bytes,
 * and read the answer even when the server closes the connection after it).
 */
export function rawRequest(baseUrl: string, req: RawRequest): Promise<HttpReply> {
  const url = new URL(baseUrl)
  return new Promise((resolve, reject) => {
    const r = httpRequest(
      // Content-Length always goes with a body: Node would send a GET body unframed otherwise.
      { host: url.hostname, port: url.port, method: req.method ?? 'GET', path: req.path, headers: { ...(req.body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(req.body)) }), ...req.headers }, agent: false },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: parseJson(text) })
        })
        res.on('error', reject)
      },
    )
    r.on('error', reject)
    if (req.body !== undefined) r.write(req.body)
    for (const chunk of req.chunks ?? []) r.write(chunk)
    r.end()
  })
}

export function getJson(baseUrl: string, path: string, token = TEST_TOKEN): Promise<HttpReply> {
  return rawRequest(baseUrl, { path, headers: authHeaders(token) })
}

export function postJson(baseUrl: string, path: string, body: unknown, token = TEST_TOKEN): Promise<HttpReply> {
  return rawRequest(baseUrl, { method: 'POST', path, headers: authHeaders(token), body: JSON.stringify(body) })
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** The `data:` payloads of an SSE body, in order (`[DONE]` kept as the string). */
export function parseSseData(text: string): string[] {
  return text
    .split('\n\n')
    .map((block) => block.split('\n').filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n'))
    .filter((data) => data !== '')
}

/** The `error` object of a JSON error reply (fails the test's expectations when absent). */
export function errorOf(reply: HttpReply): { code: string; message: string; field?: string; details?: Record<string, unknown> } {
  const body = reply.json as { error?: { code: string; message: string; field?: string } } | undefined
  if (body?.error === undefined) throw new Error(`expected a JSON error, got ${reply.status} ${reply.text.slice(0, 200)}`)
  return body.error
}

/** A WebSocket miner for tests: sends protocol messages and waits for the router's. */
export class TestMiner {
  readonly received: RouterMessage[] = []
  closeCode: number | null = null
  private waiters: { match: (m: RouterMessage) => boolean; resolve: (m: RouterMessage) => void }[] = []
  private closeWaiters: ((code: number) => void)[] = []

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const parsed = parseRouterFrame(String(data), { textMaxBytes: 1 << 20 })
      if (!parsed.ok) throw new Error(`router sent an invalid frame: ${parsed.message}`)
      this.received.push(parsed.message)
      const waiter = this.waiters.find((w) => w.match(parsed.message))
      if (waiter !== undefined) {
        this.waiters = this.waiters.filter((w) => w !== waiter)
        waiter.resolve(parsed.message)
      }
    })
    ws.on('close', (code) => {
      this.closeCode = code
      for (const w of this.closeWaiters) w(code)
    })
  }

  static connect(wsUrl: string): Promise<TestMiner> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(wsUrl)
      const miner = new TestMiner(ws)
      ws.once('open', () => resolve(miner))
      ws.once('error', reject)
    })
  }

  send(message: MinerToRouter | Record<string, unknown>): void {
    this.ws.send(encodeWsMessage(message as MinerToRouter))
  }

  sendRaw(data: string | Buffer): void {
    this.ws.send(data)
  }

  /** The first message (already received or coming) of `type` that satisfies `match`. */
  next<T extends RouterMessage['type']>(type: T, match: (m: Extract<RouterMessage, { type: T }>) => boolean = () => true, timeoutMs = 3000): Promise<Extract<RouterMessage, { type: T }>> {
    const test = (m: RouterMessage): boolean => m.type === type && match(m as Extract<RouterMessage, { type: T }>)
    const index = this.received.findIndex(test)
    if (index !== -1) return Promise.resolve(this.received.splice(index, 1)[0] as Extract<RouterMessage, { type: T }>)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} message within ${timeoutMs} ms`)), timeoutMs)
      this.waiters.push({
        match: test,
        resolve: (m) => {
          clearTimeout(timer)
          this.received.splice(this.received.indexOf(m), 1)
          resolve(m as Extract<RouterMessage, { type: T }>)
        },
      })
    })
  }

  closed(timeoutMs = 3000): Promise<number> {
    if (this.closeCode !== null) return Promise.resolve(this.closeCode)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`socket still open after ${timeoutMs} ms`)), timeoutMs)
      this.closeWaiters.push((code) => {
        clearTimeout(timer)
        resolve(code)
      })
    })
  }

  close(): void {
    this.ws.close()
  }
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*'
const LABEL_VALUE = '"(?:[^"\\\\\\n]|\\\\[\\\\"n])*"'
const SAMPLE = new RegExp(`^(${NAME})(\\{[a-zA-Z_][a-zA-Z0-9_]*=${LABEL_VALUE}(?:,[a-zA-Z_][a-zA-Z0-9_]*=${LABEL_VALUE})*\\})? (-?[0-9.e+-]+|NaN|[+-]Inf)$`)
const HELP = new RegExp(`^# HELP (${NAME}) .*$`)
const TYPE = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`)

/** Checks every line of a Prometheus text exposition against its grammar; returns the samples by `name{labels}`. */
export function parseExposition(text: string): Map<string, number> {
  expect(text.endsWith('\n')).toBe(true)
  const samples = new Map<string, number>()
  const typed = new Set<string>()
  for (const line of text.slice(0, -1).split('\n')) {
    if (line.startsWith('# HELP')) {
      expect(line).toMatch(HELP)
      continue
    }
    if (line.startsWith('# TYPE')) {
      const name = TYPE.exec(line)?.[1]
      expect(name, line).toBeDefined()
      expect(typed.has(name!), `TYPE twice for ${name}`).toBe(false)
      typed.add(name!)
      continue
    }
    const m = SAMPLE.exec(line)
    expect(m, line).not.toBeNull()
    const family = m![1]!.replace(/_(bucket|sum|count)$/, '')
    expect(typed.has(m![1]!) || typed.has(family), `sample before its TYPE: ${line}`).toBe(true)
    samples.set(`${m![1]}${m![2] ?? ''}`, Number(m![3]!.replace('+Inf', 'Infinity')))
  }
  return samples
}

