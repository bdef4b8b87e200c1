// Goal: the task invariants catch each way a task and its escrow can disagree — a paid miner that
// was not valid or whose reveal does not match its precommit, a missing or wrongly closed escrow, a
// charge that differs from the outcome or exceeds the escrow, a malformed assignment, a slot without
// the data its state implies — and stay silent on an honest world.
// Method: run one honest task through the world harness, then replace the task or its escrow with a
// corrupted copy (one defect each) and read the violations of each check.
import { describe, expect, it } from 'vitest'
import { COR, type Address } from '../core/types.ts'
import { taskKey } from '../task/machine.ts'
import type { MinerSlot, TaskState } from '../task/types.ts'
import { OWNER, SESSION_CONFIG, WorldHarness } from '../world/testkit.ts'
import { checkTaskAssignment, checkTaskPayments, checkTaskReveals, checkTaskSlots } from './tasks.ts'

/** A world with one honest, settled task 1/0 run by three miners. */
function settledWorld(): { h: WorldHarness; key: string; task: TaskState; miners: Address[] } {
  const h = new WorldHarness()
  const ms = h.addMiners(5)
  h.playRound(ms[0]!, ms[1]!, ms.slice(2, 5))
  h.playRound(ms[2]!, ms[3]!, [ms[0]!, ms[1]!, ms[4]!])
  h.do({ type: 'createSession', actor: OWNER, config: SESSION_CONFIG })
  h.do({ type: 'depositToSession', actor: OWNER, sessionId: 1, amount: 5n * COR })
  const miners = ms.slice(0, 3)
  h.do({ type: 'session', sessionId: 1, event: { type: 'assignNodes', actor: h.oracle, nodes: miners } })
  const taskId = h.playTask(1, miners)
  const key = taskKey(1, taskId)
  return { h, key, task: h.world.tasks.get(key)!, miners }
}

function withSlot(task: TaskState, index: number, change: Partial<MinerSlot>): TaskState {
  return { ...task, miners: task.miners.map((s, i) => (i === index ? { ...s, ...change } : s)) }
}

describe('task invariants', () => {
  it('hold for an honest settled task', () => {
    const { h, task } = settledWorld()
    expect(task.outcome?.result).toBe('success')
    expect([...checkTaskReveals(h.world, h.ctx()), ...checkTaskPayments(h.world), ...checkTaskAssignment(h.world), ...checkTaskSlots(h.world)]).toEqual([])
  })

  it('catch a paid miner that was not valid, or whose reveal does not match its precommit', () => {
    const { h, key, task, miners } = settledWorld()
    h.world.tasks.set(key, withSlot(task, 0, { state: 'Outlier' }))
    expect(checkTaskReveals(h.world, h.ctx())).toEqual([`task ${key} paid ${miners[0]} whose result is Outlier`])
    h.world.tasks.set(key, withSlot(task, 1, { result: 'another answer' }))
    expect(checkTaskReveals(h.world, h.ctx())).toEqual([`task ${key} paid ${miners[1]} for a reveal that does not match its precommit`])
    h.world.tasks.set(key, withSlot(task, 2, { salt: null }))
    expect(checkTaskReveals(h.world, h.ctx())).toHaveLength(1)
    h.world.tasks.set(key, { ...task, miners: task.miners.slice(1) })
    expect(checkTaskReveals(h.world, h.ctx())).toEqual([`task ${key} paid ${miners[0]} whose result is absent`])
  })

  it('catch a missing escrow, a wrong closing, a wrong or excessive charge and a changed amount', () => {
    const { h, key, task } = settledWorld()
    const escrow = h.world.escrows.get(key)!
    h.world.escrows.set(key, { ...escrow, status: 'Refunded' })
    expect(checkTaskPayments(h.world)).toEqual([`task ${key} (success) has escrow Refunded, expected Settled`])
    // With flat pricing every valid miner is charged the full price: the escrow is used up.
    expect(escrow.charged).toBe(escrow.amount)
    h.world.escrows.set(key, { ...escrow, charged: escrow.charged + 1n })
    expect(checkTaskPayments(h.world)).toEqual([
      `task ${key} charged ${escrow.charged + 1n}, outcome says ${escrow.charged}`,
      `task ${key} charged ${escrow.charged + 1n} out of an escrow of ${escrow.amount}`,
    ])
    h.world.escrows.set(key, { ...escrow, amount: escrow.charged - 1n })
    expect(checkTaskPayments(h.world)).toEqual([
      `task ${key} charged ${escrow.charged} out of an escrow of ${escrow.charged - 1n}`,
      `task ${key} escrow ${escrow.charged - 1n} differs from the task's ${task.escrow}`,
    ])
    h.world.escrows.set(key, escrow)
    h.world.tasks.set(key, { ...task, outcome: null })
    expect(checkTaskPayments(h.world)).toEqual([`task ${key} (open) has escrow Settled, expected Open`])
    h.world.escrows.delete(key)
    expect(checkTaskPayments(h.world)).toEqual([`task ${key} has no escrow`])
  })

  it('catch a queued task with miners, a wrong miner count and a repeated miner', () => {
    const { h, key, task } = settledWorld()
    h.world.tasks.set(key, { ...task, status: 'Queued' })
    expect(checkTaskAssignment(h.world)).toEqual([`queued task ${key} lists 3 miners`])
    h.world.tasks.set(key, { ...task, miners: task.miners.slice(0, 2) })
    expect(checkTaskAssignment(h.world)).toEqual([`task ${key} has 2 miners, redundant is 3`])
    h.world.tasks.set(key, { ...task, miners: [task.miners[0]!, task.miners[0]!, task.miners[1]!] })
    expect(checkTaskAssignment(h.world)).toEqual([`task ${key} lists a miner twice`])
    // An ended task without miners ended from the queue: nothing to check.
    h.world.tasks.set(key, { ...task, miners: [] })
    expect(checkTaskAssignment(h.world)).toEqual([])
  })

  it('catch slots without the hash, result or similarity their state implies', () => {
    const { h, key, task, miners } = settledWorld()
    h.world.tasks.set(key, withSlot(withSlot(task, 0, { precommitHash: null }), 1, { similarity: null }))
    expect(checkTaskSlots(h.world)).toEqual([
      `task ${key}: ${miners[0]} is Valid without a precommit hash`,
      `task ${key}: ${miners[1]} is Valid without a similarity`,
    ])
    h.world.tasks.set(key, withSlot(task, 2, { state: 'Committed', result: null }))
    expect(checkTaskSlots(h.world)).toEqual([`task ${key}: ${miners[2]} is Committed without a revealed result`])
  })
})
