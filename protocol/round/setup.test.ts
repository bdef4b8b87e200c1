// Goal: every transition and rejection of the round's setup: request, create, the preparer's
// assignment and prepare, the replacement of a timed-out creator or preparer (and the end once
// replacements run out), and start.
// Method: drive a round on a fixed timeline (testkit.ts) and assert status, effects and rejection
// codes; `rejected` also checks that a rejected event left the state unchanged.
import { describe, expect, it } from 'vitest'
import type { Effect } from '../core/effects.ts'
import { ORACLE, ctxAt, miner, paramsWith } from '../testing/fixtures.ts'
import { requestRound } from './machine.ts'
import {
  CREATOR,
  CREATOR_2,
  PREPARER,
  PREPARER_2,
  ROUND_ID,
  T,
  apply,
  challengesFor,
  completersFor,
  opened,
  rejected,
  step,
  toCreated,
  toPrepared,
  toPreparing,
} from './testkit.ts'

const params = paramsWith()
const { requestDeadlineMs, createDeadlineMs, prepareDeadlineMs, precommitDeadlineMs } = params.networkTask
const creatorDeadline = T.request + requestDeadlineMs + createDeadlineMs

function names(effects: readonly Effect[]): string[] {
  return effects.map((e) => (e.kind === 'emit' ? e.event.name : e.kind))
}

describe('request', () => {
  it('opens the round in Request with the creator and its deadline timer', () => {
    const r = requestRound({ roundId: ROUND_ID, actor: ORACLE, creator: CREATOR }, ctxAt(50, params))
    if (!r.ok) throw new Error(r.message)
    expect(r.state).toMatchObject({ status: 'Request', creators: [CREATOR], phaseDeadlineMs: 50 + requestDeadlineMs + createDeadlineMs, requestedAtMs: 50 })
    expect(r.effects).toEqual([
      { kind: 'emit', event: { name: 'NewSessionRequest', args: { roundId: ROUND_ID, miners: [CREATOR] } } },
      { kind: 'schedule', timer: { machine: 'round', key: String(ROUND_ID), phase: 'Request', seq: 0 }, atMs: 50 + requestDeadlineMs + createDeadlineMs },
    ])
  })

  it('rejects a bad round id, oracle or creator', () => {
    const bad = [
      { roundId: -1, actor: ORACLE, creator: CREATOR },
      { roundId: 1.5, actor: ORACLE, creator: CREATOR },
      { roundId: 1, actor: 'oracle' as never, creator: CREATOR },
      { roundId: 1, actor: ORACLE, creator: '0x12' as never },
    ]
    for (const input of bad) {
      const r = requestRound(input, ctxAt(0, params))
      expect(r.ok ? 'accepted' : r.code).toBe('MalformedEvent')
    }
  })
})

describe('create', () => {
  it('moves to Create with the topic; a create within the response window is a Request success', () => {
    const { state, effects } = apply(opened(params), { type: 'create', actor: CREATOR, domain: 'science', subdomain: 'optics' }, requestDeadlineMs, params)
    expect(state).toMatchObject({ status: 'Create', domain: 'science', subdomain: 'optics', phaseDeadlineMs: null })
    expect(effects).toEqual([
      { kind: 'emit', event: { name: 'SessionCreated', args: { roundId: ROUND_ID, miner: CREATOR } } },
      { kind: 'stat', node: CREATOR, metric: 'Request', success: true },
      { kind: 'stat', node: CREATOR, metric: 'Create', success: true },
    ])
  })

  it('counts a create after the response window but before the deadline as a Request failure', () => {
    const { effects } = apply(opened(params), { type: 'create', actor: CREATOR, domain: 'd', subdomain: 's' }, requestDeadlineMs + 1, params)
    expect(effects).toContainEqual({ kind: 'stat', node: CREATOR, metric: 'Request', success: false })
    expect(effects).toContainEqual({ kind: 'stat', node: CREATOR, metric: 'Create', success: true })
  })

  it('rejects a stranger, a late creator and a malformed topic', () => {
    const r = opened(params)
    expect(rejected(r, { type: 'create', actor: miner(9), domain: 'd', subdomain: 's' }, 1, params)).toBe('NotAssignedMiner')
    expect(rejected(r, { type: 'create', actor: CREATOR, domain: 'd', subdomain: 's' }, creatorDeadline + 1, params)).toBe('DeadlinePassed')
    expect(rejected(r, { type: 'create', actor: CREATOR, domain: '', subdomain: 's' }, 1, params)).toBe('MalformedEvent')
    expect(rejected(r, { type: 'create', actor: CREATOR, domain: 'd', subdomain: 5 as never }, 1, params)).toBe('MalformedEvent')
    const long = 'é'.repeat(params.networkTask.maxTopicBytes / 2 + 1) // two UTF-8 bytes each
    expect(rejected(r, { type: 'create', actor: CREATOR, domain: long, subdomain: 's' }, 1, params)).toBe('MalformedEvent')
  })
})

describe('creator reassignment', () => {
  it('is refused before the creator deadline', () => {
    expect(rejected(opened(params), { type: 'requestNextCreator', actor: ORACLE, creator: CREATOR_2 }, creatorDeadline - 1, params)).toBe('PhaseNotOver')
  })

  it('asks a new creator with a fresh deadline and records the failure of the old one', () => {
    const { state, effects } = apply(opened(params), { type: 'requestNextCreator', actor: ORACLE, creator: CREATOR_2 }, creatorDeadline, params)
    expect(state).toMatchObject({ status: 'Request', creators: [CREATOR, CREATOR_2], phaseDeadlineMs: creatorDeadline + requestDeadlineMs + createDeadlineMs, phaseSeq: 1 })
    expect(effects).toEqual([
      { kind: 'stat', node: CREATOR, metric: 'Request', success: false },
      { kind: 'stat', node: CREATOR, metric: 'Create', success: false },
      { kind: 'emit', event: { name: 'NewSessionRequestAssigned', args: { roundId: ROUND_ID, miner: CREATOR_2 } } },
      { kind: 'schedule', timer: { machine: 'round', key: String(ROUND_ID), phase: 'Request', seq: 1 }, atMs: state.phaseDeadlineMs },
    ])
    // The old creator is out; the new one may create.
    expect(rejected(state, { type: 'create', actor: CREATOR, domain: 'd', subdomain: 's' }, creatorDeadline + 1, params)).toBe('NotAssignedMiner')
    expect(step(state, { type: 'create', actor: CREATOR_2, domain: 'd', subdomain: 's' }, creatorDeadline + 1, params).status).toBe('Create')
  })

  it('refuses the timed-out creator again and a malformed address', () => {
    const r = opened(params)
    expect(rejected(r, { type: 'requestNextCreator', actor: ORACLE, creator: CREATOR }, creatorDeadline, params)).toBe('MinerNotEligible')
    expect(rejected(r, { type: 'requestNextCreator', actor: ORACLE, creator: 'x' as never }, creatorDeadline, params)).toBe('MalformedEvent')
  })

  it('ends the round without a result once replacements are used up', () => {
    const p = paramsWith({ 'networkTask.maxCreatorReassignments': 1 })
    const deadline = T.request + requestDeadlineMs + createDeadlineMs
    const once = step(opened(p), { type: 'requestNextCreator', actor: ORACLE, creator: CREATOR_2 }, deadline, p)
    const { state, effects } = apply(once, { type: 'requestNextCreator', actor: ORACLE, creator: miner(103) }, once.phaseDeadlineMs!, p)
    expect(state.status).toBe('End')
    expect(state.outcome).toEqual({ result: 'failed', reason: 'noCreator', phase: 'Request' })
    expect(state.creators).toEqual([CREATOR, CREATOR_2])
    expect(effects.filter((e) => e.kind === 'cognitiveOutcome')).toEqual([
      { kind: 'cognitiveOutcome', node: CREATOR, roundId: ROUND_ID, success: false },
      { kind: 'cognitiveOutcome', node: CREATOR_2, roundId: ROUND_ID, success: false },
    ])
    expect(names(effects)).toContain('SessionEnded')
  })
})

describe('preparer', () => {
  it('is assigned by the oracle with the prepare deadline', () => {
    const { state, effects } = apply(toCreated(params), { type: 'assignPreparer', actor: ORACLE, preparer: PREPARER }, T.assign, params)
    expect(state).toMatchObject({ status: 'Create', preparers: [PREPARER], phaseDeadlineMs: T.assign + prepareDeadlineMs })
    expect(names(effects)).toEqual(['SessionPrepareAssigned', 'schedule'])
  })

  it('cannot be assigned twice, be malformed, or be the creator when roles are exclusive', () => {
    expect(rejected(toPreparing(params), { type: 'assignPreparer', actor: ORACLE, preparer: PREPARER_2 }, T.assign + 1, params)).toBe('AlreadyActed')
    expect(rejected(toCreated(params), { type: 'assignPreparer', actor: ORACLE, preparer: '0x' as never }, T.assign, params)).toBe('MalformedEvent')
    expect(rejected(toCreated(params), { type: 'assignPreparer', actor: ORACLE, preparer: CREATOR }, T.assign, params)).toBe('MinerNotEligible')
    const shared = paramsWith({ 'networkTask.roleOverlap': 'shared' })
    expect(step(toCreated(shared), { type: 'assignPreparer', actor: ORACLE, preparer: CREATOR }, T.assign, shared).preparers).toEqual([CREATOR])
  })

  it('prepares exactly maxPrompts challenges and moves to Prepare', () => {
    const { state, effects } = apply(toPreparing(params), { type: 'prepare', actor: PREPARER, challenges: challengesFor(params) }, T.prepare, params)
    expect(state).toMatchObject({ status: 'Prepare', challenges: challengesFor(params), phaseDeadlineMs: null })
    expect(effects).toEqual([
      { kind: 'emit', event: { name: 'SessionPrepared', args: { roundId: ROUND_ID, miner: PREPARER } } },
      { kind: 'stat', node: PREPARER, metric: 'Prepare', success: true },
    ])
  })

  it('rejects malformed challenge lists, strangers and late preparers', () => {
    const r = toPreparing(params)
    const good = challengesFor(params)
    const cases: [unknown, string][] = [
      ['not a list', 'MalformedEvent'],
      [good.slice(1), 'MalformedEvent'],
      [[...good, 'one more'], 'MalformedEvent'],
      [[...good.slice(1), ''], 'MalformedEvent'],
      [[...good.slice(1), 7], 'MalformedEvent'],
      [[...good.slice(1), 'x'.repeat(params.networkTask.maxChallengeBytes + 1)], 'MalformedEvent'],
    ]
    for (const [challenges, code] of cases) {
      expect(rejected(r, { type: 'prepare', actor: PREPARER, challenges: challenges as string[] }, T.prepare, params)).toBe(code)
    }
    expect(rejected(r, { type: 'prepare', actor: CREATOR, challenges: good }, T.prepare, params)).toBe('NotAssignedMiner')
    expect(rejected(r, { type: 'prepare', actor: PREPARER, challenges: good }, T.assign + prepareDeadlineMs + 1, params)).toBe('DeadlinePassed')
    expect(rejected(toCreated(params), { type: 'prepare', actor: PREPARER, challenges: good }, T.prepare, params)).toBe('NotAssignedMiner')
  })

  it('owns its challenges: changing the caller array later does not change the round', () => {
    const challenges = challengesFor(params)
    const r = step(toPreparing(params), { type: 'prepare', actor: PREPARER, challenges }, T.prepare, params)
    challenges[0] = 'changed'
    expect(r.challenges[0]).toBe('challenge 0')
  })
})

describe('preparer reassignment', () => {
  const prepareDeadline = T.assign + prepareDeadlineMs

  it('needs an assigned preparer and its passed deadline', () => {
    expect(rejected(toCreated(params), { type: 'requestNextPreparer', actor: ORACLE, preparer: PREPARER_2 }, prepareDeadline, params)).toBe('WrongPhase')
    expect(rejected(toPreparing(params), { type: 'requestNextPreparer', actor: ORACLE, preparer: PREPARER_2 }, prepareDeadline - 1, params)).toBe('PhaseNotOver')
    expect(rejected(toPreparing(params), { type: 'requestNextPreparer', actor: ORACLE, preparer: 'p' as never }, prepareDeadline, params)).toBe('MalformedEvent')
  })

  it('assigns a new preparer, records the old one failed and refuses it again', () => {
    const { state, effects } = apply(toPreparing(params), { type: 'requestNextPreparer', actor: ORACLE, preparer: PREPARER_2 }, prepareDeadline, params)
    expect(state).toMatchObject({ status: 'Create', preparers: [PREPARER, PREPARER_2], phaseDeadlineMs: prepareDeadline + prepareDeadlineMs })
    expect(effects[0]).toEqual({ kind: 'stat', node: PREPARER, metric: 'Prepare', success: false })
    expect(names(effects).slice(1)).toEqual(['SessionPrepareAssigned', 'schedule'])
    expect(rejected(toPreparing(params), { type: 'requestNextPreparer', actor: ORACLE, preparer: PREPARER }, prepareDeadline, params)).toBe('MinerNotEligible')
    expect(rejected(state, { type: 'prepare', actor: PREPARER, challenges: challengesFor(params) }, prepareDeadline + 1, params)).toBe('NotAssignedMiner')
  })

  it('ends the round once replacements are used up; the creator still did its part', () => {
    const p = paramsWith({ 'networkTask.maxPreparerReassignments': 0 })
    const { state, effects } = apply(toPreparing(p), { type: 'requestNextPreparer', actor: ORACLE, preparer: PREPARER_2 }, prepareDeadline, p)
    expect(state.outcome).toEqual({ result: 'failed', reason: 'noPreparer', phase: 'Create' })
    expect(effects.filter((e) => e.kind === 'cognitiveOutcome')).toEqual([
      { kind: 'cognitiveOutcome', node: CREATOR, roundId: ROUND_ID, success: true },
      { kind: 'cognitiveOutcome', node: PREPARER, roundId: ROUND_ID, success: false },
    ])
  })
})

describe('start', () => {
  it('starts with exactly `completers` miners, opens the precommit phase and records Start', () => {
    const completers = completersFor(params)
    const { state, effects } = apply(toPrepared(params), { type: 'start', actor: ORACLE, completers }, T.start, params)
    expect(state).toMatchObject({ status: 'Start', startedAtMs: T.start, phaseDeadlineMs: T.start + precommitDeadlineMs })
    expect(state.completers.map((s) => [s.miner, s.state])).toEqual(completers.map((m) => [m, 'Selected']))
    expect(effects[0]).toEqual({ kind: 'emit', event: { name: 'SessionStarted', args: { roundId: ROUND_ID, startedAtMs: T.start, miners: completers } } })
    expect(effects.filter((e) => e.kind === 'stat')).toEqual(completers.map((m) => ({ kind: 'stat', node: m, metric: 'Start', success: true })))
    expect(effects.at(-1)).toMatchObject({ kind: 'schedule', atMs: T.start + precommitDeadlineMs, timer: { phase: 'Start' } })
  })

  it('rejects a wrong count, a bad list, duplicates and ineligible miners', () => {
    const r = toPrepared(params)
    const good = completersFor(params)
    expect(rejected(r, { type: 'start', actor: ORACLE, completers: good.slice(1) }, T.start, params)).toBe('TooFewMiners')
    expect(rejected(r, { type: 'start', actor: ORACLE, completers: [...good, miner(99)] }, T.start, params)).toBe('TooFewMiners')
    expect(rejected(r, { type: 'start', actor: ORACLE, completers: 'all' as never }, T.start, params)).toBe('MalformedEvent')
    expect(rejected(r, { type: 'start', actor: ORACLE, completers: [...good.slice(1), 'nope' as never] }, T.start, params)).toBe('MalformedEvent')
    expect(rejected(r, { type: 'start', actor: ORACLE, completers: [...good.slice(1), good[1]!] }, T.start, params)).toBe('DuplicateMiner')
    expect(rejected(r, { type: 'start', actor: ORACLE, completers: [...good.slice(1), PREPARER] }, T.start, params)).toBe('MinerNotEligible')
  })

  it('lets the creator and preparer complete when roles are shared', () => {
    const shared = paramsWith({ 'networkTask.roleOverlap': 'shared' })
    const completers = [...completersFor(shared).slice(2), CREATOR, PREPARER]
    expect(step(toPrepared(shared), { type: 'start', actor: ORACLE, completers }, T.start, shared).status).toBe('Start')
  })
})
