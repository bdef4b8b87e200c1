/**
 * Ending a round: the oracle's `end`, and the common finish every path into End goes through
 * (End stats for completers, one `cognitiveOutcome` per participant, `SessionEnded`).
 */
import type { Ctx } from '../core/context.ts'
import { emit, stat, type Effect } from '../core/effects.ts'
import { accept, assertNever, ProtocolAssertionError, reject, type Accepted, type Transition } from '../core/result.ts'
import type { Address } from '../core/types.ts'
import { closeCommitPhase, closePrecommitPhase, isCompleterSuccess, recordCreatorMissed, recordPreparerMissed } from './close.ts'
import { currentOf, enterPhase } from './phase.ts'
import type { RoundFailureReason, RoundOutcome, RoundState } from './types.ts'

/** The oracle's `end(forceEnd)`. */
export function processEnd(state: RoundState, forceEnd: boolean, ctx: Ctx): Transition<RoundState> {
  // A validated round has its result; how the oracle flags the call does not change that.
  if (state.status === 'Commit' && state.validator !== null) return finishRound(state, { result: 'completed' }, [], ctx)
  if (!forceEnd) {
    return reject('WrongPhase', `round ${state.roundId}: only a forced end is possible in status ${state.status} before validation`)
  }
  // A phase without a deadline waits on the oracle itself, so the oracle may give up on it at once.
  if (state.phaseDeadlineMs !== null && ctx.nowMs < state.phaseDeadlineMs) {
    return reject('PhaseNotOver', `round ${state.roundId}: forced end of ${state.status} needs its deadline (${state.phaseDeadlineMs} ms), now ${ctx.nowMs} ms`)
  }
  const effects: Effect[] = []
  const closed = closeOpenPhase(state, effects, ctx)
  return failRound(closed, 'forced', effects, ctx)
}

/** Records what the participants of the open phase missed, as the regular phase end would. */
function closeOpenPhase(state: RoundState, effects: Effect[], ctx: Ctx): RoundState {
  switch (state.status) {
    case 'Request':
      recordCreatorMissed(currentOf(state.creators)!, effects)
      return state
    case 'Create': {
      const preparer = currentOf(state.preparers)
      if (preparer !== null) recordPreparerMissed(preparer, effects)
      return state
    }
    case 'Start':
      return closePrecommitPhase(state, effects, ctx)
    case 'Precommit':
      return closeCommitPhase(state, effects, ctx)
    case 'Prepare':
    case 'Commit':
      return state
    case 'End':
      // The table allows no event in End; reaching this is a bug.
      throw new ProtocolAssertionError(`round ${state.roundId}: cannot close a phase of an ended round`)
    default:
      return assertNever(state.status, 'round status')
  }
}

export function failRound(state: RoundState, reason: RoundFailureReason, effects: Effect[], ctx: Ctx): Accepted<RoundState> {
  return finishRound(state, { result: 'failed', reason, phase: state.status }, effects, ctx)
}

/** Moves the round to End and reports every participant's part in it. */
export function finishRound(state: RoundState, outcome: RoundOutcome, effects: Effect[], ctx: Ctx): Accepted<RoundState> {
  for (const slot of state.completers) effects.push(stat(slot.miner, 'End', isCompleterSuccess(slot)))
  effects.push(...outcomeEffects(state))
  effects.push(
    emit('SessionEnded', {
      roundId: state.roundId,
      endedAtMs: ctx.nowMs,
      completed: outcome.result === 'completed',
      reason: outcome.result === 'failed' ? outcome.reason : null,
    }),
  )
  const ended: RoundState = { ...enterPhase(state, 'End', null, ctx.nowMs), endedAtMs: ctx.nowMs, outcome }
  return accept(ended, effects)
}

/**
 * One `cognitiveOutcome` per participant: a creator or preparer succeeded when it delivered (the
 * ones replaced did not), a completer when `isCompleterSuccess`. A miner holding several roles
 * (roleOverlap = 'shared') gets one outcome, a success only if it did every part.
 */
function outcomeEffects(state: RoundState): Effect[] {
  const success = new Map<Address, boolean>()
  const record = (node: Address, ok: boolean): void => {
    success.set(node, (success.get(node) ?? true) && ok)
  }
  const lastCreator = state.creators.length - 1
  state.creators.forEach((creator, i) => record(creator, i === lastCreator && state.domain !== null))
  const lastPreparer = state.preparers.length - 1
  state.preparers.forEach((preparer, i) => record(preparer, i === lastPreparer && state.challenges.length > 0))
  for (const slot of state.completers) record(slot.miner, isCompleterSuccess(slot))
  const effects: Effect[] = []
  for (const [node, ok] of success) effects.push({ kind: 'cognitiveOutcome', node, roundId: state.roundId, success: ok })
  return effects
}
