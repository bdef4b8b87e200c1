// Goal: the miner's end of the router link signs in only for its chain and router, acks and hands
// over each pushed task, relays output only for pushed tasks (and none after a cancel), answers
// pings, survives bad frames and refusals, reconnects after a lost link, and stays closed after
// its signal fires. Method: a scripted WebSocket server on 127.0.0.1 playing the router, frames
// checked with the schema parser; signatures checked with verifySignIn.
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocketServer, type WebSocket } from 'ws'
import type { Hex32 } from '../../protocol/core/commit.ts'
import { createMemoryLogger } from '../roles/log.ts'
import { MinerRouterLink } from './chain-backend-miner-link.ts'
import { formatSignInChallenge, verifySignIn } from './chain-backend-signin.ts'
import { testKey } from './chain-backend-testing.ts'
import { encodeWsMessage, parseMinerFrame, type MinerToRouter, type RouterMessage } from './ws-schema.ts'

/** One connection as the scripted router sees it. */
class Peer {
  readonly frames: MinerToRouter[] = []
  private waiters: (() => void)[] = []
  closed = false

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const parsed = parseMinerFrame(String(data), { textMaxBytes: 1 << 20 })
      if (!parsed.ok) throw new Error(parsed.message)
      this.frames.push(parsed.message)
      for (const w of this.waiters.splice(0)) w()
    })
    ws.on('close', () => {
      this.closed = true
      for (const w of this.waiters.splice(0)) w()
    })
  }

  async frame(index: number): Promise<MinerToRouter> {
    while (this.frames.length <= index) {
      if (this.closed) throw new Error(`closed after ${this.frames.length} frames`)
      await new Promise<void>((resolve) => this.waiters.push(resolve))
    }
    return this.frames[index]!
  }

  whenClosed(): Promise<void> {
    return this.closed ? Promise.resolve() : new Promise<void>((resolve) => this.ws.once('close', () => resolve()))
  }

  send(m: RouterMessage | string): void {
    this.ws.send(typeof m === 'string' ? m : encodeWsMessage(m))
  }

  /** Refuses like the router does: an error frame, then close 4403. */
  refuse(code: string, message: string): void {
    this.send({ type: 'error', code, message })
    this.ws.close(4403, code)
  }
}

const miner = testKey('link-miner')
const router = testKey('link-router').address
let wss: WebSocketServer
let url: string
let peers: Peer[] = []
let peerWaiters: (() => void)[] = []

beforeAll(async () => {
  wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
  wss.on('connection', (ws) => {
    peers.push(new Peer(ws))
    for (const w of peerWaiters.splice(0)) w()
  })
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
  url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/ws`
})
afterAll(() => new Promise<void>((resolve) => wss.close(() => resolve())))

async function peer(index: number): Promise<Peer> {
  while (peers.length <= index) await new Promise<void>((resolve) => peerWaiters.push(resolve))
  return peers[index]!
}

function startLink(overrides: { chainId?: number; routerAddress?: `0x${string}` } = {}) {
  peers = []
  peerWaiters = []
  const controller = new AbortController()
  const tasks: string[] = []
  const log = createMemoryLogger('link')
  const link = new MinerRouterLink({
    url, privateKey: miner.privateKey, chainId: overrides.chainId ?? 31337, routerAddress: overrides.routerAddress ?? router, models: ['m'], token: 'miner-token-123',
    onTask: (s, t) => tasks.push(`${s}/${t}`), log, signal: controller.signal, backoff: { initialDelayMs: 20, maxDelayMs: 40, factor: 2, maxAttempts: Number.POSITIVE_INFINITY },
  }).start()
  return { link, controller, tasks, log }
}

const HASH = `0x${'ab'.repeat(32)}` as Hex32

describe('MinerRouterLink', () => {
  it('signs in for its chain and router, then relays pushed tasks only', async () => {
    const { link, controller, tasks } = startLink()
    const first = await peer(0)
    expect(await first.frame(0)).toEqual({ type: 'hello', minerAddress: miner.address, version: '1', models: ['m'], token: 'miner-token-123' })
    const challenge = { nonce: `0x${'cd'.repeat(16)}`, routerAddress: router, chainId: 31337 }
    first.refuse('SignInRequired', formatSignInChallenge(challenge))
    const second = await peer(1)
    const hello = (await second.frame(0)) as Extract<MinerToRouter, { type: 'hello' }>
    expect(hello.nonce).toBe(challenge.nonce)
    expect(await verifySignIn({ ...challenge, minerAddress: miner.address }, hello.sig!)).toBe(true)
    second.send({ type: 'hello', routerAddress: router, heartbeatMs: 1000 })
    await link.whenConnected()
    expect(link.connected).toBe(true)
    await link.whenConnected()

    second.send({ type: 'task', sessionId: 1, taskId: 2, prompt: 'p', promptType: 1, promptTemplate: '', llmParams: [4], precommitTimeoutMs: 1000, seed: 3 })
    expect(await second.frame(1)).toEqual({ type: 'ack', sessionId: 1, taskId: 2 })
    expect(tasks).toEqual(['1/2'])
    link.relay({ type: 'token', sessionId: 9, taskId: 9, index: 0, text: 'not pushed' })
    link.relay({ type: 'token', sessionId: 1, taskId: 2, index: 0, text: 'Once' })
    link.relay({ type: 'result', sessionId: 1, taskId: 2, text: 'Once', dataHash: HASH, promptTokens: 2, outputTokens: 1, inferenceMs: 3, stopReason: 'endOfText' })
    link.relay({ type: 'token', sessionId: 1, taskId: 2, index: 1, text: 'after the result' })
    expect(await second.frame(2)).toEqual({ type: 'token', sessionId: 1, taskId: 2, index: 0, text: 'Once' })
    expect(await second.frame(3)).toMatchObject({ type: 'result', sessionId: 1, taskId: 2, text: 'Once', dataHash: HASH })

    second.send({ type: 'task', sessionId: 1, taskId: 3, prompt: 'p', promptType: 1, promptTemplate: '', llmParams: [4], precommitTimeoutMs: 1000, seed: 3 })
    await second.frame(4)
    second.send({ type: 'cancel', sessionId: 1, taskId: 3, reason: 'timed out' })
    second.send({ type: 'ping', nonce: 7 })
    expect(await second.frame(5)).toEqual({ type: 'pong', nonce: 7 })
    link.relay({ type: 'token', sessionId: 1, taskId: 3, index: 0, text: 'cancelled' })
    second.send({ type: 'pong', nonce: 1 })
    second.send('{not json')
    second.send({ type: 'ping', nonce: 8 })
    expect(await second.frame(6)).toEqual({ type: 'pong', nonce: 8 })
    expect(second.frames).toHaveLength(7)
    controller.abort()
    await second.whenClosed()
    expect(link.connected).toBe(false)
  })

  it('does not sign a challenge for another chain or router, and retries after a backoff', async () => {
    const { link, controller, log } = startLink()
    const first = await peer(0)
    await first.frame(0)
    first.refuse('SignInRequired', formatSignInChallenge({ nonce: `0x${'01'.repeat(16)}`, routerAddress: router, chainId: 1 }))
    const second = await peer(1)
    expect(await second.frame(0)).not.toHaveProperty('sig')
    second.refuse('SignInRequired', formatSignInChallenge({ nonce: `0x${'02'.repeat(16)}`, routerAddress: testKey('relay').address, chainId: 31337 }))
    const third = await peer(2)
    expect(await third.frame(0)).not.toHaveProperty('sig')
    third.refuse('NotRegistered', 'not a node')
    const fourth = await peer(3)
    await fourth.frame(0)
    expect(link.lastRefusal).toEqual({ code: 'NotRegistered', message: 'not a node' })
    expect(log.lines.filter((l) => l.includes('challenge not signed'))).toHaveLength(2)
    expect(log.lines.some((l) => l.includes('router refused'))).toBe(true)
    // A welcome after a lost link: connected again.
    fourth.send({ type: 'hello', routerAddress: router, heartbeatMs: 1000 })
    await link.whenConnected()
    fourth.ws.terminate()
    const fifth = await peer(4)
    expect(await fifth.frame(0)).toMatchObject({ type: 'hello' })
    controller.abort()
  })
})
