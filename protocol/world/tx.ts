/**
 * A command's staging area. Reads see the command's own writes first, then the world; nothing
 * reaches the world until `commit`. Because entity states are immutable, a rejected command is
 * undone by dropping the staging area: no copy of the world is ever made.
 */
import type { Effect } from '../core/effects.ts'
import type { Address, RoundId, SessionId } from '../core/types.ts'
import type { NodeState } from '../node/types.ts'
import type { OracleSetState } from '../oracle/types.ts'
import type { NetworkAccount, NodeAccount, SessionAccount, TaskEscrow } from '../payments/types.ts'
import type { RoundState } from '../round/types.ts'
import type { SessionState } from '../session/types.ts'
import type { TaskState } from '../task/types.ts'
import type { WorldState } from './types.ts'

export class Staged<K, V> {
  private writes: Map<K, V> | null = null

  constructor(private readonly base: Map<K, V>) {}

  get(key: K): V | undefined {
    if (this.writes !== null) {
      const v = this.writes.get(key)
      if (v !== undefined) return v
    }
    return this.base.get(key)
  }

  put(key: K, value: V): void {
    ;(this.writes ??= new Map()).set(key, value)
  }

  commit(): void {
    if (this.writes !== null) for (const [k, v] of this.writes) this.base.set(k, v)
  }
}

/**
 * The staging area of one command. Each collection's `Staged` view is made on first use: most
 * commands touch two or three collections, and every command runs through here.
 */
export class Tx {
  private sessionsView: Staged<SessionId, SessionState> | null = null
  private sessionAccountsView: Staged<SessionId, SessionAccount> | null = null
  private tasksView: Staged<string, TaskState> | null = null
  private escrowsView: Staged<string, TaskEscrow> | null = null
  private nodesView: Staged<Address, NodeState> | null = null
  private nodeAccountsView: Staged<Address, NodeAccount> | null = null
  private roundsView: Staged<RoundId, RoundState> | null = null
  private lastPickedRoundView: Staged<Address, RoundId> | null = null
  oracle: OracleSetState
  network: NetworkAccount
  nextSessionId: SessionId
  nextGid: number
  nextRoundId: RoundId
  /** Effects for the host: emitted events and timers. */
  readonly out: Effect[] = []

  constructor(readonly world: WorldState) {
    this.oracle = world.oracle
    this.network = world.network
    this.nextSessionId = world.nextSessionId
    this.nextGid = world.nextGid
    this.nextRoundId = world.nextRoundId
  }

  get sessions(): Staged<SessionId, SessionState> {
    return (this.sessionsView ??= new Staged(this.world.sessions))
  }
  get sessionAccounts(): Staged<SessionId, SessionAccount> {
    return (this.sessionAccountsView ??= new Staged(this.world.sessionAccounts))
  }
  get tasks(): Staged<string, TaskState> {
    return (this.tasksView ??= new Staged(this.world.tasks))
  }
  get escrows(): Staged<string, TaskEscrow> {
    return (this.escrowsView ??= new Staged(this.world.escrows))
  }
  get nodes(): Staged<Address, NodeState> {
    return (this.nodesView ??= new Staged(this.world.nodes))
  }
  get nodeAccounts(): Staged<Address, NodeAccount> {
    return (this.nodeAccountsView ??= new Staged(this.world.nodeAccounts))
  }
  get rounds(): Staged<RoundId, RoundState> {
    return (this.roundsView ??= new Staged(this.world.rounds))
  }
  get lastPickedRound(): Staged<Address, RoundId> {
    return (this.lastPickedRoundView ??= new Staged(this.world.lastPickedRound))
  }

  commit(): void {
    this.sessionsView?.commit()
    this.sessionAccountsView?.commit()
    this.tasksView?.commit()
    this.escrowsView?.commit()
    this.nodesView?.commit()
    this.nodeAccountsView?.commit()
    this.roundsView?.commit()
    this.lastPickedRoundView?.commit()
    const w = this.world
    w.oracle = this.oracle
    w.network = this.network
    w.nextSessionId = this.nextSessionId
    w.nextGid = this.nextGid
    w.nextRoundId = this.nextRoundId
  }
}
