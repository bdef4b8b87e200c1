// Goal: FakeRouterBackend is a faithful stand-in: deterministic (same inputs → identical tasks),
// real keccak hash checks, PoI verdicts that separate honest from divergent miners, the protocol
// quorum deciding success, remote (WebSocket) miners driven by messages, bounded task history,
// and typed errors for unknown or inactive sessions.
// Method: call the backend directly (no HTTP); remote miners are played through a recording link.
import { describe, expect, it } from 'vitest'
import { computeResultHash } from '../../protocol/core/commit.ts'
import { computeSyntheticAddress, type Address } from '../../protocol/core/types.ts'
import type { CompletionInput, MinerLink, TokenChunk } from './backend.ts'
import { RouterBackendError } from './backend.ts'
import { FakeRouterBackend } from './fake-backend.ts'
import { encodeLlmParams } from './llm-params.ts'
import type { RouterMessage } from './ws-schema.ts'

const llm = { maxTokens: 8, temperature: 0, topP: 1, topK: 40, presencePenalty: 0, frequencyPenalty: 0 }
function input(sessionId = 0, extra: Partial<CompletionInput> = {}): CompletionInput {
  return { sessionId, prompt: 'Once upon a time', promptType: 1, promptTemplate: '', llm, llmParams: encodeLlmParams(llm), timeoutMs: 10_000, precommitTimeoutMs: 1_000, clientReference: null, maxMiners: null, ...extra }
}
const hooks = (onToken?: (c: TokenChunk) => void) => ({ signal: new AbortController().signal, ...(onToken ? { onToken } : {}) })

function recordingLink(minerAddress: Address): MinerLink & { sent: RouterMessage[] } {
  const sent: RouterMessage[] = []
  return { minerAddress, remoteAddress: 'test', sent, send: (m) => (sent.push(m), true), close: () => undefined }
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5))
  expect(check()).toBe(true)
}

describe('FakeRouterBackend: completions', () => {
  it('is deterministic: two backends give identical tasks', async () => {
    const a = await new FakeRouterBackend().submitCompletion(input(), hooks())
    const b = await new FakeRouterBackend().submitCompletion(input(), hooks())
    expect(a).toEqual(b)
  })

  it('honest miners agree and win; the divergent one is an outlier; the answer streams from the first miner', async () => {
    const backend = new FakeRouterBackend({ miners: ['honest', 'divergent', 'honest'] })
    const tokens: TokenChunk[] = []
    const { task, finishReason } = await backend.submitCompletion(input(), hooks((c) => tokens.push(c)))
    expect(task.miners.map((m) => m.poi?.verdict)).toEqual(['valid', 'outlier', 'valid'])
    expect(task.miners[1]!.poi!.similarity).toBeLessThan(backend.params.poi.cosineThreshold)
    expect(task.outcome).toBe('success')
    expect(task.result!.text).toBe(task.miners[0]!.response)
    expect(tokens.map((t) => t.text).join('')).toBe(task.miners[0]!.response)
    expect(new Set(tokens.map((t) => t.minerAddress))).toEqual(new Set([task.miners[0]!.address]))
    expect(finishReason).toBe(task.miners[0]!.outputTokens === 8 ? 'length' : 'stop')
    for (const m of task.miners) expect(m.calculatedHash).toBe(computeResultHash(m.response!))
  })

  it('a wrong hash is never valid; silent miners time out; below quorum the task fails', async () => {
    const backend = new FakeRouterBackend({ miners: ['wrongHash', 'silent', 'honest'] })
    const { task } = await backend.submitCompletion(input(), hooks())
    expect(task.miners.map((m) => [m.state, m.hashVerified, m.poi])).toEqual([
      ['Outlier', false, null],
      ['TimedOut', null, null],
      ['Valid', true, { verdict: 'valid', similarity: 1 }],
    ])
    expect(task).toMatchObject({ outcome: 'failed', failureReason: 'tooFewCommits', result: null })
  })

  it('a quorum of commits that disagree fails with noConsensus', async () => {
    const backend = new FakeRouterBackend({ sessions: [{ sessionId: 0, redundant: 2 }], miners: ['honest', 'divergent'] })
    const { task } = await backend.submitCompletion(input(), hooks())
    // Two results, quorum 1: the medoid tie goes to the lower address, which is valid by itself.
    expect(task.miners.filter((m) => m.poi?.verdict === 'valid')).toHaveLength(1)
    const none = new FakeRouterBackend({ sessions: [{ sessionId: 0, redundant: 3 }], params: { ...backend.params, userTask: { ...backend.params.userTask, quorumRule: 'all' } }, miners: ['honest', 'divergent', 'honest'] })
    expect((await none.submitCompletion(input(), hooks())).task).toMatchObject({ outcome: 'failed', failureReason: 'noConsensus' })
  })

  it('max_miners caps the assignment; task ids count per session and gids globally', async () => {
    const backend = new FakeRouterBackend()
    const t0 = (await backend.submitCompletion(input(0, { maxMiners: 1 }), hooks())).task
    const t1 = (await backend.submitCompletion(input(1), hooks())).task
    const t2 = (await backend.submitCompletion(input(0), hooks())).task
    expect(t0.miners).toHaveLength(1)
    expect([t0.taskId, t1.taskId, t2.taskId]).toEqual([0, 0, 1])
    expect([t0.gid, t1.gid, t2.gid]).toEqual([0, 1, 2])
  })

  it('refuses unknown and deactivated sessions, prompts over the context, and no miners', async () => {
    const backend = new FakeRouterBackend({ sessions: [{ sessionId: 0, contextTokens: 4 }, { sessionId: 1, status: 'Deactivated' }], miners: [] })
    const code = async (p: Promise<unknown>): Promise<string> => p.then(() => 'ok', (e: RouterBackendError) => e.code)
    expect(await code(backend.submitCompletion(input(9), hooks()))).toBe('SessionNotFound')
    expect(await code(backend.submitCompletion(input(1), hooks()))).toBe('SessionInactive')
    expect(await code(backend.submitCompletion(input(0), hooks()))).toBe('InvalidRequest')
    expect(await code(backend.submitCompletion(input(0, { prompt: 'hi' }), hooks()))).toBe('NoMinersAvailable')
    expect(await code(backend.getTask(0, 0))).toBe('TaskNotFound')
  })

  it('keeps at most maxTasksPerSession tasks, newest first in listings', async () => {
    const backend = new FakeRouterBackend({ maxTasksPerSession: 2 })
    for (let i = 0; i < 3; i++) await backend.submitCompletion(input(1, { prompt: `p${i}` }), hooks())
    const page = await backend.listTasks(1, { offset: 0, limit: 10 })
    expect(page.total).toBe(2)
    expect(page.items.map((t) => t.taskId)).toEqual([2, 1])
    expect((await backend.getSession(1)).taskCount).toBe(3)
  })

  it('a hang fault waits for the abort signal; a throw fault only hits completions unless scoped to all', async () => {
    const backend = new FakeRouterBackend()
    backend.setFault({ kind: 'hang' })
    const controller = new AbortController()
    const pending = backend.submitCompletion(input(), { signal: controller.signal })
    controller.abort(new Error('stop'))
    await expect(pending).rejects.toThrow('stop')
    backend.setFault({ kind: 'throw', code: 'Unavailable' })
    await expect(backend.submitCompletion(input(), hooks())).rejects.toBeInstanceOf(RouterBackendError)
    await expect(backend.info()).resolves.toMatchObject({ network: 'fake' })
    backend.setFault({ kind: 'crash', scope: 'all' })
    await expect(backend.listModels()).rejects.toThrow('injected crash')
  })
})

describe('FakeRouterBackend: reads and metrics', () => {
  it('lists sessions, models (not deactivated ones) and miners', async () => {
    const backend = new FakeRouterBackend({ sessions: [{ sessionId: 5, modelName: 'a' }, { sessionId: 2, modelName: 'b', status: 'Deactivated' }, { sessionId: 3, modelName: 'a' }] })
    expect((await backend.listSessions({ offset: 0, limit: 10 })).items.map((s) => s.sessionId)).toEqual([2, 3, 5])
    expect((await backend.listModels()).map((m) => [m.id, m.sessionId])).toEqual([['a', 5]])
    expect((await backend.listMiners({ offset: 1, limit: 1 })).items).toHaveLength(1)
    expect((await backend.status()).activeSessions).toBe(2)
  })

  it('counts completions by outcome', async () => {
    const backend = new FakeRouterBackend({ miners: ['silent'] })
    await backend.submitCompletion(input(1), hooks())
    const failed = backend.metrics().find((m) => m.labels?.outcome === 'failed')
    expect(failed?.value).toBe(1)
  })
})

describe('FakeRouterBackend: remote miners', () => {
  const R = computeSyntheticAddress(0x72, 1)

  it('pushes the task, routes ack/tokens/result, and checks the result hash', async () => {
    const backend = new FakeRouterBackend()
    const link = recordingLink(R)
    expect(await backend.onMinerHello({ type: 'hello', minerAddress: R, version: '1', models: [] }, link)).toEqual({ ok: true })
    const tokens: string[] = []
    const running = backend.submitCompletion(input(1), hooks((c) => tokens.push(c.text)))
    await until(() => link.sent.length === 1)
    const task = link.sent[0]!
    expect(task).toMatchObject({ type: 'task', sessionId: 1, taskId: 0, llmParams: encodeLlmParams(llm), precommitTimeoutMs: 1000 })
    expect(backend.onMinerMessage(R, { type: 'ack', sessionId: 1, taskId: 0 })).toBeUndefined()
    backend.onMinerMessage(R, { type: 'token', sessionId: 1, taskId: 0, index: 0, text: 'hello' })
    backend.onMinerMessage(R, { type: 'result', sessionId: 1, taskId: 0, text: 'hello', dataHash: computeResultHash('hello'), promptTokens: 5, outputTokens: 1, inferenceMs: 3, stopReason: 'endOfText' })
    const { task: done } = await running
    expect(tokens).toEqual(['hello'])
    expect(done.result).toEqual({ minerAddress: R, text: 'hello' })
    expect(done.miners[0]).toMatchObject({ hashVerified: true, state: 'Valid', outputTokens: 1 })
    expect(backend.onMinerMessage(R, { type: 'ack', sessionId: 1, taskId: 0 })).toMatchObject({ ok: false, code: 'UnknownTask' })
  })

  it('a miner that never acks times out; one that leaves mid-task keeps only its ack; abort sends cancel', async () => {
    const backend = new FakeRouterBackend({ remoteAckTimeoutMs: 20, miners: [] })
    const link = recordingLink(R)
    await backend.onMinerHello({ type: 'hello', minerAddress: R, version: '1', models: ['fake-stories'] }, link)
    expect((await backend.submitCompletion(input(1), hooks())).task.miners[0]!.state).toBe('TimedOut')
    const gone = backend.submitCompletion(input(1), hooks())
    await until(() => link.sent.length === 2)
    backend.onMinerMessage(R, { type: 'ack', sessionId: 1, taskId: 1 })
    backend.onMinerGone(R)
    const t = (await gone).task
    expect(t.miners[0]).toMatchObject({ state: 'TimedOut' })
    expect(t.miners[0]!.ackedAtMs).not.toBeNull()
    await backend.onMinerHello({ type: 'hello', minerAddress: R, version: '1', models: [] }, link)
    const controller = new AbortController()
    const aborted = backend.submitCompletion(input(1), { signal: controller.signal })
    await until(() => link.sent.length === 3)
    controller.abort()
    await aborted
    expect(link.sent.at(-1)).toMatchObject({ type: 'cancel', sessionId: 1, taskId: 2 })
  })

  it('skips miners without the session’s model, and honours a refused link', async () => {
    const backend = new FakeRouterBackend({ miners: [] })
    await backend.onMinerHello({ type: 'hello', minerAddress: R, version: '1', models: ['other-model'] }, recordingLink(R))
    await expect(backend.submitCompletion(input(1), hooks())).rejects.toMatchObject({ code: 'NoMinersAvailable' })
    const dead = { ...recordingLink(R), send: () => false }
    await backend.onMinerHello({ type: 'hello', minerAddress: R, version: '1', models: [] }, dead)
    expect((await backend.submitCompletion(input(1), hooks())).task.miners[0]!.state).toBe('TimedOut')
    const refusing = new FakeRouterBackend({ admit: () => ({ ok: false, code: 'No', message: 'no' }) })
    expect(await refusing.onMinerHello({ type: 'hello', minerAddress: R, version: '1', models: [] }, recordingLink(R))).toMatchObject({ ok: false })
  })
})
