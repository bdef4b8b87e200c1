/**
 * The network-task (Cognitive PoUW) round machine: Request → Create → Prepare → Start → Precommit
 * → Commit → End, one immutable `RoundState` per round.
 *
 * The oracle opens a round with `requestRound` and a creator it selected; the creator creates, the
 * oracle assigns a preparer who prepares the challenges, the oracle starts the round with the
 * completers, who precommit and reveal; the oracle validates with PoI verdicts and ends it.
 * Timed-out creators and preparers are replaced (up to a limit); a forced end is possible from any
 * open phase once its deadline passed. Selection and cooldown are the caller's (see roles.ts), and
 * so is checking that an oracle action comes from the current leader, as for user tasks.
 */
import type { Ctx } from '../core/context.ts'
import { emit } from '../core/effects.ts'
import { assertMove, checkAllowed } from '../core/machine.ts'
import { accept, assertNever, reject, type Transition } from '../core/result.ts'
import { isAddress, isNonNegativeInteger } from '../core/types.ts'
import { processCommit, processEndCommit, processEndPrecommit, processPrecommit } from './completion.ts'
import { processEnd } from './finish.ts'
import { deadlineTimer } from './phase.ts'
import {
  computeCreatorDeadlineMs,
  processAssignPreparer,
  processCreate,
  processPrepare,
  processRequestNextCreator,
  processRequestNextPreparer,
  processStart,
} from './setup.ts'
import { ROUND_TABLE } from './table.ts'
import type { NewRound, RoundEvent, RoundState } from './types.ts'
import { processValidate } from './validate.ts'

/** The oracle's `request()`: a new round in Request, waiting for `creator` to create it. */
export function requestRound(input: NewRound, ctx: Ctx): Transition<RoundState> {
  if (!isNonNegativeInteger(input.roundId)) return reject('MalformedEvent', `round id ${String(input.roundId)} is not a non-negative integer`)
  if (!isAddress(input.actor)) return reject('MalformedEvent', `round ${input.roundId}: actor ${String(input.actor)} is not an address`)
  if (!isAddress(input.creator)) return reject('MalformedEvent', `round ${input.roundId}: creator ${String(input.creator)} is not an address`)
  const state: RoundState = {
    roundId: input.roundId,
    status: 'Request',
    phaseSeq: 0,
    phaseStartedAtMs: ctx.nowMs,
    phaseDeadlineMs: computeCreatorDeadlineMs(ctx.nowMs, ctx),
    requestedAtMs: ctx.nowMs,
    updatedAtMs: ctx.nowMs,
    startedAtMs: null,
    endedAtMs: null,
    creators: [input.creator],
    domain: null,
    subdomain: null,
    preparers: [],
    challenges: [],
    completers: [],
    validator: null,
    outcome: null,
  }
  return accept(state, [emit('NewSessionRequest', { roundId: input.roundId, miners: [input.creator] }), deadlineTimer(state)])
}

/** Applies one event to one round. */
export function transitionRound(state: RoundState, event: RoundEvent, ctx: Ctx): Transition<RoundState> {
  const notAllowed = checkAllowed(ROUND_TABLE, state.status, event.type)
  if (notAllowed) return notAllowed
  if (!isAddress(event.actor)) return reject('MalformedEvent', `round ${state.roundId}: actor ${String(event.actor)} is not an address`)
  const result = dispatch(state, event, ctx)
  if (result.ok) assertMove(ROUND_TABLE, state.status, event.type, result.state.status)
  return result
}

function dispatch(state: RoundState, event: RoundEvent, ctx: Ctx): Transition<RoundState> {
  switch (event.type) {
    case 'create':
      return processCreate(state, event.actor, event.domain, event.subdomain, ctx)
    case 'requestNextCreator':
      return processRequestNextCreator(state, event.creator, ctx)
    case 'assignPreparer':
      return processAssignPreparer(state, event.preparer, ctx)
    case 'requestNextPreparer':
      return processRequestNextPreparer(state, event.preparer, ctx)
    case 'prepare':
      return processPrepare(state, event.actor, event.challenges, ctx)
    case 'start':
      return processStart(state, event.completers, ctx)
    case 'precommit':
      return processPrecommit(state, event.actor, event.hash, ctx)
    case 'endPrecommit':
      return processEndPrecommit(state, ctx)
    case 'commit':
      return processCommit(state, event.actor, event.completion, event.salt, ctx)
    case 'endCommit':
      return processEndCommit(state, ctx)
    case 'validate':
      return processValidate(state, event.actor, event.verdicts, ctx)
    case 'end':
      if (typeof event.forceEnd !== 'boolean') return reject('MalformedEvent', `round ${state.roundId}: forceEnd must be a boolean`)
      return processEnd(state, event.forceEnd, ctx)
    default:
      return assertNever(event, 'round event')
  }
}

/** Is a timer scheduled for (`phase`, `seq`) still the deadline of the round's current phase? */
export function isRoundTimerCurrent(state: RoundState, phase: string, seq: number): boolean {
  return state.status === phase && state.phaseSeq === seq
}
