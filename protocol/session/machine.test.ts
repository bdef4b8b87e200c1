// Goal: every transition of the session machine (nodes, routers, update, ownership, deactivation)
// and every rejection path of those events, one behaviour per test.
// Method: drive sessions built from the documented example through explicit events and assert
// status, lists, emitted events and rejection codes; `rejected` also checks that a rejected
// event left the state byte-for-byte unchanged. Submission has its own file (submit.test.ts).
import { describe, expect, it } from 'vitest'
import { ORACLE, OWNER, ROUTER, miner, paramsWith } from '../testing/fixtures.ts'
import { SESSION_TABLE } from './table.ts'
import { effectsOf, emitted, newSession, rejected, rejectionMessage, step, withNodes } from './testkit.ts'
import type { SessionUpdate } from './types.ts'

const params = paramsWith()
const M1 = miner(1)
const M2 = miner(2)
const M3 = miner(3)
const M9 = miner(9)
const STRANGER = miner(99)

describe('session: ephemeral nodes', () => {
  it('becomes Ready once the pool assigns minNumOfNodes nodes, and reports the new count', () => {
    const s = newSession(params, { minNumOfNodes: 2 })
    const one = step(s, { type: 'assignNodes', actor: ORACLE, nodes: [M1] }, params)
    expect(one.status).toBe('Created')
    const effects = effectsOf(one, { type: 'assignNodes', actor: ORACLE, nodes: [M2] }, params)
    expect(effects).toEqual([
      { kind: 'emit', event: { name: 'NewNodeAssignedToSession', args: { sessionId: 3, nodes: [M2], newNodeCount: 2, assignmentType: 0 } } },
    ])
    const two = step(one, { type: 'assignNodes', actor: ORACLE, nodes: [M2] }, params, 20)
    expect(two.status).toBe('Ready')
    expect(two.ephemeralNodes).toEqual([M1, M2])
    expect(two.updatedAtMs).toBe(20)
  })

  it('takes more nodes while Ready, up to maxNumOfNodes', () => {
    const s = withNodes(newSession(params), 1, params)
    const full = step(s, { type: 'assignNodes', actor: ORACLE, nodes: [M2, M3] }, params)
    expect(full.status).toBe('Ready')
    expect(rejected(full, { type: 'assignNodes', actor: ORACLE, nodes: [M9] }, params)).toBe('SessionFull')
  })

  it('rejects malformed, duplicate, present and excess assignments', () => {
    const s = withNodes(newSession(params), 1, params)
    expect(rejected(s, { type: 'assignNodes', actor: ORACLE, nodes: [] }, params)).toBe('MalformedEvent')
    expect(rejected(s, { type: 'assignNodes', actor: ORACLE, nodes: 'x' as never }, params)).toBe('MalformedEvent')
    expect(rejected(s, { type: 'assignNodes', actor: ORACLE, nodes: ['0x12' as never] }, params)).toBe('MalformedEvent')
    expect(rejected(s, { type: 'assignNodes', actor: ORACLE, nodes: [M2, M2] }, params)).toBe('DuplicateMiner')
    expect(rejected(s, { type: 'assignNodes', actor: ORACLE, nodes: [M2, M1] }, params)).toBe('AlreadyExists')
    expect(rejected(s, { type: 'assignNodes', actor: ORACLE, nodes: [M2, M3, M9] }, params)).toBe('SessionFull')
  })

  it('refuses ephemeral nodes in Dedicated mode', () => {
    const s = newSession(params, { mode: 1 })
    expect(rejected(s, { type: 'assignNodes', actor: ORACLE, nodes: [M1] }, params)).toBe('WrongSessionMode')
  })

  it('drops back to Created when a release leaves fewer than minNumOfNodes', () => {
    const s = withNodes(newSession(params, { minNumOfNodes: 2 }), 2, params)
    const effects = effectsOf(s, { type: 'releaseNode', actor: ORACLE, node: M1 }, params)
    expect(effects).toEqual([{ kind: 'emit', event: { name: 'NodeReleased', args: { node: M1, sessionId: 3 } } }])
    const released = step(s, { type: 'releaseNode', actor: ORACLE, node: M1 }, params)
    expect(released.status).toBe('Created')
    expect(released.ephemeralNodes).toEqual([M2])
    expect(step(released, { type: 'releaseNode', actor: M2, node: M2 }, params).status).toBe('Created')
  })

  it('stays Ready when a release keeps it at the minimum, keeping assignment order', () => {
    const s = withNodes(newSession(params), 3, params)
    const released = step(s, { type: 'releaseNode', actor: ORACLE, node: M2 }, params)
    expect(released.status).toBe('Ready')
    expect(released.ephemeralNodes).toEqual([M1, M3])
  })

  it('rejects releasing a stranger, a dedicated node or a malformed address', () => {
    let s = withNodes(newSession(params, { mode: 2 }), 1, params)
    s = step(s, { type: 'addDedicatedNode', actor: OWNER, node: M9 }, params)
    expect(rejected(s, { type: 'releaseNode', actor: ORACLE, node: STRANGER }, params)).toBe('UnknownNode')
    expect(rejectionMessage(s, { type: 'releaseNode', actor: ORACLE, node: M9 }, params)).toContain('removeDedicatedNode')
    expect(rejected(s, { type: 'releaseNode', actor: ORACLE, node: 'nope' as never }, params)).toBe('MalformedEvent')
  })
})

describe('session: dedicated nodes', () => {
  it('counts dedicated nodes for readiness and emits DedicatedNodeAdded/Removed', () => {
    const s = newSession(params, { mode: 1 })
    expect(emitted(effectsOf(s, { type: 'addDedicatedNode', actor: OWNER, node: M1 }, params))).toEqual(['DedicatedNodeAdded'])
    const ready = step(s, { type: 'addDedicatedNode', actor: OWNER, node: M1 }, params)
    expect(ready.status).toBe('Ready')
    const two = step(ready, { type: 'addDedicatedNode', actor: OWNER, node: M2 }, params)
    expect(two.status).toBe('Ready')
    expect(step(two, { type: 'removeDedicatedNode', actor: OWNER, node: M1 }, params).status).toBe('Ready')
    const back = step(ready, { type: 'removeDedicatedNode', actor: OWNER, node: M1 }, params)
    expect(back.status).toBe('Created')
    expect(back.dedicatedNodes).toEqual([])
  })

  it('removes a dedicated node from a session that is still Created', () => {
    let s = newSession(params, { mode: 1, minNumOfNodes: 3 })
    s = step(s, { type: 'addDedicatedNode', actor: OWNER, node: M1 }, params)
    expect(s.status).toBe('Created')
    expect(step(s, { type: 'removeDedicatedNode', actor: OWNER, node: M1 }, params).dedicatedNodes).toEqual([])
  })

  it('shares maxNumOfNodes with ephemeral nodes in Hybrid mode', () => {
    let s = withNodes(newSession(params, { mode: 2 }), 2, params)
    s = step(s, { type: 'addDedicatedNode', actor: OWNER, node: M9 }, params)
    expect(rejected(s, { type: 'addDedicatedNode', actor: OWNER, node: STRANGER }, params)).toBe('SessionFull')
    expect(rejected(s, { type: 'assignNodes', actor: ORACLE, nodes: [STRANGER] }, params)).toBe('SessionFull')
  })

  it('rejects dedicated nodes in Ephemeral mode, from non-owners, twice, or malformed', () => {
    expect(rejected(newSession(params), { type: 'addDedicatedNode', actor: OWNER, node: M1 }, params)).toBe('WrongSessionMode')
    const s = step(newSession(params, { mode: 2 }), { type: 'addDedicatedNode', actor: OWNER, node: M1 }, params)
    expect(rejected(s, { type: 'addDedicatedNode', actor: ROUTER, node: M2 }, params)).toBe('NotOwner')
    expect(rejected(s, { type: 'addDedicatedNode', actor: OWNER, node: M1 }, params)).toBe('AlreadyExists')
    expect(rejected(s, { type: 'assignNodes', actor: ORACLE, nodes: [M1] }, params)).toBe('AlreadyExists')
    expect(rejected(s, { type: 'addDedicatedNode', actor: OWNER, node: '0x1' as never }, params)).toBe('MalformedEvent')
    expect(rejected(s, { type: 'removeDedicatedNode', actor: OWNER, node: M2 }, params)).toBe('UnknownNode')
    expect(rejected(s, { type: 'removeDedicatedNode', actor: OWNER, node: 7 as never }, params)).toBe('MalformedEvent')
    expect(rejected(s, { type: 'removeDedicatedNode', actor: STRANGER, node: M1 }, params)).toBe('NotOwner')
  })
})

describe('session: routers', () => {
  it('adds and removes routers in Created and in Ready', () => {
    for (const s of [newSession(params), withNodes(newSession(params), 1, params)]) {
      const effects = effectsOf(s, { type: 'addRouter', actor: OWNER, router: ROUTER, metadata: 'https://router.example:5010' }, params)
      expect(effects).toEqual([{ kind: 'emit', event: { name: 'RouterAdded', args: { sessionId: 3, router: ROUTER, metadata: 'https://router.example:5010' } } }])
      const added = step(s, { type: 'addRouter', actor: OWNER, router: ROUTER, metadata: 'https://router.example:5010' }, params)
      expect(added.routers).toEqual([{ address: ROUTER, metadata: 'https://router.example:5010' }])
      expect(added.status).toBe(s.status)
      const removed = step(added, { type: 'removeRouter', actor: OWNER, router: ROUTER }, params)
      expect(removed.routers).toEqual([])
      expect(emitted(effectsOf(added, { type: 'removeRouter', actor: OWNER, router: ROUTER }, params))).toEqual(['RouterRemoved'])
    }
  })

  it('rejects router changes by non-owners, duplicates, bad input, unknown routers and a full list', () => {
    const p = paramsWith({ 'session.maxRouters': 1 })
    const s = step(newSession(p), { type: 'addRouter', actor: OWNER, router: ROUTER, metadata: '' }, p)
    expect(rejected(s, { type: 'addRouter', actor: ROUTER, router: M1, metadata: '' }, p)).toBe('NotOwner')
    expect(rejected(s, { type: 'addRouter', actor: OWNER, router: ROUTER, metadata: '' }, p)).toBe('AlreadyExists')
    expect(rejected(s, { type: 'addRouter', actor: OWNER, router: M1, metadata: '' }, p)).toBe('LimitExceeded')
    expect(rejected(s, { type: 'addRouter', actor: OWNER, router: 'r' as never, metadata: '' }, p)).toBe('MalformedEvent')
    const long = 'x'.repeat(p.session.maxRouterMetadataBytes + 1)
    expect(rejected(s, { type: 'addRouter', actor: OWNER, router: M1, metadata: long }, p)).toBe('MalformedEvent')
    expect(rejected(s, { type: 'addRouter', actor: OWNER, router: M1, metadata: null as never }, p)).toBe('MalformedEvent')
    expect(rejected(s, { type: 'removeRouter', actor: OWNER, router: M1 }, p)).toBe('NotRouter')
    expect(rejected(s, { type: 'removeRouter', actor: STRANGER, router: ROUTER }, p)).toBe('NotOwner')
  })
})

describe('session: update and ownership', () => {
  const update = (over: Partial<SessionUpdate> = {}): SessionUpdate => ({
    name: 'Renamed',
    metadata: 'm2',
    minNumOfNodes: 1,
    maxNumOfNodes: 3,
    redundant: 1,
    numOfValidatorNodes: 0,
    mode: 0,
    ...over,
  })

  it('moves Ready → Created when the minimum rises above the nodes, and back when it drops', () => {
    const s = withNodes(newSession(params), 2, params)
    const effects = effectsOf(s, { type: 'update', actor: OWNER, ...update({ minNumOfNodes: 3 }) }, params)
    expect(effects).toEqual([
      { kind: 'emit', event: { name: 'SessionUpdated', args: { sessionId: 3, updater: OWNER, minNumOfNodes: 3, maxNumOfNodes: 3, redundant: 1 } } },
    ])
    const raised = step(s, { type: 'update', actor: OWNER, ...update({ minNumOfNodes: 3 }) }, params)
    expect(raised.status).toBe('Created')
    expect(raised.config.name).toBe('Renamed')
    expect(raised.config.modelIdentifier).toBe(9)
    const lowered = step(raised, { type: 'update', actor: OWNER, ...update({ minNumOfNodes: 2 }) }, params)
    expect(lowered.status).toBe('Ready')
    expect(step(lowered, { type: 'update', actor: OWNER, ...update({ redundant: 2 }) }, params).status).toBe('Ready')
  })

  it('keeps a Created session Created when the update still leaves it short', () => {
    const s = newSession(params)
    expect(step(s, { type: 'update', actor: OWNER, ...update({ maxNumOfNodes: 5 }) }, params).status).toBe('Created')
  })

  it('rejects updates by non-owners, invalid fields, a max below the nodes and modes that do not fit them', () => {
    const s = withNodes(newSession(params, { mode: 2 }), 2, params)
    expect(rejected(s, { type: 'update', actor: ROUTER, ...update({ mode: 2 }) }, params)).toBe('NotOwner')
    expect(rejected(s, { type: 'update', actor: OWNER, ...update({ redundant: 4 }) }, params)).toBe('InvalidSessionConfig')
    expect(rejectionMessage(s, { type: 'update', actor: OWNER, ...update({ maxNumOfNodes: 1 }) }, params)).toContain('2 nodes assigned')
    expect(rejected(s, { type: 'update', actor: OWNER, ...update({ mode: 1 }) }, params)).toBe('InvalidSessionConfig')
    const dedicated = step(newSession(params, { mode: 2 }), { type: 'addDedicatedNode', actor: OWNER, node: M1 }, params)
    expect(rejectionMessage(dedicated, { type: 'update', actor: OWNER, ...update({ mode: 0 }) }, params)).toContain('no dedicated nodes')
  })

  it('hands the session to a new owner, who alone may act afterwards', () => {
    const s = newSession(params)
    expect(effectsOf(s, { type: 'updateOwner', actor: OWNER, newOwner: M9 }, params)).toEqual([
      { kind: 'emit', event: { name: 'SessionOwnerUpdated', args: { sessionId: 3, previousOwner: OWNER, newOwner: M9 } } },
    ])
    const moved = step(s, { type: 'updateOwner', actor: OWNER, newOwner: M9 }, params)
    expect(moved.owner).toBe(M9)
    expect(rejected(moved, { type: 'deactivate', actor: OWNER }, params)).toBe('NotOwner')
    expect(step(withNodes(moved, 1, params), { type: 'updateOwner', actor: M9, newOwner: OWNER }, params).status).toBe('Ready')
  })

  it('rejects a zero or malformed new owner', () => {
    const s = newSession(params)
    expect(rejected(s, { type: 'updateOwner', actor: OWNER, newOwner: `0x${'0'.repeat(40)}` }, params)).toBe('MalformedEvent')
    expect(rejected(s, { type: 'updateOwner', actor: OWNER, newOwner: 'bob' as never }, params)).toBe('MalformedEvent')
  })
})

describe('session: deactivation', () => {
  it('releases every node, ephemeral first, and ends in Deactivated', () => {
    let s = withNodes(newSession(params, { mode: 2 }), 2, params)
    s = step(s, { type: 'addDedicatedNode', actor: OWNER, node: M9 }, params)
    const effects = effectsOf(s, { type: 'deactivate', actor: OWNER }, params, 50)
    expect(emitted(effects)).toEqual(['NodeReleased', 'NodeReleased', 'NodeReleased', 'SessionDeactivated'])
    expect(effects[3]).toEqual({ kind: 'emit', event: { name: 'SessionDeactivated', args: { sessionId: 3, deactivator: OWNER, nodes: [M1, M2, M9] } } })
    const ended = step(s, { type: 'deactivate', actor: OWNER }, params, 50)
    expect(ended.status).toBe('Deactivated')
    expect(ended.ephemeralNodes).toEqual([])
    expect(ended.dedicatedNodes).toEqual([])
    expect(ended.deactivatedAtMs).toBe(50)
  })

  it('deactivates a Created session, after which every event is SessionInactive', () => {
    const ended = step(newSession(params), { type: 'deactivate', actor: OWNER }, params)
    expect(ended.status).toBe('Deactivated')
    expect(rejected(ended, { type: 'deactivate', actor: OWNER }, params)).toBe('SessionInactive')
    expect(rejected(ended, { type: 'assignNodes', actor: ORACLE, nodes: [M1] }, params)).toBe('SessionInactive')
  })

  it('rejects deactivation by anyone but the owner', () => {
    expect(rejected(newSession(params), { type: 'deactivate', actor: ROUTER }, params)).toBe('NotOwner')
  })
})

describe('session: generic checks and table', () => {
  it('rejects an actor that is not an address', () => {
    expect(rejected(newSession(params), { type: 'deactivate', actor: 'owner' as never }, params)).toBe('MalformedEvent')
  })

  it('rejects events the table does not list for the status with WrongPhase', () => {
    const s = newSession(params)
    expect(rejectionMessage(s, { type: 'submit', actor: OWNER, nodeType: 0, taskData: 'x', promptType: 0, promptTemplate: '', llmParams: [], requestParams: [], clientReference: '' }, params)).toContain(
      "'submit' is not allowed in status Created",
    )
  })

  it('lists rows for every non-terminal status and none for the terminal one', () => {
    for (const status of SESSION_TABLE.statuses) {
      const rows = SESSION_TABLE.rows.filter((r) => r.from === status)
      expect(rows.length > 0).toBe(!SESSION_TABLE.terminal.includes(status))
    }
    expect(SESSION_TABLE.rows.some((r) => r.from === 'Created' && r.event === 'submit')).toBe(false)
  })
})
