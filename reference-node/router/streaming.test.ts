// Goal: streams behave at their edges — a slow backend keeps the stream alive with comments (and a
// stream opened that way still ends with a JSON error event if the backend then fails), and a
// client that hangs up aborts the backend's work and is counted as 499.
// Method: a router over FakeRouterBackend with token delays or a hung backend; raw HTTP clients
// that read the stream as it arrives and can destroy their socket.
import { request } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { FakeRouterBackend } from './fake-backend.ts'
import { authHeaders, getJson, parseExposition, parseSseData, postJson, startTestRouter, type TestRouter } from './test-support.ts'

let t: TestRouter | undefined
afterEach(async () => {
  await t?.close()
  t = undefined
})

describe('SSE edges', () => {
  it('comments keep a slow stream alive; a failure after that arrives as an error event', async () => {
    const backend = new FakeRouterBackend()
    backend.setFault({ kind: 'hang' })
    t = await startTestRouter({ sseHeartbeatMs: 100 }, backend)
    const r = await postJson(t.url, '/v1/chat/completions', { model: 'fake-stories', messages: [{ role: 'user', content: 'hi' }], stream: true, timeout: 1 })
    expect(r.status).toBe(200)
    expect(r.text).toContain(': keep-alive\n\n')
    const events = parseSseData(r.text)
    expect(events.at(-1)).not.toBe('[DONE]')
    expect(JSON.parse(events.at(-1)!)).toMatchObject({ error: { code: 'Timeout' } })
  })

  it('a stream whose text came from no miner still opens (chat role delta) and closes', async () => {
    t = await startTestRouter({}, new FakeRouterBackend({ miners: ['silent', 'honest', 'honest'] }))
    const r = await postJson(t.url, '/v1/chat/completions', { model: 'fake-stories', messages: [{ role: 'user', content: 'hi' }], stream: true, max_tokens: 3 })
    const events = parseSseData(r.text)
    expect(events.at(-1)).toBe('[DONE]')
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e) as { choices: { delta: { role?: string } }[]; cortensor?: { stream: unknown } })
    expect(chunks[0]!.choices[0]!.delta.role).toBe('assistant')
    expect(chunks.at(-1)!.cortensor!.stream).toEqual({ miner: null, consistent: false })
  })

  it('a client that hangs up mid-stream aborts the backend and is recorded as 499', async () => {
    const backend = new FakeRouterBackend({ tokenDelayMs: 30 })
    t = await startTestRouter({}, backend)
    const url = new URL(t.url)
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, method: 'POST', path: '/api/v1/completions/0', headers: authHeaders() }, (res) => {
        res.once('data', () => {
          req.destroy()
          resolve()
        })
      })
      req.on('error', () => undefined)
      req.end(JSON.stringify({ prompt: 'Once upon a time', max_tokens: 64, stream: true }))
      setTimeout(() => reject(new Error('no data')), 3000)
    })
    for (let i = 0; i < 100; i++) {
      const samples = parseExposition((await getJson(t.url, '/metrics')).text)
      if (samples.get('router_http_requests_total{route="/api/v1/completions/{sessionId}",method="POST",status="499"}') === 1) return
      await new Promise((r) => setTimeout(r, 20))
    }
    throw new Error('the hang-up was not recorded as 499')
  })
})
