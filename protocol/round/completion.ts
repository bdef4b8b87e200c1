/**
 * The completers' commit–reveal: `precommit(hash)`, the oracle's `endPrecommit`, `commit(completion,
 * salt)` checked against the precommit under `networkTask.commitScheme`, and the oracle's `endCommit`.
 *
 * A phase closes when every completer still in it has acted or when its deadline has passed.
 * Fewer than `networkTask.minCompleters` precommits (or reveals) end the round without a result:
 * with fewer precommits there can never be enough reveals, so the commit phase is not waited out.
 */
import { isHex32, type Hex32 } from '../core/commit.ts'
import type { Ctx } from '../core/context.ts'
import { emit, type Effect } from '../core/effects.ts'
import { accept, reject, type Rejection, type Transition } from '../core/result.ts'
import type { Address } from '../core/types.ts'
import { checkStringField } from '../core/bytes.ts'
import { closeCommitPhase, closePrecommitPhase } from './close.ts'
import { failRound } from './finish.ts'
import { deadlinePassed, deadlineTimer, enterPhase, findCompleter, isDeadlinePassed, isTooLate, phaseNotOver, replaceCompleter } from './phase.ts'
import type { CompleterSlot, CompleterState, RoundState } from './types.ts'

/** The index of `actor`'s slot when it may act now from per-completer state `expected`, else why not. */
function checkCompleterMayAct(state: RoundState, actor: Address, expected: 'Selected' | 'Precommitted', ctx: Ctx): number | Rejection {
  const index = findCompleter(state, actor)
  if (index < 0) return reject('NotAssignedMiner', `round ${state.roundId}: ${actor} is not one of its completers`)
  const slot = state.completers[index]!
  if (slot.state === 'MissedPrecommit') return reject('NotPrecommitted', `round ${state.roundId}: ${actor} missed the precommit phase`)
  if (slot.state !== expected) return reject('AlreadyActed', `round ${state.roundId}: ${actor} already acted in this phase (${slot.state})`)
  if (isTooLate(state, ctx.nowMs)) return deadlinePassed(state, ctx)
  return index
}

export function processPrecommit(state: RoundState, actor: Address, hash: Hex32, ctx: Ctx): Transition<RoundState> {
  if (!isHex32(hash)) return reject('MalformedEvent', `round ${state.roundId}: precommit hash ${String(hash)} is not a 32-byte hex string`)
  const index = checkCompleterMayAct(state, actor, 'Selected', ctx)
  if (typeof index !== 'number') return index
  const slot: CompleterSlot = { ...state.completers[index]!, state: 'Precommitted', precommitHash: hash, precommitAtMs: ctx.nowMs }
  return accept(replaceCompleter(state, index, slot, ctx.nowMs), [emit('SessionPrecommitted', { roundId: state.roundId, miner: actor })])
}

export function processCommit(state: RoundState, actor: Address, completion: string, salt: Hex32, ctx: Ctx): Transition<RoundState> {
  const problem = checkStringField('completion', completion, ctx.params.networkTask.maxCompletionBytes)
  if (problem !== undefined) return reject('MalformedEvent', `round ${state.roundId}: ${problem}`)
  if (!isHex32(salt)) return reject('MalformedEvent', `round ${state.roundId}: salt ${String(salt)} is not a 32-byte hex string`)
  const index = checkCompleterMayAct(state, actor, 'Precommitted', ctx)
  if (typeof index !== 'number') return index
  const slot = state.completers[index]!
  const hash = ctx.commit.roundHash(ctx.params.networkTask.commitScheme, { miner: actor, roundId: state.roundId, salt, completion })
  if (hash !== slot.precommitHash) {
    return reject('RevealMismatch', `round ${state.roundId}: reveal of ${actor} hashes to ${hash}, precommit was ${slot.precommitHash}`)
  }
  const committed: CompleterSlot = { ...slot, state: 'Committed', completion, salt, committedAtMs: ctx.nowMs }
  return accept(replaceCompleter(state, index, committed, ctx.nowMs), [emit('SessionCommitted', { roundId: state.roundId, miner: actor })])
}

/** The oracle closes the precommit phase; the commit phase opens, or the round ends short of precommits. */
export function processEndPrecommit(state: RoundState, ctx: Ctx): Transition<RoundState> {
  const waiting = countIn(state, 'Selected')
  if (waiting > 0 && !isDeadlinePassed(state, ctx.nowMs)) return phaseNotOver(state, ctx)
  const effects: Effect[] = []
  const closed = closePrecommitPhase(state, effects, ctx)
  const precommitted = minersIn(closed, 'Precommitted')
  effects.push(emit('SessionAllPrecommitted', { roundId: state.roundId, miners: precommitted, forceEnd: waiting > 0 }))
  if (precommitted.length < ctx.params.networkTask.minCompleters) return failRound(closed, 'tooFewPrecommits', effects, ctx)
  const next = enterPhase(closed, 'Precommit', ctx.nowMs + ctx.params.networkTask.commitDeadlineMs, ctx.nowMs)
  effects.push(deadlineTimer(next))
  return accept(next, effects)
}

/** The oracle closes the commit phase; validation follows, or the round ends short of reveals. */
export function processEndCommit(state: RoundState, ctx: Ctx): Transition<RoundState> {
  const waiting = countIn(state, 'Precommitted')
  if (waiting > 0 && !isDeadlinePassed(state, ctx.nowMs)) return phaseNotOver(state, ctx)
  const effects: Effect[] = []
  const closed = closeCommitPhase(state, effects, ctx)
  const committed = minersIn(closed, 'Committed')
  effects.push(emit('SessionAllCommitted', { roundId: state.roundId, miners: committed }))
  if (committed.length < ctx.params.networkTask.minCompleters) return failRound(closed, 'tooFewReveals', effects, ctx)
  return accept(enterPhase(closed, 'Commit', null, ctx.nowMs), effects)
}

function countIn(state: RoundState, wanted: CompleterState): number {
  let count = 0
  for (const slot of state.completers) if (slot.state === wanted) count++
  return count
}

function minersIn(state: RoundState, wanted: CompleterState): Address[] {
  const miners: Address[] = []
  for (const slot of state.completers) if (slot.state === wanted) miners.push(slot.miner)
  return miners
}
