/**
 * The oracle role (§7). Every oracle follows the chain from `fromBlock` (genesis by default, to
 * learn every open task, round, session and node from the logs) and heartbeats every
 * `oracle.heartbeatMs` of chain time. At each block it asks who leads at the block's time
 * (`getLeaderAt`): the leader sweeps its duties (oracle-tasks.ts, oracle-rounds.ts,
 * oracle-pool.ts); the others watch it and, once it has been silent past the failover limit
 * (`getRotationDueAtMs`), send `rotateLeader` — the next in address order first, each later one a
 * heartbeat later, so a dead successor does not stall the handover. So several oracles can run at
 * once, only the leader acts, and the next one takes over within the silence limit plus a block
 * when the leader dies.
 */
import { randomInt } from 'node:crypto'
import { createRng, type Rng } from '../../protocol/core/rng.ts'
import { computeWindow, getLeaderAt, getRotationDueAtMs } from '../../protocol/oracle/leadership.ts'
import type { OracleSetState } from '../../protocol/oracle/types.ts'
import { ChainFollower, followChain } from '../chain/follow.ts'
import type { BlockInfo, ChainLog } from '../chain/types.ts'
import type { Embedder } from '../embedding/types.ts'
import type { RoleContext } from './context.ts'
import { performLivenessChecks, performPoolDuties } from './oracle-pool.ts'
import { performRoundDuties, requestRound } from './oracle-rounds.ts'
import { performTaskDuties } from './oracle-tasks.ts'
import { OracleTracking, SweepView } from './oracle-tracking.ts'
import type { OracleSettings, OracleWork } from './oracle-work.ts'

export interface OracleConfig extends Partial<OracleSettings> {
  /** Selection randomness; default seeded from the operating system. */
  readonly rng?: Rng
  /** First block to learn from. Default 0 (the whole history). */
  readonly fromBlock?: bigint
}

export interface OracleDeps {
  readonly embedder: Embedder
}

export class OracleRole {
  readonly tracking = new OracleTracking()
  private readonly work: OracleWork
  private follower: ChainFollower | null = null
  private lastHeartbeatAtMs = Number.NEGATIVE_INFINITY
  private lastLivenessAtMs = Number.NEGATIVE_INFINITY
  private lastRoundRequestAtMs: number | null = null
  private leading = false
  private notRegisteredLogged = false

  private constructor(
    readonly ctx: RoleContext,
    deps: OracleDeps,
    config: OracleConfig,
  ) {
    const p = ctx.params
    const settings: OracleSettings = {
      dutyRetryMs: config.dutyRetryMs ?? 5_000,
      requestRounds: config.requestRounds ?? true,
      roundIntervalMs: config.roundIntervalMs ?? p.networkTask.intervalMs,
      reserveNodes: config.reserveNodes ?? true,
      livenessChecks: config.livenessChecks ?? true,
      ...(config.corpusMean !== undefined ? { corpusMean: config.corpusMean } : {}),
    }
    const rng = config.rng ?? createRng(randomInt(2 ** 32))
    this.work = { ctx, embedder: deps.embedder, rng, settings, tracking: this.tracking }
  }

  static async start(ctx: RoleContext, deps: OracleDeps, config: OracleConfig = {}): Promise<OracleRole> {
    const role = new OracleRole(ctx, deps, config)
    await ctx.tx.settleInFlight()
    const fromBlock = config.fromBlock ?? 0n
    role.follower = followChain({
      client: ctx.chain,
      clock: ctx.clock,
      fromBlock,
      signal: ctx.signal,
      onBlock: (block, logs) => role.onBlock(block, logs),
      onError: (error, context, retryInMs) => ctx.log.warn(context === 'connection' ? 'chain connection lost' : 'block handler failed', { error: error instanceof Error ? error.message : String(error), retryInMs }),
    })
    ctx.log.info('oracle started', { fromBlock })
    return role
  }

  /** The first block whose logs this oracle has not yet read. */
  get cursor(): bigint | null {
    return this.follower?.cursor ?? null
  }

  /** Is this oracle leading, as of its last look? */
  get isLeading(): boolean {
    return this.leading
  }

  /** After the stop signal: waits for running work. */
  async stop(): Promise<void> {
    await this.ctx.jobs.drain()
  }

  private onBlock(block: BlockInfo, logs: readonly ChainLog[]): void {
    this.ctx.setHead(block)
    for (const log of logs) this.tracking.onLog(log)
    this.ctx.jobs.spawn('tick', () => this.tick(block.timestampMs))
  }

  private async tick(nowMs: number): Promise<void> {
    const { chain, params, me } = this.ctx
    const set = await chain.readOracleSet()
    if (!set.oracles.includes(me)) {
      if (!this.notRegisteredLogged) this.ctx.log.warn('not a registered oracle; watching only')
      this.notRegisteredLogged = true
      return
    }
    this.maybeHeartbeat(nowMs)
    const leader = getLeaderAt(set, nowMs, params)
    const leading = leader === me
    if (leading !== this.leading) this.ctx.log.info(leading ? 'leading' : 'following', { leader, window: computeWindow(nowMs, params.oracle.windowMs) })
    this.leading = leading
    if (leading) await this.sweep(nowMs)
    else await this.watchLeader(set, nowMs)
  }

  /** Everything the leader owes at `nowMs`. */
  private async sweep(nowMs: number): Promise<void> {
    const view = new SweepView(this.ctx.chain)
    const { settings } = this.work
    // Rounds first: they mark the miners busy in open rounds before new picks are made.
    await performRoundDuties(this.work, view, nowMs)
    await performTaskDuties(this.work, view, nowMs)
    await performPoolDuties(this.work, view, nowMs)
    if (settings.livenessChecks && nowMs - this.lastLivenessAtMs >= this.ctx.params.node.pingIntervalMs) {
      this.lastLivenessAtMs = nowMs
      await performLivenessChecks(this.work, view, nowMs)
    }
    if (settings.requestRounds && nowMs - (await this.getLastRoundRequestAtMs()) >= settings.roundIntervalMs) {
      if (await requestRound(this.work, view, nowMs)) this.lastRoundRequestAtMs = nowMs
    }
  }

  /** When the latest round was requested: remembered, or read from the chain after a start or a takeover. */
  private async getLastRoundRequestAtMs(): Promise<number> {
    if (this.lastRoundRequestAtMs === null && this.tracking.maxRoundId > 0) {
      const round = await this.ctx.chain.readRound(this.tracking.maxRoundId)
      this.lastRoundRequestAtMs = round?.requestedAtMs ?? null
    }
    return this.lastRoundRequestAtMs ?? Number.NEGATIVE_INFINITY
  }

  /** Rotates a silent leader out: the next oracle after it first, each further one a heartbeat later. */
  private async watchLeader(set: OracleSetState, nowMs: number): Promise<void> {
    const { params, me, tx } = this.ctx
    // Whoever leads next re-reads when rounds were requested.
    this.lastRoundRequestAtMs = null
    const dueAtMs = getRotationDueAtMs(set, nowMs, params)
    const leader = getLeaderAt(set, nowMs, params)
    if (dueAtMs === null || leader === null) return
    const n = set.oracles.length
    const rank = (set.oracles.indexOf(me) - set.oracles.indexOf(leader) + n) % n
    if (nowMs < dueAtMs + (rank - 1) * params.oracle.heartbeatMs) return
    const action = `rotate#${computeWindow(nowMs, params.oracle.windowMs)}:${leader}`
    tx.keepOnly('oracle', action)
    await tx.send('oracle', action, { type: 'rotateLeader', actor: me }, { retryAfterMs: this.work.settings.dutyRetryMs })
  }

  private maybeHeartbeat(nowMs: number): void {
    if (nowMs - this.lastHeartbeatAtMs < this.ctx.params.oracle.heartbeatMs) return
    this.lastHeartbeatAtMs = nowMs
    this.ctx.jobs.spawn('heartbeat', async () => {
      this.ctx.tx.forget('heartbeat')
      await this.ctx.tx.send('heartbeat', 'heartbeat', { type: 'oracleHeartbeat', actor: this.ctx.me })
    })
  }
}
