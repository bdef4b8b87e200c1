// Goal: the composed world runs a whole network honestly (rounds admit nodes to the pool, a session
// reserves them, tasks run, miners are paid and withdraw) with every invariant holding after every
// command; commands are atomic; the cross-entity rules (leader checks, eligibility, release by task
// count, deactivation, bans) hold. Method: the WorldHarness with small thresholds and explicit times.
import { describe, expect, it } from 'vitest'
import { COR } from '../core/types.ts'
import { checkInvariants } from '../invariants/catalog.ts'
import { taskKey } from '../task/machine.ts'
import { MODEL, OWNER, SESSION_CONFIG, WorldHarness, minerAt, worldParams } from './testkit.ts'

function network(h: WorldHarness, miners = 5): `0x${string}`[] {
  const ms = h.addMiners(miners)
  // Every miner completes one round, which admits it to the pool under the test thresholds.
  h.playRound(ms[0]!, ms[1]!, ms.slice(2, 5))
  h.playRound(ms[2]!, ms[3]!, [ms[0]!, ms[1]!, ms[4]!])
  return ms
}

function assertInvariants(h: WorldHarness): void {
  const broken = checkInvariants(h.world, h.ctx())
  expect(broken.map((b) => `${b.id}: ${b.details.join('; ')}`)).toEqual([])
}

describe('world: honest network', () => {
  it('admits miners through rounds, runs a session task end to end and pays the valid miners', () => {
    const h = new WorldHarness()
    const ms = network(h)
    for (const m of ms) expect(h.world.nodes.get(m as never)!.status.kind).toBe('Available')
    assertInvariants(h)

    h.do({ type: 'createSession', actor: OWNER, config: SESSION_CONFIG })
    const sessionId = 1
    h.do({ type: 'depositToSession', actor: OWNER, sessionId, amount: 5n * COR })
    const chosen = ms.slice(0, 3) as `0x${string}`[]
    h.do({ type: 'session', sessionId, event: { type: 'assignNodes', actor: h.oracle, nodes: chosen } })
    expect(h.world.sessions.get(sessionId)!.status).toBe('Ready')
    const taskId = h.playTask(sessionId, chosen)
    assertInvariants(h)

    const task = h.world.tasks.get(taskKey(sessionId, taskId))!
    expect(task.outcome).toMatchObject({ result: 'success', validMiners: chosen })
    const price = h.params.payments.pricePerMinerTask
    const charge = price * 3n
    const perMiner = (charge * BigInt(h.params.payments.minerShareBps)) / 10_000n / 3n
    for (const m of chosen) expect(h.world.nodeAccounts.get(m)!.pending).toBe(perMiner)
    expect(h.world.sessionAccounts.get(sessionId)!.available).toBe(5n * COR - charge)

    h.do({ type: 'withdrawNodePayment', actor: chosen[0]! })
    expect(h.world.nodeAccounts.get(chosen[0]!)!.pending).toBe(0n)
    assertInvariants(h)
  })

  it('releases a node when its reservation reaches maxTaskExecutionCount, in the same command', () => {
    const h = new WorldHarness()
    const ms = network(h)
    h.do({ type: 'createSession', actor: OWNER, config: { ...SESSION_CONFIG, redundant: 1, maxTaskExecutionCount: 2 } })
    h.do({ type: 'depositToSession', actor: OWNER, sessionId: 1, amount: 5n * COR })
    const m = ms[0] as `0x${string}`
    h.do({ type: 'session', sessionId: 1, event: { type: 'assignNodes', actor: h.oracle, nodes: [m] } })
    h.playTask(1, [m])
    expect(h.world.nodes.get(m)!.status.kind).toBe('Reserved')
    h.playTask(1, [m])
    expect(h.world.nodes.get(m)!.status.kind).toBe('PendingRevalidation')
    expect(h.world.sessions.get(1)!.ephemeralNodes).toEqual([])
    expect(h.world.sessions.get(1)!.status).toBe('Created')
    assertInvariants(h)
  })
})

describe('world: atomicity and cross-entity rules', () => {
  it('refuses a submit the session cannot pay for and writes nothing', () => {
    const h = new WorldHarness()
    const ms = network(h)
    h.do({ type: 'createSession', actor: OWNER, config: SESSION_CONFIG })
    h.do({ type: 'session', sessionId: 1, event: { type: 'assignNodes', actor: h.oracle, nodes: ms.slice(0, 3) as never } })
    const before = h.world.sessions.get(1)
    const code = h.fail({ type: 'session', sessionId: 1, event: { type: 'submit', actor: OWNER, nodeType: 0, taskData: 'p', promptType: 1, promptTemplate: '', llmParams: [64], requestParams: [], clientReference: '' } })
    expect(code).toBe('InsufficientBalance')
    expect(h.world.sessions.get(1)).toBe(before)
    expect(h.world.tasks.size).toBe(0)
    expect(h.world.nextGid).toBe(1)
  })

  it('accepts oracle actions only from the leader in strict mode', () => {
    const h = new WorldHarness(worldParams({ 'oracle.mode': 'strict' }))
    const ms = h.addMiners(3)
    const leader = h.oracle
    const other = h.world.oracle.oracles.find((o) => o !== leader)!
    expect(h.fail({ type: 'requestRound', actor: other, creator: ms[0]! })).toBe('NotLeader')
    expect(h.fail({ type: 'requestRound', actor: ms[1]!, creator: ms[0]! })).toBe('NotOracle')
    h.do({ type: 'requestRound', actor: leader, creator: ms[0]! })
  })

  it('refuses to reserve nodes that are not in the pool or lack stake, and assignments outside the session', () => {
    const h = new WorldHarness()
    const ms = network(h)
    h.do({ type: 'registerNode', actor: minerAt(9), models: [MODEL] })
    h.do({ type: 'createSession', actor: OWNER, config: SESSION_CONFIG })
    expect(h.fail({ type: 'session', sessionId: 1, event: { type: 'assignNodes', actor: h.oracle, nodes: [minerAt(9)] } })).toBe('NodeNotAvailable')
    h.do({ type: 'unstake', actor: ms[4]!, amount: 10_000n * COR })
    expect(h.fail({ type: 'session', sessionId: 1, event: { type: 'assignNodes', actor: h.oracle, nodes: [ms[4]!] } })).toBe('StakeTooLow')
    h.do({ type: 'depositToSession', actor: OWNER, sessionId: 1, amount: COR })
    h.do({ type: 'session', sessionId: 1, event: { type: 'assignNodes', actor: h.oracle, nodes: ms.slice(0, 3) as never } })
    h.do({ type: 'session', sessionId: 1, event: { type: 'submit', actor: OWNER, nodeType: 0, taskData: 'p', promptType: 1, promptTemplate: '', llmParams: [8], requestParams: [], clientReference: '' } })
    expect(h.fail({ type: 'task', sessionId: 1, taskId: 0, event: { type: 'assign', actor: h.oracle, miners: [ms[0]!, ms[1]!, ms[3]!] } })).toBe('MinerNotEligible')
  })

  it('drops a banned reserved node from its session and deactivation releases the rest', () => {
    const h = new WorldHarness()
    const ms = network(h)
    h.do({ type: 'createSession', actor: OWNER, config: SESSION_CONFIG })
    h.do({ type: 'session', sessionId: 1, event: { type: 'assignNodes', actor: h.oracle, nodes: ms.slice(0, 3) as never } })
    expect(h.fail({ type: 'banNode', actor: OWNER, node: ms[0]! })).toBe('NotOwner')
    h.do({ type: 'banNode', actor: h.world.admin, node: ms[0]! })
    expect(h.world.sessions.get(1)!.ephemeralNodes).toEqual(ms.slice(1, 3))
    assertInvariants(h)
    h.do({ type: 'session', sessionId: 1, event: { type: 'deactivate', actor: OWNER } })
    for (const m of ms.slice(1, 3)) expect(h.world.nodes.get(m as never)!.status.kind).toBe('PendingRevalidation')
    assertInvariants(h)
  })

  it('names unknown entities and malformed commands', () => {
    const h = new WorldHarness()
    expect(h.fail({ type: 'task', sessionId: 9, taskId: 0, event: { type: 'ack', actor: minerAt(1) } })).toBe('UnknownTask')
    expect(h.fail({ type: 'round', roundId: 9, event: { type: 'endCommit', actor: h.oracle } })).toBe('UnknownRound')
    expect(h.fail({ type: 'depositToSession', actor: OWNER, sessionId: 9, amount: 1n })).toBe('UnknownSession')
    expect(h.fail({ type: 'ping', actor: minerAt(1) })).toBe('UnknownNode')
    expect(h.fail({ type: 'fly' } as never)).toBe('UnknownEvent')
    expect(h.fail({ type: 'session', sessionId: 1, event: { type: 'deactivate', actor: OWNER } })).toBe('UnknownSession')
  })
})

describe('world: late round outcomes', () => {
  it('drops an outcome older than the node\'s round memory instead of failing the round', () => {
    const h = new WorldHarness(worldParams({ 'networkTask.roleOverlap': 'shared' }))
    const ms = h.addMiners(5)
    const [a, b, c, d, e] = ms as [`0x${string}`, `0x${string}`, `0x${string}`, `0x${string}`, `0x${string}`]
    // Round 1 stays open with `a` among its completers…
    const first = h.world.nextRoundId
    h.do({ type: 'requestRound', actor: h.oracle, creator: b })
    h.do({ type: 'round', roundId: first, event: { type: 'create', actor: b, domain: 'd', subdomain: 's' } })
    h.do({ type: 'round', roundId: first, event: { type: 'assignPreparer', actor: h.oracle, preparer: c } })
    h.do({ type: 'round', roundId: first, event: { type: 'prepare', actor: c, challenges: ['q1', 'q2', 'q3'] } })
    h.do({ type: 'round', roundId: first, event: { type: 'start', actor: h.oracle, completers: [a, d, e] } })
    // …while `a` completes 33 later rounds, moving its memory past round 1.
    for (let i = 0; i < 33; i++) h.playRound(b, c, [a, d, e])
    expect(h.world.nodes.get(a)!.lastRoundId).toBeGreaterThan(first + 32)
    const before = h.world.nodes.get(a)!.reputation.cognitive.attempts
    h.advance(h.params.networkTask.precommitDeadlineMs)
    // Nobody precommitted: closing the phase ends the round and books everyone's outcome.
    h.do({ type: 'round', roundId: first, event: { type: 'endPrecommit', actor: h.oracle } })
    expect(h.world.rounds.get(first)!.status).toBe('End')
    expect(h.world.nodes.get(a)!.reputation.cognitive.attempts).toBe(before)
  })
})
