/**
 * Sending a role's transactions at most once.
 *
 * Every transaction is an action on an entity ("precommit" on task 1/0 in assignment round 0,
 * "endAck" on phase 3 of a task): it is sent once, not again while it is in flight, never again
 * after it succeeded, and after a revert only once `retryAfterMs` of chain time has passed (never,
 * by default). Receipts are awaited in the background and logged.
 *
 * When a send loses its connection, nobody knows whether the transaction reached the mempool. The
 * action is then "uncertain": before it may be sent again, the sender waits until every
 * transaction of its account is mined (the mined nonce catches up with the pending nonce read
 * after the failure) and leaves the decision to the caller's next look at the chain. A restarted
 * node does the same once before it sends anything (`settleInFlight`). Together with the chain
 * state this gives "never two precommits or two reveals for one task" across crashes.
 */
import type { Clock } from '../chain/clock.ts'
import { ChainError, isRetryableChainError } from '../chain/errors.ts'
import { describeCommand } from '../chain/sender.ts'
import type { ChainClient, TxHash, TxReceipt } from '../chain/types.ts'
import type { WorldCommand } from '../../protocol/world/types.ts'
import type { JobRunner } from './jobs.ts'
import type { Logger } from './log.ts'

type ActionStatus = 'inFlight' | 'done' | 'failed' | 'uncertain'

interface ActionState {
  status: ActionStatus
  /** Chain time of the last change (for `retryAfterMs`). */
  atMs: number
}

export interface SendOptions {
  /** After a revert, send again once this much chain time has passed. Default: never. */
  readonly retryAfterMs?: number
  /** Called with the receipt once mined (in the background). */
  readonly onReceipt?: (receipt: TxReceipt) => void
}

export interface TxSenderDeps {
  readonly chain: ChainClient
  readonly clock: Clock
  readonly log: Logger
  readonly jobs: JobRunner
  readonly signal: AbortSignal
  /** Chain time of the latest head the role saw. */
  readonly nowMs: () => number
  /** How often to look at the nonces while waiting for in-flight transactions. Default 500 ms. */
  readonly pollMs?: number
  /** Longest wait for in-flight transactions before giving up (they were dropped). Default 120 s. */
  readonly settleTimeoutMs?: number
}

export class TxSender {
  private readonly actions = new Map<string, Map<string, ActionState>>()
  private uncertain = false

  constructor(private readonly deps: TxSenderDeps) {}

  /** Entities with remembered actions (bounded by the role forgetting finished ones). */
  get entityCount(): number {
    return this.actions.size
  }

  /** What happened to (entity, action) so far, or null if never sent. */
  statusOf(entity: string, action: string): ActionStatus | null {
    return this.actions.get(entity)?.get(action)?.status ?? null
  }

  /** Drops what is remembered about `entity`'s other actions (for entities whose actions follow one another forever). */
  keepOnly(entity: string, action: string): void {
    const actions = this.actions.get(entity)
    if (actions === undefined) return
    for (const key of [...actions.keys()]) if (key !== action) actions.delete(key)
    if (actions.size === 0) this.actions.delete(entity)
  }

  /** Drops what is remembered about `entity` (it ended). */
  forget(entity: string): void {
    this.actions.delete(entity)
  }

  /** Might `send` send (entity, action) now? A cheap check before expensive work (embedding, inference). */
  wouldSend(entity: string, action: string, options: SendOptions = {}): boolean {
    if (this.deps.signal.aborted) return false
    const state = this.actions.get(entity)?.get(action)
    if (state === undefined || state.status === 'uncertain') return true
    if (state.status === 'failed') return options.retryAfterMs !== undefined && this.deps.nowMs() - state.atMs >= options.retryAfterMs
    return false
  }

  /**
   * Sends `command` as (entity, action) unless the rules above say no; returns the hash, or null
   * when nothing was sent. The receipt is awaited in the background.
   */
  async send(entity: string, action: string, command: WorldCommand, options: SendOptions = {}): Promise<TxHash | null> {
    if (this.deps.signal.aborted) return null
    const state = this.actions.get(entity)?.get(action)
    if (state !== undefined && !(await this.maySendAgain(entity, action, state, options))) return null
    const what = `${action} ${describeCommand(command)}`
    this.setState(entity, action, 'inFlight')
    let hash: TxHash
    try {
      hash = await this.deps.chain.sendCommand(command, { signal: this.deps.signal })
    } catch (error) {
      this.onSendFailure(entity, action, what, error)
      return null
    }
    this.deps.log.info('sent', { what, tx: hash })
    this.deps.jobs.spawn(`receipt:${hash}`, () => this.awaitReceipt(entity, action, what, hash, options))
    return hash
  }

  /** Sends and waits for the receipt (null when nothing was sent). */
  async sendAndWait(entity: string, action: string, command: WorldCommand, options: SendOptions = {}): Promise<TxReceipt | null> {
    const hash = await this.send(entity, action, command, options)
    if (hash === null) return null
    return this.deps.chain.waitForReceipt(hash, { signal: this.deps.signal })
  }

  /**
   * Waits until every transaction the account has sent is mined (or the wait times out, when they
   * were dropped); clears every uncertain action. Call once at start, before sending.
   */
  async settleInFlight(): Promise<void> {
    const { chain, clock, signal } = this.deps
    const target = await chain.getTransactionCount('pending')
    const deadline = clock.nowMs() + (this.deps.settleTimeoutMs ?? 120_000)
    for (;;) {
      const mined = await chain.getTransactionCount('latest')
      if (mined >= target) break
      if (clock.nowMs() >= deadline) {
        this.deps.log.warn('in-flight transactions not mined; assuming dropped', { mined, pending: target })
        break
      }
      await clock.sleep(this.deps.pollMs ?? 500, signal)
    }
    this.uncertain = false
    for (const [entity, actions] of this.actions) {
      for (const [action, state] of actions) if (state.status === 'uncertain') actions.delete(action)
      if (actions.size === 0) this.actions.delete(entity)
    }
  }

  private async maySendAgain(entity: string, action: string, state: ActionState, options: SendOptions): Promise<boolean> {
    switch (state.status) {
      case 'inFlight':
      case 'done':
        return false
      case 'failed':
        return options.retryAfterMs !== undefined && this.deps.nowMs() - state.atMs >= options.retryAfterMs
      case 'uncertain':
        // The caller looks at the chain again after this: the transaction may have been mined.
        if (this.uncertain) await this.settleInFlight()
        this.actions.get(entity)?.delete(action)
        return false
    }
  }

  private onSendFailure(entity: string, action: string, what: string, error: unknown): void {
    if (isRetryableChainError(error)) {
      this.uncertain = true
      this.setState(entity, action, 'uncertain')
      this.deps.log.warn('send outcome unknown', { what, error: (error as Error).message })
      return
    }
    this.setState(entity, action, 'failed')
    if (this.deps.signal.aborted) return
    this.deps.log.warn('send refused', { what, code: error instanceof ChainError ? error.code : undefined, error: error instanceof Error ? error.message : String(error) })
  }

  private async awaitReceipt(entity: string, action: string, what: string, hash: TxHash, options: SendOptions): Promise<void> {
    let receipt: TxReceipt
    try {
      receipt = await this.deps.chain.waitForReceipt(hash, { signal: this.deps.signal })
    } catch (error) {
      // Lost track of it (the connection stayed down): treat it like a lost send.
      if (!this.deps.signal.aborted) this.onSendFailure(entity, action, what, error instanceof ChainError && error.code === 'Aborted' ? error : new ChainError('ConnectionLost', `receipt of ${hash}`, { cause: error }))
      return
    }
    if (receipt.status === 'success') {
      this.setState(entity, action, 'done')
      this.deps.log.info('mined', { what, tx: hash, block: receipt.blockNumber })
    } else {
      this.setState(entity, action, 'failed')
      this.deps.log.warn('reverted', { what, tx: hash, block: receipt.blockNumber, code: receipt.revert?.code, reason: receipt.revert?.message })
    }
    options.onReceipt?.(receipt)
  }

  private setState(entity: string, action: string, status: ActionStatus): void {
    let actions = this.actions.get(entity)
    if (actions === undefined) {
      actions = new Map()
      this.actions.set(entity, actions)
    }
    actions.set(action, { status, atMs: this.deps.nowMs() })
  }
}
