/**
 * Miner selection: user-task miners weighted by reputation and stake (§6, §15.8), network-task
 * completers uniform or weighted over the miners out of cooldown (§15.7). Both use the draw rule
 * of draw.ts on integer weights from weights.ts, with the rng from the context, so one seed gives
 * one selection everywhere. Eligibility (stake, model, level, pool membership) is filtered before
 * by the node module; here every candidate given is eligible.
 */
import type { Params } from '../params/spec.ts'
import type { Rng } from '../core/rng.ts'
import { reject, type Rejection } from '../core/result.ts'
import type { Address, RoundId } from '../core/types.ts'
import { isInCooldown } from '../round/roles.ts'
import { sampleLinear } from './draw.ts'
import { MAX_CANDIDATES, checkCandidate, computeSelectionWeight, type Candidate } from './weights.ts'

export type SelectionResult = { readonly ok: true; readonly miners: readonly Address[] } | Rejection

/** A network-task candidate: the last round it was picked for, if any. */
export interface NetworkCandidate extends Candidate {
  readonly lastSelectedRound: RoundId | null
}

/**
 * `count` distinct miners drawn with probability proportional to their integer weight, in draw
 * order; `TooFewMiners` when there are fewer candidates than `count`. Candidate order matters
 * (it is part of the rule), so hosts should pass candidates in a canonical order.
 */
export function selectMiners(candidates: readonly Candidate[], count: number, rng: Rng, params: Params): SelectionResult {
  const invalid = checkCandidates(candidates, count)
  if (invalid) return invalid
  if (count > candidates.length) {
    return reject('TooFewMiners', `selection needs ${count} miners, only ${candidates.length} eligible candidates`)
  }
  const weights = computeWeights(candidates, params)
  return { ok: true, miners: sampleLinear(weights, count, rng).map((i) => candidates[i]!.address) }
}

/** Integer weights of `candidates`, in order (what a `FenwickSampler` should hold for them). */
export function computeWeights(candidates: readonly Candidate[], params: Params): Float64Array {
  const weights = new Float64Array(candidates.length)
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!
    weights[i] = computeSelectionWeight(c.reputation, c.stake, params)
  }
  return weights
}

/**
 * Network-task completers for round `roundId`. Miners in cooldown (the round machine's
 * `isInCooldown`: picked within the last `networkTask.minerCooldownRounds` rounds) get weight 0;
 * the others weight 1 (`selection.networkTaskWeighting` = uniform: every ordered pick equally
 * likely, as a partial Fisher–Yates shuffle) or their selection weight (weighted). `TooFewMiners`
 * when fewer than `count` are out of cooldown; the round machine may then ask for fewer.
 */
export function selectNetworkMiners(candidates: readonly NetworkCandidate[], count: number, roundId: RoundId, rng: Rng, params: Params): SelectionResult {
  const invalid = checkCandidates(candidates, count)
  if (invalid) return invalid
  const cooldown = params.networkTask.minerCooldownRounds
  const weighted = params.selection.networkTaskWeighting === 'weighted'
  const weights = new Float64Array(candidates.length)
  let eligible = 0
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!
    if (isInCooldown(c.lastSelectedRound, roundId, cooldown)) continue
    weights[i] = weighted ? computeSelectionWeight(c.reputation, c.stake, params) : 1
    eligible++
  }
  if (count > eligible) {
    return reject('TooFewMiners', `round ${roundId} needs ${count} completers, only ${eligible} of ${candidates.length} miners are out of cooldown`)
  }
  return { ok: true, miners: sampleLinear(weights, count, rng).map((i) => candidates[i]!.address) }
}

function checkCandidates(candidates: readonly Candidate[], count: number): Rejection | undefined {
  if (!Number.isInteger(count) || count < 0) return reject('MalformedEvent', `selection count ${String(count)} is not a non-negative integer`)
  if (!Array.isArray(candidates)) return reject('MalformedEvent', 'candidates must be a list')
  if (candidates.length > MAX_CANDIDATES) return reject('MalformedEvent', `${candidates.length} candidates, at most ${MAX_CANDIDATES} per draw`)
  const seen = new Set<Address>()
  for (let i = 0; i < candidates.length; i++) {
    const problem = checkCandidate(candidates[i]!, i)
    if (problem !== undefined) return reject('MalformedEvent', problem)
    const address = candidates[i]!.address
    if (seen.has(address)) return reject('DuplicateMiner', `candidate ${address} appears twice`)
    seen.add(address)
  }
  return undefined
}
