/**
 * Selection weights (§15.8 interpretation):
 *
 *   weight = max(reputationFloor, reputation)^reputationExponent × min(stakeRatioCap, stake / minStake)^stakeExponent
 *
 * and then made an integer: `round(weight × WEIGHT_SCALE)`, at least 1 and at most MAX_WEIGHT.
 * Integer weights make every draw exact (sums stay below 2^53, so no rounding can move a
 * boundary) and let a contract or another language reproduce a selection from the same integers;
 * conformance vectors should therefore carry the integer weights, not the floats they came from.
 * The minimum of 1 guarantees that no eligible candidate ever has zero probability.
 */
import type { Params } from '../params/spec.ts'
import { isAddress, type Address, type Amount } from '../core/types.ts'

/** One unit of relative weight (a reputation-1, minimum-stake node weighs exactly this). */
export const WEIGHT_SCALE = 2 ** 24
/** Largest integer weight (1024 × WEIGHT_SCALE); heavier candidates saturate here. */
export const MAX_WEIGHT = 2 ** 34
/** Most candidates one draw may hold, so that MAX_CANDIDATES × MAX_WEIGHT ≤ 2^53. */
export const MAX_CANDIDATES = 2 ** 19

/** A miner that passed the eligibility filter (the node module's job) and may be drawn. */
export interface Candidate {
  readonly address: Address
  /** Reputation score in [0, 1]. */
  readonly reputation: number
  readonly stake: Amount
}

/** The integer selection weight of a candidate with `reputation` and `stake`. */
export function computeSelectionWeight(reputation: number, stake: Amount, params: Params): number {
  const s = params.selection
  const reputationTerm = Math.pow(Math.max(s.reputationFloor, reputation), s.reputationExponent)
  const stakeTerm = s.stakeExponent === 0 ? 1 : Math.pow(computeStakeRatio(stake, s.minStake, s.stakeRatioCap), s.stakeExponent)
  const scaled = Math.round(reputationTerm * stakeTerm * WEIGHT_SCALE)
  return Math.min(MAX_WEIGHT, Math.max(1, scaled))
}

/** stake / minStake to six decimals, capped (a zero minimum makes every stake count as the cap). */
export function computeStakeRatio(stake: Amount, minStake: Amount, cap: number): number {
  if (minStake === 0n) return cap
  const micro = (stake * 1_000_000n) / minStake
  return Math.min(cap, Number(micro) / 1_000_000)
}

/** A problem description when `c` is not a well-formed candidate. */
export function checkCandidate(c: Candidate, index: number): string | undefined {
  if (c === null || typeof c !== 'object') return `candidate ${index} is not an object`
  if (!isAddress(c.address)) return `candidate ${index}: ${String(c.address)} is not an address`
  if (typeof c.reputation !== 'number' || !(c.reputation >= 0 && c.reputation <= 1)) {
    return `candidate ${index} (${c.address}): reputation ${String(c.reputation)} is not in [0, 1]`
  }
  if (typeof c.stake !== 'bigint' || c.stake < 0n) return `candidate ${index} (${c.address}): stake ${String(c.stake)} is not a non-negative amount`
  return undefined
}
