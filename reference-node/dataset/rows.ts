/**
 * A round's synthetic data as rows: one per (revealed completion, challenge) — the question the
 * preparer wrote and one completer's answer to it, with everything needed to trace the answer back
 * to the chain (miner, precommit hash, salt, the revealed completion as committed) and the PoI
 * verdict. Invalid answers are marked with the reason, never dropped.
 *
 * A completion is the JSON array of answers the miners commit (`encodeCompletion`), but a
 * completer may reveal anything that matches its own precommit, so it is parsed defensively: not
 * JSON or not an array marks every answer `malformedCompletion`, a missing element
 * `missingAnswer`, an element that is not a string `malformedCompletion`. Answers past the last
 * challenge have no question and are not exported. A completer that never revealed left no
 * answer, so it has no row.
 */
import type { Hex32 } from '../../protocol/core/commit.ts'
import type { Address, RoundId } from '../../protocol/core/types.ts'
import type { Params } from '../../protocol/params/spec.ts'
import type { CompleterSlot, CompleterState, RoundState } from '../../protocol/round/types.ts'

export const INVALID_REASONS = ['malformedCompletion', 'missingAnswer', 'emptyAnswer', 'outlier', 'notValidated'] as const
export type InvalidReason = (typeof INVALID_REASONS)[number]

export interface DatasetRow {
  readonly roundId: RoundId
  /** The round ended validated (`completed`) or without a result (`failed`). */
  readonly roundOutcome: 'completed' | 'failed'
  readonly domain: string | null
  /** The creator's topic. */
  readonly subdomain: string | null
  /** The creator that delivered the topic, and the preparer that wrote the questions. */
  readonly creator: Address | null
  readonly preparer: Address | null
  readonly challengeIndex: number
  readonly question: string
  /** The completer. */
  readonly miner: Address
  /** Null when the completion has no usable answer for this question. */
  readonly answer: string | null
  /** The completion exactly as revealed on chain (its hash is the precommit). */
  readonly completion: string
  readonly precommitHash: Hex32
  readonly salt: Hex32
  /** How `precommitHash` was computed (`networkTask.commitScheme`). */
  readonly commitScheme: Params['networkTask']['commitScheme']
  readonly completerState: CompleterState
  readonly verdict: 'valid' | 'outlier' | null
  readonly similarity: number | null
  readonly valid: boolean
  readonly invalidReason: InvalidReason | null
}

/** The rows of an ended round (none when it never got challenges or reveals). */
export function buildRoundRows(round: RoundState, params: Params): DatasetRow[] {
  if (round.challenges.length === 0) return []
  const rows: DatasetRow[] = []
  const creator = round.domain === null ? null : lastOf(round.creators)
  const preparer = lastOf(round.preparers)
  for (const slot of round.completers) {
    if (slot.completion === null || slot.salt === null || slot.precommitHash === null) continue
    const answers = parseCompletion(slot.completion)
    for (let i = 0; i < round.challenges.length; i++) {
      const parsed = answers === null ? undefined : answers[i]
      const answer = typeof parsed === 'string' ? parsed : null
      const invalidReason = judgeAnswer(answers, parsed, slot)
      rows.push({
        roundId: round.roundId,
        roundOutcome: round.outcome?.result === 'completed' ? 'completed' : 'failed',
        domain: round.domain,
        subdomain: round.subdomain,
        creator,
        preparer,
        challengeIndex: i,
        question: round.challenges[i]!,
        miner: slot.miner,
        answer,
        completion: slot.completion,
        precommitHash: slot.precommitHash,
        salt: slot.salt,
        commitScheme: params.networkTask.commitScheme,
        completerState: slot.state,
        verdict: slot.state === 'Valid' ? 'valid' : slot.state === 'Outlier' ? 'outlier' : null,
        similarity: slot.similarity,
        valid: invalidReason === null,
        invalidReason,
      })
    }
  }
  return rows
}

/** The answers of a completion, or null when it is not a JSON array. */
export function parseCompletion(completion: string): readonly unknown[] | null {
  try {
    const value: unknown = JSON.parse(completion)
    return Array.isArray(value) ? value : null
  } catch {
    return null
  }
}

/** Why one answer is not usable data, or null: the answer's own shape first, then PoI's verdict. */
function judgeAnswer(answers: readonly unknown[] | null, parsed: unknown, slot: CompleterSlot): InvalidReason | null {
  if (answers === null) return 'malformedCompletion'
  if (parsed === undefined) return 'missingAnswer'
  if (typeof parsed !== 'string') return 'malformedCompletion'
  if (parsed.trim() === '') return 'emptyAnswer'
  if (slot.state === 'Outlier') return 'outlier'
  if (slot.state !== 'Valid') return 'notValidated'
  return null
}

function lastOf(list: readonly Address[]): Address | null {
  return list.length === 0 ? null : list[list.length - 1]!
}
