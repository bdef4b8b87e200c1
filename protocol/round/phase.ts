/**
 * Small helpers every round transition shares: entering a phase, its deadline timer, and finding
 * and replacing one completer's slot without copying anything else.
 */
import { schedule, type Effect } from '../core/effects.ts'
import type { Ctx } from '../core/context.ts'
import { ProtocolAssertionError, reject, type Rejection } from '../core/result.ts'
import type { Address, Ms, RoundId } from '../core/types.ts'
import type { CompleterSlot, RoundState, RoundStatus } from './types.ts'

/** Timer and log key of a round. */
export function roundKey(roundId: RoundId): string {
  return String(roundId)
}

/** The round in `status` with a fresh phase (new sequence number, start time and deadline). */
export function enterPhase(state: RoundState, status: RoundStatus, deadlineMs: Ms | null, nowMs: Ms): RoundState {
  return { ...state, status, phaseSeq: state.phaseSeq + 1, phaseStartedAtMs: nowMs, phaseDeadlineMs: deadlineMs, updatedAtMs: nowMs }
}

/** The timer for the current phase's deadline; the host sends it back as the oracle's cue. */
export function deadlineTimer(state: RoundState): Effect {
  if (state.phaseDeadlineMs === null) throw new ProtocolAssertionError(`round ${state.roundId}: no deadline to schedule in ${state.status}`)
  return schedule({ machine: 'round', key: roundKey(state.roundId), phase: state.status, seq: state.phaseSeq }, state.phaseDeadlineMs)
}

/** Has the open phase's deadline passed at `nowMs`? (A phase without one waits on the oracle: never.) */
export function isDeadlinePassed(state: RoundState, nowMs: Ms): boolean {
  return state.phaseDeadlineMs !== null && nowMs >= state.phaseDeadlineMs
}

/** Is `nowMs` after the open phase's deadline, so that actors may no longer act in it? */
export function isTooLate(state: RoundState, nowMs: Ms): boolean {
  return state.phaseDeadlineMs !== null && nowMs > state.phaseDeadlineMs
}

export function findCompleter(state: RoundState, miner: Address): number {
  for (let i = 0; i < state.completers.length; i++) if (state.completers[i]!.miner === miner) return i
  return -1
}

export function replaceCompleter(state: RoundState, index: number, slot: CompleterSlot, nowMs: Ms): RoundState {
  const completers = state.completers.slice()
  completers[index] = slot
  return { ...state, completers, updatedAtMs: nowMs }
}

/** The creator or preparer currently asked to act (the last one assigned), or null. */
export function currentOf(list: readonly Address[]): Address | null {
  return list.length === 0 ? null : list[list.length - 1]!
}

export function deadlinePassed(state: RoundState, ctx: Ctx): Rejection {
  return reject('DeadlinePassed', `round ${state.roundId}: phase ${state.status} closed at ${state.phaseDeadlineMs} ms, now ${ctx.nowMs} ms`)
}

export function phaseNotOver(state: RoundState, ctx: Ctx): Rejection {
  return reject('PhaseNotOver', `round ${state.roundId}: phase ${state.status} runs until ${state.phaseDeadlineMs} ms, now ${ctx.nowMs} ms`)
}
