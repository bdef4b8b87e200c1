/**
 * A `ChainClient` that retries what is safe to retry. Reads, receipt waits and nonce queries are
 * idempotent, so a lost connection is retried with backoff. Sending is not: a send that lost its
 * connection may have reached the mempool, so `sendCommand` passes straight through and the caller
 * decides (roles compare the pending and mined nonces before sending again). `watchBlocks` passes
 * through too; `followChain` reconnects watches.
 */
import type { Address, RoundId, SessionId, TaskId } from '../../protocol/core/types.ts'
import type { NodeState } from '../../protocol/node/types.ts'
import type { OracleSetState } from '../../protocol/oracle/types.ts'
import type { Params } from '../../protocol/params/spec.ts'
import type { NodeAccount, SessionAccount } from '../../protocol/payments/types.ts'
import type { RoundState } from '../../protocol/round/types.ts'
import type { SessionState } from '../../protocol/session/types.ts'
import type { TaskState } from '../../protocol/task/types.ts'
import type { WorldCommand } from '../../protocol/world/types.ts'
import type { Clock } from './clock.ts'
import { withRetry, type BackoffOptions } from './retry.ts'
import type { BlockInfo, BlockWatch, CallOptions, ChainClient, ChainLog, LogFilter, TaskInput, TxHash, TxReceipt, Unwatch, WaitOptions } from './types.ts'

export interface RetryingClientOptions {
  readonly clock: Clock
  readonly backoff?: BackoffOptions
  /** Ends every retry loop (the node is stopping). */
  readonly signal?: AbortSignal
  readonly onRetry?: (what: string, error: unknown, attempt: number, delayMs: number) => void
}

export class RetryingChainClient implements ChainClient {
  readonly account: Address
  readonly chainId: number

  constructor(
    readonly inner: ChainClient,
    private readonly options: RetryingClientOptions,
  ) {
    this.account = inner.account
    this.chainId = inner.chainId
  }

  sendCommand(command: WorldCommand, options?: CallOptions): Promise<TxHash> {
    return this.inner.sendCommand(command, options)
  }

  waitForReceipt(hash: TxHash, options?: WaitOptions): Promise<TxReceipt> {
    return this.retry('waitForReceipt', () => this.inner.waitForReceipt(hash, options))
  }

  getReceipt(hash: TxHash): Promise<TxReceipt | null> {
    return this.retry('getReceipt', () => this.inner.getReceipt(hash))
  }

  getTransactionCount(blockTag: 'latest' | 'pending'): Promise<number> {
    return this.retry('getTransactionCount', () => this.inner.getTransactionCount(blockTag))
  }

  getBlock(): Promise<BlockInfo> {
    return this.retry('getBlock', () => this.inner.getBlock())
  }

  getLogs(filter: LogFilter): Promise<readonly ChainLog[]> {
    return this.retry('getLogs', () => this.inner.getLogs(filter))
  }

  watchBlocks(watch: BlockWatch): Unwatch {
    return this.inner.watchBlocks(watch)
  }

  getParams(): Promise<Params> {
    return this.retry('getParams', () => this.inner.getParams())
  }

  readSession(sessionId: SessionId): Promise<SessionState | null> {
    return this.retry('readSession', () => this.inner.readSession(sessionId))
  }

  readSessionAccount(sessionId: SessionId): Promise<SessionAccount | null> {
    return this.retry('readSessionAccount', () => this.inner.readSessionAccount(sessionId))
  }

  readTask(sessionId: SessionId, taskId: TaskId): Promise<TaskState | null> {
    return this.retry('readTask', () => this.inner.readTask(sessionId, taskId))
  }

  readTaskInput(sessionId: SessionId, taskId: TaskId): Promise<TaskInput | null> {
    return this.retry('readTaskInput', () => this.inner.readTaskInput(sessionId, taskId))
  }

  readNode(address: Address): Promise<NodeState | null> {
    return this.retry('readNode', () => this.inner.readNode(address))
  }

  readNodeAccount(address: Address): Promise<NodeAccount> {
    return this.retry('readNodeAccount', () => this.inner.readNodeAccount(address))
  }

  readLastPickedRound(address: Address): Promise<RoundId | null> {
    return this.retry('readLastPickedRound', () => this.inner.readLastPickedRound(address))
  }

  readRound(roundId: RoundId): Promise<RoundState | null> {
    return this.retry('readRound', () => this.inner.readRound(roundId))
  }

  readOracleSet(): Promise<OracleSetState> {
    return this.retry('readOracleSet', () => this.inner.readOracleSet())
  }

  readLeader(atMs?: number): Promise<Address | null> {
    return this.retry('readLeader', () => this.inner.readLeader(atMs))
  }

  close(): void {
    this.inner.close()
  }

  private retry<T>(what: string, fn: () => Promise<T>): Promise<T> {
    const { clock, backoff, signal, onRetry } = this.options
    return withRetry(fn, {
      clock,
      ...(backoff !== undefined ? { backoff } : {}),
      ...(signal !== undefined ? { signal } : {}),
      ...(onRetry !== undefined ? { onRetry: (error: unknown, attempt: number, delayMs: number) => onRetry(what, error, attempt, delayMs) } : {}),
    })
  }
}
