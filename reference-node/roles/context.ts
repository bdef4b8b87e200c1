/**
 * What every role works with: its chain client (with read retries), the clock, the log, the
 * protocol parameters read from the chain, its jobs and transaction sender, the stop signal, and
 * the latest head it has seen. "Now" for a role's protocol decisions is the latest block's time:
 * the contracts judge every transaction by the time of the block that includes it, which is never
 * earlier.
 */
import type { Clock } from '../chain/clock.ts'
import { RetryingChainClient } from '../chain/retrying-client.ts'
import type { BackoffOptions } from '../chain/retry.ts'
import type { BlockInfo, ChainClient } from '../chain/types.ts'
import type { Address } from '../../protocol/core/types.ts'
import type { Params } from '../../protocol/params/spec.ts'
import { JobRunner } from './jobs.ts'
import type { Logger } from './log.ts'
import { TxSender } from './tx.ts'

export interface RoleContextOptions {
  readonly chain: ChainClient
  readonly clock: Clock
  readonly log: Logger
  readonly signal: AbortSignal
  /** Backoff of read retries on a lost connection. */
  readonly backoff?: BackoffOptions
}

export class RoleContext {
  readonly chain: ChainClient
  readonly clock: Clock
  readonly log: Logger
  readonly signal: AbortSignal
  readonly jobs: JobRunner
  readonly tx: TxSender
  private latest: BlockInfo

  private constructor(options: RoleContextOptions, readonly params: Params, head: BlockInfo) {
    this.clock = options.clock
    this.log = options.log
    this.signal = options.signal
    this.chain = options.chain
    this.latest = head
    this.jobs = new JobRunner(options.clock, options.log, options.signal)
    this.tx = new TxSender({ chain: this.chain, clock: options.clock, log: options.log, jobs: this.jobs, signal: options.signal, nowMs: () => this.latest.timestampMs })
  }

  /** Reads the parameters and the head from the chain (retrying reads while the connection is down). */
  static async create(options: RoleContextOptions): Promise<RoleContext> {
    const chain = new RetryingChainClient(options.chain, {
      clock: options.clock,
      signal: options.signal,
      ...(options.backoff !== undefined ? { backoff: options.backoff } : {}),
      onRetry: (what, error, attempt, delayMs) => options.log.debug('retry', { call: what, attempt, delayMs, error: error instanceof Error ? error.message : String(error) }),
    })
    const withRetries: RoleContextOptions = { ...options, chain }
    const [params, head] = await Promise.all([chain.getParams(), chain.getBlock()])
    return new RoleContext(withRetries, params, head)
  }

  get me(): Address {
    return this.chain.account
  }

  get head(): BlockInfo {
    return this.latest
  }

  /** Chain time of the latest head seen. */
  nowMs(): number {
    return this.latest.timestampMs
  }

  /** Records a newer head (older ones are ignored). */
  setHead(block: BlockInfo): void {
    if (block.number >= this.latest.number) this.latest = block
  }
}
