/**
 * The miner's end of the router WebSocket (the counterpart of ChainRouterBackend): it signs in with
 * the node key, hands every pushed task to the miner role (`onTask`, i.e. `MinerRole.notifyTask`)
 * and acks the push, and relays the role's output for pushed tasks (`relay`, given to the role as
 * `onTaskOutput`): `token` frames while the model writes, one `result` frame when it is done.
 *
 * The chain stays the source of truth: the role acks, precommits and reveals on chain exactly as
 * without a link; the link only makes it start sooner and lets the router stream. A lost link is
 * opened again after a backoff (250 ms doubling to 8 s); a sign-in challenge is answered at once.
 */
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts'
import type { Hex } from 'viem'
import { WebSocket } from 'ws'
import { assertNever } from '../../protocol/core/result.ts'
import type { Address } from '../../protocol/core/types.ts'
import { computeBackoffDelayMs, type BackoffOptions } from '../chain/retry.ts'
import type { Logger } from '../roles/log.ts'
import type { TaskOutputEvent } from '../roles/miner-tasks.ts'
import { SIGN_IN_CHALLENGE_CODE, buildSignInMessage, parseSignInChallenge } from './chain-backend-signin.ts'
import { WS_PROTOCOL_VERSION, encodeWsMessage, parseRouterFrame, type MinerToRouter } from './ws-schema.ts'

export interface MinerLinkOptions {
  /** The router's miner endpoint, e.g. `ws://127.0.0.1:9001/ws`. */
  readonly url: string
  /** The node key (its address is the miner's). */
  readonly privateKey: Hex
  /** The chain the node is on: a challenge for another chain is not signed. */
  readonly chainId: number
  /** When set, a challenge naming another router is not signed (it was relayed). */
  readonly routerAddress?: Address
  /** Model names announced in the hello. */
  readonly models: readonly string[]
  /** A miner token, for a router configured with some. */
  readonly token?: string
  /** A task was pushed: start on it (MinerRole.notifyTask). */
  readonly onTask: (sessionId: number, taskId: number) => void
  readonly log: Logger
  /** Closes the link for good. */
  readonly signal: AbortSignal
  readonly backoff?: BackoffOptions
}

export const MINER_LINK_BACKOFF: BackoffOptions = { initialDelayMs: 250, maxDelayMs: 8_000, factor: 2, maxAttempts: Number.POSITIVE_INFINITY }
/** Pushed tasks remembered at most (a task whose output never comes must not stay forever). */
const PUSHED_MAX = 1024

export class MinerRouterLink {
  readonly address: Address
  private readonly account: PrivateKeyAccount
  private ws: WebSocket | null = null
  private signedHello: { nonce: string; sig: string } | null = null
  /** Signing a challenge; the router closes the link meanwhile, and the reconnect waits for it. */
  private signing: Promise<void> | null = null
  private failures = 0
  private retryTimer: NodeJS.Timeout | undefined
  private readonly pushed = new Set<string>()
  private welcomed = false
  private readonly welcomeWaiters: (() => void)[] = []
  /** The last refusal the router sent (code and message), for logs and tests. */
  lastRefusal: { readonly code: string; readonly message: string } | null = null

  constructor(private readonly options: MinerLinkOptions) {
    this.account = privateKeyToAccount(options.privateKey)
    this.address = this.account.address.toLowerCase() as Address
    options.signal.addEventListener('abort', () => this.stop(), { once: true })
  }

  /** Opens the link (and keeps it open until the signal fires). */
  start(): this {
    if (!this.options.signal.aborted) this.open()
    return this
  }

  /** Signed in and welcomed by the router now. */
  get connected(): boolean {
    return this.welcomed
  }

  /** Resolves at the next welcome (at once when connected). */
  whenConnected(): Promise<void> {
    if (this.welcomed) return Promise.resolve()
    return new Promise((resolve) => this.welcomeWaiters.push(resolve))
  }

  /** The role's output: relayed for tasks the router pushed over this link. */
  readonly relay = (event: TaskOutputEvent): void => {
    const key = `${event.sessionId}/${event.taskId}`
    if (!this.pushed.has(key)) return
    switch (event.type) {
      case 'token':
        this.send({ type: 'token', sessionId: event.sessionId, taskId: event.taskId, index: event.index, text: event.text })
        return
      case 'result': {
        const { sessionId, taskId, text, dataHash, promptTokens, outputTokens, inferenceMs, stopReason } = event
        this.send({ type: 'result', sessionId, taskId, text, dataHash, promptTokens, outputTokens, inferenceMs, stopReason })
        this.pushed.delete(key)
        return
      }
      default:
        assertNever(event, 'task output')
    }
  }

  private open(): void {
    const ws = new WebSocket(this.options.url)
    this.ws = ws
    ws.on('open', () => this.sayHello())
    ws.on('message', (data) => this.onFrame(String(data)))
    ws.on('error', (error) => this.options.log.debug('router link error', { url: this.options.url, error: error.message }))
    ws.on('close', (code) => void this.onClose(code))
  }

  private sayHello(): void {
    const o = this.options
    const signed = this.signedHello
    this.signedHello = null
    this.send({ type: 'hello', minerAddress: this.address, version: WS_PROTOCOL_VERSION, models: [...o.models], ...(o.token === undefined ? {} : { token: o.token }), ...(signed ?? {}) })
  }

  private onFrame(data: string): void {
    const parsed = parseRouterFrame(data, { textMaxBytes: 1 << 20 })
    if (!parsed.ok) {
      this.options.log.warn('router sent an invalid frame', { error: parsed.message })
      return
    }
    const m = parsed.message
    switch (m.type) {
      case 'hello':
        return this.onWelcome(m.routerAddress)
      case 'task': {
        const key = `${m.sessionId}/${m.taskId}`
        if (this.pushed.size >= PUSHED_MAX) this.pushed.delete(this.pushed.values().next().value!)
        this.pushed.add(key)
        this.send({ type: 'ack', sessionId: m.sessionId, taskId: m.taskId })
        this.options.onTask(m.sessionId, m.taskId)
        return
      }
      case 'cancel':
        this.pushed.delete(`${m.sessionId}/${m.taskId}`)
        return
      case 'error':
        this.signing = this.onRefusal(m.code, m.message)
          .catch((error: unknown) => this.options.log.warn('sign-in failed', { error: error instanceof Error ? error.message : String(error) }))
          .finally(() => (this.signing = null))
        return
      case 'ping':
        return this.send({ type: 'pong', nonce: m.nonce })
      case 'pong':
        return
      default:
        return assertNever(m, 'router message')
    }
  }

  private onWelcome(routerAddress: Address): void {
    this.welcomed = true
    this.failures = 0
    this.lastRefusal = null
    this.options.log.info('router link open', { url: this.options.url, router: routerAddress })
    for (const wake of this.welcomeWaiters.splice(0)) wake()
  }

  /** A refusal; a sign-in challenge is signed (if it is for our chain and router) for the next hello. */
  private async onRefusal(code: string, message: string): Promise<void> {
    this.lastRefusal = { code, message }
    if (code !== SIGN_IN_CHALLENGE_CODE) {
      this.options.log.warn('router refused', { code, message })
      return
    }
    const challenge = parseSignInChallenge(message)
    const o = this.options
    if (challenge === null || challenge.chainId !== o.chainId || (o.routerAddress !== undefined && challenge.routerAddress !== o.routerAddress)) {
      o.log.warn('router sign-in challenge not signed', { message, chainId: o.chainId, router: o.routerAddress ?? null })
      return
    }
    const sig = await this.account.signMessage({ message: buildSignInMessage({ ...challenge, minerAddress: this.address }) })
    this.signedHello = { nonce: challenge.nonce, sig }
  }

  private async onClose(code: number): Promise<void> {
    this.ws = null
    this.welcomed = false
    await this.signing
    if (this.options.signal.aborted) return
    // A challenge to answer reconnects at once; anything else waits a growing backoff.
    const delayMs = this.signedHello !== null ? 0 : computeBackoffDelayMs(++this.failures, this.options.backoff ?? MINER_LINK_BACKOFF)
    this.options.log.debug('router link closed', { code, retryInMs: delayMs })
    this.retryTimer = setTimeout(() => this.open(), delayMs)
  }

  private send(message: MinerToRouter): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(encodeWsMessage(message))
  }

  private stop(): void {
    clearTimeout(this.retryTimer)
    this.ws?.close(1000, 'miner stopping')
    this.ws = null
    this.welcomed = false
  }
}
