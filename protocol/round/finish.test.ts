// Goal: every way a round ends (validated end, forced end from each open phase, before and after
// its deadline), the End stats and the one cognitiveOutcome per participant, stale timers, the
// round's product, and the table's shape.
// Method: drive rounds on the fixed timeline of testkit.ts; compare effects and outcomes with what
// each participant did; `rejected` checks that a rejected event left the state unchanged.
import { describe, expect, it } from 'vitest'
import type { Effect } from '../core/effects.ts'
import { ORACLE, miner, paramsWith } from '../testing/fixtures.ts'
import { isRoundTimerCurrent } from './machine.ts'
import { getRoundProduct } from './product.ts'
import { ROUND_TABLE } from './table.ts'
import {
  CREATOR,
  PREPARER,
  ROUND_ID,
  T,
  answerOf,
  apply,
  opened,
  rejected,
  reveal,
  roundHashFor,
  saltOf,
  step,
  toCommitted,
  toCreated,
  toPrepared,
  toPreparing,
  toRevealing,
  withPrecommits,
} from './testkit.ts'
import { ROUND_STATUSES, type RoundState } from './types.ts'

const params = paramsWith()
const nt = params.networkTask

function outcomes(effects: readonly Effect[]): [string, boolean][] {
  return effects.flatMap((e): [string, boolean][] => (e.kind === 'cognitiveOutcome' ? [[e.node, e.success]] : []))
}

function validated(r: RoundState, outlier = -1): RoundState {
  const verdicts = r.completers
    .filter((s) => s.state === 'Committed')
    .map((s, i) => ({ miner: s.miner, verdict: i === outlier ? ('outlier' as const) : ('valid' as const), similarity: i === outlier ? 0.1 : 0.9 }))
  return step(r, { type: 'validate', actor: ORACLE, verdicts }, T.validate, params)
}

describe('end after validation', () => {
  it('completes the round: End stats, one outcome per participant, SessionEnded', () => {
    const r = validated(toCommitted(params), 4)
    const { state, effects } = apply(r, { type: 'end', actor: ORACLE, forceEnd: false }, T.end, params)
    expect(state).toMatchObject({ status: 'End', endedAtMs: T.end, outcome: { result: 'completed' }, phaseDeadlineMs: null })
    const completers = r.completers.map((s) => s.miner)
    expect(effects.filter((e) => e.kind === 'stat')).toEqual(completers.map((m, i) => ({ kind: 'stat', node: m, metric: 'End', success: i !== 4 })))
    expect(outcomes(effects)).toEqual([[CREATOR, true], [PREPARER, true], ...completers.map((m, i): [string, boolean] => [m, i !== 4])])
    expect(effects.at(-1)).toEqual({ kind: 'emit', event: { name: 'SessionEnded', args: { roundId: ROUND_ID, endedAtMs: T.end, completed: true, reason: null } } })
  })

  it('completes a validated round even when the oracle flags the end as forced', () => {
    const r = validated(toCommitted(params))
    expect(step(r, { type: 'end', actor: ORACLE, forceEnd: true }, T.end, params).outcome).toEqual({ result: 'completed' })
  })

  it('refuses a regular end before validation and a malformed flag', () => {
    const r = toCommitted(params)
    expect(rejected(r, { type: 'end', actor: ORACLE, forceEnd: false }, T.end, params)).toBe('WrongPhase')
    expect(rejected(r, { type: 'end', actor: ORACLE, forceEnd: 'yes' as never }, T.end, params)).toBe('MalformedEvent')
    expect(rejected(opened(params), { type: 'end', actor: ORACLE, forceEnd: false }, T.end, params)).toBe('WrongPhase')
  })

  it('accepts nothing once ended', () => {
    const ended = step(validated(toCommitted(params)), { type: 'end', actor: ORACLE, forceEnd: false }, T.end, params)
    expect(rejected(ended, { type: 'end', actor: ORACLE, forceEnd: true }, T.end + 1, params)).toBe('WrongPhase')
    expect(rejected(ended, { type: 'validate', actor: ORACLE, verdicts: [] }, T.end + 1, params)).toBe('WrongPhase')
  })
})

describe('forced end', () => {
  it('from Request only after the creator deadline, failing the creator', () => {
    const deadline = nt.requestDeadlineMs + nt.createDeadlineMs
    expect(rejected(opened(params), { type: 'end', actor: ORACLE, forceEnd: true }, deadline - 1, params)).toBe('PhaseNotOver')
    const { state, effects } = apply(opened(params), { type: 'end', actor: ORACLE, forceEnd: true }, deadline, params)
    expect(state.outcome).toEqual({ result: 'failed', reason: 'forced', phase: 'Request' })
    expect(effects.slice(0, 2)).toEqual([
      { kind: 'stat', node: CREATOR, metric: 'Request', success: false },
      { kind: 'stat', node: CREATOR, metric: 'Create', success: false },
    ])
    expect(outcomes(effects)).toEqual([[CREATOR, false]])
    expect(effects.at(-1)).toMatchObject({ event: { name: 'SessionEnded', args: { completed: false, reason: 'forced' } } })
  })

  it('from Create at once while no preparer is assigned (the round waits on the oracle)', () => {
    const { state, effects } = apply(toCreated(params), { type: 'end', actor: ORACLE, forceEnd: true }, T.create + 1, params)
    expect(state.outcome).toEqual({ result: 'failed', reason: 'forced', phase: 'Create' })
    expect(effects.filter((e) => e.kind === 'stat')).toEqual([])
    expect(outcomes(effects)).toEqual([[CREATOR, true]])
  })

  it('from Create after the preparer deadline, failing the preparer', () => {
    const deadline = T.assign + nt.prepareDeadlineMs
    expect(rejected(toPreparing(params), { type: 'end', actor: ORACLE, forceEnd: true }, deadline - 1, params)).toBe('PhaseNotOver')
    const { effects } = apply(toPreparing(params), { type: 'end', actor: ORACLE, forceEnd: true }, deadline, params)
    expect(effects[0]).toEqual({ kind: 'stat', node: PREPARER, metric: 'Prepare', success: false })
    expect(outcomes(effects)).toEqual([[CREATOR, true], [PREPARER, false]])
  })

  it('from Prepare at once', () => {
    const { state, effects } = apply(toPrepared(params), { type: 'end', actor: ORACLE, forceEnd: true }, T.prepare, params)
    expect(state.outcome).toEqual({ result: 'failed', reason: 'forced', phase: 'Prepare' })
    expect(outcomes(effects)).toEqual([[CREATOR, true], [PREPARER, true]])
  })

  it('from Start after the precommit deadline, closing the phase as endPrecommit would', () => {
    const r = withPrecommits(params, [0])
    const deadline = T.start + nt.precommitDeadlineMs
    expect(rejected(r, { type: 'end', actor: ORACLE, forceEnd: true }, deadline - 1, params)).toBe('PhaseNotOver')
    const { state, effects } = apply(r, { type: 'end', actor: ORACLE, forceEnd: true }, deadline, params)
    expect(state.completers.map((s) => s.state)).toEqual(['Precommitted', 'MissedPrecommit', 'MissedPrecommit', 'MissedPrecommit', 'MissedPrecommit'])
    expect(effects.filter((e) => e.kind === 'stat' && e.metric === 'Precommit').map((e) => (e.kind === 'stat' ? e.success : null))).toEqual([true, false, false, false, false])
    // The precommitter never got to reveal: it did not finish its part.
    expect(outcomes(effects).slice(2).every(([, ok]) => !ok)).toBe(true)
  })

  it('from Precommit after the commit deadline, closing the phase as endCommit would', () => {
    const r = reveal(toRevealing(params), 0, params)
    const deadline = T.endPrecommit + nt.commitDeadlineMs
    expect(rejected(r, { type: 'end', actor: ORACLE, forceEnd: true }, deadline - 1, params)).toBe('PhaseNotOver')
    const { state, effects } = apply(r, { type: 'end', actor: ORACLE, forceEnd: true }, deadline, params)
    expect(state.outcome).toEqual({ result: 'failed', reason: 'forced', phase: 'Precommit' })
    expect(effects).toContainEqual({ kind: 'stat', node: r.completers[1]!.miner, metric: 'Commit', success: false })
    expect(outcomes(effects).slice(2)).toEqual(r.completers.map((s, i): [string, boolean] => [s.miner, i === 0]))
  })

  it('from Commit at once before validation; unjudged reveals still count as done', () => {
    const r = toCommitted(params)
    const { state, effects } = apply(r, { type: 'end', actor: ORACLE, forceEnd: true }, T.endCommit + 1, params)
    expect(state.outcome).toEqual({ result: 'failed', reason: 'forced', phase: 'Commit' })
    expect(outcomes(effects).every(([, ok]) => ok)).toBe(true)
    expect(effects.filter((e) => e.kind === 'stat' && e.metric === 'Correctness')).toEqual([])
  })
})

describe('participants with several roles', () => {
  it('get one outcome, a success only if every part was done', () => {
    const shared = paramsWith({ 'networkTask.roleOverlap': 'shared', 'networkTask.completers': 2 })
    let r = toPrepared(shared)
    r = step(r, { type: 'start', actor: ORACLE, completers: [CREATOR, miner(1)] }, T.start, shared)
    r = step(r, { type: 'precommit', actor: miner(1), hash: roundHashFor(shared, miner(1), saltOf(1), answerOf(miner(1))) }, T.precommit, shared)
    const { effects } = apply(r, { type: 'end', actor: ORACLE, forceEnd: true }, T.start + shared.networkTask.precommitDeadlineMs, shared)
    expect(outcomes(effects)).toEqual([
      [CREATOR, false],
      [PREPARER, true],
      [miner(1), false],
    ])
  })
})

describe('timers', () => {
  it('are current only for the phase and sequence they were scheduled in', () => {
    const r = opened(params)
    expect(isRoundTimerCurrent(r, 'Request', 0)).toBe(true)
    const replaced = step(r, { type: 'requestNextCreator', actor: ORACLE, creator: miner(102) }, r.phaseDeadlineMs!, params)
    expect(isRoundTimerCurrent(replaced, 'Request', 0)).toBe(false)
    expect(isRoundTimerCurrent(replaced, 'Request', replaced.phaseSeq)).toBe(true)
    expect(isRoundTimerCurrent(toCreated(params), 'Request', 1)).toBe(false)
  })
})

describe('product', () => {
  it('holds topic, challenges and each revealed completion with miner, hash and verdict', () => {
    let r = reveal(reveal(toRevealing(params), 0, params), 1, params)
    r = step(r, { type: 'endCommit', actor: ORACLE }, T.endPrecommit + nt.commitDeadlineMs, params)
    const before = getRoundProduct(r)
    expect(before.completions.map((c) => c.verdict)).toEqual([null, null])
    r = validated(r, 1)
    r = step(r, { type: 'end', actor: ORACLE, forceEnd: false }, T.end, params)
    const product = getRoundProduct(r)
    const [m0, m1] = [r.completers[0]!.miner, r.completers[1]!.miner]
    expect(product).toEqual({
      roundId: ROUND_ID,
      completed: true,
      domain: 'science',
      subdomain: 'optics',
      challenges: ['challenge 0', 'challenge 1', 'challenge 2'],
      completions: [
        { miner: m0, hash: roundHashFor(params, m0, saltOf(0), answerOf(m0)), completion: answerOf(m0), verdict: 'valid', similarity: 0.9 },
        { miner: m1, hash: roundHashFor(params, m1, saltOf(1), answerOf(m1)), completion: answerOf(m1), verdict: 'outlier', similarity: 0.1 },
      ],
    })
    expect(getRoundProduct(opened(params))).toMatchObject({ completed: false, domain: null, challenges: [], completions: [] })
  })
})

describe('round table', () => {
  it('numbers the statuses in the Cognitive order and gives every open status a way to End', () => {
    expect(ROUND_STATUSES).toEqual(['Request', 'Create', 'Prepare', 'Start', 'Precommit', 'Commit', 'End'])
    for (const status of ROUND_TABLE.statuses) {
      const rows = ROUND_TABLE.rows.filter((r) => r.from === status)
      expect(rows.length > 0).toBe(!ROUND_TABLE.terminal.includes(status))
      if (rows.length > 0) expect(rows.some((r) => r.event === 'end' && r.to.includes('End'))).toBe(true)
    }
  })
})
