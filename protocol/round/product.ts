/**
 * A round's product, the synthetic dataset it leaves behind: the creator's topic, the preparer's
 * challenges and every revealed completion with its miner, precommit hash and PoI verdict.
 * Bounded by maxPrompts challenges and `networkTask.completers` completions.
 */
import type { Hex32 } from '../core/commit.ts'
import type { Address, RoundId } from '../core/types.ts'
import type { RoundState } from './types.ts'

export interface RoundCompletion {
  readonly miner: Address
  readonly hash: Hex32
  readonly completion: string
  /** null when the round ended before validation. */
  readonly verdict: 'valid' | 'outlier' | null
  readonly similarity: number | null
}

export interface RoundProduct {
  readonly roundId: RoundId
  /** Whether the round ended validated, with a result. */
  readonly completed: boolean
  readonly domain: string | null
  readonly subdomain: string | null
  readonly challenges: readonly string[]
  readonly completions: readonly RoundCompletion[]
}

/** The round's dataset so far (a read, for exporters; not for hot paths). */
export function getRoundProduct(state: RoundState): RoundProduct {
  const completions: RoundCompletion[] = []
  for (const slot of state.completers) {
    if (slot.completion === null || slot.precommitHash === null) continue
    const verdict = slot.state === 'Valid' ? 'valid' : slot.state === 'Outlier' ? 'outlier' : null
    completions.push({ miner: slot.miner, hash: slot.precommitHash, completion: slot.completion, verdict, similarity: slot.similarity })
  }
  return {
    roundId: state.roundId,
    completed: state.outcome?.result === 'completed',
    domain: state.domain,
    subdomain: state.subdomain,
    challenges: state.challenges,
    completions,
  }
}
