/**
 * The `ChainClient` of a MemoryChain: one signer's connection. Every call checks the connection
 * (closed → `Closed`, dropped → `ConnectionLost`), waits the injected delay, then answers from the
 * chain. Waiting for a receipt is waiting on chain time, so it is marked `blocked` on the clock
 * (a manual clock then knows the waiting job is idle until the next block).
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
import { ChainError, abortError } from './errors.ts'
import { ConnectionFaults } from './faults.ts'
import type { MemoryChain } from './memory-chain.ts'
import { WorldViews } from './memory-views.ts'
import type { BlockInfo, BlockWatch, CallOptions, ChainClient, ChainLog, LogFilter, TaskInput, TxHash, TxReceipt, Unwatch, WaitOptions } from './types.ts'

export class MemoryChainClient implements ChainClient {
  readonly chainId: number
  /** Fault injection for this connection only. */
  readonly faults = new ConnectionFaults()
  private readonly views: WorldViews
  private closed = false
  private readonly closing = new AbortController()
  private readonly watches = new Set<{ readonly stop: () => void; readonly watch: BlockWatch }>()

  constructor(
    private readonly chain: MemoryChain,
    readonly account: Address,
  ) {
    this.chainId = chain.chainId
    this.views = new WorldViews(chain.world, chain.taskInputs)
  }

  // ---- transactions ----------------------------------------------------------------------------

  async sendCommand(command: WorldCommand, options: CallOptions = {}): Promise<TxHash> {
    await this.answer('sendCommand', options.signal)
    const fault = this.faults.takeSendFault(command)
    if (fault === 'refuse') throw new ChainError('TxRejected', `sendCommand(${command.type}): refused by the node (injected fault)`)
    const hash = this.chain.submit(this.account, command)
    if (fault === 'lostAfterSend') throw new ChainError('ConnectionLost', `sendCommand(${command.type}): connection lost after sending ${hash} (injected fault)`)
    return hash
  }

  async waitForReceipt(hash: TxHash, options: WaitOptions = {}): Promise<TxReceipt> {
    await this.answer('waitForReceipt', options.signal)
    const mined = this.chain.getReceipt(hash)
    if (mined !== null) return mined
    if (!this.chain.knowsTransaction(hash)) throw new ChainError('NotFound', `waitForReceipt: transaction ${hash} is unknown`)
    return this.chain.clock.blocked(this.receiptPromise(hash, options))
  }

  async getReceipt(hash: TxHash): Promise<TxReceipt | null> {
    await this.answer('getReceipt')
    return this.chain.getReceipt(hash)
  }

  async getTransactionCount(blockTag: 'latest' | 'pending'): Promise<number> {
    await this.answer('getTransactionCount')
    return this.chain.getTransactionCount(this.account, blockTag)
  }

  // ---- blocks and logs -------------------------------------------------------------------------

  async getBlock(): Promise<BlockInfo> {
    await this.answer('getBlock')
    return this.chain.latestBlock
  }

  async getLogs(filter: LogFilter): Promise<readonly ChainLog[]> {
    await this.answer('getLogs')
    return this.chain.getLogs(filter.fromBlock, filter.toBlock ?? this.chain.latestBlock.number, filter.names)
  }

  watchBlocks(watch: BlockWatch): Unwatch {
    if (this.closed || !this.faults.connected) {
      const error = this.closed ? new ChainError('Closed', 'watchBlocks: the client is closed') : new ChainError('ConnectionLost', 'watchBlocks: not connected')
      queueMicrotask(() => watch.onError(error))
      return () => {}
    }
    const link = this.faults.linkSignal
    const off = this.chain.onBlock((block) => this.deliver(watch, block))
    const onDrop = (): void => {
      entry.stop()
      watch.onError(abortError(link, 'watchBlocks'))
    }
    const entry = {
      watch,
      stop: (): void => {
        off()
        link.removeEventListener('abort', onDrop)
        this.watches.delete(entry)
      },
    }
    link.addEventListener('abort', onDrop, { once: true })
    this.watches.add(entry)
    return entry.stop
  }

  // ---- views -----------------------------------------------------------------------------------

  async getParams(): Promise<Params> {
    await this.answer('getParams')
    return this.chain.params
  }

  async readSession(sessionId: SessionId): Promise<SessionState | null> {
    await this.answer('readSession')
    return this.views.session(sessionId)
  }

  async readSessionAccount(sessionId: SessionId): Promise<SessionAccount | null> {
    await this.answer('readSessionAccount')
    return this.views.sessionAccount(sessionId)
  }

  async readTask(sessionId: SessionId, taskId: TaskId): Promise<TaskState | null> {
    await this.answer('readTask')
    return this.views.task(sessionId, taskId)
  }

  async readTaskInput(sessionId: SessionId, taskId: TaskId): Promise<TaskInput | null> {
    await this.answer('readTaskInput')
    return this.views.taskInput(sessionId, taskId)
  }

  async readNode(address: Address): Promise<NodeState | null> {
    await this.answer('readNode')
    return this.views.node(address)
  }

  async readNodeAccount(address: Address): Promise<NodeAccount> {
    await this.answer('readNodeAccount')
    return this.views.nodeAccount(address)
  }

  async readLastPickedRound(address: Address): Promise<RoundId | null> {
    await this.answer('readLastPickedRound')
    return this.views.lastPickedRound(address)
  }

  async readRound(roundId: RoundId): Promise<RoundState | null> {
    await this.answer('readRound')
    return this.views.round(roundId)
  }

  async readOracleSet(): Promise<OracleSetState> {
    await this.answer('readOracleSet')
    return this.views.oracleSet()
  }

  async readLeader(atMs?: number): Promise<Address | null> {
    await this.answer('readLeader')
    return this.views.leader(atMs ?? this.chain.latestBlock.timestampMs)
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    const error = new ChainError('Closed', 'the chain client was closed')
    this.closing.abort(error)
    for (const entry of [...this.watches]) {
      entry.stop()
      entry.watch.onError(error)
    }
  }

  // ---- plumbing --------------------------------------------------------------------------------

  /** Fails unless open and connected; waits the injected delay (failing if the link drops meanwhile). */
  private async answer(what: string, signal?: AbortSignal): Promise<void> {
    this.checkLink(what)
    if (signal?.aborted === true) throw abortError(signal, what)
    if (this.faults.delayMs > 0) {
      await this.chain.clock.sleep(this.faults.delayMs, this.combine(signal))
      this.checkLink(what)
    }
  }

  private checkLink(what: string): void {
    if (this.closed) throw new ChainError('Closed', `${what}: the client is closed`)
    if (!this.faults.connected) throw new ChainError('ConnectionLost', `${what}: not connected to the chain`)
  }

  /** The caller's signal together with the connection's: whichever fires first. */
  private combine(signal: AbortSignal | undefined): AbortSignal {
    const signals = [this.faults.linkSignal, this.closing.signal]
    if (signal !== undefined) signals.push(signal)
    return AbortSignal.any(signals)
  }

  private receiptPromise(hash: TxHash, options: WaitOptions): Promise<TxReceipt> {
    const signal = this.combine(options.signal)
    return new Promise<TxReceipt>((resolve, reject) => {
      const finish = (): void => {
        off()
        timer?.cancel()
        signal.removeEventListener('abort', onAbort)
      }
      const off = this.chain.onReceipt(hash, (receipt) => {
        finish()
        resolve(receipt)
      })
      const onAbort = (): void => {
        finish()
        reject(abortError(signal, `waitForReceipt(${hash})`))
      }
      const timer =
        options.timeoutMs === undefined
          ? null
          : this.chain.clock.setTimer(options.timeoutMs, () => {
              finish()
              reject(new ChainError('Timeout', `waitForReceipt: ${hash} not mined within ${options.timeoutMs} ms`))
            })
      if (signal.aborted) onAbort()
      else signal.addEventListener('abort', onAbort, { once: true })
    })
  }

  private deliver(watch: BlockWatch, block: BlockInfo): void {
    if (this.faults.delayMs <= 0) {
      watch.onBlock(block)
      return
    }
    const link = this.faults.linkSignal
    this.chain.clock.setTimer(this.faults.delayMs, () => {
      if (!link.aborted && !this.closed) watch.onBlock(block)
    })
  }
}
