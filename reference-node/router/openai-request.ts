/**
 * Bodies of the OpenAI-compatible routes, `POST /v1/completions` and `POST /v1/chat/completions`.
 *
 * Like OpenAI's own API, unknown fields are refused. Fields OpenAI defines that a Cortensor task
 * cannot honour (tools, stop sequences, several choices, a client-chosen seed — miners derive the
 * seed from the task so that honest miners agree) are refused as `Unsupported` unless they hold
 * their neutral value, rather than ignored: a client relying on them would otherwise get a silently
 * different answer. Extensions: `top_k`, `session_id`, `timeout`, `precommit_timeout`,
 * `client_reference`, `max_miners`, as on `/api/v1/completions`. `user` is accepted and ignored.
 */
import { renderChatPrompt, type ChatMessage, type ChatRole } from './chat-template.ts'
import type { ChatTemplateName } from './config.ts'
import { FieldError, FieldReader, isJsonObject } from './fields.ts'
import { readLlmFields, type LlmFields } from './llm-params.ts'
import { readTaskOptions, type RequestLimits, type TaskOptions } from './completion-request.ts'

export interface ParsedOpenAiRequest extends LlmFields {
  readonly model: string
  /** The `session_id` extension; otherwise the model's session serves the request. */
  readonly sessionId: number | undefined
  readonly prompt: string
  readonly task: TaskOptions
  readonly stream: boolean
  /** `stream_options.include_usage`: a last chunk with usage and no choices. */
  readonly includeUsage: boolean
}

const EXTENSIONS = ['top_k', 'session_id', 'timeout', 'precommit_timeout', 'client_reference', 'max_miners'] as const
const COMMON = ['model', 'max_tokens', 'temperature', 'top_p', 'stream', 'stream_options', 'presence_penalty', 'frequency_penalty', 'n', 'logprobs', 'logit_bias', 'stop', 'seed', 'user'] as const
const COMPLETION_FIELDS = new Set<string>([...COMMON, ...EXTENSIONS, 'prompt', 'echo', 'best_of', 'suffix'])
const CHAT_ONLY = [
  'messages', 'max_completion_tokens', 'top_logprobs', 'tools', 'tool_choice', 'functions', 'function_call', 'response_format',
  'parallel_tool_calls', 'store', 'metadata', 'service_tier', 'modalities', 'audio', 'prediction', 'reasoning_effort', 'web_search_options',
] as const
const CHAT_FIELDS = new Set<string>([...COMMON, ...EXTENSIONS, ...CHAT_ONLY])
const MESSAGES_MAX = 1024
const MODEL_NAME = { maxBytes: 256, minBytes: 1 } as const

export function parseOpenAiCompletion(body: unknown, limits: RequestLimits): ParsedOpenAiRequest {
  const r = new FieldReader(body)
  r.onlyKnown(COMPLETION_FIELDS)
  checkCommonUnsupported(r)
  r.unsupportedUnless('echo', (v) => v === false, 'the prompt is not echoed')
  r.unsupportedUnless('best_of', (v) => v === 1, 'one result per request')
  r.unsupportedUnless('suffix', (v) => v === '', 'no insertion')
  return finish(r, readPrompt(r, limits), limits, ['max_tokens'])
}

export function parseOpenAiChat(body: unknown, limits: RequestLimits, template: ChatTemplateName): ParsedOpenAiRequest {
  const r = new FieldReader(body)
  r.onlyKnown(CHAT_FIELDS)
  checkCommonUnsupported(r)
  const never = (): boolean => false
  r.unsupportedUnless('top_logprobs', (v) => v === 0, 'no log probabilities')
  for (const name of ['tools', 'functions'] as const) r.unsupportedUnless(name, (v) => Array.isArray(v) && v.length === 0, 'no tool calling')
  for (const name of ['tool_choice', 'function_call'] as const) r.unsupportedUnless(name, (v) => v === 'none', 'no tool calling')
  r.unsupportedUnless('response_format', (v) => isJsonObject(v) && v.type === 'text' && Object.keys(v).length === 1, 'text output only')
  r.unsupportedUnless('parallel_tool_calls', (v) => typeof v === 'boolean', 'no tool calling')
  r.unsupportedUnless('store', (v) => v === false, 'the router stores nothing for OpenAI')
  r.unsupportedUnless('metadata', (v) => isJsonObject(v) && Object.keys(v).length === 0, 'no request metadata')
  r.unsupportedUnless('service_tier', (v) => v === 'auto' || v === 'default', 'one service tier')
  r.unsupportedUnless('modalities', (v) => Array.isArray(v) && v.length === 1 && v[0] === 'text', 'text output only')
  for (const name of ['audio', 'prediction', 'reasoning_effort', 'web_search_options'] as const) r.unsupportedUnless(name, never, 'not offered by Cortensor miners')
  const messages = readMessages(r)
  const prompt = renderChatPrompt(messages, template)
  const maxBytes = limits.params.session.maxTaskDataBytes
  if (Buffer.byteLength(prompt, 'utf8') > maxBytes) {
    throw new FieldError('InvalidField', 'messages', `the conversation renders to a prompt longer than ${maxBytes} bytes`)
  }
  return finish(r, prompt, limits, ['max_completion_tokens', 'max_tokens'])
}

function checkCommonUnsupported(r: FieldReader): void {
  r.unsupportedUnless('n', (v) => v === 1, 'one choice per request')
  r.unsupportedUnless('logprobs', (v) => v === false || v === 0, 'no log probabilities')
  r.unsupportedUnless('logit_bias', (v) => isJsonObject(v) && Object.keys(v).length === 0, 'miners sample without biases')
  r.unsupportedUnless('stop', (v) => Array.isArray(v) && v.length === 0, 'miners stop only at max_tokens or the end of text')
  r.unsupportedUnless('seed', () => false, 'miners derive the seed from the task so their answers agree')
  r.string('user', { maxBytes: 256 })
}

function finish(r: FieldReader, prompt: string, limits: RequestLimits, maxTokensFields: readonly string[]): ParsedOpenAiRequest {
  const model = r.requiredString('model', MODEL_NAME)
  const sessionId = r.integer('session_id', 0, Number.MAX_SAFE_INTEGER)
  const stream = r.boolean('stream') ?? false
  const includeUsage = readStreamOptions(r, stream)
  return { model, sessionId, prompt, stream, includeUsage, task: readTaskOptions(r, limits), ...readLlmFields(r, limits.params, maxTokensFields) }
}

function readStreamOptions(r: FieldReader, stream: boolean): boolean {
  if (!r.has('stream_options')) return false
  if (!stream) throw new FieldError('InvalidField', 'stream_options', 'stream_options is only allowed with stream: true')
  const options = new FieldReader(r.get('stream_options'), 'stream_options')
  options.onlyKnown(new Set(['include_usage']))
  return options.boolean('include_usage') ?? false
}

/** `prompt` is a string, or a list holding one string (token-id prompts are not supported). */
function readPrompt(r: FieldReader, limits: RequestLimits): string {
  const rule = { maxBytes: limits.params.session.maxTaskDataBytes, minBytes: 1 }
  const raw = r.get('prompt')
  if (!Array.isArray(raw)) return r.requiredString('prompt', rule)
  if (raw.length !== 1 || typeof raw[0] !== 'string') {
    throw new FieldError('Unsupported', 'prompt', 'prompt must be a string or a list of exactly one string')
  }
  return new FieldReader({ prompt: raw[0] }).requiredString('prompt', rule)
}

const ROLE_NAMES = ['system', 'developer', 'user', 'assistant', 'tool', 'function'] as const
const MESSAGE_FIELDS = new Set(['role', 'content', 'name'])

function readMessages(r: FieldReader): ChatMessage[] {
  const list = r.requiredArray('messages', MESSAGES_MAX)
  if (list.length === 0) throw new FieldError('InvalidField', 'messages', 'messages must hold at least one message')
  return list.map((value, i) => {
    const m = new FieldReader(value, `messages[${i}]`)
    m.onlyKnown(MESSAGE_FIELDS)
    const role = m.requiredOneOf('role', ROLE_NAMES)
    if (role === 'tool' || role === 'function') throw new FieldError('Unsupported', m.path('role'), `${m.path('role')} ${role} is not supported: no tool calling`)
    m.string('name', { maxBytes: 256 })
    const chatRole: ChatRole = role === 'developer' ? 'system' : role
    return { role: chatRole, content: readContent(m) }
  })
}

/** Content is a string or a list of `{ type: 'text', text }` parts (joined); other parts are unsupported. */
function readContent(m: FieldReader): string {
  const raw = m.get('content')
  if (!Array.isArray(raw)) return m.requiredString('content', { maxBytes: Number.MAX_SAFE_INTEGER })
  const texts: string[] = []
  raw.forEach((part, j) => {
    const p = new FieldReader(part, `${m.path('content')}[${j}]`)
    p.onlyKnown(new Set(['type', 'text']))
    const type = p.requiredString('type', { maxBytes: 64 })
    if (type !== 'text') throw new FieldError('Unsupported', p.path('type'), `${p.path('type')} ${type} is not supported: text parts only`)
    texts.push(p.requiredString('text', { maxBytes: Number.MAX_SAFE_INTEGER }))
  })
  return texts.join('')
}
