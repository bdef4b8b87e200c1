// Goal: the network survives nodes dying and connections failing: a task whose miner was killed is
// reassigned (quorum "all", a spare node) or, with no spare, force-ended and refunded; a killed
// leader oracle is rotated out and the next one finishes the task; a miner restarted between its
// precommit and its reveal — or with its precommit still in the mempool, or whose send lost its
// answer — finishes with exactly one precommit and one reveal, without running the task again; a
// miner whose connection drops reconnects and catches up. Method: ready networks on a manual
// clock, nodes killed and restarted through the harness, faults injected on MemoryChain
// connections; assertions on mined transactions, task outcomes, logs and invariants.
import { afterEach, describe, expect, it } from 'vitest'
import { FakeInference } from '../inference/fake.ts'
import { startReadyNetwork, taskOf, taskTxs, validMinersOf, type ReadyNetwork } from './testing/scenario.ts'

let ready: ReadyNetwork | null = null
afterEach(async () => {
  await ready?.net.dispose()
  ready = null
})

describe('dead nodes', () => {
  it('reassigns the task of a killed miner to a spare node', async () => {
    ready = await startReadyNetwork({ miners: 4, params: { 'userTask.quorumRule': 'all' } })
    const { net, sessionId } = ready
    const taskId = await net.submit(sessionId, 'Once upon a time')
    await net.runUntil(() => taskOf(net, sessionId, taskId).status === 'Assigned', 10, 'assigned')
    const victim = taskOf(net, sessionId, taskId).miners[0]!.miner
    await net.kill(victim)
    await net.runUntil(() => taskOf(net, sessionId, taskId).status === 'Ended', 400, 'task ended')
    const task = taskOf(net, sessionId, taskId)
    expect(task.reassignments).toBe(1)
    expect(task.excluded).toEqual([victim])
    expect(task.outcome).toMatchObject({ result: 'success' })
    expect(validMinersOf(task)).toHaveLength(3)
    expect(validMinersOf(task)).not.toContain(victim)
    expect(net.invariants()).toEqual([])
  })

  it('force-ends and refunds the task when no node is left to take it', async () => {
    ready = await startReadyNetwork({ miners: 3, params: { 'userTask.quorumRule': 'all' } })
    const { net, sessionId } = ready
    const before = net.chain.world.sessionAccounts.get(sessionId)!.available
    const taskId = await net.submit(sessionId, 'Once upon a time')
    await net.runUntil(() => taskOf(net, sessionId, taskId).status === 'Assigned', 10, 'assigned')
    const victim = taskOf(net, sessionId, taskId).miners[1]!.miner
    await net.kill(victim)
    await net.runUntil(() => taskOf(net, sessionId, taskId).status === 'Ended', 400, 'task ended')
    expect(taskOf(net, sessionId, taskId).outcome).toEqual({ result: 'failed', reason: 'timedOut' })
    expect(net.chain.world.sessionAccounts.get(sessionId)!.available).toBe(before)
    // The dead node went offline and the leader released it from the session.
    expect(net.chain.world.sessions.get(sessionId)!.ephemeralNodes).not.toContain(victim)
    const leaderTxs = net.chain.transactions.filter((t) => t.command.type === 'task' && t.command.event.type === 'end').map((t) => (t.command as { event: { forceEnd?: boolean } }).event.forceEnd)
    expect(leaderTxs).toEqual([true])
    expect(net.invariants()).toEqual([])
  })

  it('rotates a killed leader out; the next oracle finishes the task', async () => {
    ready = await startReadyNetwork({ miners: 3 })
    const { net, sessionId } = ready
    const [a, b] = net.oracles as [`0x${string}`, `0x${string}`]
    const leader = net.chain.world.oracle.leader!
    const other = leader === a ? b : a
    await net.kill(leader)
    const taskId = await net.submit(sessionId, 'Once upon a time')
    await net.runUntil(() => taskOf(net, sessionId, taskId).status === 'Ended', 200, 'task ended')
    expect(taskOf(net, sessionId, taskId).outcome).toMatchObject({ result: 'success' })
    expect(net.sentBy(other)).toContain('rotateLeader')
    const failover = net.chain.getLogs(0n, net.chain.latestBlock.number, ['LeaderChanged']).find((l) => l.args['reason'] === 'failover')
    expect(failover?.args).toMatchObject({ from: leader, to: other })
    // Everything the task needed after the kill came from the new leader.
    const duties = net.chain.transactions.filter((t) => t.command.type === 'task' && t.command.taskId === taskId && t.from !== t.command.event.actor)
    expect(duties).toEqual([])
    expect(net.chain.transactions.filter((t) => t.command.type === 'task' && t.command.taskId === taskId && ['assign', 'end'].includes(t.command.event.type)).every((t) => t.from === other)).toBe(true)
    expect(net.invariants()).toEqual([])
  })
})

describe('restarts and lost connections', () => {
  it('resumes a miner killed between precommit and reveal: one precommit, one reveal, no second inference', async () => {
    const backend = new FakeInference()
    ready = await startReadyNetwork({ miners: 3, minerOptions: (i) => (i === 1 ? { model: backend } : {}) })
    const { net, miners, sessionId } = ready
    const m1 = miners[0]!
    const taskId = await net.submit(sessionId, 'Once upon a time')
    await net.runUntil(() => taskOf(net, sessionId, taskId).miners.find((s) => s.miner === m1)?.state === 'Precommitted', 30, 'm1 precommitted')
    await net.kill(m1)
    await net.runUntil(() => taskOf(net, sessionId, taskId).status === 'Precommitted', 10, 'precommit phase over')
    await net.step(3)
    expect(taskOf(net, sessionId, taskId).miners.find((s) => s.miner === m1)?.state).toBe('Precommitted')
    await net.restart(m1)
    await net.runUntil(() => taskOf(net, sessionId, taskId).status === 'Ended', 60, 'task ended')
    expect(taskTxs(net, m1, sessionId, taskId)).toEqual(['ack', 'precommit', 'commit'])
    expect(taskOf(net, sessionId, taskId).miners.find((s) => s.miner === m1)?.state).toBe('Valid')
    expect(net.logged(m1, 'inferred').filter((e) => e['what'] === `task ${sessionId}/${taskId}`)).toHaveLength(1)
    expect(net.logged(m1, 'miner started').map((e) => e['resumed'])).toEqual([0, 1])
    expect(net.invariants()).toEqual([])
  })

  it('does not precommit twice when killed with its precommit still in the mempool', async () => {
    ready = await startReadyNetwork({ miners: 3 })
    const { net, miners, sessionId } = ready
    const m1 = miners[0]!
    const taskId = await net.submit(sessionId, 'Once upon a time')
    const pendingPrecommit = () => net.chain.pendingTransactions.some((t) => t.from === m1 && t.command.type === 'task' && t.command.event.type === 'precommit')
    await net.runUntil(pendingPrecommit, 30, 'm1 precommit pending')
    await net.kill(m1)
    expect(pendingPrecommit()).toBe(true)
    await net.restart(m1)
    await net.runUntil(() => taskOf(net, sessionId, taskId).status === 'Ended', 60, 'task ended')
    expect(taskTxs(net, m1, sessionId, taskId)).toEqual(['ack', 'precommit', 'commit'])
    expect(taskOf(net, sessionId, taskId).outcome).toMatchObject({ result: 'success' })
  })

  it('waits for a precommit whose answer was lost instead of sending it again', async () => {
    ready = await startReadyNetwork({ miners: 3 })
    const { net, miners, sessionId } = ready
    const m2 = miners[1]!
    net.client(m2).faults.failSends((c) => c.type === 'task' && c.event.type === 'precommit', 'lostAfterSend')
    const taskId = await net.submit(sessionId, 'Once upon a time')
    await net.runUntil(() => taskOf(net, sessionId, taskId).status === 'Ended', 60, 'task ended')
    expect(taskTxs(net, m2, sessionId, taskId)).toEqual(['ack', 'precommit', 'commit'])
    expect(net.logged(m2, 'send outcome unknown')).toHaveLength(1)
    expect(taskOf(net, sessionId, taskId).miners.every((s) => s.state === 'Valid')).toBe(true)
  })

  it('reconnects a miner whose connection dropped and finishes the task', async () => {
    ready = await startReadyNetwork({ miners: 3 })
    const { net, miners, sessionId } = ready
    const m3 = miners[2]!
    const taskId = await net.submit(sessionId, 'Once upon a time')
    await net.runUntil(() => taskOf(net, sessionId, taskId).miners.find((s) => s.miner === m3)?.state === 'Acked', 20, 'm3 acked')
    net.client(m3).faults.drop()
    await net.step(8)
    net.client(m3).faults.restore()
    await net.runUntil(() => taskOf(net, sessionId, taskId).status === 'Ended', 120, 'task ended')
    expect(taskOf(net, sessionId, taskId).miners.every((s) => s.state === 'Valid')).toBe(true)
    expect(net.logged(m3, 'chain connection lost').length).toBeGreaterThan(0)
    expect(taskTxs(net, m3, sessionId, taskId)).toEqual(['ack', 'precommit', 'commit'])
  })
})
