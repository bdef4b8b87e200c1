// Goal: every transition and rejection of the completers' commit–reveal and of the oracle's
// validation: precommit, endPrecommit, commit, endCommit, validate; the copy attack (a copied
// precommit is worthless under minerBound and accepted under plain) and the replay of a
// user-task hash as a round hash.
// Method: drive rounds on the fixed timeline of testkit.ts and assert slot states, effects and
// rejection codes; `rejected` checks that a rejected event left the state unchanged.
import { describe, expect, it } from 'vitest'
import { computePrecommitHash } from '../core/commit.ts'
import { ORACLE, miner, paramsWith, salt } from '../testing/fixtures.ts'
import {
  ROUND_ID,
  T,
  answerOf,
  apply,
  rejected,
  reveal,
  roundHashFor,
  saltOf,
  step,
  toCommitted,
  toRevealing,
  toStarted,
  withPrecommits,
} from './testkit.ts'
import type { RoundState } from './types.ts'

const params = paramsWith()
const { precommitDeadlineMs, commitDeadlineMs } = params.networkTask
const precommitDeadline = T.start + precommitDeadlineMs
const commitDeadline = T.endPrecommit + commitDeadlineMs

function who(r: RoundState, i: number) {
  return r.completers[i]!.miner
}

describe('precommit', () => {
  it('records the hash and emits SessionPrecommitted', () => {
    const r = toStarted(params)
    const hash = roundHashFor(params, who(r, 0), saltOf(0), answerOf(who(r, 0)))
    const { state, effects } = apply(r, { type: 'precommit', actor: who(r, 0), hash }, T.precommit, params)
    expect(state.completers[0]).toMatchObject({ state: 'Precommitted', precommitHash: hash, precommitAtMs: T.precommit })
    expect(state.completers[1]).toBe(r.completers[1]) // untouched slots are shared
    expect(effects).toEqual([{ kind: 'emit', event: { name: 'SessionPrecommitted', args: { roundId: ROUND_ID, miner: who(r, 0) } } }])
  })

  it('rejects a malformed hash, a stranger, a second precommit and a late one', () => {
    const r = withPrecommits(params, [0])
    expect(rejected(r, { type: 'precommit', actor: who(r, 1), hash: '0xabc' as never }, T.precommit, params)).toBe('MalformedEvent')
    expect(rejected(r, { type: 'precommit', actor: miner(99), hash: salt(1) }, T.precommit, params)).toBe('NotAssignedMiner')
    expect(rejected(r, { type: 'precommit', actor: who(r, 0), hash: salt(1) }, T.precommit, params)).toBe('AlreadyActed')
    expect(rejected(r, { type: 'precommit', actor: who(r, 1), hash: salt(1) }, precommitDeadline + 1, params)).toBe('DeadlinePassed')
  })
})

describe('endPrecommit', () => {
  it('closes early once every completer precommitted, opening the commit phase', () => {
    const r = withPrecommits(params, [0, 1, 2, 3, 4])
    const { state, effects } = apply(r, { type: 'endPrecommit', actor: ORACLE }, T.endPrecommit, params)
    expect(state).toMatchObject({ status: 'Precommit', phaseDeadlineMs: T.endPrecommit + commitDeadlineMs })
    expect(effects.filter((e) => e.kind === 'stat' && e.metric === 'Precommit' && e.success)).toHaveLength(5)
    expect(effects).toContainEqual({ kind: 'emit', event: { name: 'SessionAllPrecommitted', args: { roundId: ROUND_ID, miners: r.completers.map((s) => s.miner), forceEnd: false } } })
    expect(effects.at(-1)).toMatchObject({ kind: 'schedule', timer: { phase: 'Precommit' } })
  })

  it('waits for the deadline while someone has not precommitted, then marks it missed', () => {
    const r = withPrecommits(params, [0, 1])
    expect(rejected(r, { type: 'endPrecommit', actor: ORACLE }, precommitDeadline - 1, params)).toBe('PhaseNotOver')
    const { state, effects } = apply(r, { type: 'endPrecommit', actor: ORACLE }, precommitDeadline, params)
    expect(state.completers.map((s) => s.state)).toEqual(['Precommitted', 'Precommitted', 'MissedPrecommit', 'MissedPrecommit', 'MissedPrecommit'])
    expect(effects).toContainEqual({ kind: 'stat', node: who(r, 4), metric: 'Precommit', success: false })
    expect(effects).toContainEqual({ kind: 'emit', event: { name: 'SessionAllPrecommitted', args: { roundId: ROUND_ID, miners: [who(r, 0), who(r, 1)], forceEnd: true } } })
  })

  it('ends the round when fewer than minCompleters precommitted', () => {
    const p = paramsWith({ 'networkTask.minCompleters': 3 })
    const r = withPrecommits(p, [0, 1])
    const { state, effects } = apply(r, { type: 'endPrecommit', actor: ORACLE }, precommitDeadline, p)
    expect(state.outcome).toEqual({ result: 'failed', reason: 'tooFewPrecommits', phase: 'Start' })
    expect(effects.filter((e) => e.kind === 'cognitiveOutcome' && e.success).map((e) => (e.kind === 'cognitiveOutcome' ? e.node : null))).toEqual([
      r.creators[0],
      r.preparers[0],
    ])
  })
})

describe('commit', () => {
  it('accepts a reveal matching the precommit and keeps the completion', () => {
    const r = toRevealing(params)
    const { state, effects } = apply(r, { type: 'commit', actor: who(r, 2), completion: answerOf(who(r, 2)), salt: saltOf(2) }, T.commit, params)
    expect(state.completers[2]).toMatchObject({ state: 'Committed', completion: answerOf(who(r, 2)), salt: saltOf(2), committedAtMs: T.commit })
    expect(effects).toEqual([{ kind: 'emit', event: { name: 'SessionCommitted', args: { roundId: ROUND_ID, miner: who(r, 2) } } }])
  })

  it('rejects a mismatching reveal, malformed input, a second reveal and a late one', () => {
    const r = reveal(toRevealing(params), 0, params)
    const m = who(r, 1)
    expect(rejected(r, { type: 'commit', actor: m, completion: 'something else', salt: saltOf(1) }, T.commit, params)).toBe('RevealMismatch')
    expect(rejected(r, { type: 'commit', actor: m, completion: answerOf(m), salt: saltOf(2) }, T.commit, params)).toBe('RevealMismatch')
    expect(rejected(r, { type: 'commit', actor: m, completion: 3 as never, salt: saltOf(1) }, T.commit, params)).toBe('MalformedEvent')
    expect(rejected(r, { type: 'commit', actor: m, completion: 'x'.repeat(params.networkTask.maxCompletionBytes + 1), salt: saltOf(1) }, T.commit, params)).toBe('MalformedEvent')
    expect(rejected(r, { type: 'commit', actor: m, completion: answerOf(m), salt: '0x1' as never }, T.commit, params)).toBe('MalformedEvent')
    expect(rejected(r, { type: 'commit', actor: who(r, 0), completion: answerOf(who(r, 0)), salt: saltOf(0) }, T.commit, params)).toBe('AlreadyActed')
    expect(rejected(r, { type: 'commit', actor: miner(99), completion: 'x', salt: saltOf(0) }, T.commit, params)).toBe('NotAssignedMiner')
    expect(rejected(r, { type: 'commit', actor: m, completion: answerOf(m), salt: saltOf(1) }, commitDeadline + 1, params)).toBe('DeadlinePassed')
  })

  it('refuses a reveal from a completer that missed the precommit phase', () => {
    const r = step(withPrecommits(params, [0]), { type: 'endPrecommit', actor: ORACLE }, precommitDeadline, params)
    expect(rejected(r, { type: 'commit', actor: who(r, 1), completion: answerOf(who(r, 1)), salt: saltOf(1) }, precommitDeadline + 1, params)).toBe('NotPrecommitted')
  })

  it('accepts an empty completion when that is what was precommitted', () => {
    let r = toStarted(params)
    r = step(r, { type: 'precommit', actor: who(r, 0), hash: roundHashFor(params, who(r, 0), saltOf(0), '') }, T.precommit, params)
    r = step(r, { type: 'endPrecommit', actor: ORACLE }, precommitDeadline, params)
    expect(step(r, { type: 'commit', actor: who(r, 0), completion: '', salt: saltOf(0) }, precommitDeadline + 1, params).completers[0]!.state).toBe('Committed')
  })
})

describe('copying and replaying precommits', () => {
  function copycatRound(scheme: 'minerBound' | 'plain'): { r: RoundState; p: ReturnType<typeof paramsWith> } {
    const p = paramsWith({ 'networkTask.commitScheme': scheme, 'networkTask.completers': 2 })
    let r = toStarted(p)
    const honest = who(r, 0)
    const honestHash = roundHashFor(p, honest, saltOf(0), answerOf(honest))
    r = step(r, { type: 'precommit', actor: honest, hash: honestHash }, T.precommit, p)
    r = step(r, { type: 'precommit', actor: who(r, 1), hash: honestHash }, T.precommit, p) // the copycat
    r = step(r, { type: 'endPrecommit', actor: ORACLE }, T.endPrecommit, p)
    return { r: reveal(r, 0, p), p }
  }

  it('makes a copied precommit worthless under minerBound', () => {
    const { r, p } = copycatRound('minerBound')
    const honestAnswer = answerOf(who(r, 0))
    expect(rejected(r, { type: 'commit', actor: who(r, 1), completion: honestAnswer, salt: saltOf(0) }, T.commit + 1, p)).toBe('RevealMismatch')
  })

  it('lets the copy through under plain', () => {
    const { r, p } = copycatRound('plain')
    const honestAnswer = answerOf(who(r, 0))
    const copied = step(r, { type: 'commit', actor: who(r, 1), completion: honestAnswer, salt: saltOf(7) }, T.commit + 1, p)
    expect(copied.completers[1]).toMatchObject({ state: 'Committed', completion: honestAnswer })
  })

  it('refuses a user-task precommit replayed as the round precommit', () => {
    let r = toStarted(params)
    const m = who(r, 0)
    const taskHash = computePrecommitHash('minerBound', { miner: m, sessionId: ROUND_ID, taskId: 0, salt: saltOf(0), result: answerOf(m) })
    r = step(r, { type: 'precommit', actor: m, hash: taskHash }, T.precommit, params)
    r = step(r, { type: 'endPrecommit', actor: ORACLE }, precommitDeadline, params)
    expect(rejected(r, { type: 'commit', actor: m, completion: answerOf(m), salt: saltOf(0) }, precommitDeadline + 1, params)).toBe('RevealMismatch')
  })
})

describe('endCommit', () => {
  it('closes early once every precommitted completer revealed, awaiting validation', () => {
    const r = toCommitted(params)
    expect(r).toMatchObject({ status: 'Commit', phaseDeadlineMs: null })
    expect(r.completers.every((s) => s.state === 'Committed')).toBe(true)
  })

  it('waits for the deadline, then marks missing reveals and slashes them when slashing is on', () => {
    const p = paramsWith({ 'payments.slashing': 'missedReveal' })
    const r = reveal(reveal(toRevealing(p), 0, p), 1, p)
    expect(rejected(r, { type: 'endCommit', actor: ORACLE }, commitDeadline - 1, p)).toBe('PhaseNotOver')
    const { state, effects } = apply(r, { type: 'endCommit', actor: ORACLE }, commitDeadline, p)
    expect(state.status).toBe('Commit')
    expect(state.completers.map((s) => s.state)).toEqual(['Committed', 'Committed', 'MissedReveal', 'MissedReveal', 'MissedReveal'])
    expect(effects).toContainEqual({ kind: 'stat', node: who(r, 0), metric: 'Commit', success: true })
    expect(effects).toContainEqual({ kind: 'stat', node: who(r, 2), metric: 'Commit', success: false })
    expect(effects).toContainEqual({ kind: 'slash', node: who(r, 2), bps: p.payments.slashBps, reason: 'missedReveal' })
    expect(effects).toContainEqual({ kind: 'emit', event: { name: 'SessionAllCommitted', args: { roundId: ROUND_ID, miners: [who(r, 0), who(r, 1)] } } })
  })

  it('does not slash by default, and gives no Commit stat to a completer that missed the precommit', () => {
    let r = step(withPrecommits(params, [0, 1]), { type: 'endPrecommit', actor: ORACLE }, precommitDeadline, params)
    r = reveal(r, 0, params, precommitDeadline + 1)
    const { effects } = apply(r, { type: 'endCommit', actor: ORACLE }, precommitDeadline + commitDeadlineMs, params)
    expect(effects.some((e) => e.kind === 'slash')).toBe(false)
    expect(effects.filter((e) => e.kind === 'stat' && e.metric === 'Commit').map((e) => (e.kind === 'stat' ? e.node : null))).toEqual([who(r, 0), who(r, 1)])
  })

  it('ends without a result when fewer than minCompleters revealed; revealers still did their part', () => {
    const p = paramsWith({ 'networkTask.minCompleters': 2 })
    const r = reveal(toRevealing(p), 0, p)
    const { state, effects } = apply(r, { type: 'endCommit', actor: ORACLE }, commitDeadline, p)
    expect(state.outcome).toEqual({ result: 'failed', reason: 'tooFewReveals', phase: 'Precommit' })
    expect(effects).toContainEqual({ kind: 'cognitiveOutcome', node: who(r, 0), roundId: ROUND_ID, success: true })
    expect(effects).toContainEqual({ kind: 'cognitiveOutcome', node: who(r, 1), roundId: ROUND_ID, success: false })
    expect(effects).toContainEqual({ kind: 'stat', node: who(r, 0), metric: 'End', success: true })
  })
})

describe('validate', () => {
  const verdict = (m: string, v: 'valid' | 'outlier' = 'valid', similarity = 0.9) => ({ miner: m, verdict: v, similarity }) as never

  it('records verdicts and Correctness stats, staying in Commit', () => {
    const r = toCommitted(params)
    const verdicts = r.completers.map((s, i) => verdict(s.miner, i === 4 ? 'outlier' : 'valid', i === 4 ? 0.2 : 0.95))
    const { state, effects } = apply(r, { type: 'validate', actor: ORACLE, verdicts }, T.validate, params)
    expect(state).toMatchObject({ status: 'Commit', validator: ORACLE })
    expect(state.completers.map((s) => s.state)).toEqual(['Valid', 'Valid', 'Valid', 'Valid', 'Outlier'])
    expect(state.completers[4]!.similarity).toBe(0.2)
    expect(effects[0]).toEqual({ kind: 'emit', event: { name: 'SessionValidated', args: { roundId: ROUND_ID, valid: r.completers.slice(0, 4).map((s) => s.miner), outliers: [who(r, 4)] } } })
    expect(effects).toContainEqual({ kind: 'stat', node: who(r, 4), metric: 'Correctness', success: false })
    expect(effects.filter((e) => e.kind === 'stat' && e.metric === 'Correctness' && e.success)).toHaveLength(4)
    expect(rejected(state, { type: 'validate', actor: ORACLE, verdicts }, T.validate + 1, params)).toBe('AlreadyActed')
  })

  it('rejects missing, extra, duplicate, foreign and malformed verdicts', () => {
    const r = toCommitted(params)
    const all = r.completers.map((s) => verdict(s.miner))
    const cases: [unknown, string][] = [
      ['x', 'MalformedEvent'],
      [all.slice(1), 'MalformedEvent'],
      [[...all.slice(1), all[1]], 'DuplicateMiner'],
      [[...all.slice(1), verdict(miner(99))], 'NotAssignedMiner'],
      [[...all.slice(1), verdict(who(r, 0), 'maybe' as never)], 'MalformedEvent'],
      [[...all.slice(1), verdict(who(r, 0), 'valid', 1.5)], 'MalformedEvent'],
      [[...all.slice(1), null], 'MalformedEvent'],
    ]
    for (const [verdicts, code] of cases) {
      expect(rejected(r, { type: 'validate', actor: ORACLE, verdicts: verdicts as never }, T.validate, params)).toBe(code)
    }
  })

  it('judges only revealed completions', () => {
    let r = reveal(toRevealing(params), 0, params)
    r = step(r, { type: 'endCommit', actor: ORACLE }, commitDeadline, params)
    expect(rejected(r, { type: 'validate', actor: ORACLE, verdicts: [verdict(who(r, 1))] }, commitDeadline + 1, params)).toBe('NotAssignedMiner')
    const judged = step(r, { type: 'validate', actor: ORACLE, verdicts: [verdict(who(r, 0))] }, commitDeadline + 1, params)
    expect(judged.completers.map((s) => s.state)).toEqual(['Valid', 'MissedReveal', 'MissedReveal', 'MissedReveal', 'MissedReveal'])
  })
})
