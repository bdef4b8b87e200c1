// Goal: every Cortensor REST route answers in its documented shape, with values taken from the
// backend, and refuses bad paths and queries with a 4xx JSON error.
// Method: a real router on 127.0.0.1 over FakeRouterBackend; plain HTTP requests; completions
// checked against the backend's own stored task (hashes recomputed with keccak), and SSE streams
// parsed chunk by chunk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { computeResultHash } from '../../protocol/core/commit.ts'
import { FakeRouterBackend } from './fake-backend.ts'
import { errorOf, getJson, parseExposition, parseSseData, postJson, rawRequest, startTestRouter, type TestRouter } from './test-support.ts'

type Json = Record<string, any>

let t: TestRouter
let backend: FakeRouterBackend

beforeAll(async () => {
  backend = new FakeRouterBackend({ miners: ['honest', 'honest', 'divergent'] })
  t = await startTestRouter({}, backend)
})
afterAll(() => t.close())

describe('read routes', () => {
  it('GET /api/v1/ping needs no token', async () => {
    const r = await rawRequest(t.url, { path: '/api/v1/ping' })
    expect(r.status).toBe(200)
    expect((r.json as Json).status).toBe('ok')
  })

  it('GET /api/v1/info describes the router and its models', async () => {
    const r = await getJson(t.url, '/api/v1/info')
    expect(r.status).toBe(200)
    const info = await backend.info()
    expect(r.json).toMatchObject({ name: info.name, router_address: info.routerAddress, chain_id: info.chainId, models: ['fake-stories'], websocket: { path: '/ws', port: null } })
  })

  it('GET /api/v1/status reports the backend status and the router load', async () => {
    const r = await getJson(t.url, '/api/v1/status')
    expect(r.status).toBe(200)
    expect(r.json).toMatchObject({ status: 'ok', healthy: true, connected_miners: 3, active_sessions: 2, ws_miners_connected: 0 })
    expect((r.json as Json).in_flight_requests).toBe(1)
  })

  it('GET /api/v1/miners lists miners with paging', async () => {
    const all = await getJson(t.url, '/api/v1/miners')
    expect(all.status).toBe(200)
    expect((all.json as Json).total).toBe(3)
    expect((all.json as Json).miners.map((m: Json) => m.address)).toEqual((await backend.listMiners({ offset: 0, limit: 10 })).items.map((m) => m.address))
    const page = await getJson(t.url, '/api/v1/miners?offset=1&limit=1')
    expect(page.json).toMatchObject({ total: 3, offset: 1, limit: 1 })
    expect((page.json as Json).miners).toHaveLength(1)
    expect((page.json as Json).miners[0].address).toBe((all.json as Json).miners[1].address)
  })

  it('GET /api/v1/sessions and /api/v1/sessions/{id}', async () => {
    const list = await getJson(t.url, '/api/v1/sessions')
    expect((list.json as Json).sessions.map((s: Json) => s.session_id)).toEqual([0, 1])
    const one = await getJson(t.url, '/api/v1/sessions/1')
    expect(one.status).toBe(200)
    expect(one.json).toMatchObject({ session_id: 1, name: 'single', redundant: 1, model: 'fake-stories', status: 'Ready', max_context_tokens: 512 })
  })

  it('unknown sessions and tasks are 404 with their own codes', async () => {
    const s = await getJson(t.url, '/api/v1/sessions/99')
    expect(s.status).toBe(404)
    expect(errorOf(s).code).toBe('SessionNotFound')
    const tasks = await getJson(t.url, '/api/v1/tasks/99')
    expect(errorOf(tasks).code).toBe('SessionNotFound')
    const task = await getJson(t.url, '/api/v1/tasks/0/12345')
    expect(task.status).toBe(404)
    expect(errorOf(task).code).toBe('TaskNotFound')
  })

  it('refuses bad path ids, unknown and bad query parameters', async () => {
    const bad = await getJson(t.url, '/api/v1/sessions/abc')
    expect(bad.status).toBe(400)
    expect(errorOf(bad)).toMatchObject({ code: 'InvalidPathParameter', field: 'sessionId' })
    const escape = await getJson(t.url, '/api/v1/sessions/%E0%A4%A')
    expect(errorOf(escape).code).toBe('InvalidPathParameter')
    const unknown = await getJson(t.url, '/api/v1/info?verbose=1')
    expect(errorOf(unknown)).toMatchObject({ code: 'UnknownQueryParameter', field: 'verbose' })
    for (const q of ['limit=0', 'limit=101', 'offset=-1', 'limit=1&limit=2', 'limit=x']) {
      const r = await getJson(t.url, `/api/v1/sessions?${q}`)
      expect(r.status, q).toBe(400)
      expect(errorOf(r).code, q).toBe('InvalidQueryParameter')
    }
  })

  it('tolerates one trailing slash', async () => {
    expect((await getJson(t.url, '/api/v1/info/')).status).toBe(200)
  })

  it('GET /v1/models and /v1/models/{id}', async () => {
    const list = await getJson(t.url, '/v1/models')
    expect(list.json).toMatchObject({ object: 'list', data: [{ id: 'fake-stories', object: 'model', session_id: 0 }] })
    expect((await getJson(t.url, '/v1/models/fake-stories')).json).toMatchObject({ id: 'fake-stories' })
    const missing = await getJson(t.url, '/v1/models/nope')
    expect(missing.status).toBe(404)
    expect(errorOf(missing).code).toBe('ModelNotFound')
  })
})

describe('POST /api/v1/completions', () => {
  it('runs a task and returns the OpenAI shape with per-miner results that match the stored task', async () => {
    const r = await postJson(t.url, '/api/v1/completions', { session_id: 0, prompt: 'Once upon a time', max_tokens: 12, temperature: 0, client_reference: 'ref-1' })
    expect(r.status).toBe(200)
    const body = r.json as Json
    const task = await backend.getTask(0, body.task_id)
    expect(body.object).toBe('text_completion')
    expect(body.choices[0].text).toBe(task.result!.text)
    expect(body.client_reference).toBe('ref-1')
    expect(body.usage.completion_tokens + body.usage.prompt_tokens).toBe(body.usage.total_tokens)
    expect(body.miners).toHaveLength(3)
    for (const m of body.miners) {
      expect(m.calculated_hash).toBe(computeResultHash(m.response))
      expect(m.hash_verified).toBe(m.data_hash === m.calculated_hash)
    }
    expect(body.miners.map((m: Json) => m.poi.verdict)).toEqual(['valid', 'valid', 'outlier'])
    expect(task.llm.temperature).toBe(0)
    expect(task.llm.maxTokens).toBe(12)
  })

  it('takes the session from the path and refuses a different session_id in the body', async () => {
    const r = await postJson(t.url, '/api/v1/completions/1', { prompt: 'hello there', max_tokens: 4 })
    expect(r.status).toBe(200)
    expect((r.json as Json).session_id).toBe(1)
    expect((r.json as Json).miners).toHaveLength(1)
    const conflict = await postJson(t.url, '/api/v1/completions/1', { session_id: 0, prompt: 'x' })
    expect(conflict.status).toBe(400)
    expect(errorOf(conflict).field).toBe('session_id')
  })

  it('quantises sampling values to the hundredths llmParams carries', async () => {
    const r = await postJson(t.url, '/api/v1/completions/1', { prompt: 'a b c', max_tokens: 3, temperature: 0.756, top_p: 0.333, top_k: 7, presence_penalty: 0.5 })
    const task = await backend.getTask(1, (r.json as Json).task_id)
    expect(task.llm).toEqual({ maxTokens: 3, temperature: 0.76, topP: 0.33, topK: 7, presencePenalty: 0.5, frequencyPenalty: 0 })
  })

  it('the task then shows up under /api/v1/tasks, newest first', async () => {
    const created = await postJson(t.url, '/api/v1/completions/0', { prompt: 'tell a story', max_tokens: 5 })
    const id = (created.json as Json).task_id as number
    const list = await getJson(t.url, '/api/v1/tasks/0?limit=1')
    expect((list.json as Json).tasks[0].task_id).toBe(id)
    expect((list.json as Json).total).toBe(id + 1)
    const one = await getJson(t.url, `/api/v1/tasks/0/${id}`)
    expect(one.json).toMatchObject({ task_id: id, session_id: 0, status: 'Ended', outcome: 'success', prompt: 'tell a story' })
    expect((one.json as Json).result.text).toBe((created.json as Json).choices[0].text)
  })

  it('streams with SSE: text chunks, a closing chunk with results, then [DONE]', async () => {
    const r = await postJson(t.url, '/api/v1/completions/0', { prompt: 'Once upon a time', max_tokens: 6, stream: true })
    expect(r.status).toBe(200)
    expect(r.headers['content-type']).toContain('text/event-stream')
    const events = parseSseData(r.text)
    expect(events.at(-1)).toBe('[DONE]')
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e) as Json)
    const final = chunks.at(-1)!
    const streamed = chunks.slice(0, -1).map((c) => c.choices[0].text as string).join('')
    expect(chunks.length - 1).toBe(final.usage.completion_tokens)
    expect(final.choices[0].finish_reason).toBe('length')
    expect(streamed).toBe((await backend.getTask(0, final.task_id)).result!.text)
    expect(final.stream).toEqual({ miner: final.miners[0].address, consistent: true })
  })

  it('reports a stream that came from an outlier as inconsistent with the result', async () => {
    const b = new FakeRouterBackend({ miners: ['divergent', 'honest', 'honest'] })
    const other = await startTestRouter({}, b)
    try {
      const r = await postJson(other.url, '/api/v1/completions/0', { prompt: 'Once upon a time', max_tokens: 8, stream: true })
      const events = parseSseData(r.text)
      const final = JSON.parse(events.at(-2)!) as Json
      expect(final.stream.miner).toBe(final.miners[0].address)
      expect(final.miners[0].poi.verdict).toBe('outlier')
      expect(final.stream.consistent).toBe(false)
      expect(final.result_miner).not.toBe(final.miners[0].address)
    } finally {
      await other.close()
    }
  })
})

describe('GET /metrics', () => {
  it('is valid exposition text with the requests made so far and the backend’s samples', async () => {
    await getJson(t.url, '/api/v1/sessions/99')
    const r = await getJson(t.url, '/metrics')
    expect(r.headers['content-type']).toContain('text/plain; version=0.0.4')
    const samples = parseExposition(r.text)
    expect(samples.get('router_http_requests_total{route="/api/v1/sessions/{sessionId}",method="GET",status="404"}')).toBeGreaterThanOrEqual(1)
    expect(samples.get('router_http_requests_in_flight')).toBe(1)
    expect(samples.get('fake_backend_completions_total{outcome="success"}')).toBeGreaterThanOrEqual(1)
    expect([...samples.keys()].some((k) => k.startsWith('router_http_request_duration_seconds_bucket{route="/api/v1/completions/{sessionId}"'))).toBe(true)
  })
})
