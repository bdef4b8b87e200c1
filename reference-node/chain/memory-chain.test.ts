// Goal: the MemoryChain behaves like a chain: a block every blockTimeMs of its clock (empty ones
// too), transactions mined in the next block in arrival order against the protocol world, receipts
// that carry the logs or the protocol's rejection, per-sender nonces, the submitted task's input and
// the views, and a protocol assertion turned into a `Panic` revert. Method: a manual clock, a few
// accounts sending commands through their clients, assertions on receipts, logs and world state.
import { describe, expect, it } from 'vitest'
import { createTask, taskKey, transitionTask } from '../../protocol/task/machine.ts'
import { COR } from '../../protocol/core/types.ts'
import type { WorldCommand } from '../../protocol/world/types.ts'
import { isChainError } from './errors.ts'
import { describeCommand } from './sender.ts'
import { ADMIN, MODEL, ORACLE_A, ORACLE_B, OWNER, TEST_SESSION, createTestChain, minerAt } from './testkit.ts'

const M1 = minerAt(1)

describe('MemoryChain blocks', () => {
  it('mines a block every blockTimeMs from genesis, empty ones included, and stops on request', async () => {
    const { clock, chain } = createTestChain({ startMs: 5_000, blockTimeMs: 2_000 })
    const seen: string[] = []
    chain.onBlock((b) => seen.push(`${b.number}@${b.timestampMs}`))
    chain.start()
    chain.start() // idempotent
    expect(chain.running).toBe(true)
    await clock.advance(6_500)
    expect(seen).toEqual(['1@7000', '2@9000', '3@11000'])
    chain.stop()
    expect(chain.running).toBe(false)
    await clock.advance(10_000)
    expect(chain.latestBlock.number).toBe(3n)
    expect(chain.latestBlock.hash).toMatch(/^0x[0-9a-f]{64}$/)
  })
})

describe('MemoryChain transactions', () => {
  it('mines pending transactions in arrival order, with logs, reverts and nonces', async () => {
    const { clock, chain } = createTestChain()
    chain.start()
    const miner = chain.connect(M1)
    const h1 = await miner.sendCommand({ type: 'ping', actor: M1 })
    const h2 = await miner.sendCommand({ type: 'registerNode', actor: M1, models: [MODEL] })
    const h3 = await miner.sendCommand({ type: 'stake', actor: M1, amount: 5n * COR })
    expect(chain.pendingTransactions.map((t) => t.hash)).toEqual([h1, h2, h3])
    expect(await miner.getTransactionCount('latest')).toBe(0)
    expect(await miner.getTransactionCount('pending')).toBe(3)
    expect(await miner.getReceipt(h1)).toBeNull()
    const waiting = miner.waitForReceipt(h2)
    await clock.advance(1_000)

    const r1 = await miner.waitForReceipt(h1)
    expect(r1).toMatchObject({ status: 'reverted', revert: { code: 'UnknownNode' }, logs: [], nonce: 0, blockNumber: 1n, transactionIndex: 0 })
    const r2 = await waiting
    expect(r2.status).toBe('success')
    expect(r2.revert).toBeNull()
    expect(r2.logs.map((l) => l.name)).toEqual(['NodeRegistered', 'NodeStatusChanged'])
    const r3 = await miner.getReceipt(h3)
    expect(r3?.logs.map((l) => [l.name, l.logIndex, l.transactionIndex])).toEqual([['Staked', 2, 2]])
    expect(await miner.getTransactionCount('latest')).toBe(3)
    expect(chain.transactions.map((t) => [t.command.type, t.status])).toEqual([
      ['ping', 'reverted'],
      ['registerNode', 'success'],
      ['stake', 'success'],
    ])

    const logs = await miner.getLogs({ fromBlock: 0n, names: ['Staked'] })
    expect(logs.map((l) => l.args['amount'])).toEqual([5n * COR])
    expect(await miner.getLogs({ fromBlock: 5n, toBlock: 99n })).toEqual([])
    expect((await miner.readNode(M1))?.status.kind).toBe('Registered')
    expect((await miner.readNodeAccount(M1)).stake).toBe(5n * COR)
    expect(await miner.readNode(minerAt(9))).toBeNull()
  })

  it('refuses a command whose actor is not the signer, and unknown hashes', async () => {
    const { chain } = createTestChain()
    const client = chain.connect(M1)
    await expect(client.sendCommand({ type: 'ping', actor: minerAt(2) })).rejects.toSatisfy((e: unknown) => isChainError(e, 'TxRejected'))
    await expect(client.sendCommand(null as unknown as WorldCommand)).rejects.toSatisfy((e: unknown) => isChainError(e, 'TxRejected'))
    expect(chain.pendingTransactions).toEqual([])
    await expect(client.waitForReceipt(`0x${'ab'.repeat(32)}`)).rejects.toSatisfy((e: unknown) => isChainError(e, 'NotFound'))
    // checkLiveness has no actor: anyone may send it; nor has a malformed event, which then reverts.
    await client.sendCommand({ type: 'checkLiveness', node: minerAt(2) })
    await client.sendCommand({ type: 'task', sessionId: 1, taskId: 0, event: null as never })
    expect(chain.pendingTransactions).toHaveLength(2)
    expect(describeCommand({ type: 'round', roundId: 3, event: { type: 'end', actor: M1, forceEnd: true } })).toBe('round.end(3)')
    expect(describeCommand({ type: 'session', sessionId: 2, event: { type: 'deactivate', actor: M1 } })).toBe('session.deactivate(2)')
  })

  it('keeps the submitted task input and answers the views', async () => {
    const { clock, chain } = createTestChain()
    chain.start()
    const owner = chain.connect(OWNER)
    const miner = chain.connect(M1)
    await miner.sendCommand({ type: 'registerNode', actor: M1, models: [MODEL] })
    await owner.sendCommand({ type: 'createSession', actor: OWNER, config: { ...TEST_SESSION, mode: 1, redundant: 1 } })
    await clock.advance(1_000)
    await owner.sendCommand({ type: 'session', sessionId: 1, event: { type: 'addDedicatedNode', actor: OWNER, node: M1 } })
    await owner.sendCommand({ type: 'depositToSession', actor: OWNER, sessionId: 1, amount: COR })
    const submit = await owner.sendCommand({
      type: 'session',
      sessionId: 1,
      event: { type: 'submit', actor: OWNER, nodeType: 1, taskData: 'Once upon a time', promptType: 0, promptTemplate: '', llmParams: [16, 0], requestParams: [], clientReference: 'ref-1' },
    })
    await clock.advance(1_000)
    expect((await owner.waitForReceipt(submit)).logs.map((l) => l.name)).toEqual(['TaskSubmitted', 'TaskEscrowed', 'TaskQueued'])

    expect(await owner.readTaskInput(1, 0)).toMatchObject({ sessionId: 1, taskId: 0, taskData: 'Once upon a time', llmParams: [16, 0], clientReference: 'ref-1', nodeType: 1 })
    expect(await owner.readTaskInput(1, 1)).toBeNull()
    expect((await owner.readTask(1, 0))?.status).toBe('Queued')
    expect(await owner.readTask(2, 0)).toBeNull()
    expect((await owner.readSession(1))?.dedicatedNodes).toEqual([M1])
    expect(await owner.readSession(2)).toBeNull()
    expect((await owner.readSessionAccount(1))?.escrowed).toBeGreaterThan(0n)
    expect(await owner.readSessionAccount(2)).toBeNull()
    expect(await owner.readRound(1)).toBeNull()
    expect(await owner.readLastPickedRound(M1)).toBeNull()
    expect((await owner.readOracleSet()).oracles).toEqual([ORACLE_A, ORACLE_B])
    const params = await owner.getParams()
    expect(await owner.readLeader()).toBe(ORACLE_A)
    expect(await owner.readLeader(params.oracle.windowMs)).toBe(ORACLE_B)
    expect((await owner.getBlock()).number).toBe(2n)
  })

  it('reverts a transaction that breaks a protocol assertion as Panic and records it', async () => {
    const { clock, chain } = createTestChain()
    chain.start()
    // A task whose assigned miner the world has never seen: closing its ack phase routes a stat to
    // an unknown node, which the protocol treats as its own bug.
    const ctx = chain.ctx()
    const queued = createTask({ sessionId: 9, taskId: 0, gid: 1, redundant: 1, modelId: MODEL, maxTokens: 8, escrow: 0n, router: null }, ctx).state
    const assigned = transitionTask(queued, { type: 'assign', actor: ORACLE_A, miners: [M1] }, ctx)
    if (!assigned.ok) throw new Error(assigned.message)
    chain.world.tasks.set(taskKey(9, 0), assigned.state)
    await clock.advance(chain.params.userTask.ackDeadlineMs + 1_000)
    const oracle = chain.connect(ORACLE_A)
    const hash = await oracle.sendCommand({ type: 'task', sessionId: 9, taskId: 0, event: { type: 'endAck', actor: ORACLE_A } })
    await clock.advance(1_000)
    expect((await oracle.waitForReceipt(hash)).revert?.code).toBe('Panic')
    expect(chain.panics).toHaveLength(1)
    expect(chain.world.tasks.get(taskKey(9, 0))).toBe(assigned.state)
    expect(ADMIN).not.toBe(ORACLE_A)
  })
})
