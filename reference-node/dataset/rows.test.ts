// Goal: a round becomes one row per (revealed completion, challenge) in a fixed order, with the
// question, the answer, the completer's hash and salt and its PoI verdict; every kind of bad
// answer is kept and marked with its reason (not JSON, not an array, too short, not a string,
// empty, outlier, never validated), a completer that never revealed has no row, and a round
// without challenges has none. Method: rounds driven through the real round machine with chosen
// completions and verdicts; fast-check for the shape invariants over random completions.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { computeRoundPrecommitHash } from '../../protocol/core/commit.ts'
import type { Address } from '../../protocol/core/types.ts'
import { CREATOR, PREPARER, ROUND_ID, T, challengesFor, opened, saltOf, step, toStarted } from '../../protocol/round/testkit.ts'
import type { RoundState } from '../../protocol/round/types.ts'
import { ORACLE, paramsWith } from '../../protocol/testing/fixtures.ts'
import { buildRoundRows, parseCompletion, type DatasetRow } from './rows.ts'

const params = paramsWith({ 'networkTask.completers': 5, 'networkTask.maxPrompts': 3 })

/** Started round whose completers reveal `given` (null or absent: precommit only); commit phase closed after its deadline. */
function revealed(given: readonly (string | null)[]): RoundState {
  let r = toStarted(params)
  const completions = r.completers.map((_, i) => given[i] ?? null)
  const who = (i: number): Address => r.completers[i]!.miner
  completions.forEach((c, i) => {
    const hash = computeRoundPrecommitHash(params.networkTask.commitScheme, { miner: who(i), roundId: ROUND_ID, salt: saltOf(i), completion: c ?? 'never revealed' })
    r = step(r, { type: 'precommit', actor: who(i), hash }, T.precommit, params)
  })
  r = step(r, { type: 'endPrecommit', actor: ORACLE }, T.endPrecommit, params)
  completions.forEach((c, i) => {
    if (c !== null) r = step(r, { type: 'commit', actor: who(i), completion: c, salt: saltOf(i) }, T.commit, params)
  })
  return step(r, { type: 'endCommit', actor: ORACLE }, T.endPrecommit + params.networkTask.commitDeadlineMs + 1, params)
}

function validated(r: RoundState, verdicts: readonly ('valid' | 'outlier')[]): RoundState {
  const judged = r.completers.filter((c) => c.state === 'Committed').map((c, k) => ({ miner: c.miner, verdict: verdicts[k]!, similarity: verdicts[k] === 'valid' ? 0.9 : 0.1 }))
  const v = step(r, { type: 'validate', actor: ORACLE, verdicts: judged }, 200_000, params)
  return step(v, { type: 'end', actor: ORACLE, forceEnd: false }, 200_001, params)
}

const summary = (rows: readonly DatasetRow[]) => rows.map((r) => [r.challengeIndex, r.answer, r.invalidReason])

describe('rows of a round', () => {
  const completions = ['["a0","a1","a2"]', '["b0","b1"]', 'not json', '["",5,"d2","extra"]', null]

  it('marks every bad answer with its reason and keeps it, in completer then challenge order', () => {
    const round = validated(revealed(completions), ['valid', 'outlier', 'valid', 'valid'])
    expect(round.outcome).toEqual({ result: 'completed' })
    const rows = buildRoundRows(round, params)
    expect(rows.map((r) => r.miner)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3].map((i) => round.completers[i]!.miner))
    expect(summary(rows)).toEqual([
      [0, 'a0', null], [1, 'a1', null], [2, 'a2', null],
      [0, 'b0', 'outlier'], [1, 'b1', 'outlier'], [2, null, 'missingAnswer'],
      [0, null, 'malformedCompletion'], [1, null, 'malformedCompletion'], [2, null, 'malformedCompletion'],
      [0, '', 'emptyAnswer'], [1, null, 'malformedCompletion'], [2, 'd2', null],
    ])
    expect(rows.map((r) => r.valid)).toEqual(rows.map((r) => r.invalidReason === null))
    const first = rows[0]!
    expect(first).toEqual({
      roundId: ROUND_ID, roundOutcome: 'completed', domain: 'science', subdomain: 'optics', creator: CREATOR, preparer: PREPARER, challengeIndex: 0,
      question: challengesFor(params)[0], miner: round.completers[0]!.miner, answer: 'a0', completion: completions[0], precommitHash: round.completers[0]!.precommitHash,
      salt: saltOf(0), commitScheme: 'minerBound', completerState: 'Valid', verdict: 'valid', similarity: 0.9, valid: true, invalidReason: null,
    })
    expect(rows[3]).toMatchObject({ verdict: 'outlier', similarity: 0.1, completerState: 'Outlier' })
  })

  it('marks answers of a round ended before validation as not validated', () => {
    const forced = step(revealed(['["x","y","z"]']), { type: 'end', actor: ORACLE, forceEnd: true }, 200_000, params)
    const rows = buildRoundRows(forced, params)
    expect(forced.outcome).toMatchObject({ result: 'failed', reason: 'forced' })
    expect(rows.map((r) => [r.answer, r.verdict, r.valid, r.invalidReason, r.roundOutcome])).toEqual([
      ['x', null, false, 'notValidated', 'failed'], ['y', null, false, 'notValidated', 'failed'], ['z', null, false, 'notValidated', 'failed'],
    ])
  })

  it('gives no rows for a round that never got challenges, and no creator before the topic', () => {
    expect(buildRoundRows(opened(params), params)).toEqual([])
    const failed = step(opened(params), { type: 'end', actor: ORACLE, forceEnd: true }, params.networkTask.requestDeadlineMs + params.networkTask.createDeadlineMs + 1, params)
    expect(buildRoundRows(failed, params)).toEqual([])
  })

  it('always gives challenges × revealed rows whose answers are the completion\'s strings', () => {
    const answer = fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.constant(null))
    const completion = fc.oneof(fc.array(answer, { maxLength: 5 }).map((a) => JSON.stringify(a)), fc.string({ maxLength: 8 }))
    fc.assert(
      fc.property(fc.array(fc.option(completion, { nil: null }), { minLength: 1, maxLength: 5 }), (list) => {
        const round = revealed(list)
        const rows = buildRoundRows(round, params)
        const revealedCount = list.filter((c) => c !== null).length
        expect(rows.length).toBe(revealedCount * 3)
        for (const row of rows) {
          const parsed = parseCompletion(row.completion)
          const element = parsed?.[row.challengeIndex]
          expect(row.answer).toBe(typeof element === 'string' ? element : null)
          if (row.answer === null) expect(['malformedCompletion', 'missingAnswer']).toContain(row.invalidReason)
          expect(row.valid).toBe(false)
        }
      }),
      { seed: 77, numRuns: 60 },
    )
  })
})
