/**
 * Archiving finished entities. A long-running host (the simulator at 10,000 nodes runs millions
 * of tasks a simulated day) cannot keep every task forever, yet the world must keep every entity
 * a rule can still read. An ended task (with its settled or refunded escrow) and an ended round
 * are final: no command changes them again, the ledger's balances and running totals already hold
 * their money, and no other entity refers to them (a round's cooldown lives in `lastPickedRound`).
 * Removing them changes what the whole-world invariants iterate over, not what they assert, so a
 * host should run its invariant check before archiving what ended since the last one.
 *
 * Commands that name an archived task or round are then refused as `UnknownTask` or
 * `UnknownRound` instead of `WrongPhase`: a late message is still refused, with another code.
 */
import { assert } from '../core/result.ts'
import type { RoundId, SessionId, TaskId } from '../core/types.ts'
import { taskKey } from '../task/machine.ts'
import type { WorldState } from './types.ts'

/**
 * Removes task (`sessionId`, `taskId`) and its escrow when the task has ended; returns whether it
 * did. An open task is left alone (false). An ended task whose escrow is still open is a bug.
 */
export function archiveEndedTask(world: WorldState, sessionId: SessionId, taskId: TaskId): boolean {
  const key = taskKey(sessionId, taskId)
  const task = world.tasks.get(key)
  if (task === undefined || task.status !== 'Ended') return false
  const escrow = world.escrows.get(key)
  assert(escrow === undefined || escrow.status !== 'Open', `task ${key} ended with its escrow still open`)
  world.tasks.delete(key)
  world.escrows.delete(key)
  return true
}

/** Removes round `roundId` when it has ended; returns whether it did. */
export function archiveEndedRound(world: WorldState, roundId: RoundId): boolean {
  const round = world.rounds.get(roundId)
  if (round === undefined || round.status !== 'End') return false
  world.rounds.delete(roundId)
  return true
}
