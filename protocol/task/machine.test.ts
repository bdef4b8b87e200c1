// Goal: every transition and every rejection of the user-task machine, one behaviour per test.
// Method: drive a task through its phases with explicit times and assert status, per-miner state,
// effects and rejection codes; a rejected event must leave the state untouched.
import { describe, expect, it } from 'vitest'
import type { Effect } from '../core/effects.ts'
import type { Params } from '../params/spec.ts'
import { ORACLE, ctxAt, miner, paramsWith, precommitFor, salt } from '../testing/fixtures.ts'
import { createTask, isTaskTimerCurrent, transitionTask } from './machine.ts'
import { computeTaskEscrow } from './pricing.ts'
import { TASK_TABLE } from './table.ts'
import type { TaskEvent, TaskState } from './types.ts'

const M1 = miner(1)
const M2 = miner(2)
const M3 = miner(3)

function newTask(params: Params, redundant = 3, now = 0): TaskState {
  return createTask(
    { sessionId: 1, taskId: 7, gid: 70, redundant, modelId: 0, maxTokens: 64, escrow: computeTaskEscrow(params, redundant, 64), router: null },
    ctxAt(now, params),
  ).state
}

function step(state: TaskState, event: TaskEvent, now: number, params: Params): TaskState {
  const r = transitionTask(state, event, ctxAt(now, params))
  if (!r.ok) throw new Error(`unexpected rejection ${r.code}: ${r.message}`)
  return r.state
}

function rejected(state: TaskState, event: TaskEvent, now: number, params: Params): string {
  const r = transitionTask(state, event, ctxAt(now, params))
  expect(r.ok).toBe(false)
  return r.ok ? 'accepted' : r.code
}

function effectsOf(state: TaskState, event: TaskEvent, now: number, params: Params): readonly Effect[] {
  const r = transitionTask(state, event, ctxAt(now, params))
  if (!r.ok) throw new Error(r.message)
  return r.effects
}

/** Drives a fresh 3-miner task to `Precommitted` with every miner precommitted honestly. */
function toPrecommitted(params: Params): TaskState {
  let t = step(newTask(params), { type: 'assign', actor: ORACLE, miners: [M1, M2, M3] }, 10, params)
  for (const m of [M1, M2, M3]) t = step(t, { type: 'ack', actor: m }, 20, params)
  t = step(t, { type: 'endAck', actor: ORACLE }, 30, params)
  ;[M1, M2, M3].forEach((m, i) => {
    t = step(t, { type: 'precommit', actor: m, hash: precommitFor(params, m, 1, 7, salt(i + 1), 'answer') }, 40, params)
  })
  return step(t, { type: 'endPrecommit', actor: ORACLE }, 50, params)
}

function reveal(t: TaskState, m: typeof M1, i: number, params: Params, text = 'answer', now = 60): TaskState {
  return step(t, { type: 'commit', actor: m, result: text, salt: salt(i), outputTokens: 10 }, now, params)
}

describe('task machine: happy path', () => {
  const params = paramsWith()

  it('queues with a TaskQueued event and the majority quorum', () => {
    const { state, effects } = createTask({ sessionId: 1, taskId: 7, gid: 70, redundant: 3, modelId: 0, maxTokens: 64, escrow: 1n, router: null }, ctxAt(5, params))
    expect(state.status).toBe('Queued')
    expect(state.quorum).toBe(2)
    expect(effects.map((e) => (e.kind === 'emit' ? e.event.name : e.kind))).toEqual(['TaskQueued', 'schedule'])
  })

  it('runs assign → ack → precommit → commit → validate → end and settles the valid miners', () => {
    let t = toPrecommitted(params)
    expect(t.status).toBe('Precommitted')
    t = reveal(t, M1, 1, params)
    t = reveal(t, M2, 2, params)
    t = reveal(t, M3, 3, params)
    t = step(t, { type: 'endCommit', actor: ORACLE }, 70, params)
    expect(t.status).toBe('Committed')
    t = step(
      t,
      {
        type: 'validate',
        actor: ORACLE,
        verdicts: [
          { miner: M1, verdict: 'valid', similarity: 0.99 },
          { miner: M2, verdict: 'valid', similarity: 0.97 },
          { miner: M3, verdict: 'outlier', similarity: 0.2 },
        ],
      },
      80,
      params,
    )
    expect(t.status).toBe('Validated')
    expect(t.miners.map((s) => s.state)).toEqual(['Valid', 'Valid', 'Outlier'])
    const effects = effectsOf(t, { type: 'end', actor: ORACLE, forceEnd: false }, 90, params)
    const settle = effects.find((e) => e.kind === 'ledger')
    expect(settle).toMatchObject({ ledger: { op: 'settleTask', miners: [M1, M2], charge: params.payments.pricePerMinerTask * 2n, validators: [ORACLE] } })
    const correctness = effects.filter((e) => e.kind === 'stat' && e.metric === 'Correctness')
    expect(correctness).toHaveLength(3)
    const ended = step(t, { type: 'end', actor: ORACLE, forceEnd: false }, 90, params)
    expect(ended.status).toBe('Ended')
    expect(ended.outcome).toMatchObject({ result: 'success', validMiners: [M1, M2] })
  })

  it('closes a phase early once every miner acted, and records stats for each', () => {
    let t = step(newTask(params), { type: 'assign', actor: ORACLE, miners: [M1, M2, M3] }, 10, params)
    for (const m of [M1, M2, M3]) t = step(t, { type: 'ack', actor: m }, 11, params)
    const effects = effectsOf(t, { type: 'endAck', actor: ORACLE }, 12, params)
    expect(effects.filter((e) => e.kind === 'stat' && e.metric === 'Ack' && e.success)).toHaveLength(3)
    expect(effects.some((e) => e.kind === 'schedule' && e.timer.phase === 'Acked')).toBe(true)
  })
})

describe('task machine: deadlines and shortage', () => {
  it('times out a miner that did not ack and proceeds with the quorum', () => {
    const params = paramsWith()
    let t = step(newTask(params), { type: 'assign', actor: ORACLE, miners: [M1, M2, M3] }, 0, params)
    t = step(t, { type: 'ack', actor: M1 }, 1, params)
    t = step(t, { type: 'ack', actor: M2 }, 1, params)
    expect(rejected(t, { type: 'endAck', actor: ORACLE }, 2, params)).toBe('PhaseNotOver')
    const deadline = params.userTask.ackDeadlineMs
    const effects = effectsOf(t, { type: 'endAck', actor: ORACLE }, deadline, params)
    expect(effects).toContainEqual({ kind: 'stat', node: M3, metric: 'Ack', success: false })
    t = step(t, { type: 'endAck', actor: ORACLE }, deadline, params)
    expect(t.status).toBe('Acked')
    expect(t.miners[2]!.state).toBe('TimedOut')
    expect(rejected(t, { type: 'precommit', actor: M3, hash: salt(9) }, deadline + 1, params)).toBe('DeadlinePassed')
  })

  it('requeues a task short of quorum, excluding the miners that timed out', () => {
    const params = paramsWith()
    let t = step(newTask(params), { type: 'assign', actor: ORACLE, miners: [M1, M2, M3] }, 0, params)
    t = step(t, { type: 'ack', actor: M1 }, 1, params)
    t = step(t, { type: 'endAck', actor: ORACLE }, params.userTask.ackDeadlineMs, params)
    expect(t.status).toBe('Queued')
    expect(t.reassignments).toBe(1)
    expect(t.excluded).toEqual([M2, M3])
    expect(rejected(t, { type: 'assign', actor: ORACLE, miners: [M1, M2, miner(4)] }, 1, params)).toBe('MinerNotEligible')
  })

  it('refunds when reassignments are used up', () => {
    const params = paramsWith({ 'userTask.maxReassignments': 0 })
    let t = step(newTask(params), { type: 'assign', actor: ORACLE, miners: [M1, M2, M3] }, 0, params)
    const effects = effectsOf(t, { type: 'endAck', actor: ORACLE }, params.userTask.ackDeadlineMs, params)
    expect(effects).toContainEqual({ kind: 'ledger', ledger: { op: 'refundTask', sessionId: 1, taskId: 7 } })
    t = step(t, { type: 'endAck', actor: ORACLE }, params.userTask.ackDeadlineMs, params)
    expect(t.status).toBe('Ended')
    expect(t.outcome).toEqual({ result: 'failed', reason: 'tooFewAcks' })
  })

  it('refunds at once when the shortage rule is refund', () => {
    const params = paramsWith({ 'userTask.onShortage': 'refund' })
    const t = step(newTask(params), { type: 'assign', actor: ORACLE, miners: [M1, M2, M3] }, 0, params)
    expect(step(t, { type: 'endAck', actor: ORACLE }, params.userTask.ackDeadlineMs, params).status).toBe('Ended')
  })

  it('ends short of precommits and of reveals the same way', () => {
    const params = paramsWith({ 'userTask.maxReassignments': 0 })
    let t = step(newTask(params), { type: 'assign', actor: ORACLE, miners: [M1, M2, M3] }, 0, params)
    for (const m of [M1, M2, M3]) t = step(t, { type: 'ack', actor: m }, 1, params)
    t = step(t, { type: 'endAck', actor: ORACLE }, 2, params)
    t = step(t, { type: 'precommit', actor: M1, hash: precommitFor(params, M1, 1, 7, salt(1), 'a') }, 3, params)
    const end = step(t, { type: 'endPrecommit', actor: ORACLE }, 2 + params.userTask.precommitDeadlineMs, params)
    expect(end.outcome).toEqual({ result: 'failed', reason: 'tooFewPrecommits' })

    let p = toPrecommitted(params)
    p = reveal(p, M1, 1, params)
    const endCommitAt = 50 + params.userTask.commitDeadlineMs
    const effects = effectsOf(p, { type: 'endCommit', actor: ORACLE }, endCommitAt, params)
    expect(effects).toContainEqual({ kind: 'stat', node: M2, metric: 'Commit', success: false })
    expect(step(p, { type: 'endCommit', actor: ORACLE }, endCommitAt, params).outcome).toEqual({ result: 'failed', reason: 'tooFewCommits' })
  })

  it('slashes a miner that precommitted but never revealed when slashing is on', () => {
    const params = paramsWith({ 'payments.slashing': 'missedReveal' })
    let p = toPrecommitted(params)
    p = reveal(p, M1, 1, params)
    p = reveal(p, M2, 2, params)
    const effects = effectsOf(p, { type: 'endCommit', actor: ORACLE }, 50 + params.userTask.commitDeadlineMs, params)
    expect(effects).toContainEqual({ kind: 'slash', node: M3, bps: params.payments.slashBps, reason: 'missedReveal' })
  })

  it('fails with noConsensus when too few results are valid', () => {
    const params = paramsWith()
    let p = toPrecommitted(params)
    for (const [i, m] of [M1, M2, M3].entries()) p = reveal(p, m, i + 1, params)
    p = step(p, { type: 'endCommit', actor: ORACLE }, 70, params)
    p = step(p, { type: 'validate', actor: ORACLE, verdicts: [M1, M2, M3].map((m, i) => ({ miner: m, verdict: i === 0 ? 'valid' : 'outlier', similarity: 0.1 })) }, 80, params)
    const ended = step(p, { type: 'end', actor: ORACLE, forceEnd: false }, 90, params)
    expect(ended.outcome).toEqual({ result: 'failed', reason: 'noConsensus' })
  })

  it('force-ends after the total timeout, and not before', () => {
    const params = paramsWith()
    const t = step(newTask(params), { type: 'assign', actor: ORACLE, miners: [M1, M2, M3] }, 0, params)
    expect(rejected(t, { type: 'end', actor: ORACLE, forceEnd: false }, 1, params)).toBe('WrongPhase')
    expect(rejected(t, { type: 'end', actor: ORACLE, forceEnd: true }, 1, params)).toBe('PhaseNotOver')
    const ended = step(t, { type: 'end', actor: ORACLE, forceEnd: true }, params.userTask.totalTimeoutMs, params)
    expect(ended.outcome).toEqual({ result: 'failed', reason: 'timedOut' })
  })

  it('recognises stale deadline timers', () => {
    const params = paramsWith()
    const t = step(newTask(params), { type: 'assign', actor: ORACLE, miners: [M1, M2, M3] }, 0, params)
    expect(isTaskTimerCurrent(t, 'Assigned', t.phaseSeq)).toBe(true)
    expect(isTaskTimerCurrent(t, 'Assigned', t.phaseSeq - 1)).toBe(false)
    expect(isTaskTimerCurrent(t, 'total', 0)).toBe(true)
  })
})

describe('task machine: commit–reveal', () => {
  it('rejects a reveal that does not match the precommit', () => {
    const params = paramsWith()
    const p = toPrecommitted(params)
    expect(rejected(p, { type: 'commit', actor: M1, result: 'other', salt: salt(1), outputTokens: 1 }, 60, params)).toBe('RevealMismatch')
  })

  it('makes a copied precommit worthless under the miner-bound scheme', () => {
    const params = paramsWith()
    let t = step(newTask(params, 2), { type: 'assign', actor: ORACLE, miners: [M1, M2] }, 0, params)
    for (const m of [M1, M2]) t = step(t, { type: 'ack', actor: m }, 1, params)
    t = step(t, { type: 'endAck', actor: ORACLE }, 2, params)
    const honestHash = precommitFor(params, M1, 1, 7, salt(1), 'work')
    t = step(t, { type: 'precommit', actor: M1, hash: honestHash }, 3, params)
    t = step(t, { type: 'precommit', actor: M2, hash: honestHash }, 3, params) // the copycat
    t = step(t, { type: 'endPrecommit', actor: ORACLE }, 4, params)
    t = reveal(t, M1, 1, params, 'work', 5)
    expect(rejected(t, { type: 'commit', actor: M2, result: 'work', salt: salt(1), outputTokens: 1 }, 6, params)).toBe('RevealMismatch')
  })

  it('lets the copy through under the plain scheme (the published getHash)', () => {
    const params = paramsWith({ 'commitReveal.scheme': 'plain' })
    let t = step(newTask(params, 2), { type: 'assign', actor: ORACLE, miners: [M1, M2] }, 0, params)
    for (const m of [M1, M2]) t = step(t, { type: 'ack', actor: m }, 1, params)
    t = step(t, { type: 'endAck', actor: ORACLE }, 2, params)
    const honestHash = precommitFor(params, M1, 1, 7, salt(1), 'work')
    t = step(t, { type: 'precommit', actor: M1, hash: honestHash }, 3, params)
    t = step(t, { type: 'precommit', actor: M2, hash: honestHash }, 3, params)
    t = step(t, { type: 'endPrecommit', actor: ORACLE }, 4, params)
    t = reveal(t, M1, 1, params, 'work', 5)
    t = step(t, { type: 'commit', actor: M2, result: 'work', salt: salt(7), outputTokens: 1 }, 6, params)
    expect(t.miners[1]!.state).toBe('Committed')
  })
})

describe('task machine: rejections leave the state unchanged', () => {
  const params = paramsWith()
  const assigned = step(newTask(params), { type: 'assign', actor: ORACLE, miners: [M1, M2, M3] }, 0, params)
  const cases: [string, TaskState, TaskEvent, string][] = [
    ['event not allowed in the phase', newTask(params), { type: 'ack', actor: M1 }, 'WrongPhase'],
    ['actor is not an address', assigned, { type: 'ack', actor: 'nobody' as never }, 'MalformedEvent'],
    ['wrong number of miners', newTask(params), { type: 'assign', actor: ORACLE, miners: [M1] }, 'TooFewMiners'],
    ['miners is not a list', newTask(params), { type: 'assign', actor: ORACLE, miners: 'x' as never }, 'MalformedEvent'],
    ['bad miner address', newTask(params), { type: 'assign', actor: ORACLE, miners: [M1, M2, '0x1' as never] }, 'MalformedEvent'],
    ['duplicate miner', newTask(params), { type: 'assign', actor: ORACLE, miners: [M1, M1, M2] }, 'DuplicateMiner'],
    ['ack from a stranger', assigned, { type: 'ack', actor: miner(9) }, 'NotAssignedMiner'],
    ['ack after the deadline', assigned, { type: 'ack', actor: M1 }, 'DeadlinePassed'],
  ]
  for (const [name, state, event, code] of cases) {
    it(name, () => {
      const now = name === 'ack after the deadline' ? params.userTask.ackDeadlineMs + 1 : 1
      const before = JSON.stringify(state, (_, v) => (typeof v === 'bigint' ? v.toString() : v))
      expect(rejected(state, event, now, params)).toBe(code)
      expect(JSON.stringify(state, (_, v) => (typeof v === 'bigint' ? v.toString() : v))).toBe(before)
    })
  }

  it('rejects a second ack as AlreadyActed and a precommit before ack as NotAcked', () => {
    let t = step(assigned, { type: 'ack', actor: M1 }, 1, params)
    expect(rejected(t, { type: 'ack', actor: M1 }, 2, params)).toBe('AlreadyActed')
    t = step(t, { type: 'ack', actor: M2 }, 2, params)
    t = step(t, { type: 'endAck', actor: ORACLE }, params.userTask.ackDeadlineMs, params)
    expect(rejected(t, { type: 'precommit', actor: M1, hash: 'nothex' as never }, params.userTask.ackDeadlineMs + 1, params)).toBe('MalformedEvent')
  })

  it('rejects malformed reveals and reveals by miners that did not precommit', () => {
    const p = toPrecommitted(params)
    expect(rejected(p, { type: 'commit', actor: M1, result: 5 as never, salt: salt(1), outputTokens: 1 }, 60, params)).toBe('MalformedEvent')
    expect(rejected(p, { type: 'commit', actor: M1, result: 'answer', salt: '0x12' as never, outputTokens: 1 }, 60, params)).toBe('MalformedEvent')
    expect(rejected(p, { type: 'commit', actor: M1, result: 'answer', salt: salt(1), outputTokens: -1 }, 60, params)).toBe('MalformedEvent')
    const once = reveal(p, M1, 1, params)
    expect(rejected(once, { type: 'commit', actor: M1, result: 'answer', salt: salt(1), outputTokens: 1 }, 61, params)).toBe('AlreadyActed')
  })

  it('rejects malformed, duplicate and foreign verdicts', () => {
    let p = toPrecommitted(params)
    for (const [i, m] of [M1, M2, M3].entries()) p = reveal(p, m, i + 1, params)
    p = step(p, { type: 'endCommit', actor: ORACLE }, 70, params)
    const v = (m: typeof M1, verdict = 'valid', similarity = 0.9) => ({ miner: m, verdict, similarity }) as never
    expect(rejected(p, { type: 'validate', actor: ORACLE, verdicts: [v(M1), v(M2)] }, 80, params)).toBe('MalformedEvent')
    expect(rejected(p, { type: 'validate', actor: ORACLE, verdicts: [v(M1), v(M2), v(M2)] }, 80, params)).toBe('DuplicateMiner')
    expect(rejected(p, { type: 'validate', actor: ORACLE, verdicts: [v(M1), v(M2), v(miner(9))] }, 80, params)).toBe('NotAssignedMiner')
    expect(rejected(p, { type: 'validate', actor: ORACLE, verdicts: [v(M1), v(M2), v(M3, 'maybe')] }, 80, params)).toBe('MalformedEvent')
    expect(rejected(p, { type: 'validate', actor: ORACLE, verdicts: [v(M1), v(M2), v(M3, 'valid', 2)] }, 80, params)).toBe('MalformedEvent')
    expect(rejected(p, { type: 'validate', actor: ORACLE, verdicts: 'x' as never }, 80, params)).toBe('MalformedEvent')
  })
})

describe('task table', () => {
  it('lists a row for every status except the terminal one', () => {
    for (const status of TASK_TABLE.statuses) {
      const rows = TASK_TABLE.rows.filter((r) => r.from === status)
      expect(rows.length > 0).toBe(!TASK_TABLE.terminal.includes(status))
    }
  })
})
