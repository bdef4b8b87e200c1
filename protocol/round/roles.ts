/**
 * Who may take a role in a round. Selection itself happens outside (the oracle's sampler picks the
 * addresses); the round checks what it can know: a miner that already failed a role in this round
 * gets no other, and under `networkTask.roleOverlap = 'exclusive'` nobody holds two roles.
 * Cooldown spans rounds, so the caller checks it with `isInCooldown`.
 */
import { reject, type Rejection } from '../core/result.ts'
import type { Address, RoundId } from '../core/types.ts'
import type { Params } from '../params/spec.ts'
import type { RoundState } from './types.ts'

/**
 * Is a miner last picked in round `lastPickedRoundId` still cooling down in round `roundId`?
 * A miner picked in round r sits out rounds r+1 … r+cooldownRounds. Never picked (null), the same
 * round or an earlier round id is not a cooldown matter (roles within a round are the round's).
 */
export function isInCooldown(lastPickedRoundId: RoundId | null, roundId: RoundId, cooldownRounds: number): boolean {
  if (lastPickedRoundId === null) return false
  const gapRounds = roundId - lastPickedRoundId
  return gapRounds > 0 && gapRounds <= cooldownRounds
}

/**
 * Did `miner` fail a role in this round? Every creator before the last was replaced; the last
 * failed too unless it created (a replacement is being chosen only when it did not). Preparers
 * likewise with the challenges.
 */
export function hasFailedInRound(state: RoundState, miner: Address): boolean {
  return isFailedIn(state.creators, state.domain !== null, miner) || isFailedIn(state.preparers, state.challenges.length > 0, miner)
}

function isFailedIn(assigned: readonly Address[], lastDelivered: boolean, miner: Address): boolean {
  const failedCount = lastDelivered ? assigned.length - 1 : assigned.length
  for (let i = 0; i < failedCount; i++) if (assigned[i] === miner) return true
  return false
}

/** Does `miner` hold (or has it held) the creator or preparer role in this round? */
export function holdsRole(state: RoundState, miner: Address): boolean {
  return state.creators.includes(miner) || state.preparers.includes(miner)
}

/** A `MinerNotEligible` rejection when `miner` may not take a new role in this round. */
export function checkCandidate(state: RoundState, miner: Address, role: string, overlap: Params['networkTask']['roleOverlap']): Rejection | undefined {
  if (hasFailedInRound(state, miner)) {
    return reject('MinerNotEligible', `round ${state.roundId}: ${miner} already failed a role in this round and cannot be ${role}`)
  }
  if (overlap === 'exclusive' && holdsRole(state, miner)) {
    return reject('MinerNotEligible', `round ${state.roundId}: ${miner} already holds a role and roles are exclusive, so it cannot be ${role}`)
  }
  return undefined
}
