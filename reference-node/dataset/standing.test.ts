// Goal: a node's standing reports what the protocol holds and decides — pool status and the
// session holding it, level and what the next level needs, liveness by missed pings, per-metric
// counters, points and rates, the eligibility window and why the node is not yet in the pool,
// the served models by catalog name — and the text and JSON forms carry it faithfully. Method:
// nodes driven through the node machine with known events; a memory run for the chain reader.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COR } from '../../protocol/core/types.ts'
import { availableNode, registeredNode, reservedNode, step } from '../../protocol/node/testkit.ts'
import { computeLevelRequirement } from '../../protocol/reputation/levels.ts'
import { paramsWith } from '../../protocol/testing/fixtures.ts'
import { STORIES_260K_MODEL_ID, getDefaultCatalog } from '../catalog/catalog.ts'
import { formatCor, formatStandingsText, standingToJson } from './format.ts'
import { startMemoryRun, type MemoryRun } from './memory-run.ts'
import { describeNodeStanding, readNodeStandings } from './standing.ts'

const params = paramsWith({ 'eligibility.minAttempts': 3, 'eligibility.minSuccessRate': 0.5, 'eligibility.minConsecutiveSuccesses': 2 })
const catalog = getDefaultCatalog()

describe('one node\'s standing', () => {
  it('counts attempts and points per metric, with rates, and names the served models', () => {
    let node = registeredNode(params, 0, [STORIES_260K_MODEL_ID, 4242])
    node = step(node, { type: 'stat', metric: 'Precommit', success: true }, 1, params)
    node = step(node, { type: 'stat', metric: 'Precommit', success: false }, 2, params)
    node = step(node, { type: 'stat', metric: 'Commit', success: true }, 3, params)
    const s = describeNodeStanding(node, 5n * COR, 10, params, catalog)
    const byName = Object.fromEntries(s.metrics.map((m) => [m.metric, m]))
    expect(byName['Precommit']).toMatchObject({ metric: 'Precommit', counter: 2, points: 1, successRate: 0.5 })
    // Recency-weighted: the older success weighs a little less than the newer failure.
    expect(byName['Precommit']!.weightedRate).toBeLessThan(0.5)
    expect(byName['Precommit']!.weightedRate).toBeCloseTo(0.5, 6)
    expect(byName['Commit']).toMatchObject({ counter: 1, points: 1, successRate: 1 })
    expect(byName['Create']).toEqual({ metric: 'Create', counter: 0, points: 0, successRate: null, weightedRate: params.reputation.priorRate })
    expect(s.metrics.map((m) => m.metric)).toEqual(['Request', 'Create', 'Prepare', 'Start', 'Ack', 'Precommit', 'Commit', 'End', 'Correctness', 'Ping'])
    expect(s.models).toEqual([{ id: 1000, name: 'stories260K' }, { id: 4242, name: null }])
    expect(describeNodeStanding(node, 0n, 10, params).models).toEqual([{ id: 1000, name: null }, { id: 4242, name: null }])
    // R = 0.5·rate(Precommit) + 0.3·rate(Commit) + 0.2·rate(Correctness, no attempts: the prior).
    const r = params.reputation
    expect(s.reputationScore).toBeCloseTo(r.weightPrecommit * 0.5 + r.weightCommit * 1 + r.weightCorrectness * r.priorRate, 6)
    expect(s.stake).toBe(5n * COR)
    expect([s.status, s.reservedBy, s.poolIneligibility]).toEqual(['Registered', null, 'tooFewAttempts'])
  })

  it('shows the pool status, the reserving session, the level and what the next level needs', () => {
    const pooled = describeNodeStanding(availableNode(params), 0n, 10, params)
    expect([pooled.status, pooled.poolIneligibility]).toEqual(['Available', null])
    expect(pooled.cognitive).toEqual({ attempts: 3, successes: 3, windowAttempts: 3, windowSuccesses: 3, successStreak: 3, failureStreak: 0 })
    expect(pooled.level).toBe(1)
    expect(pooled.levelSuccessStreak).toBe(0)
    expect(pooled.nextLevel).toEqual(computeLevelRequirement(1, params))
    const reserved = describeNodeStanding(reservedNode(params, 42), 0n, 20, params)
    expect([reserved.status, reserved.reservedBy]).toEqual(['Reserved', 42])
    const top = paramsWith({ 'levels.max': 0 })
    expect(describeNodeStanding(registeredNode(top), 0n, 0, top).nextLevel).toBeNull()
  })

  it('is offline once the node missed enough pings, without any liveness check on chain', () => {
    const node = registeredNode(params)
    const silentMs = params.node.pingIntervalMs * params.node.offlineAfterMissedPings
    expect(describeNodeStanding(node, 0n, silentMs - 1, params).online).toBe(true)
    expect(describeNodeStanding(node, 0n, silentMs, params).online).toBe(false)
  })
})

describe('formatting standings', () => {
  it('writes amounts in COR with up to four decimals', () => {
    expect([0n, COR, COR / 2n, (123_456n * COR) / 100_000n, -COR * 3n, 1n].map(formatCor)).toEqual(['0', '1', '0.5', '1.2345', '-3', '0'])
  })

  it('prints one block per node and JSON with the stake as a decimal string', () => {
    let node = reservedNode(params, 9)
    node = step(node, { type: 'stat', metric: 'Precommit', success: false }, 30, params)
    const s = describeNodeStanding(node, 10_000n * COR, 30, params, catalog)
    const text = formatStandingsText([s])
    expect(text).toContain(`${s.address} Reserved(9)`)
    expect(text).toMatch(/ 10000 /)
    expect(text).toContain('Precommit 0/1 0%')
    expect(text).toContain('Create 0/0 –')
    expect(text).toContain('rounds   3/3 passed, window 3/3, streak 3 (failures 0); pool: eligible; next level needs')
    expect(formatStandingsText([describeNodeStanding(registeredNode(params), 0n, 0, params)])).toContain('pool: not eligible (tooFewAttempts)')
    expect(formatStandingsText([])).toBe('no registered nodes')
    const json = standingToJson(s)
    expect(json['stake']).toBe((10_000n * COR).toString())
    expect(JSON.parse(JSON.stringify(json))).toMatchObject({ address: s.address, status: 'Reserved', reservedBy: 9, level: 1 })
  })
})

describe('standings read from a chain', () => {
  let run: MemoryRun
  beforeAll(async () => {
    run = await startMemoryRun({ rounds: 2, miners: 3, model: { kind: 'fake' }, modelId: STORIES_260K_MODEL_ID })
  })
  afterAll(() => run?.close())

  it('lists every registered miner with the chain\'s status, level and stake', async () => {
    const standings = await readNodeStandings(run.reader, catalog)
    expect(standings.map((s) => s.address)).toEqual([...run.chain.world.nodes.keys()].sort())
    for (const s of standings) {
      const node = run.chain.world.nodes.get(s.address)!
      expect([s.status, s.level, s.cognitive.attempts]).toEqual([node.status.kind, node.reputation.level.level, node.reputation.cognitive.attempts])
      expect(s.stake).toBe(run.chain.world.nodeAccounts.get(s.address)!.stake)
      expect(s.models).toEqual([{ id: STORIES_260K_MODEL_ID, name: 'stories260K' }])
      expect(s.online).toBe(true)
    }
    expect(standings.some((s) => s.cognitive.attempts > 0)).toBe(true)
  })
})
