// Goal: the miners' WebSocket — hello and admission, task push, ack, streamed tokens, result,
// ping/pong and heartbeats — works end to end, and every protocol violation gets an `error`
// message or the documented close code while the router keeps serving.
// Method: real routers on 127.0.0.1 over FakeRouterBackend; `TestMiner` clients speak the schema;
// a completion request is answered from the WebSocket miner's result, with its hash checked.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { computeResultHash } from '../../protocol/core/commit.ts'
import { computeSyntheticAddress } from '../../protocol/core/types.ts'
import { FakeRouterBackend } from './fake-backend.ts'
import { errorOf, getJson, parseSseData, postJson, rawRequest, startTestRouter, TestMiner, type TestRouter } from './test-support.ts'
import { WS_CLOSE, WS_INVALID_FRAMES_MAX } from './ws-server.ts'

const MINER = computeSyntheticAddress(0x77, 1)
const MINER_2 = computeSyntheticAddress(0x77, 2)
const hello = (minerAddress: string = MINER, extra: Record<string, unknown> = {}) => ({ type: 'hello', minerAddress, version: '1.0', models: ['fake-stories'], ...extra })

let t: TestRouter
let backend: FakeRouterBackend
const miners: TestMiner[] = []

async function connect(url = t.router.wsUrl): Promise<TestMiner> {
  const m = await TestMiner.connect(url)
  miners.push(m)
  return m
}

async function admitted(address: string = MINER): Promise<TestMiner> {
  const m = await connect()
  m.send(hello(address))
  await m.next('hello')
  return m
}

beforeEach(async () => {
  backend = new FakeRouterBackend({ sessions: [{ sessionId: 0, redundant: 3 }, { sessionId: 1, redundant: 1 }], remoteAckTimeoutMs: 500 })
  t = await startTestRouter({ heartbeatMs: 10_000 }, backend)
})
afterEach(async () => {
  for (const m of miners.splice(0)) m.close()
  await t.close()
})

describe('miner flow', () => {
  it('hello → task → ack → tokens → result: the completion streams and returns the miner’s text', async () => {
    const m = await admitted()
    expect((await getJson(t.url, '/api/v1/status')).json).toMatchObject({ ws_miners_connected: 1 })
    const reply = postJson(t.url, '/api/v1/completions/0', { prompt: 'Once upon a time', max_tokens: 3, temperature: 0, stream: true })
    const task = await m.next('task')
    expect(task).toMatchObject({ sessionId: 0, prompt: 'Once upon a time', llmParams: [3, 0, 100, 40, 0, 0, 0], promptType: 1 })
    m.send({ type: 'ack', sessionId: task.sessionId, taskId: task.taskId })
    // The two local miners answer too; the WebSocket miner is first, so its tokens are streamed.
    const text = ' once upon a'
    for (const [index, piece] of [' once', ' upon', ' a'].entries()) m.send({ type: 'token', sessionId: 0, taskId: task.taskId, index, text: piece })
    m.send({ type: 'result', sessionId: 0, taskId: task.taskId, text, dataHash: computeResultHash(text), promptTokens: 5, outputTokens: 3, inferenceMs: 12, stopReason: 'maxTokens' })
    const r = await reply
    expect(r.status).toBe(200)
    const events = parseSseData(r.text).slice(0, -1).map((e) => JSON.parse(e) as { choices: { text: string }[]; miners?: { address: string; hash_verified: boolean; state: string }[]; stream?: unknown })
    expect(events.slice(0, 3).map((e) => e.choices[0]!.text).join('')).toBe(text)
    const final = events.at(-1)!
    expect(final.miners![0]).toMatchObject({ address: MINER, hash_verified: true })
    expect(final.stream).toEqual({ miner: MINER, consistent: final.miners![0]!.state === 'Valid' })
  })

  it('a miner reporting the wrong hash is not verified; a silent one times out', async () => {
    const liar = await admitted(MINER)
    const silent = await admitted(MINER_2)
    const reply = postJson(t.url, '/api/v1/completions/0', { prompt: 'Once upon a time', max_tokens: 3, temperature: 0 })
    const task = await liar.next('task')
    await silent.next('task')
    liar.send({ type: 'ack', sessionId: 0, taskId: task.taskId })
    liar.send({ type: 'result', sessionId: 0, taskId: task.taskId, text: 'abc', dataHash: computeResultHash('abd'), promptTokens: 1, outputTokens: 1, inferenceMs: 1, stopReason: 'endOfText' })
    const r = await reply
    // Only one of three results is valid: below the majority quorum.
    expect(r.status).toBe(502)
    const stored = await backend.getTask(0, task.taskId)
    expect(stored.miners.map((x) => [x.address, x.state, x.hashVerified])).toEqual([
      [MINER, 'Outlier', false],
      [MINER_2, 'TimedOut', null],
      [stored.miners[2]!.address, 'Valid', true],
    ])
  })

  it('out-of-order and unknown task messages are answered with error codes', async () => {
    const m = await admitted()
    m.send({ type: 'ack', sessionId: 0, taskId: 99 })
    expect((await m.next('error')).code).toBe('UnknownTask')
    const reply = postJson(t.url, '/api/v1/completions/1', { prompt: 'x', max_tokens: 1 })
    const task = await m.next('task')
    m.send({ type: 'token', sessionId: 1, taskId: task.taskId, index: 0, text: 'x' })
    expect((await m.next('error')).code).toBe('NotAcked')
    m.send({ type: 'result', sessionId: 1, taskId: task.taskId, text: 'x', dataHash: computeResultHash('x'), promptTokens: 1, outputTokens: 1, inferenceMs: 1, stopReason: 'endOfText' })
    expect((await m.next('error')).code).toBe('NotAcked')
    m.send({ type: 'ack', sessionId: 1, taskId: task.taskId })
    m.send({ type: 'ack', sessionId: 1, taskId: task.taskId })
    expect((await m.next('error')).code).toBe('AlreadyAcked')
    m.send({ type: 'error', sessionId: 1, taskId: task.taskId, code: 'OutOfMemory', message: 'cannot run' })
    const r = await reply
    expect(r.status).toBe(502)
    expect((await backend.getTask(1, task.taskId)).miners[0]!.state).toBe('TimedOut')
  })

  it('a miner that disconnects mid-task leaves the task to time out its part, and is forgotten', async () => {
    const m = await admitted()
    const reply = postJson(t.url, '/api/v1/completions/1', { prompt: 'x', max_tokens: 1 })
    const task = await m.next('task')
    m.send({ type: 'ack', sessionId: 1, taskId: task.taskId })
    m.close()
    expect((await reply).status).toBe(502)
    const list = await getJson(t.url, '/api/v1/miners')
    expect((list.json as { miners: { address: string }[] }).miners.map((x) => x.address)).not.toContain(MINER)
  })
})

describe('protocol violations', () => {
  it('anything before hello closes the link with 4400', async () => {
    const m = await connect()
    m.send({ type: 'ack', sessionId: 0, taskId: 0 })
    expect((await m.next('error')).code).toBe('HelloFirst')
    expect(await m.closed()).toBe(WS_CLOSE.protocolError)
  })

  it('invalid frames get InvalidJson/InvalidMessage errors naming the field; too many close the link', async () => {
    const m = await admitted()
    m.sendRaw('{not json')
    expect((await m.next('error')).code).toBe('InvalidJson')
    m.send({ type: 'result', sessionId: 0, taskId: 0, text: 'x', dataHash: '0x12', promptTokens: 1, outputTokens: 1, inferenceMs: 1, stopReason: 'endOfText' })
    expect(await m.next('error')).toMatchObject({ code: 'InvalidMessage', field: 'dataHash' })
    m.send({ type: 'ack', sessionId: 0, taskId: 0, extra: 1 })
    expect(await m.next('error')).toMatchObject({ code: 'InvalidMessage', field: 'extra' })
    m.sendRaw(Buffer.from([1, 2, 3]))
    expect((await m.next('error')).message).toContain('binary')
    m.send(hello())
    expect((await m.next('error')).code).toBe('AlreadyAdmitted')
    for (let i = 0; i < WS_INVALID_FRAMES_MAX; i++) m.sendRaw('x')
    expect(await m.closed()).toBe(WS_CLOSE.protocolError)
    const metrics = (await getJson(t.url, '/metrics')).text
    expect(metrics).toMatch(/router_ws_invalid_messages_total (\d+)/)
    expect(Number(/router_ws_invalid_messages_total (\d+)/.exec(metrics)![1])).toBe(WS_INVALID_FRAMES_MAX + 1)
  })

  it('an unsupported protocol version is refused', async () => {
    const m = await connect()
    m.send(hello(MINER, { version: '2.0' }))
    expect((await m.next('error')).code).toBe('UnsupportedVersion')
    expect(await m.closed()).toBe(WS_CLOSE.protocolError)
  })

  it('no hello in time closes with 4408', async () => {
    const s = await startTestRouter({ helloTimeoutMs: 50 })
    try {
      const m = await TestMiner.connect(s.router.wsUrl)
      expect(await m.closed()).toBe(WS_CLOSE.helloTimeout)
    } finally {
      await s.close()
    }
  })

  it('upgrades to another path are refused with a JSON 404', async () => {
    await expect(TestMiner.connect(t.router.wsUrl.replace('/ws', '/other'))).rejects.toThrow(/404/)
  })
})

describe('admission', () => {
  it('miner tokens, when configured, are checked at hello (4401)', async () => {
    const s = await startTestRouter({ minerTokens: ['miner-token-123'] })
    try {
      const bad = await TestMiner.connect(s.router.wsUrl)
      bad.send(hello(MINER, { token: 'nope-nope-nope' }))
      expect((await bad.next('error')).code).toBe('InvalidToken')
      expect(await bad.closed()).toBe(WS_CLOSE.unauthorized)
      const good = await TestMiner.connect(s.router.wsUrl)
      good.send(hello(MINER, { token: 'miner-token-123' }))
      expect((await good.next('hello')).routerAddress).toMatch(/^0x/)
      good.close()
    } finally {
      await s.close()
    }
  })

  it('the backend may refuse a miner (4403), and a failing backend closes with 1011', async () => {
    const b = new FakeRouterBackend({ admit: (h) => (h.minerAddress === MINER ? { ok: false, code: 'NotRegistered', message: 'not on chain' } : { ok: true }) })
    const s = await startTestRouter({}, b)
    try {
      const m = await TestMiner.connect(s.router.wsUrl)
      m.send(hello(MINER))
      expect((await m.next('error')).code).toBe('NotRegistered')
      expect(await m.closed()).toBe(WS_CLOSE.refused)
      b.setFault({ kind: 'crash', scope: 'all' })
      const n = await TestMiner.connect(s.router.wsUrl)
      n.send(hello(MINER_2))
      expect((await n.next('error')).code).toBe('BackendFailed')
      expect(await n.closed()).toBe(WS_CLOSE.backendError)
    } finally {
      await s.close()
    }
  })

  it('a second hello for the same address replaces the first link (4409)', async () => {
    const first = await admitted()
    const second = await admitted()
    expect(await first.closed()).toBe(WS_CLOSE.replaced)
    expect((await getJson(t.url, '/api/v1/miners')).json).toMatchObject({ total: 4 })
    const reply = postJson(t.url, '/api/v1/completions/1', { prompt: 'x', max_tokens: 1 })
    expect((await second.next('task')).sessionId).toBe(1)
    second.close()
    await reply
  })
})

describe('liveness', () => {
  it('answers pings, pings miners, and drops a miner silent for two heartbeats (4410)', async () => {
    const s = await startTestRouter({ heartbeatMs: 40 })
    try {
      const m = await TestMiner.connect(s.router.wsUrl)
      m.send(hello())
      expect((await m.next('hello')).heartbeatMs).toBe(40)
      m.send({ type: 'ping', nonce: 7 })
      expect((await m.next('pong')).nonce).toBe(7)
      const ping = await m.next('ping')
      m.send({ type: 'pong', nonce: ping.nonce })
      expect(await m.closed(2000)).toBe(WS_CLOSE.heartbeatTimeout)
    } finally {
      await s.close()
    }
  })

  it('a dedicated WebSocket port serves miners and answers plain HTTP with a JSON 404', async () => {
    const s = await startTestRouter({ wsPort: 0 })
    try {
      expect(s.router.wsPort).not.toBe(s.router.port)
      expect(((await getJson(s.url, '/api/v1/info')).json as { websocket: { port: number } }).websocket.port).toBe(s.router.wsPort)
      const m = await TestMiner.connect(s.router.wsUrl)
      m.send(hello())
      await m.next('hello')
      const plain = await rawRequest(s.router.wsUrl.replace('ws://', 'http://').replace('/ws', ''), { path: '/api/v1/info' })
      expect(plain.status).toBe(404)
      expect(errorOf(plain).code).toBe('RouteNotFound')
      m.close()
    } finally {
      await s.close()
    }
  })

  it('close() closes miner links with 1001', async () => {
    const s = await startTestRouter({})
    const m = await TestMiner.connect(s.router.wsUrl)
    m.send(hello())
    await m.next('hello')
    await s.close()
    expect(await m.closed()).toBe(WS_CLOSE.goingAway)
  })
})
