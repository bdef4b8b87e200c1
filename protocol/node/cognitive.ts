/**
 * Reputation events on a node: NodeStats updates (`stat`) and cognitive round outcomes, which also
 * move the level and the pool status (§3.3):
 *
 *   Registered  → Probation, or Available at once if already eligible
 *   Probation   → Available when `isPoolEligible` (window attempts, rate, trailing streak)
 *   Available   → stays (§3.3), or Probation when `eligibility.poolExit = 'windowFails'` and the
 *                 window record no longer holds
 *   Reserved    → stays: network tasks go on during a reservation
 *   PendingRevalidation → Available after `eligibility.revalidationRounds` successes in a row;
 *                 Probation on a failure
 */
import type { Ctx } from '../core/context.ts'
import { emit, type Effect, type Metric } from '../core/effects.ts'
import { ProtocolAssertionError, accept, reject, type Transition } from '../core/result.ts'
import type { Ms, RoundId } from '../core/types.ts'
import type { Params } from '../params/spec.ts'
import { isPoolEligible, isWindowRecordHeld } from '../reputation/cognitive.ts'
import { processCognitiveOutcome as updateReputation } from '../reputation/reputation.ts'
import { recordStat } from '../reputation/stats.ts'
import { AVAILABLE, PROBATION, moveTo, updateNode } from './state.ts'
import type { NodeState, NodeStatus } from './types.ts'

/** Rounds below the newest one that the duplicate guard can still tell apart. */
export const ROUND_MEMORY = 32

export function processStat(state: NodeState, metric: Metric, success: boolean, ctx: Ctx): Transition<NodeState> {
  return accept(updateNode(state, { reputation: recordStat(state.reputation, metric, success, ctx.nowMs, ctx.params) }, ctx.nowMs))
}

export function processCognitiveOutcome(state: NodeState, roundId: RoundId, success: boolean, ctx: Ctx): Transition<NodeState> {
  const duplicate = checkRoundNew(state, roundId)
  if (duplicate !== null) return reject('AlreadyActed', `node ${state.address}: outcome of round ${roundId} ${duplicate}`)
  const { reputation, levelChange } = updateReputation(state.reputation, success, ctx.nowMs, ctx.params)
  const effects: Effect[] = []
  if (levelChange !== null) {
    effects.push(
      emit('NodeLevelChanged', { node: state.address, previousLevel: levelChange.previousLevel, newLevel: levelChange.newLevel, reason: levelChange.reason }),
    )
  }
  const seen = markRoundSeen(state, roundId)
  const recorded = updateNode(state, { lastRoundId: seen.lastRoundId, roundsSeenMask: seen.roundsSeenMask, reputation }, ctx.nowMs)
  const next = moveTo(recorded, computeStatusAfterOutcome(recorded, success, ctx.nowMs, ctx.params), ctx.nowMs, effects)
  return accept(next, effects)
}

/** The status a node moves to after a cognitive outcome, given its already updated reputation. */
function computeStatusAfterOutcome(state: NodeState, success: boolean, nowMs: Ms, params: Params): NodeStatus {
  const s = state.status
  switch (s.kind) {
    case 'Registered':
      return isPoolEligible(state.reputation, nowMs, params) ? AVAILABLE : PROBATION
    case 'Probation':
      return isPoolEligible(state.reputation, nowMs, params) ? AVAILABLE : s
    case 'Available':
      return params.eligibility.poolExit === 'windowFails' && !isWindowRecordHeld(state.reputation, nowMs, params) ? PROBATION : s
    case 'Reserved':
      return s
    case 'PendingRevalidation': {
      if (!success) return PROBATION
      const passedRounds = s.passedRounds + 1
      return passedRounds >= params.eligibility.revalidationRounds ? AVAILABLE : { kind: 'PendingRevalidation', releasedAtMs: s.releasedAtMs, passedRounds }
    }
    case 'Unregistered':
    case 'Banned':
      // The table keeps cognitive outcomes away from these statuses.
      throw new ProtocolAssertionError(`cognitive outcome reached node ${state.address} in status ${s.kind}`)
  }
}

/** Null when `roundId` is new for this node, else why it is refused. */
function checkRoundNew(state: NodeState, roundId: RoundId): string | null {
  if (roundId > state.lastRoundId) return null
  if (roundId === state.lastRoundId) return 'was already recorded'
  const age = state.lastRoundId - 1 - roundId
  if (age >= ROUND_MEMORY) return `is more than ${ROUND_MEMORY} rounds older than round ${state.lastRoundId} and cannot be told from a repeat`
  return (state.roundsSeenMask >>> age) & 1 ? 'was already recorded' : null
}

/** The duplicate guard after recording `roundId` (a sliding bit window, as in anti-replay). */
function markRoundSeen(state: NodeState, roundId: RoundId): Pick<NodeState, 'lastRoundId' | 'roundsSeenMask'> {
  const last = state.lastRoundId
  if (roundId < last) return { lastRoundId: last, roundsSeenMask: (state.roundsSeenMask | (1 << (last - 1 - roundId))) >>> 0 }
  const shift = roundId - last
  // `<<` takes its count mod 32, so a shift of 32 or more must clear the mask explicitly.
  let mask = shift >= ROUND_MEMORY ? 0 : (state.roundsSeenMask << shift) >>> 0
  if (last >= 0 && shift <= ROUND_MEMORY) mask = (mask | (1 << (shift - 1))) >>> 0
  return { lastRoundId: roundId, roundsSeenMask: mask }
}
