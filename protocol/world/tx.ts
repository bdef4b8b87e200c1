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

export class Tx {
  readonly sessions: Staged<SessionId, SessionState>
  readonly sessionAccounts: Staged<SessionId, SessionAccount>
  readonly tasks: Staged<string, TaskState>
  readonly escrows: Staged<string, TaskEscrow>
  readonly nodes: Staged<Address, NodeState>
  readonly nodeAccounts: Staged<Address, NodeAccount>
  readonly rounds: Staged<RoundId, RoundState>
  readonly lastPickedRound: Staged<Address, RoundId>
  oracle: OracleSetState
  network: NetworkAccount
  nextSessionId: SessionId
  nextGid: number
  nextRoundId: RoundId
  /** Effects for the host: emitted events and timers. */
  readonly out: Effect[] = []

  constructor(readonly world: WorldState) {
    this.sessions = new Staged(world.sessions)
    this.sessionAccounts = new Staged(world.sessionAccounts)
    this.tasks = new Staged(world.tasks)
    this.escrows = new Staged(world.escrows)
    this.nodes = new Staged(world.nodes)
    this.nodeAccounts = new Staged(world.nodeAccounts)
    this.rounds = new Staged(world.rounds)
    this.lastPickedRound = new Staged(world.lastPickedRound)
    this.oracle = world.oracle
    this.network = world.network
    this.nextSessionId = world.nextSessionId
    this.nextGid = world.nextGid
    this.nextRoundId = world.nextRoundId
  }

  commit(): void {
    this.sessions.commit()
    this.sessionAccounts.commit()
    this.tasks.commit()
    this.escrows.commit()
    this.nodes.commit()
    this.nodeAccounts.commit()
    this.rounds.commit()
    this.lastPickedRound.commit()
    const w = this.world
    w.oracle = this.oracle
    w.network = this.network
    w.nextSessionId = this.nextSessionId
    w.nextGid = this.nextGid
    w.nextRoundId = this.nextRoundId
  }
}
