// Goal: the official `openai` npm client (v6) works against the router — models, text and chat
// completions, streamed and not — and sees the router's errors as its own typed errors.
// Method: a real router on 127.0.0.1 over FakeRouterBackend; the client with baseURL `<url>/v1`
// and no retries; answers compared with the task the backend stored.
import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderChatPrompt } from './chat-template.ts'
import { FakeRouterBackend } from './fake-backend.ts'
import { TEST_TOKEN, startTestRouter, type TestRouter } from './test-support.ts'

let t: TestRouter
let backend: FakeRouterBackend
let client: OpenAI

beforeAll(async () => {
  backend = new FakeRouterBackend()
  t = await startTestRouter({}, backend)
  client = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: TEST_TOKEN, maxRetries: 0, timeout: 10_000 })
})
afterAll(() => t.close())

async function lastTask(sessionId = 0) {
  const page = await backend.listTasks(sessionId, { offset: 0, limit: 1 })
  return page.items[0]!
}

describe('openai client', () => {
  it('lists the model catalog', async () => {
    const models = await client.models.list()
    expect(models.data.map((m) => m.id)).toEqual(['fake-stories'])
    const one = await client.models.retrieve('fake-stories')
    expect(one.owned_by).toBe('cortensor')
  })

  it('text completion, not streamed', async () => {
    const r = await client.completions.create({ model: 'fake-stories', prompt: 'Once upon a time', max_tokens: 10, temperature: 0 })
    const task = await lastTask()
    expect(r.object).toBe('text_completion')
    expect(r.choices[0]!.text).toBe(task.result!.text)
    expect(r.usage!.completion_tokens).toBe(task.miners[0]!.outputTokens)
    expect(r.model).toBe('fake-stories')
  })

  it('text completion, streamed, with usage at the end', async () => {
    const stream = await client.completions.create({ model: 'fake-stories', prompt: 'Once upon a time', max_tokens: 7, stream: true, stream_options: { include_usage: true } })
    let text = ''
    let usage: OpenAI.CompletionUsage | undefined
    let finish: string | null | undefined
    for await (const chunk of stream) {
      if (chunk.usage) usage = chunk.usage
      for (const c of chunk.choices) {
        text += c.text
        finish = c.finish_reason ?? finish
      }
    }
    const task = await lastTask()
    expect(text).toBe(task.result!.text)
    expect(usage!.completion_tokens).toBe(7)
    expect(finish).toBe('length')
  })

  it('chat completion, not streamed: the prompt is the documented template', async () => {
    const messages = [
      { role: 'system' as const, content: 'You tell stories.' },
      { role: 'user' as const, content: 'Tell me one.' },
    ]
    const r = await client.chat.completions.create({ model: 'fake-stories', messages, max_tokens: 9 })
    const task = await lastTask()
    expect(task.prompt).toBe(renderChatPrompt(messages, 'plain'))
    expect(r.object).toBe('chat.completion')
    expect(r.choices[0]!.message).toMatchObject({ role: 'assistant', content: task.result!.text })
  })

  it('chat completion, streamed: a role delta, content deltas, a finish reason', async () => {
    const stream = await client.chat.completions.create({ model: 'fake-stories', messages: [{ role: 'user', content: 'Hi' }], max_tokens: 5, stream: true })
    const deltas: OpenAI.Chat.Completions.ChatCompletionChunk.Choice.Delta[] = []
    let finish: string | null = null
    for await (const chunk of stream) {
      for (const c of chunk.choices) {
        deltas.push(c.delta)
        finish = c.finish_reason ?? finish
      }
    }
    expect(deltas[0]).toEqual({ role: 'assistant', content: '' })
    expect(deltas.map((d) => d.content ?? '').join('')).toBe((await lastTask()).result!.text)
    expect(finish).toBe('length')
  })

  it('the session_id extension picks the session', async () => {
    await client.completions.create({ model: 'fake-stories', prompt: 'x y', max_tokens: 2, session_id: 1 } as OpenAI.CompletionCreateParamsNonStreaming)
    expect((await lastTask(1)).prompt).toBe('x y')
  })

  it('errors arrive as the client’s typed errors with the router’s message', async () => {
    await expect(client.completions.create({ model: 'nope', prompt: 'x' })).rejects.toBeInstanceOf(OpenAI.NotFoundError)
    const bad = client.chat.completions.create({ model: 'fake-stories', messages: [{ role: 'user', content: 'x' }], n: 2 })
    await expect(bad).rejects.toBeInstanceOf(OpenAI.BadRequestError)
    await expect(bad).rejects.toThrow(/n is not supported/)
    const wrongKey = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: 'wrong-token-123', maxRetries: 0 })
    await expect(wrongKey.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError)
  })

  it('a backend failure after streaming started ends the stream with an error the client throws', async () => {
    const b = new FakeRouterBackend({ tokenDelayMs: 200 })
    const other = await startTestRouter({}, b)
    const c = new OpenAI({ baseURL: `${other.url}/v1`, apiKey: TEST_TOKEN, maxRetries: 0 })
    try {
      // Timeout 1 s, a token every 200 ms, at least 8 tokens (FakeInference): the stream starts, then times out.
      const stream = await c.completions.create({ model: 'fake-stories', prompt: 'a', max_tokens: 1000, stream: true, timeout: 1 } as OpenAI.CompletionCreateParamsStreaming)
      const seen: string[] = []
      await expect(
        (async () => {
          for await (const chunk of stream) seen.push(chunk.choices[0]?.text ?? '')
        })(),
      ).rejects.toThrow(/did not finish within its timeout/)
      expect(seen.length).toBeGreaterThan(0)
    } finally {
      await other.close()
    }
  })
})
