// Goal: the miner's defensive paths: a task it cannot read the input of, or whose llmParams do not
// decode, is acked but never precommitted (it says why in its log); a miner that lost its journal
// between precommit and reveal cannot reveal, says so, and times out instead of revealing junk.
// Method: one miner runtime on a MemoryChain whose world gets tasks injected directly (a chain
// that stored no input), and a ready network where a dead miner's journal is deleted.
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { createTask, taskKey, transitionTask } from '../../protocol/task/machine.ts'
import { ORACLE_A } from '../chain/testkit.ts'
import { startReadyNetwork, taskOf, taskTxs, type ReadyNetwork } from './testing/scenario.ts'
import { TestNetwork, minerAt } from './testing/network.ts'

let net: TestNetwork | null = null
let ready: ReadyNetwork | null = null
afterEach(async () => {
  await net?.dispose()
  await ready?.net.dispose()
  net = null
  ready = null
})

it('acks but never precommits a task without a readable input or with bad llmParams', async () => {
  net = await TestNetwork.create()
  const m = minerAt(1)
  await net.addMiner(m)
  const ctx = net.chain.ctx()
  for (const taskId of [0, 1]) {
    const queued = createTask({ sessionId: 7, taskId, gid: taskId + 1, redundant: 1, modelId: 7, maxTokens: 8, escrow: 0n, router: null }, ctx).state
    const assigned = transitionTask(queued, { type: 'assign', actor: ORACLE_A, miners: [m] }, ctx)
    if (!assigned.ok) throw new Error(assigned.message)
    net.chain.world.tasks.set(taskKey(7, taskId), assigned.state)
  }
  net.chain.taskInputs.set(taskKey(7, 1), { sessionId: 7, taskId: 1, nodeType: 0, taskData: 'x', promptType: 0, promptTemplate: '', llmParams: [0], requestParams: [], clientReference: '' })
  const miner = net.runtime(m).miner!
  miner.notifyTask(7, 0)
  miner.notifyTask(7, 1)
  await net.step(3)
  expect(taskTxs(net, m, 7, 0)).toEqual(['ack'])
  expect(taskTxs(net, m, 7, 1)).toEqual(['ack'])
  expect(net.logged(m, 'task input not found').map((e) => e['task'])).toContain('7/0')
  expect(net.logged(m, 'task has bad llmParams').map((e) => e['task'])).toContain('7/1')
  expect(miner.followedTasks.sort()).toEqual(['7/0', '7/1'])
})

it('cannot reveal after losing its journal, and says so', async () => {
  ready = await startReadyNetwork({ miners: 3 })
  const { net: n, miners, sessionId } = ready
  const m1 = miners[0]!
  const taskId = await n.submit(sessionId, 'Once upon a time')
  await n.runUntil(() => taskOf(n, sessionId, taskId).miners.find((s) => s.miner === m1)?.state === 'Precommitted', 30, 'm1 precommitted')
  await n.kill(m1)
  await rm(join(n.root, m1, 'journal.jsonl'))
  await n.restart(m1)
  await n.runUntil(() => taskOf(n, sessionId, taskId).status === 'Ended', 120, 'task ended')
  expect(n.logged(m1, 'cannot reveal: result not in the journal').length).toBeGreaterThan(0)
  expect(taskTxs(n, m1, sessionId, taskId)).toEqual(['ack', 'precommit'])
  expect(taskOf(n, sessionId, taskId).miners.find((s) => s.miner === m1)?.state).toBe('TimedOut')
  expect(taskOf(n, sessionId, taskId).outcome).toMatchObject({ result: 'success' })
})
