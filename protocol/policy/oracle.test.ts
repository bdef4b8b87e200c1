// Goal: the honest oracle's duties follow the phases: nothing before a deadline while miners are
// still acting, the phase end once all acted or the deadline passed, assignment and validation as
// requests, and a forced end after the total timeout. Method: real tasks and rounds driven through
// the world harness; every duty it returns is then accepted by the machines.
import { describe, expect, it } from 'vitest'
import { computePrecommitHash } from '../core/commit.ts'
import { COR } from '../core/types.ts'
import { taskKey } from '../task/machine.ts'
import type { TaskEvent } from '../task/types.ts'
import { OWNER, SESSION_CONFIG, WorldHarness, saltFor } from '../world/testkit.ts'
import { getRoundDuty, getTaskDuty } from './oracle.ts'

function setup(): { h: WorldHarness; miners: `0x${string}`[] } {
  const h = new WorldHarness()
  const ms = h.addMiners(5)
  h.playRound(ms[0]!, ms[1]!, ms.slice(2, 5))
  h.playRound(ms[2]!, ms[3]!, [ms[0]!, ms[1]!, ms[4]!])
  h.do({ type: 'createSession', actor: OWNER, config: SESSION_CONFIG })
  h.do({ type: 'depositToSession', actor: OWNER, sessionId: 1, amount: COR })
  h.do({ type: 'session', sessionId: 1, event: { type: 'assignNodes', actor: h.oracle, nodes: ms.slice(0, 3) } })
  h.do({ type: 'session', sessionId: 1, event: { type: 'submit', actor: OWNER, nodeType: 0, taskData: 'p', promptType: 1, promptTemplate: '', llmParams: [8], requestParams: [], clientReference: '' } })
  return { h, miners: ms.slice(0, 3) }
}

describe('honest oracle duties for a task', () => {
  it('assigns, waits for miners, closes phases early when all acted and late at the deadline', () => {
    const { h, miners } = setup()
    const task = () => h.world.tasks.get(taskKey(1, 0))!
    const send = (event: TaskEvent) => h.do({ type: 'task', sessionId: 1, taskId: 0, event })
    expect(getTaskDuty(task(), h.nowMs, h.params)).toEqual({ kind: 'assign', count: 3 })
    send({ type: 'assign', actor: h.oracle, miners })
    expect(getTaskDuty(task(), h.nowMs, h.params)).toBeNull()
    send({ type: 'ack', actor: miners[0]! })
    send({ type: 'ack', actor: miners[1]! })
    expect(getTaskDuty(task(), h.nowMs + h.params.userTask.ackDeadlineMs - 1, h.params)).toBeNull()
    h.advance(h.params.userTask.ackDeadlineMs)
    expect(getTaskDuty(task(), h.nowMs, h.params)).toEqual({ kind: 'endAck' })
    send({ type: 'endAck', actor: h.oracle })
    for (const m of miners.slice(0, 2)) {
      send({ type: 'precommit', actor: m, hash: computePrecommitHash('minerBound', { miner: m, sessionId: 1, taskId: 0, salt: saltFor(m, 0), result: 'r' }) })
    }
    expect(getTaskDuty(task(), h.nowMs, h.params)).toEqual({ kind: 'endPrecommit' })
    send({ type: 'endPrecommit', actor: h.oracle })
    send({ type: 'commit', actor: miners[0]!, result: 'r', salt: saltFor(miners[0]!, 0), outputTokens: 3 })
    expect(getTaskDuty(task(), h.nowMs, h.params)).toBeNull()
    send({ type: 'commit', actor: miners[1]!, result: 'r', salt: saltFor(miners[1]!, 0), outputTokens: 3 })
    expect(getTaskDuty(task(), h.nowMs, h.params)).toEqual({ kind: 'endCommit' })
    send({ type: 'endCommit', actor: h.oracle })
    expect(getTaskDuty(task(), h.nowMs, h.params)).toEqual({ kind: 'validate' })
    send({ type: 'validate', actor: h.oracle, verdicts: miners.slice(0, 2).map((m) => ({ miner: m, verdict: 'valid' as const, similarity: 1 })) })
    expect(getTaskDuty(task(), h.nowMs, h.params)).toEqual({ kind: 'end', forceEnd: false })
    send({ type: 'end', actor: h.oracle, forceEnd: false })
    expect(getTaskDuty(task(), h.nowMs, h.params)).toBeNull()
  })

  it('forces the end after the total timeout', () => {
    const { h } = setup()
    const task = h.world.tasks.get(taskKey(1, 0))!
    expect(getTaskDuty(task, task.createdAtMs + h.params.userTask.totalTimeoutMs, h.params)).toEqual({ kind: 'end', forceEnd: true })
  })
})

describe('honest oracle duties for a round', () => {
  it('replaces a silent creator after its deadline and assigns a preparer once created', () => {
    const h = new WorldHarness()
    const ms = h.addMiners(6)
    h.do({ type: 'requestRound', actor: h.oracle, creator: ms[0]! })
    const round = () => h.world.rounds.get(1)!
    expect(getRoundDuty(round(), h.nowMs, h.params)).toBeNull()
    expect(getRoundDuty(round(), round().phaseDeadlineMs!, h.params)).toEqual({ kind: 'requestNextCreator' })
    h.do({ type: 'round', roundId: 1, event: { type: 'create', actor: ms[0]!, domain: 'd', subdomain: 's' } })
    expect(getRoundDuty(round(), h.nowMs, h.params)).toEqual({ kind: 'assignPreparer' })
    h.do({ type: 'round', roundId: 1, event: { type: 'assignPreparer', actor: h.oracle, preparer: ms[1]! } })
    expect(getRoundDuty(round(), h.nowMs, h.params)).toBeNull()
    expect(getRoundDuty(round(), round().phaseDeadlineMs!, h.params)).toEqual({ kind: 'requestNextPreparer' })
    h.do({ type: 'round', roundId: 1, event: { type: 'prepare', actor: ms[1]!, challenges: ['a', 'b', 'c'] } })
    expect(getRoundDuty(round(), h.nowMs, h.params)).toEqual({ kind: 'start', count: 3 })
  })

  it('validates, then ends, a fully played round; nothing is due after the end', () => {
    const h = new WorldHarness()
    const ms = h.addMiners(5)
    const id = h.playRound(ms[0]!, ms[1]!, ms.slice(2, 5))
    expect(getRoundDuty(h.world.rounds.get(id)!, h.nowMs, h.params)).toBeNull()
  })
})
