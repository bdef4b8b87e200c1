/**
 * The miners' WebSocket endpoint (schema: ws-schema.ts). Per connection:
 *
 *   awaiting hello ──hello (valid, token ok)──▶ admitting ──backend admits──▶ open ──▶ closed
 *
 * The router owns the transport: schema checks, the miner token, the hello deadline, heartbeats
 * (a JSON ping every `heartbeatMs`; a link silent for twice that is dropped) and the bound on
 * invalid frames. The backend owns the meaning: it admits or refuses a hello, and receives every
 * valid ack/token/result/error. A second admitted hello for the same address replaces the first
 * link (a reconnecting miner must not wait for its dead link to time out).
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, WebSocket, type RawData } from 'ws'
import type { Address } from '../../protocol/core/types.ts'
import { TokenAuth } from './auth.ts'
import type { MinerLink, RouterBackend } from './backend.ts'
import type { RouterOptions } from './config.ts'
import type { RouterMetrics } from './metrics.ts'
import { WS_PROTOCOL_VERSION, encodeWsMessage, parseMinerFrame, type MinerHello, type MinerMessage, type RouterMessage } from './ws-schema.ts'

/** Close codes (4000–4999 are free for applications). */
export const WS_CLOSE = {
  goingAway: 1001,
  backendError: 1011,
  protocolError: 4400,
  unauthorized: 4401,
  refused: 4403,
  helloTimeout: 4408,
  replaced: 4409,
  heartbeatTimeout: 4410,
} as const

/** Invalid frames tolerated per connection before it is closed. */
export const WS_INVALID_FRAMES_MAX = 20
const CONNECTIONS_MAX = 10_000

interface Connection {
  readonly ws: WebSocket
  readonly remoteAddress: string
  phase: 'hello' | 'admitting' | 'open' | 'closed'
  minerAddress: Address | null
  lastSeenMs: number
  invalidFrames: number
  replaced: boolean
  helloTimer: NodeJS.Timeout | undefined
}

export class MinerGateway {
  private readonly wss: WebSocketServer
  private readonly connections = new Set<Connection>()
  private readonly byAddress = new Map<Address, Connection>()
  private readonly minerAuth: TokenAuth | null
  private readonly heartbeat: NodeJS.Timeout
  private nonce = 0

  constructor(
    private readonly options: RouterOptions,
    private readonly backend: RouterBackend,
    private readonly metrics: RouterMetrics,
  ) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.wsMessageMaxBytes })
    this.minerAuth = options.minerTokens.length > 0 ? new TokenAuth(options.minerTokens, false) : null
    this.heartbeat = setInterval(() => this.beat(), options.heartbeatMs)
    this.heartbeat.unref()
  }

  get openCount(): number {
    return this.byAddress.size
  }

  /** Handles an HTTP upgrade; anything but our path gets a 404 and the socket closed. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (req.url ?? '').split('?')[0]
    if (path !== this.options.wsPath || this.connections.size >= CONNECTIONS_MAX) {
      const status = path !== this.options.wsPath ? '404 Not Found' : '503 Service Unavailable'
      const body = JSON.stringify({ error: { code: path !== this.options.wsPath ? 'RouteNotFound' : 'Overloaded', message: `no WebSocket endpoint here (miners connect to ${this.options.wsPath})` } })
      socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)
      return
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req))
  }

  /** Closes every link (1001) and stops the heartbeat. */
  async close(): Promise<void> {
    clearInterval(this.heartbeat)
    for (const c of this.connections) this.closeConnection(c, WS_CLOSE.goingAway, 'router shutting down')
    await new Promise<void>((resolve) => this.wss.close(() => resolve()))
  }

  private accept(ws: WebSocket, req: IncomingMessage): void {
    const c: Connection = {
      ws,
      remoteAddress: `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`,
      phase: 'hello',
      minerAddress: null,
      lastSeenMs: Date.now(),
      invalidFrames: 0,
      replaced: false,
      helloTimer: undefined,
    }
    this.connections.add(c)
    c.helloTimer = setTimeout(() => this.closeConnection(c, WS_CLOSE.helloTimeout, 'no hello in time'), this.options.helloTimeoutMs)
    ws.on('message', (data, isBinary) => this.onFrame(c, data, isBinary))
    ws.on('close', () => this.onClosed(c))
    ws.on('error', () => this.closeConnection(c, WS_CLOSE.protocolError, 'socket error'))
  }

  private onFrame(c: Connection, data: RawData, isBinary: boolean): void {
    if (c.phase === 'closed') return
    c.lastSeenMs = Date.now()
    if (isBinary) return this.refuse(c, 'InvalidMessage', 'binary frames are not part of the protocol; send JSON text')
    const parsed = parseMinerFrame(rawToString(data), { textMaxBytes: this.options.wsMessageMaxBytes })
    if (!parsed.ok) return this.refuse(c, parsed.code, parsed.message, parsed.field)
    const message = parsed.message
    this.metrics.wsMessage('in', message.type)
    if (message.type === 'ping') return void this.send(c, { type: 'pong', nonce: message.nonce })
    if (message.type === 'pong') return
    if (c.phase === 'hello') {
      if (message.type !== 'hello') return this.fatal(c, WS_CLOSE.protocolError, 'HelloFirst', `the first message must be hello, got ${message.type}`)
      return void this.admit(c, message)
    }
    if (c.phase === 'admitting') return this.refuse(c, 'NotAdmitted', 'wait for the router hello before sending')
    if (message.type === 'hello') return this.refuse(c, 'AlreadyAdmitted', 'hello was already accepted on this link')
    this.deliver(c, message)
  }


  private async admit(c: Connection, hello: MinerHello): Promise<void> {
    if (hello.version.split('.')[0] !== WS_PROTOCOL_VERSION) {
      return this.fatal(c, WS_CLOSE.protocolError, 'UnsupportedVersion', `protocol version ${hello.version} is not supported (router speaks ${WS_PROTOCOL_VERSION})`)
    }
    if (this.minerAuth !== null && (hello.token === undefined || !this.minerAuth.isValid(hello.token))) {
      return this.fatal(c, WS_CLOSE.unauthorized, 'InvalidToken', 'the miner token is missing or not valid')
    }
    c.phase = 'admitting'
    clearTimeout(c.helloTimer)
    try {
      const [admission, info] = await Promise.all([this.backend.onMinerHello(hello, this.linkFor(c, hello.minerAddress)), this.backend.info()])
      if (c.phase !== 'admitting') {
        // The socket died while the backend was deciding: tell it the miner it admitted is gone.
        if (admission.ok) this.notifyGone(hello.minerAddress, 'closed during admission')
        return
      }
      if (!admission.ok) return this.fatal(c, WS_CLOSE.refused, admission.code, admission.message)
      const previous = this.byAddress.get(hello.minerAddress)
      if (previous !== undefined) {
        previous.replaced = true
        this.closeConnection(previous, WS_CLOSE.replaced, 'replaced by a newer connection')
      }
      c.phase = 'open'
      c.minerAddress = hello.minerAddress
      this.byAddress.set(hello.minerAddress, c)
      this.metrics.minerConnected()
      this.send(c, { type: 'hello', routerAddress: info.routerAddress, heartbeatMs: this.options.heartbeatMs })
    } catch (error) {
      this.fatal(c, WS_CLOSE.backendError, 'BackendFailed', `the backend failed to admit the miner: ${errorMessage(error)}`)
    }
  }

  private deliver(c: Connection, message: MinerMessage): void {
    try {
      const reply = this.backend.onMinerMessage(c.minerAddress!, message)
      if (reply !== undefined && !reply.ok) this.send(c, { type: 'error', code: reply.code, message: reply.message })
    } catch (error) {
      this.send(c, { type: 'error', code: 'BackendFailed', message: `the backend failed on ${message.type}: ${errorMessage(error)}` })
    }
  }

  private linkFor(c: Connection, minerAddress: Address): MinerLink {
    return {
      minerAddress,
      remoteAddress: c.remoteAddress,
      send: (message) => c.phase === 'open' && this.send(c, message),
      close: (reason) => this.closeConnection(c, WS_CLOSE.refused, reason),
    }
  }

  private send(c: Connection, message: RouterMessage): boolean {
    if (c.ws.readyState !== WebSocket.OPEN || c.ws.bufferedAmount > 4 * this.options.wsMessageMaxBytes) return false
    c.ws.send(encodeWsMessage(message))
    this.metrics.wsMessage('out', message.type)
    return true
  }

  /** Answers a bad frame with an error; too many of them close the link. */
  private refuse(c: Connection, code: string, message: string, field?: string): void {
    this.metrics.countWsInvalid()
    c.invalidFrames++
    if (c.invalidFrames > WS_INVALID_FRAMES_MAX) return this.fatal(c, WS_CLOSE.protocolError, 'TooManyInvalidFrames', `more than ${WS_INVALID_FRAMES_MAX} invalid frames`)
    this.send(c, { type: 'error', code, message, ...(field === undefined ? {} : { field }) })
  }

  private fatal(c: Connection, closeCode: number, code: string, message: string): void {
    this.send(c, { type: 'error', code, message })
    this.closeConnection(c, closeCode, code)
  }

  private closeConnection(c: Connection, code: number, reason: string): void {
    if (c.phase === 'closed') return
    if (c.ws.readyState === WebSocket.OPEN || c.ws.readyState === WebSocket.CONNECTING) c.ws.close(code, reason.slice(0, 120))
    // A peer that never answers the close handshake must not hold the socket forever.
    setTimeout(() => c.ws.terminate(), 2_000).unref()
    this.onClosed(c, reason)
  }

  private onClosed(c: Connection, reason = 'connection closed'): void {
    if (c.phase === 'closed') return
    const wasOpen = c.phase === 'open'
    c.phase = 'closed'
    clearTimeout(c.helloTimer)
    this.connections.delete(c)
    if (!wasOpen || c.minerAddress === null) return
    this.metrics.minerDisconnected()
    if (this.byAddress.get(c.minerAddress) === c) this.byAddress.delete(c.minerAddress)
    if (!c.replaced) this.notifyGone(c.minerAddress, reason)
  }

  private notifyGone(minerAddress: Address, reason: string): void {
    try {
      this.backend.onMinerGone(minerAddress, reason)
    } catch {
      // The link is gone either way; a failing hook must not take the gateway down.
    }
  }

  /** Heartbeats run on the wall clock (not `options.nowMs`): they are about real sockets going quiet. */
  private beat(): void {
    const now = Date.now()
    for (const c of this.byAddress.values()) {
      if (now - c.lastSeenMs > 2 * this.options.heartbeatMs) this.closeConnection(c, WS_CLOSE.heartbeatTimeout, 'no message for two heartbeats')
      else this.send(c, { type: 'ping', nonce: this.nonce++ })
    }
  }
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8')
  return data.toString('utf8')
}

function errorMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 200)
}
