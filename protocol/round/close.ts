/**
 * What happens to the participants when a phase closes: who missed it, and the stat each one
 * earns. Shared by the oracle's phase ends (`endPrecommit`, `endCommit`, `requestNext*`) and by a
 * forced end, so a forced end never skips a stat the regular path would have recorded.
 */
import type { Ctx } from '../core/context.ts'
import { stat, type Effect } from '../core/effects.ts'
import { ProtocolAssertionError } from '../core/result.ts'
import type { Address } from '../core/types.ts'
import type { CompleterSlot, RoundState } from './types.ts'

/** A creator that never created: it missed both the response window and the create deadline. */
export function recordCreatorMissed(creator: Address, effects: Effect[]): void {
  effects.push(stat(creator, 'Request', false), stat(creator, 'Create', false))
}

export function recordPreparerMissed(preparer: Address, effects: Effect[]): void {
  effects.push(stat(preparer, 'Prepare', false))
}

/** Closes the precommit phase: completers that did not precommit missed it; everyone gets a Precommit stat. */
export function closePrecommitPhase(state: RoundState, effects: Effect[], ctx: Ctx): RoundState {
  const completers = state.completers.map((slot): CompleterSlot => {
    if (!(slot.state === 'Selected' || slot.state === 'Precommitted')) throw new ProtocolAssertionError(`round ${state.roundId}: completer ${slot.miner} is ${slot.state} in the precommit phase`)
    effects.push(stat(slot.miner, 'Precommit', slot.state === 'Precommitted'))
    return slot.state === 'Precommitted' ? slot : { ...slot, state: 'MissedPrecommit' }
  })
  return { ...state, completers, updatedAtMs: ctx.nowMs }
}

/**
 * Closes the commit phase: a completer that precommitted but did not reveal a matching completion
 * missed it (and is slashed when `payments.slashing` asks for it, as for user tasks). Completers
 * that already missed the precommit get no second stat.
 */
export function closeCommitPhase(state: RoundState, effects: Effect[], ctx: Ctx): RoundState {
  const completers = state.completers.map((slot): CompleterSlot => {
    if (slot.state === 'Committed') {
      effects.push(stat(slot.miner, 'Commit', true))
      return slot
    }
    if (slot.state !== 'Precommitted') return slot
    effects.push(stat(slot.miner, 'Commit', false))
    if (ctx.params.payments.slashing === 'missedReveal') {
      effects.push({ kind: 'slash', node: slot.miner, bps: ctx.params.payments.slashBps, reason: 'missedReveal' })
    }
    return { ...slot, state: 'MissedReveal' }
  })
  return { ...state, completers, updatedAtMs: ctx.nowMs }
}

/**
 * Did a completer do its part? It revealed a completion matching its precommit and PoI did not
 * judge it an outlier. A reveal left unjudged because the round ended without validation (too few
 * reveals, or the oracle forced the end) still counts: the miner did all it could.
 */
export function isCompleterSuccess(slot: CompleterSlot): boolean {
  return slot.state === 'Valid' || slot.state === 'Committed'
}
