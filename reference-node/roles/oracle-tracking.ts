/**
 * What the oracle knows, all of it learnt from the chain's logs: the live sessions, the open tasks
 * and rounds, and the registered nodes. Everything else it reads fresh at each sweep through a
 * `SweepView`, which reads each entity at most once per sweep and remembers what this sweep
 * already handed out (a node picked for one session is not picked for another in the same block).
 */
import type { Address, Amount, RoundId, SessionId, TaskId } from '../../protocol/core/types.ts'
import type { NodeState } from '../../protocol/node/types.ts'
import type { SessionState } from '../../protocol/session/types.ts'
import type { ChainClient, ChainLog } from '../chain/types.ts'

export interface TaskRef {
  readonly sessionId: SessionId
  readonly taskId: TaskId
}

export class OracleTracking {
  readonly sessions = new Set<SessionId>()
  readonly tasks = new Map<string, TaskRef>()
  readonly rounds = new Set<RoundId>()
  readonly nodes = new Set<Address>()
  /** The highest round id seen (the next round gets the one after it). */
  maxRoundId = 0

  onLog(log: ChainLog): void {
    const a = log.args
    switch (log.name) {
      case 'SessionCreated':
        this.sessions.add(a['sessionId'] as SessionId)
        return
      case 'SessionDeactivated':
        this.sessions.delete(a['sessionId'] as SessionId)
        return
      case 'TaskQueued': {
        const ref = { sessionId: a['sessionId'] as SessionId, taskId: a['taskId'] as TaskId }
        this.tasks.set(`${ref.sessionId}/${ref.taskId}`, ref)
        return
      }
      case 'TaskEnded':
        this.tasks.delete(`${String(a['sessionId'])}/${String(a['taskId'])}`)
        return
      case 'NodeRegistered':
        this.nodes.add(a['node'] as Address)
        return
      case 'NewSessionRequest': {
        const roundId = a['roundId'] as RoundId
        this.rounds.add(roundId)
        if (roundId > this.maxRoundId) this.maxRoundId = roundId
        return
      }
      case 'SessionEnded':
        this.rounds.delete(a['roundId'] as RoundId)
        return
      default:
        return
    }
  }

  /** Ids and addresses in a canonical order, so one oracle's sweep does not depend on log order. */
  sortedSessions(): SessionId[] {
    return [...this.sessions].sort((a, b) => a - b)
  }

  sortedTasks(): TaskRef[] {
    return [...this.tasks.values()].sort((a, b) => a.sessionId - b.sessionId || a.taskId - b.taskId)
  }

  sortedRounds(): RoundId[] {
    return [...this.rounds].sort((a, b) => a - b)
  }

  sortedNodes(): Address[] {
    return [...this.nodes].sort()
  }
}

/** Reads for one sweep, each at most once. */
export class SweepView {
  private readonly nodeReads = new Map<Address, Promise<NodeState | null>>()
  private readonly stakeReads = new Map<Address, Promise<Amount>>()
  private readonly pickReads = new Map<Address, Promise<RoundId | null>>()
  private readonly sessionReads = new Map<SessionId, Promise<SessionState | null>>()
  /** Miners holding a part in an open round, with that round. */
  readonly busy = new Map<Address, RoundId>()
  /** Nodes this sweep already gave to a session. */
  readonly taken = new Set<Address>()

  constructor(private readonly chain: ChainClient) {}

  node(address: Address): Promise<NodeState | null> {
    return memo(this.nodeReads, address, () => this.chain.readNode(address))
  }

  stake(address: Address): Promise<Amount> {
    return memo(this.stakeReads, address, async () => (await this.chain.readNodeAccount(address)).stake)
  }

  lastPicked(address: Address): Promise<RoundId | null> {
    return memo(this.pickReads, address, () => this.chain.readLastPickedRound(address))
  }

  session(sessionId: SessionId): Promise<SessionState | null> {
    return memo(this.sessionReads, sessionId, () => this.chain.readSession(sessionId))
  }
}

function memo<K, V>(cache: Map<K, Promise<V>>, key: K, read: () => Promise<V>): Promise<V> {
  let value = cache.get(key)
  if (value === undefined) {
    value = read()
    cache.set(key, value)
  }
  return value
}
