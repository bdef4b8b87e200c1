/**
 * What the router learns by following the chain: the sessions it may submit to (it owns them or
 * they list it as a router, and they are not deactivated), the registered nodes, and the events of
 * the tasks it is waiting on. One follower serves every request; each log is handled in O(1), and
 * a session is read again only when one of its own router, owner or deactivation events comes by.
 */
import type { Address, SessionId, TaskId } from '../../protocol/core/types.ts'
import type { SessionState } from '../../protocol/session/types.ts'
import type { Clock } from '../chain/clock.ts'
import { ChainFollower, followChain } from '../chain/follow.ts'
import type { BlockInfo, ChainClient, ChainLog } from '../chain/types.ts'

/** Session events that may change whether this router serves the session. */
const SESSION_EVENTS: ReadonlySet<string> = new Set(['SessionCreated', 'RouterAdded', 'RouterRemoved', 'SessionOwnerUpdated', 'SessionDeactivated'])
/** Task events an in-flight task reacts to. */
const TASK_EVENTS: ReadonlySet<string> = new Set(['TaskAssigned', 'TaskEnded'])

export const FOLLOWED_EVENTS: readonly string[] = [...SESSION_EVENTS, ...TASK_EVENTS, 'NodeRegistered']

export type TaskLog = { readonly name: 'TaskAssigned'; readonly miners: readonly Address[] } | { readonly name: 'TaskEnded' }

export interface ChainIndexDeps {
  readonly chain: ChainClient
  readonly clock: Clock
  readonly routerAddress: Address
  readonly fromBlock: bigint
  readonly signal: AbortSignal
  /** An event of task (sessionId, taskId); the backend ignores tasks it is not waiting on. */
  readonly onTaskLog: (sessionId: SessionId, taskId: TaskId, log: TaskLog) => void
  readonly onError?: (error: unknown, context: 'connection' | 'handler') => void
}

export class ChainIndex {
  /** Sessions this router may submit to, with their latest state, by id. */
  readonly served = new Map<SessionId, SessionState>()
  /** Every node that registered since `fromBlock`. */
  readonly nodes = new Set<Address>()
  private follower: ChainFollower | null = null
  private caughtUp = false
  private readonly readyWaiters: (() => void)[] = []
  /** Sessions whose events came by and that are still to be read. */
  private readonly dirty = new Set<SessionId>()

  constructor(private readonly deps: ChainIndexDeps) {}

  /** The latest head delivered, or null before the first. */
  get head(): BlockInfo | null {
    return this.follower?.head ?? null
  }

  start(): void {
    this.follower = followChain({
      client: this.deps.chain,
      clock: this.deps.clock,
      fromBlock: this.deps.fromBlock,
      names: FOLLOWED_EVENTS,
      signal: this.deps.signal,
      onBlock: (block, logs) => this.onBlock(block, logs),
      onError: (error, context) => this.deps.onError?.(error, context),
    })
  }

  /** Resolves once the first head (with every log since `fromBlock`) has been taken in. */
  ready(): Promise<void> {
    if (this.caughtUp) return Promise.resolve()
    return new Promise((resolve) => this.readyWaiters.push(resolve))
  }

  /** Sessions served, by ascending id. */
  sortedServed(): SessionState[] {
    return [...this.served.values()].sort((a, b) => a.sessionId - b.sessionId)
  }

  /** Is this router the owner or a listed router of `s`, and `s` still active? */
  isServed(s: SessionState): boolean {
    const me = this.deps.routerAddress
    return s.status !== 'Deactivated' && (s.owner === me || s.routers.some((r) => r.address === me))
  }

  /** Records a fresh read of a session. */
  noteSession(s: SessionState): void {
    if (this.isServed(s)) this.served.set(s.sessionId, s)
    else this.served.delete(s.sessionId)
  }

  private async onBlock(_block: BlockInfo, logs: readonly ChainLog[]): Promise<void> {
    for (const log of logs) this.onLog(log, this.dirty)
    try {
      // Sessions are read after the whole block, once each; one whose read fails is read at the next block.
      for (const sessionId of [...this.dirty]) {
        const s = await this.deps.chain.readSession(sessionId)
        this.dirty.delete(sessionId)
        if (s === null) this.served.delete(sessionId)
        else this.noteSession(s)
      }
    } finally {
      if (!this.caughtUp) {
        this.caughtUp = true
        for (const wake of this.readyWaiters.splice(0)) wake()
      }
    }
  }

  private onLog(log: ChainLog, touched: Set<SessionId>): void {
    const a = log.args
    if (log.name === 'NodeRegistered') {
      this.nodes.add(a['node'] as Address)
      return
    }
    // Cognitive rounds reuse the name SessionCreated with a roundId and no sessionId.
    if (SESSION_EVENTS.has(log.name)) {
      if (typeof a['sessionId'] === 'number') touched.add(a['sessionId'])
      return
    }
    const sessionId = a['sessionId'] as SessionId
    const taskId = a['taskId'] as TaskId
    if (log.name === 'TaskAssigned') this.deps.onTaskLog(sessionId, taskId, { name: 'TaskAssigned', miners: a['miners'] as Address[] })
    else if (log.name === 'TaskEnded') this.deps.onTaskLog(sessionId, taskId, { name: 'TaskEnded' })
  }
}
