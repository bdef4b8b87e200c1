/**
 * The MemoryChain's storage beyond the protocol world, and its views. The world keeps what the
 * rules need; a contract also stores what its callers sent and others read back — here the
 * submitted task's prompt and parameters (SessionQueue's task data and LLM "decoration", §4.3),
 * which the assigned miners need to run it.
 */
import type { RoundId, SessionId, TaskId, Address } from '../../protocol/core/types.ts'
import type { NodeState } from '../../protocol/node/types.ts'
import { getLeaderAt } from '../../protocol/oracle/leadership.ts'
import type { OracleSetState } from '../../protocol/oracle/types.ts'
import { getNodeAccount } from '../../protocol/payments/accounts.ts'
import type { NodeAccount, SessionAccount } from '../../protocol/payments/types.ts'
import type { RoundState } from '../../protocol/round/types.ts'
import type { SessionState } from '../../protocol/session/types.ts'
import { taskKey } from '../../protocol/task/machine.ts'
import type { TaskState } from '../../protocol/task/types.ts'
import type { WorldCommand, WorldState } from '../../protocol/world/types.ts'
import type { ChainLog, TaskInput } from './types.ts'

/** Task inputs by `taskKey(sessionId, taskId)`. */
export type TaskInputStore = Map<string, TaskInput>

/** Keeps the input of a successful submit, found by the `TaskSubmitted` log it produced. */
export function recordTaskInput(store: TaskInputStore, command: WorldCommand, logs: readonly ChainLog[]): void {
  if (command.type !== 'session' || command.event.type !== 'submit') return
  const submitted = logs.find((l) => l.name === 'TaskSubmitted')
  if (submitted === undefined) return
  const taskId = submitted.args['taskId'] as TaskId
  const e = command.event
  store.set(taskKey(command.sessionId, taskId), {
    sessionId: command.sessionId,
    taskId,
    nodeType: e.nodeType,
    taskData: e.taskData,
    promptType: e.promptType,
    promptTemplate: e.promptTemplate,
    llmParams: [...e.llmParams],
    requestParams: [...e.requestParams],
    clientReference: e.clientReference,
  })
}

/** Reads over the world, as the contracts' view functions answer them. */
export class WorldViews {
  constructor(
    private readonly world: WorldState,
    private readonly inputs: TaskInputStore,
  ) {}

  session(sessionId: SessionId): SessionState | null {
    return this.world.sessions.get(sessionId) ?? null
  }

  sessionAccount(sessionId: SessionId): SessionAccount | null {
    return this.world.sessionAccounts.get(sessionId) ?? null
  }

  task(sessionId: SessionId, taskId: TaskId): TaskState | null {
    return this.world.tasks.get(taskKey(sessionId, taskId)) ?? null
  }

  taskInput(sessionId: SessionId, taskId: TaskId): TaskInput | null {
    return this.inputs.get(taskKey(sessionId, taskId)) ?? null
  }

  /** Null for an address the protocol has never seen register. */
  node(address: Address): NodeState | null {
    const node = this.world.nodes.get(address)
    return node === undefined || node.status.kind === 'Unregistered' ? null : node
  }

  nodeAccount(address: Address): NodeAccount {
    return getNodeAccount(this.world.nodeAccounts, address)
  }

  lastPickedRound(address: Address): RoundId | null {
    return this.world.lastPickedRound.get(address) ?? null
  }

  round(roundId: RoundId): RoundState | null {
    return this.world.rounds.get(roundId) ?? null
  }

  oracleSet(): OracleSetState {
    return this.world.oracle
  }

  leader(atMs: number): Address | null {
    return getLeaderAt(this.world.oracle, atMs, this.world.params)
  }
}
