/**
 * The router ↔ miner WebSocket protocol (cortensor-protocol.md §11.3, §15.15: Cortensor does not
 * publish one, so this is ours). Every frame is one JSON text message with a `type`:
 *
 *   miner → router: hello (first, once) · ack · token · result · error · ping · pong
 *   router → miner: hello (the welcome) · task · cancel · error · ping · pong
 *
 * The chain stays the source of truth: a `result` here is the off-chain copy the router streams
 * and reports; the miner still precommits and commits on chain. Both directions are parsed
 * strictly (unknown fields and types are rejected), so a miner and router of different versions
 * fail loudly instead of misreading each other. This file is the whole schema.
 */
import { isHex32, type Hex32 } from '../../protocol/core/commit.ts'
import { assertNever } from '../../protocol/core/result.ts'
import { toAddress, type Address } from '../../protocol/core/types.ts'
import { FieldError, FieldReader, isJsonObject } from './fields.ts'

/** Version string a miner puts in its hello; the router accepts this major version. */
export const WS_PROTOCOL_VERSION = '1'

const ID_MAX = Number.MAX_SAFE_INTEGER
const SHORT = { maxBytes: 128 } as const
const MESSAGE_TEXT = { maxBytes: 1024 } as const
const MODELS_MAX = 32
const STOP_REASONS = ['maxTokens', 'endOfText', 'contextFull', 'aborted'] as const

export interface MinerHello {
  readonly type: 'hello'
  readonly minerAddress: Address
  readonly version: string
  /** Model names the miner serves. */
  readonly models: readonly string[]
  /** A miner token, when the router is configured with some. */
  readonly token?: string
  /** Opaque proof of the address (e.g. a signature over a nonce); checked by the backend. */
  readonly nonce?: string
  readonly sig?: string
}

export interface TaskRef {
  readonly sessionId: number
  readonly taskId: number
}

export type MinerMessage =
  | ({ readonly type: 'ack' } & TaskRef)
  | ({ readonly type: 'token'; readonly index: number; readonly text: string } & TaskRef)
  | ({
      readonly type: 'result'
      readonly text: string
      /** The hash the miner precommitted (or will precommit) for `text`. */
      readonly dataHash: Hex32
      readonly promptTokens: number
      readonly outputTokens: number
      readonly inferenceMs: number
      readonly stopReason: (typeof STOP_REASONS)[number]
    } & TaskRef)
  | ({ readonly type: 'error'; readonly code: string; readonly message: string } & TaskRef)

/** Liveness, in both directions: a ping is answered with a pong carrying the same nonce. */
export type Heartbeat = { readonly type: 'ping'; readonly nonce: number } | { readonly type: 'pong'; readonly nonce: number }

export type MinerToRouter = MinerHello | MinerMessage | Heartbeat

export type RouterMessage =
  | { readonly type: 'hello'; readonly routerAddress: Address; readonly heartbeatMs: number }
  | ({
      readonly type: 'task'
      readonly prompt: string
      readonly promptType: number
      readonly promptTemplate: string
      /** On-chain encoding (§4.3); the miner decodes it with protocol/session/llm.ts. */
      readonly llmParams: readonly number[]
      readonly precommitTimeoutMs: number
      /** Sampler seed, the same for every miner of the task. */
      readonly seed: number
    } & TaskRef)
  | ({ readonly type: 'cancel'; readonly reason: string } & TaskRef)
  | { readonly type: 'error'; readonly code: string; readonly message: string; readonly field?: string }
  | Heartbeat

export interface WsLimits {
  /** Longest `text` of a token or result message, in UTF-8 bytes. */
  readonly textMaxBytes: number
}

export type WsParseResult<T> = { readonly ok: true; readonly message: T } | { readonly ok: false; readonly code: 'InvalidJson' | 'InvalidMessage'; readonly message: string; readonly field?: string }

/** Parses one frame from a miner. */
export function parseMinerFrame(data: string, limits: WsLimits): WsParseResult<MinerToRouter> {
  return parseFrame(data, (r) => readMinerMessage(r, limits))
}

/** Parses one frame from the router (for miners and tests). */
export function parseRouterFrame(data: string, limits: WsLimits): WsParseResult<RouterMessage> {
  return parseFrame(data, (r) => readRouterMessage(r, limits))
}

function parseFrame<T>(data: string, read: (r: FieldReader) => T): WsParseResult<T> {
  let value: unknown
  try {
    value = JSON.parse(data)
  } catch {
    return { ok: false, code: 'InvalidJson', message: 'frame is not valid JSON' }
  }
  try {
    if (!isJsonObject(value)) return { ok: false, code: 'InvalidMessage', message: 'frame must be a JSON object with a type' }
    return { ok: true, message: read(new FieldReader(value)) }
  } catch (error) {
    if (error instanceof FieldError) return { ok: false, code: 'InvalidMessage', message: error.message, field: error.field }
    throw error
  }
}

const MINER_FIELDS: Readonly<Record<MinerToRouter['type'], ReadonlySet<string>>> = {
  hello: new Set(['type', 'minerAddress', 'version', 'models', 'token', 'nonce', 'sig']),
  ack: new Set(['type', 'sessionId', 'taskId']),
  token: new Set(['type', 'sessionId', 'taskId', 'index', 'text']),
  result: new Set(['type', 'sessionId', 'taskId', 'text', 'dataHash', 'promptTokens', 'outputTokens', 'inferenceMs', 'stopReason']),
  error: new Set(['type', 'sessionId', 'taskId', 'code', 'message']),
  ping: new Set(['type', 'nonce']),
  pong: new Set(['type', 'nonce']),
}

const ROUTER_FIELDS: Readonly<Record<RouterMessage['type'], ReadonlySet<string>>> = {
  hello: new Set(['type', 'routerAddress', 'heartbeatMs']),
  task: new Set(['type', 'sessionId', 'taskId', 'prompt', 'promptType', 'promptTemplate', 'llmParams', 'precommitTimeoutMs', 'seed']),
  cancel: new Set(['type', 'sessionId', 'taskId', 'reason']),
  error: new Set(['type', 'code', 'message', 'field']),
  ping: new Set(['type', 'nonce']),
  pong: new Set(['type', 'nonce']),
}

const MINER_TYPES = Object.keys(MINER_FIELDS) as MinerToRouter['type'][]
const ROUTER_TYPES = Object.keys(ROUTER_FIELDS) as RouterMessage['type'][]

function readMinerMessage(r: FieldReader, limits: WsLimits): MinerToRouter {
  const type = r.requiredOneOf('type', MINER_TYPES)
  r.onlyKnown(MINER_FIELDS[type])
  switch (type) {
    case 'hello':
      return readHello(r)
    case 'ack':
      return { type, ...readTaskRef(r) }
    case 'token':
      return { type, ...readTaskRef(r), index: r.requiredInteger('index', 0, ID_MAX), text: r.requiredString('text', { maxBytes: limits.textMaxBytes }) }
    case 'result':
      return {
        type,
        ...readTaskRef(r),
        text: r.requiredString('text', { maxBytes: limits.textMaxBytes }),
        dataHash: readHex32(r, 'dataHash'),
        promptTokens: r.requiredInteger('promptTokens', 0, ID_MAX),
        outputTokens: r.requiredInteger('outputTokens', 0, ID_MAX),
        inferenceMs: r.requiredNumber('inferenceMs', 0, Number.MAX_VALUE),
        stopReason: r.requiredOneOf('stopReason', STOP_REASONS),
      }
    case 'error':
      return { type, ...readTaskRef(r), code: r.requiredString('code', SHORT), message: r.requiredString('message', MESSAGE_TEXT) }
    case 'ping':
    case 'pong':
      return { type, nonce: r.requiredInteger('nonce', 0, ID_MAX) }
    default:
      return assertNever(type, 'miner message type')
  }
}

function readHello(r: FieldReader): MinerHello {
  const minerAddress = readAddress(r, 'minerAddress')
  const version = r.requiredString('version', { maxBytes: 32, minBytes: 1 })
  const names = r.requiredArray('models', MODELS_MAX).map((value, i) => readModelName(value, `${r.path('models')}[${i}]`))
  const token = r.string('token', { maxBytes: 256 })
  const nonce = r.string('nonce', SHORT)
  const sig = r.string('sig', { maxBytes: 1024 })
  return {
    type: 'hello',
    minerAddress,
    version,
    models: names,
    ...(token === undefined ? {} : { token }),
    ...(nonce === undefined ? {} : { nonce }),
    ...(sig === undefined ? {} : { sig }),
  }
}

function readModelName(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > SHORT.maxBytes) {
    throw new FieldError('InvalidField', path, `${path} must be a model name of 1 to ${SHORT.maxBytes} characters`)
  }
  return value
}

function readRouterMessage(r: FieldReader, limits: WsLimits): RouterMessage {
  const type = r.requiredOneOf('type', ROUTER_TYPES)
  r.onlyKnown(ROUTER_FIELDS[type])
  switch (type) {
    case 'hello':
      return { type, routerAddress: readAddress(r, 'routerAddress'), heartbeatMs: r.requiredInteger('heartbeatMs', 1, ID_MAX) }
    case 'task':
      return {
        type,
        ...readTaskRef(r),
        prompt: r.requiredString('prompt', { maxBytes: limits.textMaxBytes }),
        promptType: r.requiredInteger('promptType', 0, ID_MAX),
        promptTemplate: r.requiredString('promptTemplate', { maxBytes: limits.textMaxBytes }),
        llmParams: readIntegerList(r, 'llmParams'),
        precommitTimeoutMs: r.requiredInteger('precommitTimeoutMs', 1, ID_MAX),
        seed: r.requiredInteger('seed', 0, 2 ** 32 - 1),
      }
    case 'cancel':
      return { type, ...readTaskRef(r), reason: r.requiredString('reason', MESSAGE_TEXT) }
    case 'error': {
      const field = r.string('field', SHORT)
      return { type, code: r.requiredString('code', SHORT), message: r.requiredString('message', MESSAGE_TEXT), ...(field === undefined ? {} : { field }) }
    }
    case 'ping':
    case 'pong':
      return { type, nonce: r.requiredInteger('nonce', 0, ID_MAX) }
    default:
      return assertNever(type, 'router message type')
  }
}

function readTaskRef(r: FieldReader): TaskRef {
  return { sessionId: r.requiredInteger('sessionId', 0, ID_MAX), taskId: r.requiredInteger('taskId', 0, ID_MAX) }
}

function readAddress(r: FieldReader, name: string): Address {
  const raw = r.requiredString(name, { maxBytes: 42 })
  const address = toAddress(raw)
  if (address === undefined) throw new FieldError('InvalidField', r.path(name), `${r.path(name)} must be a 20-byte 0x hex address`)
  return address
}

function readHex32(r: FieldReader, name: string): Hex32 {
  const raw = r.requiredString(name, { maxBytes: 66 }).toLowerCase()
  if (!isHex32(raw)) throw new FieldError('InvalidField', r.path(name), `${r.path(name)} must be a 32-byte 0x hex hash`)
  return raw
}

function readIntegerList(r: FieldReader, name: string): number[] {
  const list = r.requiredArray(name, 64)
  return list.map((v, i) => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new FieldError('InvalidField', `${r.path(name)}[${i}]`, `${r.path(name)}[${i}] must be a non-negative integer`)
    return v
  })
}

/** Serialises a message; the counterpart of the parsers (kept here so both ends share it). */
export function encodeWsMessage(message: RouterMessage | MinerToRouter): string {
  return JSON.stringify(message)
}
