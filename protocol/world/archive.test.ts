// Goal: archiving removes only finished tasks and rounds, keeps every invariant and the ledger's
// totals as they were, and later commands about an archived entity are refused.
// Method: the WorldHarness runs an honest round and task; archive, then compare ledger totals,
// re-run the invariant catalog and send a late command.
import { describe, expect, it } from 'vitest'
import { COR } from '../core/types.ts'
import { checkInvariants } from '../invariants/catalog.ts'
import { computeLedgerTotals } from '../payments/conservation.ts'
import { taskKey } from '../task/machine.ts'
import { archiveEndedRound, archiveEndedTask } from './archive.ts'
import { OWNER, SESSION_CONFIG, WorldHarness } from './testkit.ts'

function setUp(): { h: WorldHarness; miners: `0x${string}`[]; roundId: number } {
  const h = new WorldHarness()
  const ms = h.addMiners(5)
  const roundId = h.playRound(ms[0]!, ms[1]!, ms.slice(2, 5))
  h.playRound(ms[2]!, ms[3]!, [ms[0]!, ms[1]!, ms[4]!])
  h.do({ type: 'createSession', actor: OWNER, config: SESSION_CONFIG })
  h.do({ type: 'depositToSession', actor: OWNER, sessionId: 1, amount: 5n * COR })
  h.do({ type: 'session', sessionId: 1, event: { type: 'assignNodes', actor: h.oracle, nodes: ms.slice(0, 3) } })
  return { h, miners: ms.slice(0, 3), roundId }
}

describe('archive', () => {
  it('removes an ended task and its escrow and keeps the ledger and the invariants', () => {
    const { h, miners } = setUp()
    const taskId = h.playTask(1, miners)
    const key = taskKey(1, taskId)
    const before = computeLedgerTotals(h.world.sessionAccounts.values(), h.world.nodeAccounts.values(), h.world.network)
    expect(archiveEndedTask(h.world, 1, taskId)).toBe(true)
    expect(h.world.tasks.has(key)).toBe(false)
    expect(h.world.escrows.has(key)).toBe(false)
    expect(computeLedgerTotals(h.world.sessionAccounts.values(), h.world.nodeAccounts.values(), h.world.network)).toEqual(before)
    expect(checkInvariants(h.world, h.ctx())).toEqual([])
    expect(h.fail({ type: 'task', sessionId: 1, taskId, event: { type: 'end', actor: h.oracle, forceEnd: true } })).toBe('UnknownTask')
    expect(archiveEndedTask(h.world, 1, taskId)).toBe(false)
  })

  it('leaves an open task alone', () => {
    const { h } = setUp()
    h.do({ type: 'session', sessionId: 1, event: { type: 'submit', actor: OWNER, nodeType: 0, taskData: 'p', promptType: 1, promptTemplate: '', llmParams: [8], requestParams: [], clientReference: '' } })
    expect(archiveEndedTask(h.world, 1, 0)).toBe(false)
    expect(h.world.tasks.has(taskKey(1, 0))).toBe(true)
    expect(h.world.escrows.has(taskKey(1, 0))).toBe(true)
  })

  it('removes ended rounds only', () => {
    const { h, roundId } = setUp()
    h.do({ type: 'requestRound', actor: h.oracle, creator: h.world.nodes.keys().next().value! })
    const open = h.world.nextRoundId - 1
    expect(archiveEndedRound(h.world, open)).toBe(false)
    expect(archiveEndedRound(h.world, roundId)).toBe(true)
    expect(h.world.rounds.has(roundId)).toBe(false)
    expect(archiveEndedRound(h.world, roundId)).toBe(false)
    expect(checkInvariants(h.world, h.ctx())).toEqual([])
  })
})
