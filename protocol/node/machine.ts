/**
 * The node lifecycle machine: one node's status, liveness, dedicated sessions and reputation.
 * Checks run in a fixed order — known event, allowed in the status (table), well formed — and
 * then one handler applies the event. The statuses and moves are in table.ts; the rules of each
 * event are in the file named after its concern (membership, liveness, cognitive, reservation).
 */
import type { Ctx } from '../core/context.ts'
import { assertMove } from '../core/machine.ts'
import { assertNever, type Transition } from '../core/result.ts'
import { processCognitiveOutcome, processStat } from './cognitive.ts'
import { processCheckLiveness, processPing } from './liveness.ts'
import { processAddDedicated, processBan, processRegister, processRemoveDedicated, processUnban } from './membership.ts'
import { processRelease, processReserve, processTaskExecuted } from './reservation.ts'
import { NODE_TABLE } from './table.ts'
import type { NodeEvent, NodeState } from './types.ts'
import { checkEventAllowed, checkEventKnown, checkEventShape } from './validate.ts'

/** Applies one event to one node. A rejection leaves the node as it was. */
export function transitionNode(state: NodeState, event: NodeEvent, ctx: Ctx): Transition<NodeState> {
  const problem = checkEventKnown(event) ?? checkEventAllowed(state, event) ?? checkEventShape(state, event, ctx.params)
  if (problem) return problem
  const result = dispatch(state, event, ctx)
  if (result.ok) assertMove(NODE_TABLE, state.status.kind, event.type, result.state.status.kind)
  return result
}

function dispatch(state: NodeState, event: NodeEvent, ctx: Ctx): Transition<NodeState> {
  switch (event.type) {
    case 'register':
      return processRegister(state, event.actor, event.models, ctx)
    case 'ping':
      return processPing(state, event.actor, ctx)
    case 'checkLiveness':
      return processCheckLiveness(state, ctx)
    case 'cognitiveOutcome':
      return processCognitiveOutcome(state, event.roundId, event.success, ctx)
    case 'stat':
      return processStat(state, event.metric, event.success, ctx)
    case 'reserve':
      return processReserve(state, event, ctx)
    case 'taskExecuted':
      return processTaskExecuted(state, event.sessionId, ctx)
    case 'release':
      return processRelease(state, event, ctx)
    case 'ban':
      return processBan(state, event.actor, ctx)
    case 'unban':
      return processUnban(state, event.actor, ctx)
    case 'addDedicated':
      return processAddDedicated(state, event.actor, event.sessionId, ctx)
    case 'removeDedicated':
      return processRemoveDedicated(state, event.actor, event.sessionId, ctx)
    default:
      return assertNever(event, 'node event')
  }
}
