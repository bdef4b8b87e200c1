/**
 * Following the chain: every log from a starting block on, exactly once and in chain order, and a
 * tick per new head, across lost connections.
 *
 * The follower watches new heads; for each head it fetches the logs since the last block it
 * delivered (`getLogs`) and hands them over with the head, so blocks the watch skipped or missed
 * while the connection was down are still delivered. When the watch or a fetch fails, it waits a
 * backoff, watches again and first catches up to the current head. One head is processed at a
 * time; the handler is awaited, so a handler that needs long work should start it and return.
 * The viem client reuses this as is: it only needs `watchBlocks`, `getBlock` and `getLogs`.
 */
import type { Clock } from './clock.ts'
import { isChainError } from './errors.ts'
import { computeBackoffDelayMs, type BackoffOptions } from './retry.ts'
import type { BlockInfo, ChainClient, ChainLog, Unwatch } from './types.ts'

export interface FollowOptions {
  readonly client: ChainClient
  readonly clock: Clock
  /** First block whose logs are delivered. */
  readonly fromBlock: bigint
  /** Only logs with these names (all when absent). */
  readonly names?: readonly string[]
  /** A new head and every log since the previous call (blocks `fromBlock`… in order). Awaited. */
  readonly onBlock: (block: BlockInfo, logs: readonly ChainLog[]) => Promise<void> | void
  /** Reconnect delays; by default retries forever, up to 8 s apart. */
  readonly backoff?: BackoffOptions
  readonly signal: AbortSignal
  /** Told about a lost connection before each reconnect, and about handler failures (which are skipped). */
  readonly onError?: (error: unknown, context: 'connection' | 'handler', retryInMs: number) => void
}

export const FOLLOW_BACKOFF: BackoffOptions = { initialDelayMs: 250, maxDelayMs: 8_000, factor: 2, maxAttempts: Number.POSITIVE_INFINITY }

export class ChainFollower {
  /** The next block whose logs have not been delivered. */
  private nextBlock: bigint
  private pendingHead: BlockInfo | null = null
  private running = false
  private unwatch: Unwatch | null = null
  private failures = 0
  private reconnecting = false
  private lastHead: BlockInfo | null = null

  constructor(private readonly options: FollowOptions) {
    this.nextBlock = options.fromBlock < 0n ? 0n : options.fromBlock
    options.signal.addEventListener('abort', () => this.stopWatch(), { once: true })
  }

  /** The first block not yet delivered (a cursor to persist). */
  get cursor(): bigint {
    return this.nextBlock
  }

  /** The latest head delivered. */
  get head(): BlockInfo | null {
    return this.lastHead
  }

  /** Starts watching; the first head (with the logs since `fromBlock`) comes as soon as it is read. */
  start(): void {
    if (this.options.signal.aborted) return
    this.connect()
  }

  private connect(): void {
    this.stopWatch()
    this.unwatch = this.options.client.watchBlocks({
      onBlock: (block) => this.enqueue(block),
      onError: (error) => this.onConnectionError(error),
    })
    void this.options.clock.track(async () => {
      try {
        this.enqueue(await this.options.client.getBlock())
      } catch (error) {
        this.onConnectionError(error)
      }
    })
  }

  private enqueue(head: BlockInfo): void {
    if (this.options.signal.aborted) return
    if (this.pendingHead === null || head.number > this.pendingHead.number) this.pendingHead = head
    if (this.running) return
    this.running = true
    void this.options.clock.track(() => this.drain())
  }

  private async drain(): Promise<void> {
    try {
      while (this.pendingHead !== null && !this.options.signal.aborted) {
        const head = this.pendingHead
        this.pendingHead = null
        if (!(await this.deliver(head))) return
      }
    } finally {
      this.running = false
    }
  }

  /** Delivers `head` and the logs up to it; false when the chain could not be read (a reconnect follows). */
  private async deliver(head: BlockInfo): Promise<boolean> {
    if (head.number < this.nextBlock && this.lastHead !== null) return true
    let logs: readonly ChainLog[] = []
    if (head.number >= this.nextBlock) {
      try {
        const filter = { fromBlock: this.nextBlock, toBlock: head.number }
        logs = await this.options.client.getLogs(this.options.names === undefined ? filter : { ...filter, names: this.options.names })
      } catch (error) {
        this.onConnectionError(error)
        return false
      }
    }
    this.failures = 0
    try {
      await this.options.onBlock(head, logs)
    } catch (error) {
      this.options.onError?.(error, 'handler', 0)
    }
    if (head.number >= this.nextBlock) this.nextBlock = head.number + 1n
    this.lastHead = head
    return true
  }

  private onConnectionError(error: unknown): void {
    if (this.options.signal.aborted || this.reconnecting) return
    if (isChainError(error, 'Closed')) {
      this.options.onError?.(error, 'connection', Number.POSITIVE_INFINITY)
      this.stopWatch()
      return
    }
    this.stopWatch()
    this.reconnecting = true
    this.failures++
    const delayMs = computeBackoffDelayMs(this.failures, this.options.backoff ?? FOLLOW_BACKOFF)
    this.options.onError?.(error, 'connection', delayMs)
    void this.options.clock.track(async () => {
      try {
        await this.options.clock.sleep(delayMs, this.options.signal)
      } catch {
        return // stopped while waiting
      } finally {
        this.reconnecting = false
      }
      this.connect()
    })
  }

  private stopWatch(): void {
    this.unwatch?.()
    this.unwatch = null
  }
}

/** Starts a follower (see `ChainFollower`). */
export function followChain(options: FollowOptions): ChainFollower {
  const follower = new ChainFollower(options)
  follower.start()
  return follower
}
