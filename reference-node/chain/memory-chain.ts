/**
 * MemoryChain: an in-process chain backed by the composed protocol (`protocol/world`). It is the
 * reference the viem/anvil client must behave like, and the chain of fast tests and single-process
 * devnets.
 *
 * - **Blocks** come every `blockTimeMs` of the injected clock (real or manual), empty ones too, at
 *   `genesisMs + n × blockTimeMs`; block n's time is "now" for every transaction in it.
 * - **Transactions** wait in the mempool and go into the next block in arrival order. Each is one
 *   `applyCommand`: atomic, and either successful (its emitted events become the block's logs) or
 *   reverted with the protocol's rejection. A sender's transactions are numbered (nonces), so a
 *   node can tell "mined" from "still pending" after a crash.
 * - **Timers** the protocol returns (`schedule` effects) are dropped, as a contract has none: the
 *   deadlines are stored on the entities and the oracles act on them.
 * - **History** (blocks, logs, receipts, every included transaction) is kept for the chain's
 *   lifetime; tests read it to count what each node sent.
 *
 * Nodes talk to it through `connect(account)`, a `ChainClient` bound to one signer with its own
 * fault injection (memory-client.ts).
 */
import { encodePacked, keccak256 } from 'viem'
import type { Hex32 } from '../../protocol/core/commit.ts'
import { createCtx, type Ctx } from '../../protocol/core/context.ts'
import type { Effect } from '../../protocol/core/effects.ts'
import { ProtocolAssertionError } from '../../protocol/core/result.ts'
import { createRng, type Rng } from '../../protocol/core/rng.ts'
import type { Address } from '../../protocol/core/types.ts'
import type { Params } from '../../protocol/params/spec.ts'
import { applyCommand } from '../../protocol/world/apply.ts'
import { createWorld } from '../../protocol/world/create.ts'
import type { WorldCommand, WorldState } from '../../protocol/world/types.ts'
import type { Clock, Timer } from './clock.ts'
import { ChainError } from './errors.ts'
import { MemoryChainClient } from './memory-client.ts'
import { recordTaskInput, type TaskInputStore } from './memory-views.ts'
import { getCommandSender } from './sender.ts'
import type { BlockInfo, ChainLog, Revert, TxHash, TxReceipt } from './types.ts'

export interface MemoryChainOptions {
  readonly params: Params
  /** The ACL administrator (registers oracles, bans nodes). */
  readonly admin: Address
  /** Oracles registered at genesis. */
  readonly oracles: readonly Address[]
  readonly clock: Clock
  /** Default 1000 ms. */
  readonly blockTimeMs?: number
  /** Seeds the context's random source. Default 1. */
  readonly seed?: number
  /** Default 31337 (anvil's). */
  readonly chainId?: number
}

/** A transaction as the chain holds it. */
export interface ChainTransaction {
  readonly hash: TxHash
  readonly from: Address
  readonly nonce: number
  readonly command: WorldCommand
}

/** An included transaction and how it ended. */
export interface IncludedTransaction extends ChainTransaction {
  readonly blockNumber: bigint
  readonly status: 'success' | 'reverted'
  readonly revert: Revert | null
}

interface BlockRecord {
  readonly info: BlockInfo
  readonly logs: readonly ChainLog[]
}

interface ReceiptWaiter {
  readonly resolve: (receipt: TxReceipt) => void
}

export class MemoryChain {
  readonly params: Params
  readonly world: WorldState
  readonly clock: Clock
  readonly blockTimeMs: number
  readonly chainId: number
  readonly genesisMs: number
  /** Every included transaction, in chain order. */
  readonly transactions: IncludedTransaction[] = []
  /** Assertion failures inside the protocol (bugs); each also reverted its transaction as `Panic`. */
  readonly panics: Error[] = []
  private readonly rng: Rng
  private readonly blocks: BlockRecord[] = []
  private mempool: ChainTransaction[] = []
  private readonly receipts = new Map<TxHash, TxReceipt>()
  private readonly waiters = new Map<TxHash, ReceiptWaiter[]>()
  private readonly minedNonces = new Map<Address, number>()
  private readonly pendingNonces = new Map<Address, number>()
  private readonly blockListeners = new Set<(block: BlockInfo) => void>()
  readonly taskInputs: TaskInputStore = new Map()
  private timer: Timer | null = null

  constructor(options: MemoryChainOptions) {
    this.params = options.params
    this.clock = options.clock
    this.blockTimeMs = options.blockTimeMs ?? 1000
    if (!Number.isSafeInteger(this.blockTimeMs) || this.blockTimeMs < 1) throw new RangeError(`blockTimeMs ${this.blockTimeMs} must be a positive integer`)
    this.chainId = options.chainId ?? 31337
    this.rng = createRng(options.seed ?? 1)
    this.genesisMs = options.clock.nowMs()
    this.world = createWorld(options.admin, options.oracles, createCtx(this.genesisMs, this.rng, this.params))
    this.blocks.push({ info: { number: 0n, hash: computeBlockHash(0n, `0x${'0'.repeat(64)}`, []), timestampMs: this.genesisMs }, logs: [] })
  }

  /** Produces a block every `blockTimeMs` from now on. */
  start(): void {
    if (this.timer !== null) return
    this.scheduleNextBlock()
  }

  /** Stops block production (the chain keeps its state and may be started again). */
  stop(): void {
    this.timer?.cancel()
    this.timer = null
  }

  get running(): boolean {
    return this.timer !== null
  }

  /** A client signing as `account`. */
  connect(account: Address): MemoryChainClient {
    return new MemoryChainClient(this, account)
  }

  get latestBlock(): BlockInfo {
    return this.blocks[this.blocks.length - 1]!.info
  }

  /** The context of a transaction in the latest block (for invariant checks and reads). */
  ctx(): Ctx {
    return createCtx(this.latestBlock.timestampMs, this.rng, this.params)
  }

  /** Transactions waiting for the next block, in arrival order. */
  get pendingTransactions(): readonly ChainTransaction[] {
    return this.mempool
  }

  // ---- transactions ----------------------------------------------------------------------------

  /** Puts `command` from `from` into the mempool; refuses a command whose actor is someone else. */
  submit(from: Address, command: WorldCommand): TxHash {
    if (command === null || typeof command !== 'object') throw new ChainError('TxRejected', 'a transaction must carry a command object')
    const sender = getCommandSender(command)
    if (sender !== null && sender !== from) {
      throw new ChainError('TxRejected', `${command.type}: the command's actor ${String(sender)} is not the signer ${from}`)
    }
    const nonce = this.getTransactionCount(from, 'pending')
    const hash = computeTxHash(this.chainId, from, nonce)
    this.pendingNonces.set(from, nonce + 1)
    this.mempool.push({ hash, from, nonce, command })
    return hash
  }

  getTransactionCount(account: Address, blockTag: 'latest' | 'pending'): number {
    const mined = this.minedNonces.get(account) ?? 0
    return blockTag === 'latest' ? mined : Math.max(mined, this.pendingNonces.get(account) ?? 0)
  }

  getReceipt(hash: TxHash): TxReceipt | null {
    return this.receipts.get(hash) ?? null
  }

  /** Is `hash` mined or waiting in the mempool? */
  knowsTransaction(hash: TxHash): boolean {
    return this.receipts.has(hash) || this.mempool.some((tx) => tx.hash === hash)
  }

  /** Resolves when `hash` is mined. The caller checks `knowsTransaction` first. */
  onReceipt(hash: TxHash, resolve: (receipt: TxReceipt) => void): () => void {
    const waiter: ReceiptWaiter = { resolve }
    const list = this.waiters.get(hash) ?? []
    list.push(waiter)
    this.waiters.set(hash, list)
    return () => {
      const current = this.waiters.get(hash)
      if (current === undefined) return
      const rest = current.filter((w) => w !== waiter)
      if (rest.length === 0) this.waiters.delete(hash)
      else this.waiters.set(hash, rest)
    }
  }

  // ---- blocks and logs -------------------------------------------------------------------------

  onBlock(listener: (block: BlockInfo) => void): () => void {
    this.blockListeners.add(listener)
    return () => this.blockListeners.delete(listener)
  }

  /** Logs of blocks [fromBlock, toBlock] (clamped to the chain), in chain order. */
  getLogs(fromBlock: bigint, toBlock: bigint, names?: readonly string[]): ChainLog[] {
    const out: ChainLog[] = []
    const last = BigInt(this.blocks.length - 1)
    const from = fromBlock < 0n ? 0n : fromBlock
    const to = toBlock > last ? last : toBlock
    for (let n = from; n <= to; n++) {
      for (const log of this.blocks[Number(n)]!.logs) if (names === undefined || names.includes(log.name)) out.push(log)
    }
    return out
  }

  /**
   * Mines one block now (the block timer calls this; tests may too): every pending transaction in
   * arrival order, then the receipts' waiters and the block listeners are told.
   */
  mineBlock(): BlockInfo {
    const parent = this.latestBlock
    const number = parent.number + 1n
    const timestampMs = Math.max(this.clock.nowMs(), parent.timestampMs)
    const ctx = createCtx(timestampMs, this.rng, this.params)
    const included = this.mempool
    this.mempool = []
    const logs: ChainLog[] = []
    const receipts: TxReceipt[] = []
    for (let i = 0; i < included.length; i++) receipts.push(this.include(included[i]!, i, number, timestampMs, ctx, logs))
    const info: BlockInfo = { number, hash: computeBlockHash(number, parent.hash, included.map((tx) => tx.hash)), timestampMs }
    this.blocks.push({ info, logs })
    for (const receipt of receipts) this.settleWaiters(receipt)
    for (const listener of [...this.blockListeners]) listener(info)
    return info
  }

  private include(tx: ChainTransaction, index: number, blockNumber: bigint, timestampMs: number, ctx: Ctx, blockLogs: ChainLog[]): TxReceipt {
    const { ok, effects, revert } = this.execute(tx.command, ctx)
    const logs: ChainLog[] = []
    if (ok) {
      for (const effect of effects) {
        if (effect.kind !== 'emit') continue
        logs.push({ blockNumber, logIndex: blockLogs.length + logs.length, transactionHash: tx.hash, transactionIndex: index, name: effect.event.name, args: effect.event.args })
      }
      recordTaskInput(this.taskInputs, tx.command, logs)
    }
    blockLogs.push(...logs)
    this.minedNonces.set(tx.from, tx.nonce + 1)
    const status = ok ? 'success' : 'reverted'
    this.transactions.push({ ...tx, blockNumber, status, revert })
    const receipt: TxReceipt = { transactionHash: tx.hash, from: tx.from, nonce: tx.nonce, blockNumber, blockTimestampMs: timestampMs, transactionIndex: index, status, logs, revert }
    this.receipts.set(tx.hash, receipt)
    return receipt
  }

  /** One command against the world; a protocol assertion failure becomes a `Panic` revert and is recorded. */
  private execute(command: WorldCommand, ctx: Ctx): { ok: boolean; effects: readonly Effect[]; revert: Revert | null } {
    try {
      const r = applyCommand(this.world, command, ctx)
      return r.ok ? { ok: true, effects: r.effects, revert: null } : { ok: false, effects: [], revert: { code: r.code, message: r.message } }
    } catch (error) {
      if (!(error instanceof ProtocolAssertionError)) throw error
      this.panics.push(error)
      return { ok: false, effects: [], revert: { code: 'Panic', message: error.message } }
    }
  }

  private settleWaiters(receipt: TxReceipt): void {
    const list = this.waiters.get(receipt.transactionHash)
    if (list === undefined) return
    this.waiters.delete(receipt.transactionHash)
    for (const w of list) w.resolve(receipt)
  }

  private scheduleNextBlock(): void {
    const number = this.latestBlock.number + 1n
    const atMs = this.genesisMs + Number(number) * this.blockTimeMs
    this.timer = this.clock.setTimer(atMs - this.clock.nowMs(), () => {
      this.mineBlock()
      this.scheduleNextBlock()
    })
  }
}

/** keccak256(chainId, from, nonce): unique per sender and nonce, as an EVM transaction hash is in practice. */
function computeTxHash(chainId: number, from: Address, nonce: number): TxHash {
  return keccak256(encodePacked(['uint256', 'address', 'uint256'], [BigInt(chainId), from, BigInt(nonce)]))
}

function computeBlockHash(number: bigint, parent: Hex32, txHashes: readonly TxHash[]): Hex32 {
  return keccak256(encodePacked(['uint256', 'bytes32', 'bytes32[]'], [number, parent, [...txHashes]]))
}
