/**
 * One task the router submitted and is waiting on, between its submission and its end on chain.
 *
 * When the chain assigns miners, the task is pushed (a `task` frame) to each assigned miner that is
 * connected over the WebSocket; the first of them in assignment order is the task's streamer, whose
 * `token` frames go to the client. Each pushed miner must `ack` the push before its tokens or result
 * count; anything else (a task it was not pushed, tokens out of order, a second ack) is refused with
 * a code. If the streamer declines or leaves before its first token, the next pushed miner streams.
 *
 * The WebSocket copy is only for streaming and for what the chain does not hold (prompt tokens,
 * inference time, why the model stopped); the answer is built from the chain's record.
 */
import type { Hex32 } from '../../protocol/core/commit.ts'
import { assertNever } from '../../protocol/core/result.ts'
import type { Address, SessionId, TaskId } from '../../protocol/core/types.ts'
import type { MinerAdmission, TokenChunk } from './backend.ts'
import type { MinerRegistry } from './chain-backend-miners.ts'
import type { MinerMessage, RouterMessage } from './ws-schema.ts'

/** A miner's `result` frame, as received. */
export interface WsResult {
  readonly text: string
  readonly dataHash: Hex32
  readonly promptTokens: number
  readonly outputTokens: number
  readonly inferenceMs: number
  readonly stopReason: 'maxTokens' | 'endOfText' | 'contextFull' | 'aborted'
  readonly atMs: number
}

/** What one pushed miner sent over the WebSocket for this task. */
export interface WsMinerReport {
  ackedAtMs: number | null
  tokens: number
  result: WsResult | null
  declined: { readonly code: string; readonly message: string } | null
  gone: boolean
}

export type TaskPush = Omit<Extract<RouterMessage, { type: 'task' }>, 'type' | 'sessionId' | 'taskId'>

export interface TaskInFlightDeps {
  readonly miners: MinerRegistry
  readonly nowMs: () => number
  readonly onToken: ((chunk: TokenChunk) => void) | undefined
}

export class TaskInFlight {
  /** Miners the task was pushed to, in push order, with what they sent. */
  readonly reports = new Map<Address, WsMinerReport>()
  private assigned: readonly Address[] = []
  private streamer: Address | null = null
  private streamedTokens = 0
  private ended = false
  private readonly endWaiters: (() => void)[] = []
  private readonly streamWaiters: (() => void)[] = []

  constructor(
    readonly sessionId: SessionId,
    readonly taskId: TaskId,
    private readonly push: TaskPush,
    private readonly deps: TaskInFlightDeps,
  ) {}

  get streamingMiner(): Address | null {
    return this.streamer
  }

  get isEnded(): boolean {
    return this.ended
  }

  isAssigned(address: Address): boolean {
    return this.assigned.includes(address)
  }

  /** The chain assigned `miners` (again, after a requeue): push to the connected ones not pushed yet. */
  onAssigned(miners: readonly Address[]): void {
    this.assigned = [...miners]
    for (const address of miners) {
      if (this.reports.has(address)) continue
      const miner = this.deps.miners.get(address)
      if (miner === undefined) continue
      const sent = miner.link.send({ type: 'task', sessionId: this.sessionId, taskId: this.taskId, ...this.push })
      if (!sent) continue
      miner.tasksServed++
      this.reports.set(address, { ackedAtMs: null, tokens: 0, result: null, declined: null, gone: false })
    }
    this.chooseStreamer()
  }

  /** Routes one frame of a pushed miner; a refusal goes back to the miner. */
  onMessage(address: Address, message: MinerMessage): MinerAdmission | undefined {
    const report = this.reports.get(address)
    if (report === undefined) return refuse('UnknownTask', `task ${this.sessionId}/${this.taskId} was not pushed to ${address}`)
    switch (message.type) {
      case 'ack':
        if (report.ackedAtMs !== null) return refuse('AlreadyAcked', `task ${this.sessionId}/${this.taskId} was already acked`)
        report.ackedAtMs = this.deps.nowMs()
        return undefined
      case 'token':
        if (report.ackedAtMs === null) return refuse('NotAcked', `ack task ${this.sessionId}/${this.taskId} before streaming tokens`)
        if (message.index !== report.tokens) return refuse('TokenOutOfOrder', `expected token ${report.tokens}, got ${message.index}`)
        report.tokens++
        this.forward(address, message.text)
        return undefined
      case 'result': {
        if (report.ackedAtMs === null) return refuse('NotAcked', `ack task ${this.sessionId}/${this.taskId} before sending its result`)
        if (report.result !== null) return refuse('AlreadyReported', `task ${this.sessionId}/${this.taskId} already has a result from ${address}`)
        const { text, dataHash, promptTokens, outputTokens, inferenceMs, stopReason } = message
        report.result = { text, dataHash, promptTokens, outputTokens, inferenceMs, stopReason, atMs: this.deps.nowMs() }
        this.wakeStreamWaiters()
        return undefined
      }
      case 'error':
        report.declined = { code: message.code, message: message.message }
        this.afterStreamerLoss(address)
        return undefined
      default:
        return assertNever(message, 'miner message')
    }
  }

  /** A pushed miner's link closed. */
  onMinerGone(address: Address): void {
    const report = this.reports.get(address)
    if (report === undefined) return
    report.gone = true
    this.afterStreamerLoss(address)
  }

  /** The task ended on chain. */
  onEnded(): void {
    if (this.ended) return
    this.ended = true
    for (const wake of this.endWaiters.splice(0)) wake()
  }

  /** Resolves once the task has ended on chain. */
  whenEnded(): Promise<void> {
    if (this.ended) return Promise.resolve()
    return new Promise((resolve) => this.endWaiters.push(resolve))
  }

  /** Is the streamer's part over (its result came, it declined or left, or there is none)? */
  get streamSettled(): boolean {
    if (this.streamer === null) return true
    const r = this.reports.get(this.streamer)!
    return r.result !== null || r.declined !== null || r.gone
  }

  /** Resolves once `streamSettled`, or after `graceMs` of wall time (its frames may still be on the way). */
  whenStreamSettled(graceMs: number): Promise<void> {
    if (this.streamSettled) return Promise.resolve()
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, graceMs)
      this.streamWaiters.push(() => {
        clearTimeout(timer)
        resolve()
      })
    })
  }

  /** Tells every pushed miner still working that the router no longer waits for it. */
  cancel(reason: string): void {
    for (const [address, report] of this.reports) {
      if (report.gone || report.result !== null) continue
      this.deps.miners.get(address)?.link.send({ type: 'cancel', sessionId: this.sessionId, taskId: this.taskId, reason })
    }
  }

  private forward(address: Address, text: string): void {
    if (address !== this.streamer) return
    this.streamedTokens++
    this.deps.onToken?.({ minerAddress: address, text })
  }

  private afterStreamerLoss(address: Address): void {
    if (address === this.streamer && this.streamedTokens === 0) {
      this.streamer = null
      this.chooseStreamer()
    }
    this.wakeStreamWaiters()
  }

  /** The first pushed, still assigned miner in assignment order that has not declined or left. */
  private chooseStreamer(): void {
    if (this.streamer !== null && this.assigned.includes(this.streamer)) return
    if (this.streamer !== null && this.streamedTokens > 0) return
    this.streamer = null
    for (const address of this.assigned) {
      const r = this.reports.get(address)
      if (r !== undefined && r.declined === null && !r.gone) {
        this.streamer = address
        return
      }
    }
  }

  private wakeStreamWaiters(): void {
    if (!this.streamSettled) return
    for (const wake of this.streamWaiters.splice(0)) wake()
  }
}

function refuse(code: string, message: string): MinerAdmission {
  return { ok: false, code, message }
}
