/**
 * The miner role. On start it waits for any transaction it left in flight to be mined (a restart
 * must not double-send), registers and stakes if the chain says it has not, and picks up the work
 * its journal says is unfinished. Then it follows the chain: logs tell it which tasks and rounds
 * it was given (a router may also push a task id through `notifyTask`), and at every new block it
 * takes the next step of each (miner-tasks.ts, miner-rounds.ts), pings twice per
 * `node.pingIntervalMs` and withdraws its payments on a schedule. All timing is chain time.
 */
import { readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Amount, RoundId, SessionId, TaskId } from '../../protocol/core/types.ts'
import { ChainFollower, followChain } from '../chain/follow.ts'
import type { BlockInfo, ChainLog } from '../chain/types.ts'
import type { InferenceBackend } from '../inference/types.ts'
import type { RoleContext } from './context.ts'
import { MinerJournal } from './journal.ts'
import { DEFAULT_ROUND_WRITING, reconcileRound, type RoundWritingOptions } from './miner-rounds.ts'
import { reconcileTask, taskEntity, type MinerHooks, type MinerWork, type TaskOutputListener } from './miner-tasks.ts'

export interface MinerConfig {
  /** Model ids the node serves (declared at registration). */
  readonly models: readonly number[]
  /** Stake to hold; topped up at start. Default `selection.minStake`. */
  readonly stake?: Amount
  /**
   * Time between pings. Default half of `node.pingIntervalMs`: a ping then always lands inside the
   * protocol's interval despite the block it waits for, so a liveness check never books a miss.
   */
  readonly pingIntervalMs?: number
  /** How often to withdraw pending payments; 0 never. Default 10 minutes. */
  readonly withdrawIntervalMs?: number
  /** Smallest pending amount worth a withdrawal. Default 1 wei. */
  readonly minWithdraw?: Amount
  /** First block to follow; default the saved cursor, else the current head. */
  readonly fromBlock?: bigint
  readonly roundWriting?: Partial<RoundWritingOptions>
  /** Test-only deviations (a dishonest miner). */
  readonly hooks?: MinerHooks
  /** Told of each user task's tokens and result as they are produced (a router link streams them); chain work is unchanged. */
  readonly onTaskOutput?: TaskOutputListener
}

export interface MinerDeps {
  readonly inference: InferenceBackend
  readonly dataDir: string
}

/** Blocks between two saves of the follow cursor. */
const CURSOR_EVERY_BLOCKS = 16

export class MinerRole {
  /** Followed tasks, with the block where this miner learnt of each (the replay point after a restart). */
  private readonly tasks = new Map<string, { readonly sessionId: SessionId; readonly taskId: TaskId; readonly sinceBlock: bigint }>()
  private readonly rounds = new Map<RoundId, bigint>()
  private follower: ChainFollower | null = null
  private lastPingAtMs = 0
  private lastWithdrawAtMs = 0
  private blocksSinceCursor = 0
  private readonly writing: RoundWritingOptions

  private constructor(
    readonly ctx: RoleContext,
    private readonly work: MinerWork,
    private readonly config: MinerConfig,
    private readonly dataDir: string,
  ) {
    this.writing = { ...DEFAULT_ROUND_WRITING, ...config.roundWriting }
  }

  static async start(ctx: RoleContext, deps: MinerDeps, config: MinerConfig): Promise<MinerRole> {
    const journal = await MinerJournal.open(deps.dataDir)
    const work: MinerWork = { ctx, inference: deps.inference, journal, hooks: config.hooks ?? {}, ...(config.onTaskOutput === undefined ? {} : { onTaskOutput: config.onTaskOutput }) }
    const role = new MinerRole(ctx, work, config, deps.dataDir)
    try {
      await ctx.tx.settleInFlight()
      await role.join()
      const fromBlock = config.fromBlock ?? (await readCursor(deps.dataDir)) ?? ctx.head.number
      role.resume(fromBlock)
      role.follower = followChain({
        client: ctx.chain,
        clock: ctx.clock,
        fromBlock,
        signal: ctx.signal,
        onBlock: (block, logs) => role.onBlock(block, logs),
        onError: (error, context, retryInMs) => ctx.log.warn(context === 'connection' ? 'chain connection lost' : 'block handler failed', { error: error instanceof Error ? error.message : String(error), retryInMs }),
      })
      ctx.log.info('miner started', { fromBlock, resumed: role.tasks.size + role.rounds.size })
      return role
    } catch (error) {
      await journal.close()
      throw error
    }
  }

  /** The push hook a router calls when it hands this miner a task: follow it now, without waiting for its log. */
  notifyTask(sessionId: SessionId, taskId: TaskId): void {
    this.follow(sessionId, taskId, this.ctx.head.number)
    this.step(`${sessionId}/${taskId}`)
  }

  /** Tasks being followed, as `sessionId/taskId`. */
  get followedTasks(): string[] {
    return [...this.tasks.keys()]
  }

  get followedRounds(): RoundId[] {
    return [...this.rounds.keys()]
  }

  /** After the stop signal: waits for running work, saves the cursor, closes the journal. */
  async stop(): Promise<void> {
    await this.ctx.jobs.drain()
    await this.saveCursor()
    await this.work.journal.close()
  }

  // ---- joining -----------------------------------------------------------------------------------

  private async join(): Promise<void> {
    const { chain, tx, log, params } = this.ctx
    const node = await chain.readNode(this.ctx.me)
    if (node === null) {
      const r = await tx.sendAndWait('node', 'register', { type: 'registerNode', actor: this.ctx.me, models: [...this.config.models] })
      if (r?.status !== 'success') throw new Error(`registration failed: ${r?.revert?.code ?? 'not sent'} ${r?.revert?.message ?? ''}`)
    } else if (node.status.kind === 'Banned') {
      log.warn('node is banned; it will get no work')
    }
    this.lastPingAtMs = node?.lastPingAtMs ?? this.ctx.nowMs()
    this.lastWithdrawAtMs = this.ctx.nowMs()
    const target = this.config.stake ?? params.selection.minStake
    const { stake } = await chain.readNodeAccount(this.ctx.me)
    if (stake < target) {
      const r = await tx.sendAndWait('node', 'stake', { type: 'stake', actor: this.ctx.me, amount: target - stake })
      if (r?.status !== 'success') throw new Error(`staking failed: ${r?.revert?.code ?? 'not sent'} ${r?.revert?.message ?? ''}`)
    }
  }

  /** Follows again what the journal says was left unfinished. */
  private resume(sinceBlock: bigint): void {
    for (const entry of this.work.journal.entries()) {
      if (entry.t === 'task') this.follow(entry.sessionId, entry.taskId, sinceBlock)
      else this.followRound(entry.roundId, sinceBlock)
    }
  }

  // ---- following ---------------------------------------------------------------------------------

  private onBlock(block: BlockInfo, logs: readonly ChainLog[]): void {
    this.ctx.setHead(block)
    for (const log of logs) this.onLog(log)
    for (const key of this.tasks.keys()) this.step(key)
    for (const roundId of this.rounds.keys()) this.stepRound(roundId)
    this.maybePing(block.timestampMs)
    this.maybeWithdraw(block.timestampMs)
    if (++this.blocksSinceCursor >= CURSOR_EVERY_BLOCKS) {
      this.blocksSinceCursor = 0
      this.ctx.jobs.spawn('cursor', () => this.saveCursor())
    }
  }

  private onLog(log: ChainLog): void {
    const me = this.ctx.me
    const a = log.args
    switch (log.name) {
      case 'TaskAssigned':
        if (includes(a['miners'], me)) this.follow(a['sessionId'] as SessionId, a['taskId'] as TaskId, log.blockNumber)
        return
      case 'NewSessionRequest':
      case 'SessionStarted':
        if (includes(a['miners'], me)) this.followRound(a['roundId'] as RoundId, log.blockNumber)
        return
      case 'NewSessionRequestAssigned':
      case 'SessionPrepareAssigned':
        if (a['miner'] === me) this.followRound(a['roundId'] as RoundId, log.blockNumber)
        return
      default:
        return
    }
  }

  private follow(sessionId: SessionId, taskId: TaskId, sinceBlock: bigint): void {
    const key = `${sessionId}/${taskId}`
    if (!this.tasks.has(key)) this.tasks.set(key, { sessionId, taskId, sinceBlock })
  }

  private followRound(roundId: RoundId, sinceBlock: bigint): void {
    if (!this.rounds.has(roundId)) this.rounds.set(roundId, sinceBlock)
  }

  private step(key: string): void {
    const t = this.tasks.get(key)
    if (t === undefined) return
    this.ctx.jobs.spawn(taskEntity(t.sessionId, t.taskId), async () => {
      if ((await reconcileTask(this.work, t.sessionId, t.taskId)) === 'finished') this.tasks.delete(key)
    })
  }

  private stepRound(roundId: RoundId): void {
    this.ctx.jobs.spawn(`round:${roundId}`, async () => {
      if ((await reconcileRound(this.work, roundId, this.writing)) === 'finished') this.rounds.delete(roundId)
    })
  }

  // ---- housekeeping ------------------------------------------------------------------------------

  private maybePing(nowMs: number): void {
    const interval = this.config.pingIntervalMs ?? Math.floor(this.ctx.params.node.pingIntervalMs / 2)
    if (nowMs - this.lastPingAtMs < interval) return
    this.lastPingAtMs = nowMs
    this.ctx.jobs.spawn('ping', async () => {
      this.ctx.tx.forget('ping')
      await this.ctx.tx.send('ping', 'ping', { type: 'ping', actor: this.ctx.me })
    })
  }

  private maybeWithdraw(nowMs: number): void {
    const interval = this.config.withdrawIntervalMs ?? 600_000
    if (interval <= 0 || nowMs - this.lastWithdrawAtMs < interval) return
    this.lastWithdrawAtMs = nowMs
    this.ctx.jobs.spawn('withdraw', async () => {
      const { pending } = await this.ctx.chain.readNodeAccount(this.ctx.me)
      if (pending < (this.config.minWithdraw ?? 1n)) return
      this.ctx.tx.forget('withdraw')
      await this.ctx.tx.send('withdraw', 'withdraw', { type: 'withdrawNodePayment', actor: this.ctx.me })
    })
  }

  /**
   * Saves where to resume following after a restart: the first block not yet read, or earlier, the
   * block where the oldest unfinished task or round began, so its logs are read again.
   */
  private async saveCursor(): Promise<void> {
    if (this.follower === null) return
    let nextBlock = this.follower.cursor
    for (const t of this.tasks.values()) if (t.sinceBlock < nextBlock) nextBlock = t.sinceBlock
    for (const since of this.rounds.values()) if (since < nextBlock) nextBlock = since
    const path = join(this.dataDir, 'cursor.json')
    await writeFile(`${path}.tmp`, JSON.stringify({ nextBlock: nextBlock.toString() }), 'utf8')
    await rename(`${path}.tmp`, path)
  }
}

function includes(list: unknown, address: string): boolean {
  return Array.isArray(list) && list.includes(address)
}

/** The saved follow cursor, or null when there is none (or it is unreadable: then start from the head). */
async function readCursor(dataDir: string): Promise<bigint | null> {
  try {
    const value = JSON.parse(await readFile(join(dataDir, 'cursor.json'), 'utf8')) as { nextBlock?: unknown }
    return typeof value.nextBlock === 'string' && /^\d+$/.test(value.nextBlock) ? BigInt(value.nextBlock) : null
  } catch {
    return null
  }
}
