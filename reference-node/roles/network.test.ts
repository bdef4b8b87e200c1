// Goal: miners and oracles that know nothing but the chain run the whole protocol: network-task
// rounds bring new miners into the pool, the leader reserves them for a session, a user task
// runs to the end with the miners' output as its result, the reveals match the precommits, PoI
// marks them valid, the miners are paid and withdraw, funds are conserved, and only the leader
// acts (strict mode). Method: a MemoryChain on a manual clock, three FakeInference miners, two
// oracles with the lexical embedder; assertions on chain state, mined transactions and the
// invariant catalog.
import { afterEach, describe, expect, it } from 'vitest'
import { computePrecommitHash } from '../../protocol/core/commit.ts'
import { getMetricStats } from '../../protocol/reputation/stats.ts'
import { getRoundProduct } from '../../protocol/round/product.ts'
import { decodeLlmParams } from '../../protocol/session/llm.ts'
import { taskKey } from '../../protocol/task/machine.ts'
import { TEST_SESSION, testParams } from '../chain/testkit.ts'
import { FakeInference } from '../inference/fake.ts'
import { buildRequestFromLlmParams } from '../inference/request.ts'
import { buildTaskPrompt, computeTaskSeed } from './prompts.ts'
import { TestNetwork, minerAt } from './testing/network.ts'
import { validMinersOf } from './testing/scenario.ts'

let net: TestNetwork | null = null
afterEach(async () => {
  await net?.dispose()
  net = null
})

const MINERS = [minerAt(1), minerAt(2), minerAt(3)]

describe('a network of reference nodes on a MemoryChain', () => {
  it('runs rounds into the pool, then a user task end to end, and pays the miners', async () => {
    net = await TestNetwork.create({ params: testParams({ 'oracle.mode': 'strict', 'networkTask.completers': 1, 'networkTask.intervalMs': 10_000, 'node.pingIntervalMs': 20_000 }) })
    const [leader, follower] = net.oracles as [`0x${string}`, `0x${string}`]
    for (const m of MINERS) await net.addMiner(m, { config: { withdrawIntervalMs: 20_000 } })
    for (const o of net.oracles) await net.addOracle(o)
    expect(net.runtime(leader).oracle?.isLeading).toBe(true)

    // Rounds: every miner passes one and joins the pool.
    await net.waitForPool(MINERS, 120)
    const rounds = [...net.chain.world.rounds.values()]
    const done = rounds.filter((r) => r.outcome?.result === 'completed').map(getRoundProduct)
    expect(done.length).toBeGreaterThanOrEqual(1)
    for (const p of done) {
      expect(p.domain).not.toBeNull()
      expect(p.challenges).toHaveLength(net.params.networkTask.maxPrompts)
      expect(p.completions.every((c) => c.verdict === 'valid')).toBe(true)
    }

    // A session: the leader reserves the three pool nodes, the owner submits a task.
    const sessionId = await net.createSession({ ...TEST_SESSION, maxNumOfNodes: 3, redundant: 3 })
    await net.runUntil(() => net!.chain.world.sessions.get(sessionId)!.status === 'Ready', 20, 'session ready')
    const llmParams = [24, 0]
    const taskId = await net.submit(sessionId, 'Once upon a time', llmParams)
    const key = taskKey(sessionId, taskId)
    // The router's push hook: the miner follows the task before its assignment reaches it.
    const pushed = net.runtime(MINERS[0]!).miner!
    pushed.notifyTask(sessionId, taskId)
    expect(pushed.followedTasks).toEqual([key])
    await net.runUntil(() => net!.chain.world.tasks.get(key)!.status === 'Ended', 60, 'task ended')

    // The result is what the model writes for the task's prompt, parameters and seed.
    const input = net.chain.taskInputs.get(key)!
    const decoded = decodeLlmParams(input.llmParams, net.params)
    if (!decoded.ok) throw new Error(decoded.message)
    const expected = await new FakeInference().complete(buildRequestFromLlmParams(buildTaskPrompt(input), decoded.llm, computeTaskSeed(sessionId, taskId)))
    const task = net.chain.world.tasks.get(key)!
    expect(task.outcome).toMatchObject({ result: 'success' })
    expect(validMinersOf(task)).toEqual(MINERS)
    for (const slot of task.miners) {
      expect(slot.state).toBe('Valid')
      expect(slot.result).toBe(expected.text)
      expect(slot.similarity).toBe(1)
      const hash = computePrecommitHash(net.params.commitReveal.scheme, { miner: slot.miner, sessionId, taskId, salt: slot.salt!, result: slot.result! })
      expect(hash).toBe(slot.precommitHash)
    }
    expect(new Set(task.miners.map((s) => s.salt)).size).toBe(3)

    await net.step()
    expect(pushed.followedTasks).toEqual([])

    // Payments were allocated, then withdrawn on the miners' schedule.
    for (const m of MINERS) expect(net.chain.world.nodeAccounts.get(m)!.earned).toBeGreaterThan(0n)
    await net.step(25)
    for (const m of MINERS) {
      const account = net.chain.world.nodeAccounts.get(m)!
      expect(account.pending).toBe(0n)
      expect(account.withdrawn).toBe(account.earned)
      expect(net.sentBy(m)).toContain('withdrawNodePayment')
      expect(net.sentBy(m).filter((t) => t === 'ping').length).toBeGreaterThan(0)
      // Pings always land inside the interval: the liveness checks booked no miss.
      const pings = getMetricStats(net.chain.world.nodes.get(m)!.reputation, 'Ping')
      expect(pings.points).toBe(pings.counter)
    }

    // Only the leader acted; the other oracle only sent heartbeats.
    expect(new Set(net.sentBy(follower))).toEqual(new Set(['oracleHeartbeat']))
    expect(net.sentBy(leader)).toEqual(expect.arrayContaining(['requestRound', 'session.assignNodes', 'task.assign', 'task.endAck', 'task.validate', 'task.end']))
    expect(net.chain.transactions.filter((t) => t.status === 'reverted').map((t) => `${t.from} ${t.revert?.code}`)).toEqual([])
    expect(net.invariants()).toEqual([])
    expect(net.chain.panics).toEqual([])
  })

  it('runs rounds with five completers and several oracles, and keeps every invariant', async () => {
    net = await TestNetwork.create({ params: testParams({ 'oracle.mode': 'strict', 'networkTask.completers': 3, 'networkTask.intervalMs': 15_000 }), oracleCount: 3 })
    const miners = [1, 2, 3, 4, 5].map(minerAt)
    // Miners first: a round started before five miners are registered would be ended for lack of completers.
    for (const m of miners) await net.addMiner(m)
    for (const o of net.oracles) await net.addOracle(o)
    await net.waitForPool(miners, 200)
    await net.step(150)
    const ended = [...net.chain.world.rounds.values()].filter((r) => r.status === 'End')
    expect(ended.length).toBeGreaterThanOrEqual(4)
    expect(ended.every((r) => r.outcome?.result === 'completed')).toBe(true)
    for (const r of ended) expect(r.completers.map((c) => c.state)).toEqual(['Valid', 'Valid', 'Valid'])
    // Windows changed leaders (60 s each): every oracle led and requested at least one round.
    const requesters = new Set(net.chain.transactions.filter((t) => t.command.type === 'requestRound').map((t) => t.from))
    expect(requesters.size).toBe(3)
    expect(net.invariants()).toEqual([])
  })
})
