// Goal: no bad request of any kind makes the router answer 5xx, crash or stop answering. Each of
// 1,000 generated bad requests — malformed JSON, wrong types, missing and unknown fields, values
// out of range, unsupported OpenAI options, huge bodies, unknown sessions and models, bad or
// missing tokens, wrong methods, unknown routes, bad query strings and content types — gets a 4xx
// and a JSON `{ error: { code, message } }`; afterwards the router still serves.
// Method: fast-check (fixed seed) generates the requests; each goes over real HTTP to a router on
// 127.0.0.1 over FakeRouterBackend. The generator builds on valid requests and breaks exactly one
// thing, and never produces a request the router would accept (checked against the route table).
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROUTER_ERROR_STATUS } from './errors.ts'
import { ROUTER_ROUTES } from './route-table.ts'
import { matchRoute } from './routes.ts'
import { TEST_TOKEN, getJson, rawRequest, startTestRouter, type RawRequest, type TestRouter } from './test-support.ts'

const BODY_MAX_BYTES = 4096
const RUNS = 1000

let t: TestRouter

beforeAll(async () => {
  t = await startTestRouter({ bodyMaxBytes: BODY_MAX_BYTES })
})
afterAll(() => t.close())

type Kind = 'string' | 'integer' | 'number' | 'boolean' | 'messages'

/** The POST routes, a valid body for each, and the kind of each field. */
const TARGETS = [
  {
    path: '/api/v1/completions',
    body: { session_id: 0, prompt: 'hi', max_tokens: 2, stream: false, timeout: 10, temperature: 0.5, top_p: 1, top_k: 40, client_reference: 'r' },
    kinds: { session_id: 'integer', prompt: 'string', max_tokens: 'integer', stream: 'boolean', timeout: 'integer', temperature: 'number', top_p: 'number', top_k: 'integer', client_reference: 'string' },
    required: ['session_id', 'prompt'],
  },
  {
    path: '/v1/completions',
    body: { model: 'fake-stories', prompt: 'hi', max_tokens: 2, temperature: 0.5, presence_penalty: 0 },
    kinds: { model: 'string', prompt: 'string', max_tokens: 'integer', temperature: 'number', presence_penalty: 'number' },
    required: ['model', 'prompt'],
  },
  {
    path: '/v1/chat/completions',
    body: { model: 'fake-stories', messages: [{ role: 'user', content: 'hi' }], max_tokens: 2, top_p: 0.5 },
    kinds: { model: 'string', messages: 'messages', max_tokens: 'integer', top_p: 'number' },
    required: ['model', 'messages'],
  },
] as const satisfies readonly { path: string; body: object; kinds: Record<string, Kind>; required: readonly string[] }[]

const auth = { Authorization: `Bearer ${TEST_TOKEN}`, 'Content-Type': 'application/json' }
const target = fc.constantFrom(...TARGETS)
const post = (path: string, body: unknown, headers: Record<string, string> = auth): RawRequest => ({ method: 'POST', path, headers, body: typeof body === 'string' ? body : JSON.stringify(body) })

/** A JSON value of a different type than `kind` expects. */
function wrongValue(kind: Kind): fc.Arbitrary<unknown> {
  const all = {
    string: fc.string(),
    integer: fc.integer(),
    number: fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Number.isInteger(x)),
    boolean: fc.boolean(),
    array: fc.array(fc.jsonValue(), { maxLength: 3 }),
    object: fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue(), { maxKeys: 3 }),
  }
  const wrong: fc.Arbitrary<unknown>[] = []
  if (kind !== 'string') wrong.push(all.string)
  if (kind !== 'integer' && kind !== 'number') wrong.push(all.integer)
  if (kind === 'integer') wrong.push(all.number)
  if (kind !== 'boolean') wrong.push(all.boolean)
  if (kind !== 'messages') wrong.push(all.array)
  wrong.push(all.object)
  return fc.oneof(...wrong)
}

/** Numbers outside each numeric field's range. */
const OUT_OF_RANGE: Record<string, fc.Arbitrary<number>> = {
  max_tokens: fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 32_769, max: 2 ** 40 })),
  temperature: fc.oneof(fc.double({ min: 2.0001, max: 1e9, noNaN: true }), fc.double({ min: -1e9, max: -0.0001, noNaN: true })),
  top_p: fc.double({ min: 1.0001, max: 1e9, noNaN: true }),
  top_k: fc.integer({ min: 1001 }),
  timeout: fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 3601 })),
  presence_penalty: fc.double({ min: -2, max: -0.0001, noNaN: true }),
  session_id: fc.integer({ max: -1 }),
}

const malformedJson = fc
  .oneof(fc.string(), fc.constantFrom('{', '{"a":}', "{'a':1}", '[1,', 'nul', '{"prompt":"x",}', '\u0000', '{"a":1}}'))
  .filter((s) => {
    try {
      JSON.parse(s)
      return s.trim() === '' // empty bodies are bad too
    } catch {
      return true
    }
  })
  .chain((body) => target.map((tg) => post(tg.path, body)))

const notAnObject = fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null), fc.array(fc.jsonValue(), { maxLength: 3 })).chain((body) => target.map((tg) => post(tg.path, JSON.stringify(body))))

/** `prompt: ["text"]` is a valid OpenAI prompt, so it is not a wrong type. */
const isSingleStringList = (v: unknown): boolean => Array.isArray(v) && v.length === 1 && typeof v[0] === 'string'

const wrongType = target.chain((tg) =>
  fc.constantFrom(...(Object.keys(tg.kinds) as (keyof typeof tg.kinds)[])).chain((field) =>
    wrongValue(tg.kinds[field] as Kind)
      .filter((v) => v !== null && !((field as string) === 'prompt' && isSingleStringList(v)))
      .map((value) => post(tg.path, { ...tg.body, [field]: value })),
  ),
)

const missingField = target.chain((tg) => fc.constantFrom(...tg.required).map((field) => post(tg.path, Object.fromEntries(Object.entries(tg.body).filter(([k]) => k !== field)))))

// A prefix no request field has, so the key is unknown whatever the random rest.
const unknownField = target.chain((tg) => fc.tuple(fc.string({ maxLength: 20 }), fc.jsonValue()).map(([key, value]) => post(tg.path, { ...tg.body, [`zz_${key}`]: value })))

const outOfRange = target.chain((tg) => {
  const fields = Object.keys(tg.body).filter((k) => k in OUT_OF_RANGE)
  return fc.constantFrom(...fields).chain((field) => OUT_OF_RANGE[field]!.map((value) => post(tg.path, { ...tg.body, [field]: value })))
})

const unsupportedOpenAi = fc.oneof(
  fc.record({ n: fc.integer({ min: 2, max: 10 }) }),
  fc.record({ stop: fc.array(fc.string(), { minLength: 1, maxLength: 2 }) }),
  fc.record({ seed: fc.integer() }),
  fc.record({ logprobs: fc.constant(true) }),
  fc.record({ tools: fc.constant([{ type: 'function', function: { name: 'f' } }]) }),
  fc.record({ stream_options: fc.constant({ include_usage: true }) }),
  fc.record({ messages: fc.constantFrom([], [{ role: 'tool', content: 'x' }], [{ role: 'user', content: [{ type: 'image_url', image_url: {} }] }], [{ role: 'user' }], [{ role: 'wizard', content: 'x' }]) }),
).map((extra) => post('/v1/chat/completions', { ...TARGETS[2].body, ...extra }))

const hugeBody = fc.integer({ min: BODY_MAX_BYTES + 1, max: 4 * BODY_MAX_BYTES }).chain((size) => target.map((tg) => post(tg.path, { ...tg.body, prompt: 'x'.repeat(size) })))

const unknownSession = fc.integer({ min: 2, max: Number.MAX_SAFE_INTEGER }).chain((id) =>
  fc.constantFrom<RawRequest>(
    post('/api/v1/completions', { session_id: id, prompt: 'x' }),
    post(`/api/v1/completions/${id}`, { prompt: 'x' }),
    post('/v1/completions', { model: 'fake-stories', prompt: 'x', session_id: id }),
    { path: `/api/v1/sessions/${id}`, headers: auth },
    { path: `/api/v1/tasks/${id}`, headers: auth },
    { path: `/api/v1/tasks/0/${id}`, headers: auth },
  ),
)

const unknownModel = fc.string({ minLength: 1, maxLength: 30 }).filter((m) => m !== 'fake-stories').map((model) => post('/v1/completions', { model, prompt: 'x' }))

/** Every route that needs a token, with concrete ids, and a method it takes. */
const protectedRoutes = ROUTER_ROUTES.filter((r) => r.auth !== 'public').map((r) => ({
  path: r.pattern.replace('{sessionId}', '0').replace('{taskId}', '0').replace('{model}', 'fake-stories'),
  method: Object.keys(r.handlers)[0]!,
}))
const badToken = fc.tuple(fc.constantFrom(...protectedRoutes), fc.option(fc.stringMatching(/^[\x20-\x7e]{0,60}$/), { nil: undefined })).map(([route, header]): RawRequest => {
  const headers: Record<string, string> = header === undefined ? {} : { Authorization: header.includes(TEST_TOKEN) ? 'Bearer nope' : header }
  return { path: route.path, method: route.method, headers: { ...headers, 'Content-Type': 'application/json' }, body: '{}' }
})

const wrongMethod = fc.tuple(fc.constantFrom(...ROUTER_ROUTES), fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH')).filter(([route, method]) => !(method in route.handlers)).map(([route, method]): RawRequest => ({
  method,
  path: route.pattern.replace('{sessionId}', '0').replace('{taskId}', '0').replace('{model}', 'fake-stories'),
  headers: auth,
  body: '{}',
}))

/** The path the router will route, after the URL parser's normalisation (dot segments). */
const normalisedPath = (path: string): string => new URL(`http://router.invalid${path}`).pathname

const unknownRoute = fc
  .array(fc.string({ minLength: 0, maxLength: 12 }), { minLength: 0, maxLength: 5 })
  .map((segments) => '/' + segments.map(encodeURIComponent).join('/'))
  .filter((path) => matchRoute(ROUTER_ROUTES, normalisedPath(path)) === undefined)
  .chain((path) => fc.constantFrom<RawRequest>({ method: 'GET', path, headers: auth }, { method: 'POST', path, headers: auth, body: '{}' }))

const badQuery = fc.tuple(fc.constantFrom('/api/v1/sessions', '/api/v1/miners', '/api/v1/tasks/0', '/api/v1/info', '/v1/models'), fc.string({ minLength: 1, maxLength: 10 }), fc.string({ maxLength: 10 }))
  .filter(([path, key, value]) => !(['offset', 'limit'].includes(key) && /^\d+$/.test(value) && !path.endsWith('info') && !path.endsWith('models')))
  .map(([path, key, value]): RawRequest => ({ path: `${path}?${encodeURIComponent(key)}=${encodeURIComponent(value)}`, headers: auth }))

const badContentType = fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'image/png').chain((type) =>
  target.map((tg) => post(tg.path, tg.body, { ...auth, 'Content-Type': type })),
)

const badRequest: fc.Arbitrary<RawRequest> = fc.oneof(
  malformedJson, notAnObject, wrongType, missingField, unknownField, outOfRange, unsupportedOpenAi, hugeBody,
  unknownSession, unknownModel, badToken, wrongMethod, unknownRoute, badQuery, badContentType,
)

describe('fuzz: bad requests', () => {
  it(`${RUNS} generated bad requests all get a 4xx JSON error, and the router keeps serving`, async () => {
    const seen = new Map<string, number>()
    await fc.assert(
      fc.asyncProperty(badRequest, async (req) => {
        const reply = await rawRequest(t.url, req)
        const error = (reply.json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error
        const where = `${req.method ?? 'GET'} ${req.path} → ${reply.status} ${reply.text.slice(0, 200)}`
        expect(reply.status, where).toBeGreaterThanOrEqual(400)
        expect(reply.status, where).toBeLessThan(500)
        expect(typeof error?.code, where).toBe('string')
        expect(typeof error?.message, where).toBe('string')
        expect(ROUTER_ERROR_STATUS[error!.code as keyof typeof ROUTER_ERROR_STATUS], where).toBe(reply.status)
        seen.set(error!.code as string, (seen.get(error!.code as string) ?? 0) + 1)
      }),
      { seed: 20_240_611, numRuns: RUNS },
    )
    // The generator reached the whole range of client errors, not one corner of it.
    for (const code of ['InvalidJson', 'InvalidBody', 'InvalidField', 'MissingField', 'UnknownField', 'Unsupported', 'BodyTooLarge', 'SessionNotFound', 'ModelNotFound', 'InvalidToken', 'MissingToken', 'MethodNotAllowed', 'RouteNotFound', 'UnknownQueryParameter', 'UnsupportedMediaType']) {
      expect(seen.get(code) ?? 0, code).toBeGreaterThan(0)
    }
    expect((await rawRequest(t.url, { path: '/api/v1/ping' })).status).toBe(200)
    const completion = await rawRequest(t.url, post('/api/v1/completions/1', { prompt: 'still alive', max_tokens: 2 }))
    expect(completion.status).toBe(200)
    const metrics = (await getJson(t.url, '/metrics')).text
    expect(metrics).not.toMatch(/status="5\d\d"/)
  })
})
