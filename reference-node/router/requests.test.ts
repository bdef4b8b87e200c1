// Goal: the request parsers of the completion routes read every documented field, apply the
// protocol defaults, and refuse each kind of bad body with the code and field the API documents.
// Method: parse literal bodies directly (no server); each refusal checked by code and field.
import { describe, expect, it } from 'vitest'
import { defaultParams } from '../../protocol/params/validate.ts'
import { parseCortensorCompletion } from './completion-request.ts'
import { FieldError } from './fields.ts'
import { parseOpenAiChat, parseOpenAiCompletion } from './openai-request.ts'

const params = defaultParams()
const limits = { params, maxTimeoutS: 600 }

function refusal(parse: () => unknown): { code: string; field: string } {
  try {
    parse()
  } catch (error) {
    expect(error).toBeInstanceOf(FieldError)
    return { code: (error as FieldError).code, field: (error as FieldError).field }
  }
  throw new Error('accepted')
}

describe('parseCortensorCompletion', () => {
  it('reads every field', () => {
    const { input, stream } = parseCortensorCompletion(
      {
        session_id: 4, prompt: 'p', prompt_type: 2, prompt_template: 't', stream: true, timeout: 30, precommit_timeout: 10, client_reference: 'c',
        max_tokens: 9, temperature: 0.2, top_p: 0.9, top_k: 5, presence_penalty: 0.1, frequency_penalty: 0.3, max_miners: 2,
      },
      undefined,
      limits,
    )
    expect(stream).toBe(true)
    expect(input).toEqual({
      sessionId: 4, prompt: 'p', promptType: 2, promptTemplate: 't', timeoutMs: 30_000, precommitTimeoutMs: 10_000, clientReference: 'c', maxMiners: 2,
      llm: { maxTokens: 9, temperature: 0.2, topP: 0.9, topK: 5, presencePenalty: 0.1, frequencyPenalty: 0.3 },
      llmParams: [9, 20, 90, 5, 10, 30, 0],
    })
  })

  it('defaults: raw prompt type, the protocol task budget and precommit deadline, no stream', () => {
    const { input, stream } = parseCortensorCompletion({ prompt: 'p', session_id: null }, 3, limits)
    expect(stream).toBe(false)
    expect(input).toMatchObject({ sessionId: 3, promptType: 1, promptTemplate: '', timeoutMs: params.userTask.totalTimeoutMs, precommitTimeoutMs: params.userTask.precommitDeadlineMs, clientReference: null, maxMiners: null })
  })

  it.each<[unknown, string, string]>([
    [{ prompt: 'p' }, 'MissingField', 'session_id'],
    [{ session_id: 0 }, 'MissingField', 'prompt'],
    [{ session_id: 0, prompt: '' }, 'InvalidField', 'prompt'],
    [{ session_id: 0, prompt: 'x'.repeat(params.session.maxTaskDataBytes + 1) }, 'InvalidField', 'prompt'],
    [{ session_id: 0, prompt: 'é'.repeat(params.session.maxTaskDataBytes / 2 + 1) }, 'InvalidField', 'prompt'],
    [{ session_id: 0, prompt: 'p', max_token: 3 }, 'UnknownField', 'max_token'],
    [{ session_id: 0, prompt: 'p', timeout: 601 }, 'InvalidField', 'timeout'],
    [{ session_id: 0, prompt: 'p', stream: 'true' }, 'InvalidField', 'stream'],
    [{ session_id: 0, prompt: 'p', max_miners: 0 }, 'InvalidField', 'max_miners'],
    [{ session_id: 0, prompt: 'p', client_reference: 'r'.repeat(params.session.maxClientReferenceBytes + 1) }, 'InvalidField', 'client_reference'],
    [{ session_id: 0, prompt: 'p', temperature: 1e400 }, 'InvalidField', 'temperature'],
    ['text', 'InvalidField', ''],
  ])('%j → %s %s', (body, code, field) => {
    expect(refusal(() => parseCortensorCompletion(body, undefined, limits))).toEqual({ code, field })
  })

  it('a body session differing from the path is refused; the same one is fine', () => {
    expect(refusal(() => parseCortensorCompletion({ session_id: 1, prompt: 'p' }, 2, limits))).toEqual({ code: 'InvalidField', field: 'session_id' })
    expect(parseCortensorCompletion({ session_id: 2, prompt: 'p' }, 2, limits).input.sessionId).toBe(2)
  })

  it('reads only own properties (no prototype keys)', () => {
    const body = JSON.parse('{"session_id":0,"prompt":"p","__proto__":{"stream":true}}') as unknown
    expect(refusal(() => parseCortensorCompletion(body, undefined, limits))).toEqual({ code: 'UnknownField', field: '__proto__' })
  })
})

describe('parseOpenAiCompletion', () => {
  it('reads the OpenAI fields and the Cortensor extensions; a one-string list is a prompt', () => {
    const r = parseOpenAiCompletion({ model: 'm', prompt: ['hello'], max_tokens: 3, stream: true, stream_options: { include_usage: true }, n: 1, echo: false, best_of: 1, suffix: '', logprobs: null, stop: [], user: 'u', session_id: 7, top_k: 3 }, limits)
    expect(r).toMatchObject({ model: 'm', prompt: 'hello', sessionId: 7, stream: true, includeUsage: true })
    expect(r.llm.topK).toBe(3)
  })

  it.each<[Record<string, unknown>, string, string]>([
    [{ prompt: 'p' }, 'MissingField', 'model'],
    [{ model: 'm' }, 'MissingField', 'prompt'],
    [{ model: 'm', prompt: ['a', 'b'] }, 'Unsupported', 'prompt'],
    [{ model: 'm', prompt: [1, 2] }, 'Unsupported', 'prompt'],
    [{ model: 'm', prompt: 'p', n: 2 }, 'Unsupported', 'n'],
    [{ model: 'm', prompt: 'p', echo: true }, 'Unsupported', 'echo'],
    [{ model: 'm', prompt: 'p', best_of: 3 }, 'Unsupported', 'best_of'],
    [{ model: 'm', prompt: 'p', suffix: 'x' }, 'Unsupported', 'suffix'],
    [{ model: 'm', prompt: 'p', seed: 1 }, 'Unsupported', 'seed'],
    [{ model: 'm', prompt: 'p', stop: ['\n'] }, 'Unsupported', 'stop'],
    [{ model: 'm', prompt: 'p', logit_bias: { 1: 2 } }, 'Unsupported', 'logit_bias'],
    [{ model: 'm', prompt: 'p', stream_options: { include_usage: true } }, 'InvalidField', 'stream_options'],
    [{ model: 'm', prompt: 'p', stream: true, stream_options: { x: 1 } }, 'UnknownField', 'stream_options.x'],
    [{ model: 'm', prompt: 'p', messages: [] }, 'UnknownField', 'messages'],
    [{ model: 'm', prompt: 'p', frequency_penalty: -1 }, 'InvalidField', 'frequency_penalty'],
    [{ model: 'm', prompt: 'p', user: 5 }, 'InvalidField', 'user'],
  ])('%j → %s %s', (body, code, field) => {
    expect(refusal(() => parseOpenAiCompletion(body, limits))).toEqual({ code, field })
  })
})

describe('parseOpenAiChat', () => {
  const user = { role: 'user', content: 'hi' }

  it('templates the messages, maps developer to system, joins text parts, prefers max_completion_tokens', () => {
    const r = parseOpenAiChat(
      {
        model: 'm', max_tokens: 9, max_completion_tokens: 4, tools: [], tool_choice: 'none', response_format: { type: 'text' }, parallel_tool_calls: false, store: false,
        metadata: {}, service_tier: 'auto', modalities: ['text'], top_logprobs: 0, messages: [{ role: 'developer', content: 'Be brief.', name: 'd' }, { role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] }],
      },
      limits,
      'plain',
    )
    expect(r.prompt).toBe('System: Be brief.\nUser: ab\nAssistant:')
    expect(r.llm.maxTokens).toBe(4)
  })

  it.each<[Record<string, unknown>, string, string]>([
    [{ model: 'm' }, 'MissingField', 'messages'],
    [{ model: 'm', messages: [] }, 'InvalidField', 'messages'],
    [{ model: 'm', messages: 'hi' }, 'InvalidField', 'messages'],
    [{ model: 'm', messages: [5] }, 'InvalidField', 'messages[0]'],
    [{ model: 'm', messages: [{ role: 'user' }] }, 'MissingField', 'messages[0].content'],
    [{ model: 'm', messages: [{ role: 'wizard', content: 'x' }] }, 'InvalidField', 'messages[0].role'],
    [{ model: 'm', messages: [{ role: 'tool', content: 'x' }] }, 'Unsupported', 'messages[0].role'],
    [{ model: 'm', messages: [{ role: 'user', content: 'x', extra: 1 }] }, 'UnknownField', 'messages[0].extra'],
    [{ model: 'm', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: {} }] }] }, 'UnknownField', 'messages[0].content[0].image_url'],
    [{ model: 'm', messages: [{ role: 'user', content: [{ type: 'image' }] }] }, 'Unsupported', 'messages[0].content[0].type'],
    [{ model: 'm', messages: [user], tools: [{}] }, 'Unsupported', 'tools'],
    [{ model: 'm', messages: [user], tool_choice: 'auto' }, 'Unsupported', 'tool_choice'],
    [{ model: 'm', messages: [user], response_format: { type: 'json_object' } }, 'Unsupported', 'response_format'],
    [{ model: 'm', messages: [user], audio: {} }, 'Unsupported', 'audio'],
    [{ model: 'm', messages: [user], parallel_tool_calls: 'yes' }, 'Unsupported', 'parallel_tool_calls'],
    [{ model: 'm', messages: [user], max_completion_tokens: 0 }, 'InvalidField', 'max_completion_tokens'],
    [{ model: 'm', messages: [{ role: 'user', content: 'x'.repeat(params.session.maxTaskDataBytes) }] }, 'InvalidField', 'messages'],
  ])('%j → %s %s', (body, code, field) => {
    expect(refusal(() => parseOpenAiChat(body, limits, 'plain'))).toEqual({ code, field })
  })
})
