// Goal: the router over ChainRouterBackend does the whole §4.5a flow on a real chain network:
// it lists what the chain holds, submits as the session's router, pushes the task to signed-in
// miners, streams the first one's tokens, and answers with every miner's verified reveal and PoI
// verdict, with payments allocated; its refusals (unknown, unserved, unready or deactivated
// sessions, impossible requests, a budget that runs out, a lost chain, a miner that cannot prove
// its key) carry the right codes. Method: RouterNet — a MemoryChain on a manual clock with oracles
// and FakeInference miners started through NodeRuntime, the router on real HTTP on 127.0.0.1, each
// miner's real WebSocket link — with the chain pumped while a request runs; answers compared with
// the chain's own record.
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { taskKey } from '../../protocol/task/machine.ts'
import { ADMIN } from '../chain/testkit.ts'
import { OWNER } from '../roles/testing/network.ts'
import { RouterBackendError } from './backend.ts'
import { buildSignInMessage, parseSignInChallenge } from './chain-backend-signin.ts'
import { MODEL_NAME, NET_TOKEN, RouterNet, testKey } from './chain-backend-testing.ts'
import { WS_CLOSE } from './ws-server.ts'
import { TestMiner, errorOf, getJson, parseSseData, postJson } from './test-support.ts'

let rn: RouterNet

beforeAll(async () => {
  // Four miners, three in the session: the fourth is registered but not linked (for sign-in tests).
  rn = await RouterNet.start({ miners: 4, linked: (i) => i <= 3, session: { maxNumOfNodes: 3, redundant: 3 } })
}, 60_000)
afterAll(() => rn?.dispose())

const get = (path: string) => getJson(rn.url, path, NET_TOKEN)
const post = (path: string, body: unknown) => rn.pumping(() => postJson(rn.url, path, body, NET_TOKEN))

function chainTask(sessionId: number, taskId: number) {
  return rn.net.chain.world.tasks.get(taskKey(sessionId, taskId))!
}

describe('reads', () => {
  it("serves the chain's info, status, sessions, models and miners", async () => {
    const info = (await get('/api/v1/info')).json as Record<string, unknown>
    expect(info).toMatchObject({ router_address: rn.routerAddress, chain_id: 31337, network: 'memory', models: [MODEL_NAME] })
    const status = (await get('/api/v1/status')).json as Record<string, unknown>
    expect(status).toMatchObject({ healthy: true, chain_head_block: Number(rn.net.chain.latestBlock.number), connected_miners: 3, active_sessions: 1 })
    const sessions = (await get('/api/v1/sessions')).json as { sessions: Record<string, unknown>[]; total: number }
    expect(sessions.total).toBe(1)
    const chainSession = rn.net.chain.world.sessions.get(rn.sessionId)!
    expect(sessions.sessions[0]).toMatchObject({ session_id: rn.sessionId, status: 'Ready', model: MODEL_NAME, redundant: 3, max_context_tokens: 512, nodes: [...chainSession.ephemeralNodes] })
    const models = (await get('/v1/models')).json as { data: { id: string }[] }
    expect(models.data.map((m) => m.id)).toEqual([MODEL_NAME])
    const miners = (await get('/api/v1/miners')).json as { miners: { address: string; transport: string; connected: boolean }[]; total: number }
    expect(miners.total).toBe(4)
    const byAddress = new Map(miners.miners.map((m) => [m.address, m]))
    for (const m of rn.miners.slice(0, 3)) expect(byAddress.get(m.address)).toMatchObject({ transport: 'ws', connected: true })
    expect(byAddress.get(rn.miners[3]!.address)).toMatchObject({ transport: 'chain', connected: false })
    expect(errorOf(await get('/api/v1/sessions/999')).code).toBe('SessionNotFound')
    expect(errorOf(await get(`/api/v1/tasks/${rn.sessionId}/999`)).code).toBe('TaskNotFound')
  })
})

describe('completions', () => {
  it('streams the first miner\'s tokens and answers with every verified reveal, PoI verdict and usage', async () => {
    const reply = await post(`/api/v1/completions/${rn.sessionId}`, { prompt: 'Once upon a time', max_tokens: 12, temperature: 0.7, stream: true, client_reference: 'req-1' })
    expect(reply.status).toBe(200)
    const events = parseSseData(reply.text)
    expect(events.at(-1)).toBe('[DONE]')
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e) as { choices: { text: string }[]; task_id?: number; miners?: Record<string, unknown>[]; stream?: { miner: string; consistent: boolean }; usage?: Record<string, number> })
    const final = chunks.at(-1)!
    const streamed = chunks.slice(0, -1).map((c) => c.choices[0]!.text).join('')
    expect(chunks.length).toBeGreaterThan(2)
    const task = chainTask(rn.sessionId, final.task_id!)
    expect(task.outcome).toMatchObject({ result: 'success' })
    expect(task.router).toBe(rn.routerAddress)
    expect(streamed).toBe(task.miners[0]!.result)
    expect(final.stream).toEqual({ miner: expect.any(String), consistent: true })
    expect(final.usage).toEqual({ prompt_tokens: expect.any(Number), completion_tokens: 12, total_tokens: expect.any(Number) })
    expect(final.usage!['prompt_tokens']).toBeGreaterThan(0)
    expect(final.miners!.map((m) => m['address'])).toEqual(task.miners.map((s) => s.miner))
    for (const [i, m] of final.miners!.entries()) {
      const slot = task.miners[i]!
      expect(m).toMatchObject({ state: 'Valid', response: slot.result, hash_verified: true, data_hash: slot.precommitHash, calculated_hash: slot.precommitHash, poi: { verdict: 'valid' } })
    }
    // Payments are allocated to the miners and to the router's share.
    for (const slot of task.miners) expect(rn.net.chain.world.nodeAccounts.get(slot.miner)!.pending).toBeGreaterThan(0n)
    expect(rn.net.chain.world.nodeAccounts.get(rn.routerAddress)!.pending).toBeGreaterThan(0n)
    const stored = (await get(`/api/v1/tasks/${rn.sessionId}/${final.task_id!}`)).json as Record<string, unknown>
    expect(stored).toMatchObject({ status: 'Ended', outcome: 'success', client_reference: 'req-1', prompt: 'Once upon a time', result: { text: streamed } })
    expect(rn.net.invariants()).toEqual([])
    expect(rn.net.chain.panics).toEqual([])
  })

  it('answers a plain request with the consensus text, lists tasks newest first and counts completions', async () => {
    const reply = await post('/api/v1/completions', { session_id: rn.sessionId, prompt: 'The dog', max_tokens: 6 })
    expect(reply.status).toBe(200)
    const body = reply.json as { task_id: number; choices: { text: string; finish_reason: string }[] }
    const task = chainTask(rn.sessionId, body.task_id)
    expect(body.choices[0]).toEqual({ index: 0, text: task.miners[0]!.result, finish_reason: 'length', logprobs: null })
    const list = (await get(`/api/v1/tasks/${rn.sessionId}?limit=2`)).json as { tasks: { task_id: number }[]; total: number }
    expect(list.tasks[0]!.task_id).toBe(body.task_id)
    expect(list.total).toBe(body.task_id + 1)
    const metrics = (await get('/metrics')).text
    expect(metrics).toMatch(/chain_backend_completions_total\{outcome="success"\} [1-9]/)
    expect(metrics).toContain('chain_backend_ws_miners 3')
  })

  it('refuses requests the session cannot take, with the client-facing codes', async () => {
    const wrong = await post(`/api/v1/completions/${rn.sessionId}`, { prompt: 'x', max_miners: 1 })
    expect([wrong.status, errorOf(wrong).field]).toEqual([400, 'max_miners'])
    expect(errorOf(await post('/api/v1/completions/999', { prompt: 'x' })).code).toBe('SessionNotFound')
    // A second session that does not list the router, then lists it but has one node for three-miner tasks, then is closed.
    const other = await rn.net.createSession({ ...rn.net.chain.world.sessions.get(rn.sessionId)!.config, name: 'other' })
    const unserved = await post(`/api/v1/completions/${other}`, { prompt: 'x' })
    expect([unserved.status, errorOf(unserved).code, errorOf(unserved).field]).toEqual([400, 'BadRequest', 'session_id'])
    await rn.addRouter(other)
    const unready = await post(`/api/v1/completions/${other}`, { prompt: 'x' })
    expect([unready.status, errorOf(unready).code]).toEqual([503, 'NoMinersAvailable'])
    expect(((await get('/api/v1/sessions')).json as { total: number }).total).toBe(2)
    await rn.net.asOwner({ type: 'session', sessionId: other, event: { type: 'deactivate', actor: OWNER } })
    expect(errorOf(await post(`/api/v1/completions/${other}`, { prompt: 'x' })).code).toBe('SessionInactive')
    expect(((await get('/api/v1/sessions')).json as { total: number }).total).toBe(1)
  })

  it('fails with Timeout when the chain time budget runs out, and stops on abort', async () => {
    const input = { sessionId: rn.sessionId, prompt: 'Slow', promptType: 1, promptTemplate: '', llm: { maxTokens: 4, temperature: 0, topP: 1, topK: 0, presencePenalty: 0, frequencyPenalty: 0 }, llmParams: [4, 0, 100, 0, 0, 0, 0], timeoutMs: 2_000, precommitTimeoutMs: 90_000, clientReference: null, maxMiners: null }
    const timedOut = await rn.pumping(() => rn.backend.submitCompletion(input, { signal: new AbortController().signal }).then(() => null, (e: unknown) => e))
    expect(timedOut).toBeInstanceOf(RouterBackendError)
    expect((timedOut as RouterBackendError).code).toBe('Timeout')
    const http = await post(`/api/v1/completions/${rn.sessionId}`, { prompt: 'Slow', max_tokens: 4, timeout: 2 })
    expect([http.status, errorOf(http).code]).toEqual([504, 'Timeout'])
    const controller = new AbortController()
    controller.abort(new Error('client left'))
    await expect(rn.backend.submitCompletion({ ...input, timeoutMs: 60_000 }, { signal: controller.signal })).rejects.toThrow(/client left|abort/i)
    // Let the orphaned tasks end on chain before the next test.
    await rn.net.runUntil(() => [...rn.net.chain.world.tasks.values()].every((t) => t.status === 'Ended'), 60, 'tasks ended')
    expect(rn.net.invariants()).toEqual([])
  })

  it('reports an unreachable chain as 503 and an unhealthy status', async () => {
    rn.routerClient.faults.drop()
    try {
      expect(errorOf(await get(`/api/v1/sessions/${rn.sessionId}`)).code).toBe('BackendUnavailable')
      expect(errorOf(await get(`/api/v1/tasks/${rn.sessionId}`)).code).toBe('BackendUnavailable')
      expect(errorOf(await get('/api/v1/miners')).code).toBe('BackendUnavailable')
      const status = (await get('/api/v1/status')).json as Record<string, unknown>
      expect(status).toMatchObject({ healthy: false, status: 'degraded' })
      expect(errorOf(await post(`/api/v1/completions/${rn.sessionId}`, { prompt: 'x' })).code).toBe('BackendUnavailable')
    } finally {
      rn.routerClient.faults.restore()
    }
    expect(((await get('/api/v1/status')).json as Record<string, unknown>)['healthy']).toBe(true)
  })
})

describe('miner sign-in', () => {
  const spare = () => rn.miners[3]!

  async function challenge(address: string): Promise<ReturnType<typeof parseSignInChallenge>> {
    const miner = await TestMiner.connect(rn.router.wsUrl)
    miner.send({ type: 'hello', minerAddress: address, version: '1', models: [] })
    const refusal = await miner.next('error')
    expect(await miner.closed()).toBe(WS_CLOSE.refused)
    expect(refusal.code).toBe('SignInRequired')
    return parseSignInChallenge(refusal.message)
  }

  async function helloWith(address: string, nonce: string, sig: string): Promise<{ miner: TestMiner; first: { type: string; code?: string } }> {
    const miner = await TestMiner.connect(rn.router.wsUrl)
    const reply = new Promise<{ type: string; code?: string }>((resolve) => miner.ws.once('message', (data) => resolve(JSON.parse(String(data)) as { type: string })))
    miner.send({ type: 'hello', minerAddress: address, version: '1', models: [], nonce, sig })
    return { miner, first: await reply }
  }

  it('refuses a bad signature, a reused nonce and an unregistered address; admits the key holder', async () => {
    const me = spare()
    const c = (await challenge(me.address))!
    expect(c).toMatchObject({ routerAddress: rn.routerAddress, chainId: 31337 })
    const message = buildSignInMessage({ ...c, minerAddress: me.address })
    const forged = await privateKeyToAccount(testKey('intruder').privateKey).signMessage({ message })
    const bad = await helloWith(me.address, c.nonce, forged)
    expect(bad.first).toMatchObject({ type: 'error', code: 'InvalidSignature' })
    expect(await bad.miner.closed()).toBe(WS_CLOSE.refused)
    const good = await privateKeyToAccount(me.privateKey).signMessage({ message })
    const reused = await helloWith(me.address, c.nonce, good)
    expect(reused.first).toMatchObject({ code: 'InvalidNonce' })
    const stranger = testKey('stranger').address
    const unregistered = await TestMiner.connect(rn.router.wsUrl)
    unregistered.send({ type: 'hello', minerAddress: stranger, version: '1', models: [] })
    expect(await unregistered.next('error')).toMatchObject({ code: 'NotRegistered' })
    const fresh = (await challenge(me.address))!
    const admitted = await helloWith(me.address, fresh.nonce, await privateKeyToAccount(me.privateKey).signMessage({ message: buildSignInMessage({ ...fresh, minerAddress: me.address }) }))
    expect(admitted.first).toMatchObject({ type: 'hello', routerAddress: rn.routerAddress })
    // An admitted miner's frames for a task the router is not waiting on are refused.
    admitted.miner.send({ type: 'ack', sessionId: rn.sessionId, taskId: 999 })
    expect(await admitted.miner.next('error')).toMatchObject({ code: 'UnknownTask' })
    expect(((await get('/api/v1/status')).json as Record<string, unknown>)['connected_miners']).toBe(4)
    admitted.miner.close()
    await admitted.miner.closed()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(((await get('/api/v1/status')).json as Record<string, unknown>)['connected_miners']).toBe(3)
  })

  it('refuses a banned node', async () => {
    const me = spare()
    const admin = rn.net.chain.connect(ADMIN)
    await admin.sendCommand({ type: 'banNode', actor: ADMIN, node: me.address })
    await rn.net.step()
    const miner = await TestMiner.connect(rn.router.wsUrl)
    miner.send({ type: 'hello', minerAddress: me.address, version: '1', models: [] })
    expect(await miner.next('error')).toMatchObject({ code: 'NodeBanned' })
    expect(await miner.closed()).toBe(WS_CLOSE.refused)
  })
})
