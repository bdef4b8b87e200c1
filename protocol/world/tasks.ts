/** User-task commands: oracle actions pass the leadership check, assignments the eligibility check. */
import type { Ctx } from '../core/context.ts'
import { reject, type Rejection } from '../core/result.ts'
import type { SessionId, TaskId } from '../core/types.ts'
import { isOnlineAt } from '../node/liveness.ts'
import { isSessionNode } from '../session/state.ts'
import type { SessionState } from '../session/types.ts'
import { taskKey, transitionTask } from '../task/machine.ts'
import type { TaskEvent, TaskEventType } from '../task/types.ts'
import { authorizeOracle } from './oracles.ts'
import { routeEffects } from './route.ts'
import type { Tx } from './tx.ts'

/** Task events only an oracle may send (the rest come from the assigned miners). */
export const ORACLE_TASK_EVENTS: ReadonlySet<TaskEventType> = new Set(['assign', 'endAck', 'endPrecommit', 'endCommit', 'validate', 'end'])

export function applyTaskCommand(tx: Tx, sessionId: SessionId, taskId: TaskId, event: TaskEvent, ctx: Ctx): Rejection | undefined {
  const key = taskKey(sessionId, taskId)
  const task = tx.tasks.get(key)
  if (task === undefined) return reject('UnknownTask', `task ${key} does not exist`)
  if (event === null || typeof event !== 'object') return reject('MalformedEvent', `task ${key}: event must be an object`)
  if (ORACLE_TASK_EVENTS.has(event.type)) {
    const notOracle = authorizeOracle(tx, event.actor, ctx)
    if (notOracle) return notOracle
  }
  if (event.type === 'assign') {
    const notEligible = checkAssignable(tx, tx.sessions.get(sessionId)!, event.miners, ctx)
    if (notEligible) return notEligible
  }
  const r = transitionTask(task, event, ctx)
  if (!r.ok) return r
  tx.tasks.put(key, r.state)
  return routeEffects(tx, r.effects, ctx)
}

/** Assigned miners must be the session's own nodes (reserved or dedicated), online and not banned. */
function checkAssignable(tx: Tx, session: SessionState, miners: readonly unknown[], ctx: Ctx): Rejection | undefined {
  if (!Array.isArray(miners)) return undefined // the task machine reports the malformed list
  for (const m of miners) {
    const node = typeof m === 'string' ? tx.nodes.get(m as never) : undefined
    if (node === undefined) continue // unknown addresses are reported by the session-membership check below
    if (node.status.kind === 'Banned') return reject('NodeBanned', `session ${session.sessionId}: miner ${node.address} is banned`)
    if (!isOnlineAt(node, ctx.nowMs, ctx.params)) return reject('NodeOffline', `session ${session.sessionId}: miner ${node.address} is offline`)
  }
  const outsider = miners.find((m) => typeof m === 'string' && /^0x[0-9a-f]{40}$/.test(m) && !isSessionNode(session, m as never))
  if (outsider !== undefined) return reject('MinerNotEligible', `session ${session.sessionId}: ${String(outsider)} is not one of the session's nodes`)
  return undefined
}
