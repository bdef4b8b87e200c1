// Goal: an in-flight task pushes to the assigned miners that are connected, streams only its
// streamer's tokens (the first pushed miner in assignment order, replaced only before its first
// token), refuses out-of-protocol frames with stable codes, and settles its waits on the end, on the
// streamer's result or after the grace time. Method: links that record what they were sent; every
// refusal path exercised directly.
import { describe, expect, it } from 'vitest'
import type { Hex32 } from '../../protocol/core/commit.ts'
import type { Address } from '../../protocol/core/types.ts'
import type { MinerLink, TokenChunk } from './backend.ts'
import type { ConnectedMiner, MinerRegistry } from './chain-backend-miners.ts'
import { TaskInFlight } from './chain-backend-task.ts'
import type { MinerMessage, RouterMessage } from './ws-schema.ts'

const A = '0x00000000000000000000000000000000000000a1' as Address
const B = '0x00000000000000000000000000000000000000b2' as Address
const C = '0x00000000000000000000000000000000000000c3' as Address
const HASH = `0x${'11'.repeat(32)}` as Hex32

function setup(connected: readonly Address[], refusing: readonly Address[] = []) {
  const sent = new Map<Address, RouterMessage[]>()
  const entries = new Map<Address, ConnectedMiner>()
  for (const address of connected) {
    sent.set(address, [])
    const link: MinerLink = { minerAddress: address, remoteAddress: 'test', send: (m) => (refusing.includes(address) ? false : (sent.get(address)!.push(m), true)), close: () => undefined }
    entries.set(address, { hello: { type: 'hello', minerAddress: address, version: '1', models: [] }, link, connectedAtMs: 0, lastSeenAtMs: 0, tasksServed: 0 })
  }
  const tokens: TokenChunk[] = []
  let now = 100
  const registry = { get: (a: Address) => entries.get(a) } as unknown as MinerRegistry
  const task = new TaskInFlight(4, 9, { prompt: 'p', promptType: 1, promptTemplate: '', llmParams: [8], precommitTimeoutMs: 90_000, seed: 5 }, { miners: registry, nowMs: () => now++, onToken: (c) => tokens.push(c) })
  return { task, sent, tokens, entries }
}

const ref = { sessionId: 4, taskId: 9 }
const ack: MinerMessage = { type: 'ack', ...ref }
const token = (index: number, text: string): MinerMessage => ({ type: 'token', ...ref, index, text })
const result: MinerMessage = { type: 'result', ...ref, text: 'ab', dataHash: HASH, promptTokens: 3, outputTokens: 2, inferenceMs: 1, stopReason: 'endOfText' }

describe('TaskInFlight', () => {
  it('pushes the task to connected assigned miners once, and counts what each served', () => {
    const { task, sent, entries } = setup([A, C], [C])
    task.onAssigned([A, B, C])
    task.onAssigned([A, B, C])
    expect(sent.get(A)).toEqual([{ type: 'task', ...ref, prompt: 'p', promptType: 1, promptTemplate: '', llmParams: [8], precommitTimeoutMs: 90_000, seed: 5 }])
    expect([...task.reports.keys()]).toEqual([A])
    expect(entries.get(A)!.tasksServed).toBe(1)
    expect(task.streamingMiner).toBe(A)
    expect(task.isAssigned(B)).toBe(true)
  })

  it('refuses frames out of protocol with stable codes', () => {
    const { task } = setup([A])
    task.onAssigned([A])
    expect(task.onMessage(B, ack)).toMatchObject({ ok: false, code: 'UnknownTask' })
    expect(task.onMessage(A, token(0, 'x'))).toMatchObject({ ok: false, code: 'NotAcked' })
    expect(task.onMessage(A, result)).toMatchObject({ ok: false, code: 'NotAcked' })
    expect(task.onMessage(A, ack)).toBeUndefined()
    expect(task.onMessage(A, ack)).toMatchObject({ ok: false, code: 'AlreadyAcked' })
    expect(task.onMessage(A, token(1, 'x'))).toMatchObject({ ok: false, code: 'TokenOutOfOrder' })
    expect(task.onMessage(A, result)).toBeUndefined()
    expect(task.onMessage(A, result)).toMatchObject({ ok: false, code: 'AlreadyReported' })
    expect(task.reports.get(A)!.result).toMatchObject({ text: 'ab', promptTokens: 3, stopReason: 'endOfText' })
  })

  it("streams the streamer's tokens only, and hands streaming on when it declines before its first token", () => {
    const { task, tokens } = setup([A, B, C])
    task.onAssigned([A, B, C])
    for (const m of [A, B, C]) task.onMessage(m, ack)
    task.onMessage(B, token(0, 'b0'))
    expect(tokens).toEqual([])
    task.onMessage(A, { type: 'error', ...ref, code: 'Busy', message: 'no' })
    expect(task.streamingMiner).toBe(B)
    task.onMessage(B, token(1, 'b1'))
    task.onMinerGone(B)
    // B streamed already: switching now would splice two miners' texts.
    expect(task.streamingMiner).toBe(B)
    task.onMessage(C, token(0, 'c0'))
    expect(tokens).toEqual([{ minerAddress: B, text: 'b1' }])
    task.onMinerGone(A)
  })

  it('moves the stream to a newly assigned miner after a requeue, but not away from one that streamed', () => {
    const { task, tokens } = setup([A, B])
    task.onAssigned([A])
    task.onAssigned([B])
    expect(task.streamingMiner).toBe(B)
    task.onMessage(B, ack)
    task.onMessage(B, token(0, 't'))
    task.onAssigned([A])
    expect(task.streamingMiner).toBe(B)
    expect(tokens).toEqual([{ minerAddress: B, text: 't' }])
  })

  it('settles its waits on the end, the streamer result, a departure, or the grace time', async () => {
    const { task } = setup([A, B])
    expect(task.streamSettled).toBe(true)
    task.onAssigned([A, B])
    task.onMessage(A, ack)
    const ended = task.whenEnded()
    task.onEnded()
    task.onEnded()
    await ended
    expect(task.isEnded).toBe(true)
    await task.whenEnded()
    expect(task.streamSettled).toBe(false)
    const settled = task.whenStreamSettled(10_000)
    task.onMessage(A, result)
    await settled
    const other = setup([A])
    other.task.onAssigned([A])
    const started = Date.now()
    await other.task.whenStreamSettled(30)
    expect(Date.now() - started).toBeGreaterThanOrEqual(25)
    const gone = other.task.whenStreamSettled(10_000)
    other.task.onMinerGone(A)
    await gone
    other.task.onMinerGone(C)
  })

  it('cancels the pushed miners that have not answered', () => {
    const { task, sent } = setup([A, B])
    task.onAssigned([A, B])
    task.onMessage(A, ack)
    task.onMessage(A, result)
    task.cancel('timed out')
    expect(sent.get(A)!.map((m) => m.type)).toEqual(['task'])
    expect(sent.get(B)!.at(-1)).toEqual({ type: 'cancel', ...ref, reason: 'timed out' })
  })
})
