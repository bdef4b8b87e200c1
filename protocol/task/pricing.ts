/**
 * What a user task costs (§15.13 interpretation): a price per valid miner, plus a price per output
 * token per valid miner. At submission the session escrows the most it could cost (every assigned
 * miner valid, every miner writing `maxTokens`); at the end only the valid work is charged.
 */
import type { Params } from '../params/spec.ts'
import type { Amount } from '../core/types.ts'

/** Upper bound held in escrow when a task is submitted. */
export function computeTaskEscrow(params: Params, redundant: number, maxTokens: number): Amount {
  return computeTaskCharge(params, redundant, maxTokens)
}

/** Charge for `validMiners` valid results of `outputTokens` tokens each. */
export function computeTaskCharge(params: Params, validMiners: number, outputTokens: number): Amount {
  const perMiner = params.payments.pricePerMinerTask + params.payments.pricePerOutputToken * BigInt(outputTokens)
  return perMiner * BigInt(validMiners)
}

/** The lower median of the valid results' token counts, capped at the task's maximum. */
export function computeBilledTokens(tokenCounts: readonly number[], maxTokens: number): number {
  if (tokenCounts.length === 0) return 0
  const sorted = [...tokenCounts].sort((a, b) => a - b)
  return Math.min(maxTokens, sorted[(sorted.length - 1) >> 1]!)
}
