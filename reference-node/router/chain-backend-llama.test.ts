// Goal: end to end with real inference. A client posts a completion to the router; the router
// submits it on chain; three miners on llama.cpp (stories260K, one thread each) run it and stream
// their tokens over the WebSocket; oracles judge with llama.cpp embeddings. The answer is the
// model's own output, the streamed tokens arrive over SSE, every reveal matches its precommit, PoI
// marks each valid, payments are allocated and can be withdrawn, funds are conserved. The official
// `openai` client (text and chat, streamed and not) works against the same router.
// Method: RouterNet (MemoryChain on a manual clock, pumped during each request) with llama models
// loaded by NodeRuntime; the expected text is a direct llama.cpp completion of the same request
// (the task's decoded llmParams and the task-derived seed the miners use).
import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeLlmParams } from '../../protocol/session/llm.ts'
import { taskKey } from '../../protocol/task/machine.ts'
import { LlamaInference } from '../inference/llama.ts'
import { STORIES_260K_GGUF, requireModelPath } from '../inference/model-files.ts'
import { buildRequestFromLlmParams } from '../inference/request.ts'
import { buildTaskPrompt, computeTaskSeed } from '../roles/prompts.ts'
import { MODEL_NAME, NET_TOKEN, RouterNet } from './chain-backend-testing.ts'
import { parseSseData, postJson } from './test-support.ts'

let rn: RouterNet
let reference: LlamaInference
let client: OpenAI

beforeAll(async () => {
  requireModelPath(STORIES_260K_GGUF, 'stories260K (the test model)')
  reference = await LlamaInference.load({ modelPath: STORIES_260K_GGUF, maxThreads: 1 })
  rn = await RouterNet.start({
    miners: 3,
    model: () => ({ kind: 'llama', modelPath: STORIES_260K_GGUF, maxThreads: 1 }),
    embedder: { kind: 'llama', modelPath: STORIES_260K_GGUF, maxThreads: 1 },
  })
  client = new OpenAI({ baseURL: `${rn.url}/v1`, apiKey: NET_TOKEN, maxRetries: 0, timeout: 30_000 })
}, 60_000)

afterAll(async () => {
  await rn?.dispose()
  await reference?.dispose()
})

/** What llama.cpp writes for the chain's task: the miners' honest answer. */
async function expectedText(sessionId: number, taskId: number): Promise<string> {
  const input = rn.net.chain.taskInputs.get(taskKey(sessionId, taskId))!
  const decoded = decodeLlmParams(input.llmParams, rn.net.params)
  if (!decoded.ok) throw new Error(decoded.message)
  return (await reference.complete(buildRequestFromLlmParams(buildTaskPrompt(input), decoded.llm, computeTaskSeed(sessionId, taskId)))).text
}

function lastTaskId(): number {
  return rn.net.chain.world.sessions.get(rn.sessionId)!.nextTaskId - 1
}

describe('router over the chain with llama.cpp miners', () => {
  it('streams real llama.cpp tokens over SSE and pays the miners after verified reveals and PoI', async () => {
    const reply = await rn.pumping(() => postJson(rn.url, `/api/v1/completions/${rn.sessionId}`, { prompt: 'Once upon a time', max_tokens: 24, temperature: 0.7, top_p: 0.95, top_k: 40, stream: true }, NET_TOKEN))
    expect(reply.status).toBe(200)
    const events = parseSseData(reply.text)
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e) as { choices: { text: string }[]; task_id?: number; miners?: { hash_verified: boolean; poi: { verdict: string } | null; response: string }[]; stream?: { consistent: boolean } })
    const final = chunks.at(-1)!
    const taskId = final.task_id!
    const expected = await expectedText(rn.sessionId, taskId)
    expect(expected.length).toBeGreaterThan(0)
    expect(chunks.slice(0, -1).map((c) => c.choices[0]!.text).join('')).toBe(expected)
    expect(chunks.length).toBeGreaterThan(3)
    expect(final.stream!.consistent).toBe(true)
    expect(final.miners!.map((m) => [m.response, m.hash_verified, m.poi?.verdict])).toEqual([0, 1, 2].map(() => [expected, true, 'valid']))
    const task = rn.net.chain.world.tasks.get(taskKey(rn.sessionId, taskId))!
    expect(task.outcome).toMatchObject({ result: 'success' })
    // Allocated to each miner and to the router's share, then withdrawn by each.
    const payees = [...task.miners.map((s) => s.miner), rn.routerAddress]
    for (const payee of payees) {
      const pending = rn.net.chain.world.nodeAccounts.get(payee)!.pending
      expect(pending).toBeGreaterThan(0n)
      await rn.net.chain.connect(payee).sendCommand({ type: 'withdrawNodePayment', actor: payee })
    }
    await rn.net.step()
    for (const payee of payees) expect(rn.net.chain.world.nodeAccounts.get(payee)).toMatchObject({ pending: 0n, withdrawn: expect.any(BigInt) })
    for (const payee of payees) expect(rn.net.chain.world.nodeAccounts.get(payee)!.withdrawn).toBeGreaterThan(0n)
    expect(rn.net.invariants()).toEqual([])
    expect(rn.net.chain.panics).toEqual([])
  })

  it('works with the official openai client: text and chat, streamed and not', async () => {
    const text = await rn.pumping(() => client.completions.create({ model: MODEL_NAME, prompt: 'The little dog', max_tokens: 16, temperature: 0 }))
    expect(text.choices[0]!.text).toBe(await expectedText(rn.sessionId, lastTaskId()))
    expect(text.usage!.completion_tokens).toBeGreaterThan(0)
    expect(text.usage!.prompt_tokens).toBeGreaterThan(0)

    const streamedText = await rn.pumping(async () => {
      let out = ''
      const stream = await client.completions.create({ model: MODEL_NAME, prompt: 'A cat sat', max_tokens: 12, temperature: 0, stream: true })
      for await (const chunk of stream) for (const c of chunk.choices) out += c.text
      return out
    })
    expect(streamedText).toBe(await expectedText(rn.sessionId, lastTaskId()))

    const chat = await rn.pumping(() => client.chat.completions.create({ model: MODEL_NAME, messages: [{ role: 'user', content: 'Tell me a story.' }], max_tokens: 16, temperature: 0 }))
    expect(chat.choices[0]!.message.content).toBe(await expectedText(rn.sessionId, lastTaskId()))
    expect(rn.net.chain.taskInputs.get(taskKey(rn.sessionId, lastTaskId()))!.taskData).toBe('User: Tell me a story.\nAssistant:')

    const streamedChat = await rn.pumping(async () => {
      let out = ''
      const stream = await client.chat.completions.create({ model: MODEL_NAME, messages: [{ role: 'system', content: 'Be kind.' }, { role: 'user', content: 'Once' }], max_tokens: 12, temperature: 0, stream: true })
      for await (const chunk of stream) out += chunk.choices[0]?.delta.content ?? ''
      return out
    })
    expect(streamedChat).toBe(await expectedText(rn.sessionId, lastTaskId()))
    expect(rn.net.invariants()).toEqual([])
  })
})
