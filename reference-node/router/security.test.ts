// Goal: the router's guards — bearer tokens, dev token only in dev mode, per-client rate limit
// with Retry-After, body size limit, content type, methods, unknown routes, CORS off by default,
// malformed HTTP — each answer with the documented 4xx status and a JSON error naming the problem.
// Method: real routers on 127.0.0.1 with raw node:http requests; the rate limiter runs on an
// injected clock so refills are exact.
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeRouterBackend } from './fake-backend.ts'
import { TEST_TOKEN, authHeaders, errorOf, getJson, postJson, rawRequest, startTestRouter, type TestRouter } from './test-support.ts'

let t: TestRouter

beforeAll(async () => {
  t = await startTestRouter({ bodyMaxBytes: 1024 })
})
afterAll(() => t.close())

describe('authentication', () => {
  it('refuses a missing token with 401, WWW-Authenticate and MissingToken', async () => {
    const r = await rawRequest(t.url, { path: '/api/v1/info' })
    expect(r.status).toBe(401)
    expect(r.headers['www-authenticate']).toMatch(/^Bearer/)
    expect(errorOf(r)).toMatchObject({ code: 'MissingToken', field: 'Authorization' })
  })

  it('refuses a wrong token, a wrong scheme and the dev token outside dev mode', async () => {
    for (const header of ['Bearer wrong-token-xyz', 'Basic dXNlcjpwYXNz', `Bearer ${TEST_TOKEN} extra`, 'Bearer default-dev-token']) {
      const r = await rawRequest(t.url, { path: '/api/v1/info', headers: { Authorization: header } })
      expect(r.status, header).toBe(401)
      expect(errorOf(r).code, header).toBe('InvalidToken')
    }
  })

  it('accepts default-dev-token in dev mode, besides the configured tokens', async () => {
    const dev = await startTestRouter({ devMode: true })
    try {
      expect((await getJson(dev.url, '/api/v1/info', 'default-dev-token')).status).toBe(200)
      expect((await getJson(dev.url, '/api/v1/info', TEST_TOKEN)).status).toBe(200)
    } finally {
      await dev.close()
    }
  })

  it('metrics need a token unless publicMetrics', async () => {
    expect((await rawRequest(t.url, { path: '/metrics' })).status).toBe(401)
    const open = await startTestRouter({ publicMetrics: true })
    try {
      expect((await rawRequest(open.url, { path: '/metrics' })).status).toBe(200)
    } finally {
      await open.close()
    }
  })
})

describe('request checks', () => {
  it('unknown routes are 404 RouteNotFound, even without a token', async () => {
    const r = await rawRequest(t.url, { path: '/api/v9/nothing' })
    expect(r.status).toBe(404)
    expect(errorOf(r).code).toBe('RouteNotFound')
  })

  it('wrong methods are 405 with Allow', async () => {
    const r = await rawRequest(t.url, { method: 'DELETE', path: '/api/v1/sessions/0', headers: authHeaders() })
    expect(r.status).toBe(405)
    expect(r.headers.allow).toBe('GET')
    expect(errorOf(r).code).toBe('MethodNotAllowed')
    const get = await getJson(t.url, '/api/v1/completions')
    expect(get.headers.allow).toBe('POST')
  })

  it('a body over the limit is 413, by Content-Length or while reading a chunked body', async () => {
    const big = await postJson(t.url, '/api/v1/completions/0', { prompt: 'x'.repeat(2000) })
    expect(big.status).toBe(413)
    expect(errorOf(big).code).toBe('BodyTooLarge')
    const chunked = await rawRequest(t.url, { method: 'POST', path: '/api/v1/completions/0', headers: authHeaders(), chunks: Array.from({ length: 8 }, () => Buffer.alloc(400, 0x20)) })
    expect(chunked.status).toBe(413)
    // Megabytes over the limit: the answer still arrives, and the server is fine afterwards.
    const huge = await rawRequest(t.url, { method: 'POST', path: '/v1/completions', headers: authHeaders(), body: Buffer.alloc(8 * 1024 * 1024, 0x61) })
    expect(huge.status).toBe(413)
    expect((await getJson(t.url, '/api/v1/info')).status).toBe(200)
  })

  it('refuses other content types (415), bad UTF-8, empty and non-JSON bodies', async () => {
    const form = await rawRequest(t.url, { method: 'POST', path: '/v1/completions', headers: { ...authHeaders(), 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=1' })
    expect(form.status).toBe(415)
    expect(errorOf(form).code).toBe('UnsupportedMediaType')
    const cases: [Buffer | string, string][] = [
      [Buffer.from([0x7b, 0xff, 0x7d]), 'InvalidEncoding'],
      ['', 'InvalidBody'],
      ['{"prompt": ', 'InvalidJson'],
      ['[1,2]', 'InvalidBody'],
    ]
    for (const [body, code] of cases) {
      const r = await rawRequest(t.url, { method: 'POST', path: '/api/v1/completions/0', headers: authHeaders(), body })
      expect(r.status, code).toBe(400)
      expect(errorOf(r).code, String(body)).toBe(code)
    }
  })

  it('answers malformed HTTP and oversized headers with JSON 400/431', async () => {
    const port = Number(new URL(t.url).port)
    const send = (bytes: string): Promise<string> =>
      new Promise((resolve) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(bytes))
        let text = ''
        socket.on('data', (d) => (text += d.toString('utf8')))
        socket.on('close', () => resolve(text))
        socket.on('error', () => resolve(text))
      })
    const garbage = await send('NOT HTTP AT ALL\r\n\r\n')
    expect(garbage).toMatch(/^HTTP\/1\.1 400/)
    expect(JSON.parse(garbage.slice(garbage.indexOf('\r\n\r\n') + 4)).error.code).toBe('BadRequest')
    const headers = await send(`GET /api/v1/ping HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`)
    expect(headers).toMatch(/^HTTP\/1\.1 431/)
    expect(headers).toContain('HeadersTooLarge')
  })
})

describe('start-up and request targets', () => {
  it('a taken WebSocket port fails the start and releases the REST port', async () => {
    const taken = Number(new URL(t.url).port)
    await expect(startTestRouter({ wsPort: taken })).rejects.toThrow(/EADDRINUSE/)
  })

  it('an absolute-form target that is not a URL is 400 BadRequest; a valid one is routed by its path', async () => {
    const port = Number(new URL(t.url).port)
    const send = (target: string): Promise<string> =>
      new Promise((resolve) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`))
        let text = ''
        socket.on('data', (d) => (text += d.toString('utf8')))
        socket.on('close', () => resolve(text))
      })
    const bad = await send('http://[bad')
    expect(bad).toMatch(/^HTTP\/1\.1 400/)
    expect(bad).toContain('"BadRequest"')
    expect(await send('http://elsewhere.example/api/v1/ping')).toMatch(/^HTTP\/1\.1 200/)
  })
})

describe('rate limiting', () => {
  it('allows the burst, then 429 with Retry-After until the bucket refills', async () => {
    let now = 0
    const limited = await startTestRouter({ rateLimitPerSecond: 0.5, rateLimitBurst: 3, nowMs: () => now })
    try {
      for (let i = 0; i < 3; i++) expect((await getJson(limited.url, '/api/v1/ping')).status).toBe(200)
      const refused = await getJson(limited.url, '/api/v1/ping')
      expect(refused.status).toBe(429)
      expect(refused.headers['retry-after']).toBe('2')
      expect(errorOf(refused).code).toBe('RateLimited')
      now += 2000
      expect((await getJson(limited.url, '/api/v1/ping')).status).toBe(200)
      expect((await getJson(limited.url, '/api/v1/ping')).status).toBe(429)
      const metrics = await getJson(limited.url, '/metrics')
      expect(metrics.status).toBe(429)
      now += 2000
      const text = (await getJson(limited.url, '/metrics')).text
      expect(text).toContain('router_rate_limited_total 3')
    } finally {
      await limited.close()
    }
  })

  it('keys by token when asked, so two tokens have two buckets', async () => {
    const limited = await startTestRouter({ rateLimitPerSecond: 0.001, rateLimitBurst: 1, rateLimitKey: 'token', apiTokens: [TEST_TOKEN, 'second-token-123'], nowMs: () => 0 })
    try {
      expect((await getJson(limited.url, '/api/v1/info')).status).toBe(200)
      expect((await getJson(limited.url, '/api/v1/info')).status).toBe(429)
      expect((await getJson(limited.url, '/api/v1/info', 'second-token-123')).status).toBe(200)
    } finally {
      await limited.close()
    }
  })
})

describe('CORS', () => {
  it('is off by default: no CORS headers, OPTIONS is 405', async () => {
    const r = await rawRequest(t.url, { path: '/api/v1/ping', headers: { Origin: 'https://app.example' } })
    expect(r.headers['access-control-allow-origin']).toBeUndefined()
    expect((await rawRequest(t.url, { method: 'OPTIONS', path: '/api/v1/ping', headers: { Origin: 'https://app.example' } })).status).toBe(405)
  })

  it('when configured: preflight 204 and headers for allowed origins only, errors included', async () => {
    const c = await startTestRouter({ corsOrigins: ['https://app.example'] })
    try {
      const pre = await rawRequest(c.url, { method: 'OPTIONS', path: '/v1/chat/completions', headers: { Origin: 'https://app.example' } })
      expect(pre.status).toBe(204)
      expect(pre.headers['access-control-allow-methods']).toBe('POST')
      expect(pre.headers['access-control-allow-origin']).toBe('https://app.example')
      const denied = await rawRequest(c.url, { path: '/api/v1/info', headers: { Origin: 'https://app.example' } })
      expect(denied.status).toBe(401)
      expect(denied.headers['access-control-allow-origin']).toBe('https://app.example')
      const other = await rawRequest(c.url, { path: '/api/v1/ping', headers: { Origin: 'https://evil.example' } })
      expect(other.headers['access-control-allow-origin']).toBeUndefined()
    } finally {
      await c.close()
    }
    const any = await startTestRouter({ corsOrigins: ['*'] })
    try {
      expect((await rawRequest(any.url, { path: '/api/v1/ping', headers: { Origin: 'https://x.example' } })).headers['access-control-allow-origin']).toBe('*')
    } finally {
      await any.close()
    }
  })
})

describe('shutdown', () => {
  it('close() lets a running request finish within the grace period', async () => {
    const b = new FakeRouterBackend({ tokenDelayMs: 20 })
    const s = await startTestRouter({ closeGraceMs: 5000 }, b)
    const running = postJson(s.url, '/api/v1/completions/1', { prompt: 'a', max_tokens: 5 })
    await new Promise((r) => setTimeout(r, 30))
    await s.close()
    expect((await running).status).toBe(200)
  })
})
