/**
 * What a node needs from the chain, and nothing else: the chain is the coordination layer, so a
 * miner or an oracle on any machine needs only a `ChainClient`.
 *
 * The shapes follow what an EVM client (viem) gives, so the viem/anvil implementation can fill
 * them in directly: block numbers are bigints, addresses lower-case hex, transactions have a hash
 * and a per-sender nonce, receipts carry the block, its time and the logs. Two translations are
 * the implementation's job: a `WorldCommand` becomes the matching contract call (the commands
 * mirror the contract functions one to one), and contract reads and event arguments are decoded
 * into the protocol's own types (`TaskState`, …, event arguments under the protocol's names, times
 * in ms), so the roles decide everything with `protocol/` and never see an ABI.
 *
 * A protocol rejection is not an error here: the transaction is mined, reverts, and its receipt
 * says why with the protocol's rejection code. Errors (`ChainError`) are about reaching the chain.
 */
import type { Hex32 } from '../../protocol/core/commit.ts'
import type { EventArg } from '../../protocol/core/effects.ts'
import type { RejectionCode } from '../../protocol/core/result.ts'
import type { Address, RoundId, SessionId, TaskId } from '../../protocol/core/types.ts'
import type { NodeState } from '../../protocol/node/types.ts'
import type { OracleSetState } from '../../protocol/oracle/types.ts'
import type { Params } from '../../protocol/params/spec.ts'
import type { NodeAccount, SessionAccount } from '../../protocol/payments/types.ts'
import type { RoundState } from '../../protocol/round/types.ts'
import type { SessionState, TaskSubmission } from '../../protocol/session/types.ts'
import type { TaskState } from '../../protocol/task/types.ts'
import type { WorldCommand } from '../../protocol/world/types.ts'

export type TxHash = Hex32

export interface BlockInfo {
  readonly number: bigint
  readonly hash: Hex32
  /** Block time in ms (an EVM block's `timestamp` is in seconds: ×1000). */
  readonly timestampMs: number
}

/** One emitted event, where it sits on the chain, decoded to the protocol's event name and arguments. */
export interface ChainLog {
  readonly blockNumber: bigint
  /** Position among all logs of its block (an EVM `logIndex`). */
  readonly logIndex: number
  readonly transactionHash: TxHash
  readonly transactionIndex: number
  readonly name: string
  readonly args: Readonly<Record<string, EventArg>>
}

/**
 * Why the contracts refused a mined transaction: the protocol's rejection code, or `Panic` when
 * the implementation broke one of its own assertions (a bug, like a Solidity panic).
 */
export type RevertCode = RejectionCode | 'Panic'

export interface Revert {
  readonly code: RevertCode
  readonly message: string
}

export interface TxReceipt {
  readonly transactionHash: TxHash
  readonly from: Address
  readonly nonce: number
  readonly blockNumber: bigint
  readonly blockTimestampMs: number
  readonly transactionIndex: number
  readonly status: 'success' | 'reverted'
  /** The logs of a successful transaction (none when reverted). */
  readonly logs: readonly ChainLog[]
  /** Set exactly when `status` is `reverted`. */
  readonly revert: Revert | null
}

export interface LogFilter {
  readonly fromBlock: bigint
  /** Inclusive; the latest block when absent. */
  readonly toBlock?: bigint
  /** Only logs with one of these event names. */
  readonly names?: readonly string[]
}

export interface CallOptions {
  readonly signal?: AbortSignal
}

export interface WaitOptions extends CallOptions {
  /** Give up with a `Timeout` ChainError after this long (of the client's clock). */
  readonly timeoutMs?: number
}

/** What the task's submitter sent (SessionV2.submit), kept by the chain for the miners to read. */
export interface TaskInput extends TaskSubmission {
  readonly sessionId: SessionId
  readonly taskId: TaskId
}

export interface BlockWatch {
  /** A new block; the latest one (blocks may be skipped, their logs are fetched with `getLogs`). */
  readonly onBlock: (block: BlockInfo) => void
  /** The watch ended: the connection failed (watch again to resume) or the client was closed (`Closed`). */
  readonly onError: (error: Error) => void
}

export type Unwatch = () => void

export interface ChainClient {
  /** The account this client signs with: `msg.sender` of every transaction it sends. */
  readonly account: Address
  readonly chainId: number

  // ---- transactions ----------------------------------------------------------------------------
  /**
   * Signs and broadcasts the contract call for `command` and returns its hash once the node took
   * it. The command's actor must be `account`. Never retried by the client: when this throws
   * `ConnectionLost` the transaction may or may not have reached the chain (compare
   * `getTransactionCount('pending')` with `'latest'` to find out).
   */
  sendCommand(command: WorldCommand, options?: CallOptions): Promise<TxHash>
  /** Resolves once the transaction is mined (successful or reverted). */
  waitForReceipt(hash: TxHash, options?: WaitOptions): Promise<TxReceipt>
  /** The receipt of a mined transaction, or null while it is pending or unknown. */
  getReceipt(hash: TxHash): Promise<TxReceipt | null>
  /** Transactions of `account` mined so far (`latest`) or mined plus waiting in the mempool (`pending`): its next nonce. */
  getTransactionCount(blockTag: 'latest' | 'pending'): Promise<number>

  // ---- blocks, time and logs -------------------------------------------------------------------
  /** The latest block: its number and its time, which is "now" for the contracts. */
  getBlock(): Promise<BlockInfo>
  /** Logs of mined blocks in [fromBlock, toBlock], in chain order. */
  getLogs(filter: LogFilter): Promise<readonly ChainLog[]>
  /** Calls `onBlock` for each new block until unwatched or the connection fails (see `followChain` for reconnects). */
  watchBlocks(watch: BlockWatch): Unwatch

  // ---- views -----------------------------------------------------------------------------------
  /** The protocol parameters the contracts run with. */
  getParams(): Promise<Params>
  readSession(sessionId: SessionId): Promise<SessionState | null>
  readSessionAccount(sessionId: SessionId): Promise<SessionAccount | null>
  readTask(sessionId: SessionId, taskId: TaskId): Promise<TaskState | null>
  readTaskInput(sessionId: SessionId, taskId: TaskId): Promise<TaskInput | null>
  /** The node's state; null for an address never registered. */
  readNode(address: Address): Promise<NodeState | null>
  /** Stake and payments of an address (zeros for one that never had money here). */
  readNodeAccount(address: Address): Promise<NodeAccount>
  /** The last round the node was picked for (network-task cooldown), or null. */
  readLastPickedRound(address: Address): Promise<RoundId | null>
  readRound(roundId: RoundId): Promise<RoundState | null>
  readOracleSet(): Promise<OracleSetState>
  /** The oracle leading at `atMs` (default: the latest block's time), or null with no oracle. */
  readLeader(atMs?: number): Promise<Address | null>

  /** Stops the client: later calls fail with `Closed`, watches end. Safe to call twice. */
  close(): void
}
