// Goal: failures behind the router reach clients as the documented status and JSON error —
// every backend error code, a plain crash, a hung backend past the request timeout, too many
// completions at once, tasks that end without a result, deactivated sessions, shutdown — and a
// streamed request that fails before its first token still gets a status code, not a 200 stream.
// Method: FakeRouterBackend with injected faults behind a real router on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BACKEND_ERROR_CODES, type BackendErrorCode } from './backend.ts'
import { ROUTER_ERROR_STATUS } from './errors.ts'
import { FakeRouterBackend } from './fake-backend.ts'
import { errorOf, getJson, postJson, startTestRouter, type TestRouter } from './test-support.ts'

let t: TestRouter
let backend: FakeRouterBackend

beforeAll(async () => {
  backend = new FakeRouterBackend({
    sessions: [{ sessionId: 0 }, { sessionId: 1, redundant: 1 }, { sessionId: 2, status: 'Deactivated' }, { sessionId: 3, contextTokens: 4 }],
  })
  t = await startTestRouter({ maxConcurrentCompletions: 1 }, backend)
})
afterAll(() => t.close())

describe('backend error codes', () => {
  const codes = Object.keys(BACKEND_ERROR_CODES) as BackendErrorCode[]

  it.each(codes)('%s maps to its router code and status, on reads and completions', async (code) => {
    backend.setFault({ kind: 'throw', code, scope: 'all' })
    try {
      const expected = BACKEND_ERROR_CODES[code]
      for (const r of [await getJson(t.url, '/api/v1/status'), await postJson(t.url, '/api/v1/completions/0', { prompt: 'x' })]) {
        expect(r.status).toBe(ROUTER_ERROR_STATUS[expected])
        expect(errorOf(r).code).toBe(expected)
      }
    } finally {
      backend.setFault(null)
    }
  })

  it('a crash (any other exception) is 502 BackendFailed, on every route that calls the backend', async () => {
    backend.setFault({ kind: 'crash', scope: 'all' })
    try {
      for (const path of ['/api/v1/info', '/api/v1/status', '/api/v1/miners', '/api/v1/sessions', '/api/v1/sessions/0', '/api/v1/tasks/0', '/api/v1/tasks/0/0', '/v1/models', '/v1/models/x']) {
        const r = await getJson(t.url, path)
        expect(r.status, path).toBe(502)
        expect(errorOf(r).message, path).toContain('injected crash')
      }
      // Metrics still answer: the backend's part is left out, the router's own is there.
      const m = await getJson(t.url, '/metrics')
      expect(m.status).toBe(200)
      expect(m.text).toContain('router_http_requests_total')
    } finally {
      backend.setFault(null)
    }
  })

  it('a fault before the first token of a stream gives the status, not a 200 stream', async () => {
    backend.setFault({ kind: 'throw', code: 'NoMinersAvailable' })
    try {
      const r = await postJson(t.url, '/api/v1/completions/0', { prompt: 'x', stream: true })
      expect(r.status).toBe(503)
      expect(r.headers['content-type']).toContain('application/json')
    } finally {
      backend.setFault(null)
    }
  })
})

describe('timeouts and load', () => {
  it('a hung backend is cut off at the request timeout with 504, and the slot is freed', async () => {
    backend.setFault({ kind: 'hang' })
    try {
      const r = await postJson(t.url, '/api/v1/completions/0', { prompt: 'x', timeout: 1 })
      expect(r.status).toBe(504)
      expect(errorOf(r).code).toBe('Timeout')
    } finally {
      backend.setFault(null)
    }
    expect((await postJson(t.url, '/api/v1/completions/1', { prompt: 'x', max_tokens: 2 })).status).toBe(200)
  })

  it('more completions than maxConcurrentCompletions get 503 Overloaded with Retry-After', async () => {
    backend.setFault({ kind: 'hang' })
    try {
      const first = postJson(t.url, '/api/v1/completions/0', { prompt: 'x', timeout: 1 })
      await new Promise((r) => setTimeout(r, 100))
      const second = await postJson(t.url, '/api/v1/completions/0', { prompt: 'x' })
      expect(second.status).toBe(503)
      expect(second.headers['retry-after']).toBe('1')
      expect(errorOf(second).code).toBe('Overloaded')
      expect((await first).status).toBe(504)
    } finally {
      backend.setFault(null)
    }
  })

  it('close() aborts a completion that outlives the grace period with 503 ShuttingDown', async () => {
    const b = new FakeRouterBackend()
    b.setFault({ kind: 'hang' })
    const s = await startTestRouter({ closeGraceMs: 50 }, b)
    const running = postJson(s.url, '/api/v1/completions/0', { prompt: 'x' })
    await new Promise((r) => setTimeout(r, 50))
    await s.close()
    const r = await running
    expect(r.status).toBe(503)
    expect(errorOf(r).code).toBe('ShuttingDown')
  })
})

describe('task and session outcomes', () => {
  it('a task without consensus is 502 TaskFailed naming the task and reason', async () => {
    const b = new FakeRouterBackend({ miners: ['wrongHash', 'silent', 'honest'] })
    const s = await startTestRouter({}, b)
    try {
      const r = await postJson(s.url, '/api/v1/completions/0', { prompt: 'Once upon a time' })
      expect(r.status).toBe(502)
      const e = errorOf(r)
      expect(e.code).toBe('TaskFailed')
      expect(e.details).toEqual({ session_id: 0, task_id: 0, failure_reason: 'tooFewCommits' })
      const task = await getJson(s.url, '/api/v1/tasks/0/0')
      expect((task.json as { miners: { state: string; hash_verified: boolean | null }[] }).miners.map((m) => [m.state, m.hash_verified])).toEqual([
        ['Outlier', false],
        ['TimedOut', null],
        ['Valid', true],
      ])
    } finally {
      await s.close()
    }
  })

  it('a deactivated session is 409 SessionInactive and gets no task', async () => {
    const r = await postJson(t.url, '/api/v1/completions/2', { prompt: 'x' })
    expect(r.status).toBe(409)
    expect(errorOf(r).code).toBe('SessionInactive')
    expect((await backend.getSession(2)).taskCount).toBe(0)
  })

  it('a value the backend refuses is 400 naming the field', async () => {
    const r = await postJson(t.url, '/api/v1/completions/3', { prompt: 'one two three four five' })
    expect(r.status).toBe(400)
    expect(errorOf(r)).toMatchObject({ code: 'BadRequest', field: 'prompt' })
  })
})
