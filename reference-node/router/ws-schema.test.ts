// Goal: the WebSocket schema parses every valid message of both directions back to itself and
// refuses every kind of bad frame with InvalidJson or InvalidMessage naming the field.
// Method: literal messages of each type; literal bad frames; fast-check round trips of generated
// valid messages and generated junk frames that must never throw (fixed seeds).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { computeResultHash } from '../../protocol/core/commit.ts'
import { encodeWsMessage, parseMinerFrame, parseRouterFrame, type MinerToRouter, type RouterMessage } from './ws-schema.ts'

const limits = { textMaxBytes: 64 }
const A = '0x00000000000000000000000000000000000000aa'
const HASH = computeResultHash('x')

const minerMessages: MinerToRouter[] = [
  { type: 'hello', minerAddress: A, version: '1.2', models: ['m1', 'm2'], token: 'tok', nonce: 'n', sig: '0xsig' },
  { type: 'hello', minerAddress: A, version: '1', models: [] },
  { type: 'ack', sessionId: 1, taskId: 2 },
  { type: 'token', sessionId: 1, taskId: 2, index: 0, text: ' once' },
  { type: 'result', sessionId: 1, taskId: 2, text: 'x', dataHash: HASH, promptTokens: 3, outputTokens: 1, inferenceMs: 1.5, stopReason: 'endOfText' },
  { type: 'error', sessionId: 1, taskId: 2, code: 'OutOfMemory', message: 'no' },
  { type: 'ping', nonce: 1 },
  { type: 'pong', nonce: 2 },
]

const routerMessages: RouterMessage[] = [
  { type: 'hello', routerAddress: A, heartbeatMs: 30000 },
  { type: 'task', sessionId: 1, taskId: 2, prompt: 'p', promptType: 1, promptTemplate: '', llmParams: [1024, 70, 100, 40, 0, 0, 0], precommitTimeoutMs: 90000, seed: 42 },
  { type: 'cancel', sessionId: 1, taskId: 2, reason: 'aborted' },
  { type: 'error', code: 'X', message: 'y', field: 'dataHash' },
  { type: 'error', code: 'X', message: 'y' },
  { type: 'ping', nonce: 0 },
  { type: 'pong', nonce: 0 },
]

describe('valid messages', () => {
  it.each(minerMessages.map((m) => [m.type, m] as const))('miner %s round-trips', (_, message) => {
    expect(parseMinerFrame(encodeWsMessage(message), limits)).toEqual({ ok: true, message })
  })

  it.each(routerMessages.map((m) => [m.type, m] as const))('router %s round-trips', (_, message) => {
    expect(parseRouterFrame(encodeWsMessage(message), limits)).toEqual({ ok: true, message })
  })

  it('normalises a checksummed address and an upper-case hash to lower case', () => {
    const r = parseMinerFrame(JSON.stringify({ type: 'result', sessionId: 0, taskId: 0, text: 'x', dataHash: HASH.toUpperCase().replace('0X', '0x'), promptTokens: 0, outputTokens: 0, inferenceMs: 0, stopReason: 'aborted' }), limits)
    expect(r.ok && r.message.type === 'result' && r.message.dataHash).toBe(HASH)
    const h = parseMinerFrame(JSON.stringify({ type: 'hello', minerAddress: A.toUpperCase().replace('0X', '0x'), version: '1', models: [] }), limits)
    expect(h.ok && h.message.type === 'hello' && h.message.minerAddress).toBe(A)
  })
})

describe('bad frames', () => {
  it.each<[string, string, string | undefined]>([
    ['{', 'InvalidJson', undefined],
    ['[1]', 'InvalidMessage', undefined],
    ['{"type":"nope"}', 'InvalidMessage', 'type'],
    ['{}', 'InvalidMessage', 'type'],
    ['{"type":"ack","sessionId":1}', 'InvalidMessage', 'taskId'],
    ['{"type":"ack","sessionId":-1,"taskId":0}', 'InvalidMessage', 'sessionId'],
    ['{"type":"ack","sessionId":1.5,"taskId":0}', 'InvalidMessage', 'sessionId'],
    ['{"type":"ack","sessionId":1,"taskId":0,"x":1}', 'InvalidMessage', 'x'],
    ['{"type":"token","sessionId":1,"taskId":0,"index":0,"text":5}', 'InvalidMessage', 'text'],
    [`{"type":"token","sessionId":1,"taskId":0,"index":0,"text":"${'x'.repeat(65)}"}`, 'InvalidMessage', 'text'],
    ['{"type":"hello","minerAddress":"0x12","version":"1","models":[]}', 'InvalidMessage', 'minerAddress'],
    [`{"type":"hello","minerAddress":"${A}","version":"","models":[]}`, 'InvalidMessage', 'version'],
    [`{"type":"hello","minerAddress":"${A}","version":"1","models":[""]}`, 'InvalidMessage', 'models[0]'],
    [`{"type":"hello","minerAddress":"${A}","version":"1","models":"m"}`, 'InvalidMessage', 'models'],
    [`{"type":"hello","minerAddress":"${A}","version":"1","models":[],"token":7}`, 'InvalidMessage', 'token'],
    [`{"type":"result","sessionId":1,"taskId":0,"text":"x","dataHash":"${HASH}","promptTokens":0,"outputTokens":0,"inferenceMs":-1,"stopReason":"endOfText"}`, 'InvalidMessage', 'inferenceMs'],
    [`{"type":"result","sessionId":1,"taskId":0,"text":"x","dataHash":"${HASH}","promptTokens":0,"outputTokens":0,"inferenceMs":1,"stopReason":"tired"}`, 'InvalidMessage', 'stopReason'],
    ['{"type":"ping"}', 'InvalidMessage', 'nonce'],
  ])('miner frame %s → %s (%s)', (frame, code, field) => {
    const r = parseMinerFrame(frame, limits)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.code).toBe(code)
      expect(r.field).toBe(field)
    }
  })

  it.each<[string, string]>([
    ['{"type":"task","sessionId":1,"taskId":2,"prompt":"p","promptType":1,"promptTemplate":"","llmParams":[1,-1],"precommitTimeoutMs":1,"seed":0}', 'llmParams[1]'],
    ['{"type":"task","sessionId":1,"taskId":2,"prompt":"p","promptType":1,"promptTemplate":"","llmParams":[],"precommitTimeoutMs":1,"seed":4294967296}', 'seed'],
    ['{"type":"hello","routerAddress":"x","heartbeatMs":1}', 'routerAddress'],
    ['{"type":"ack","sessionId":1,"taskId":2}', 'type'],
  ])('router frame %s → field %s', (frame, field) => {
    const r = parseRouterFrame(frame, limits)
    expect(r.ok === false && r.field).toBe(field)
  })

  it('property: any frame parses or is refused, never throws', () => {
    const frame = fc.oneof(
      fc.string(),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.record({ type: fc.constantFrom('hello', 'ack', 'token', 'result', 'error', 'ping', 'pong', 'task'), sessionId: fc.jsonValue(), taskId: fc.jsonValue(), text: fc.jsonValue() }, { requiredKeys: ['type'] }).map((v) => JSON.stringify(v)),
    )
    fc.assert(
      fc.property(frame, (f) => {
        for (const r of [parseMinerFrame(f, limits), parseRouterFrame(f, limits)]) {
          if (!r.ok) expect(['InvalidJson', 'InvalidMessage']).toContain(r.code)
        }
      }),
      { seed: 3, numRuns: 1000 },
    )
  })

  it('property: generated valid task refs and tokens round-trip', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(), fc.string({ maxLength: 16 }), (sessionId, taskId, index, text) => {
        const m: MinerToRouter = { type: 'token', sessionId, taskId, index, text }
        expect(parseMinerFrame(encodeWsMessage(m), limits)).toEqual({ ok: true, message: m })
      }),
      { seed: 5, numRuns: 300 },
    )
  })
})
