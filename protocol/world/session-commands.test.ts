// Goal: the world's session and oracle-set commands keep money, ownership and node memberships in
// step with the session machine: a new owner controls the session's account, dedicated nodes are
// attached to and detached from the node states, deactivation detaches them, and every malformed or
// misdirected command is refused with its code and changes nothing.
// Method: the WorldHarness with explicit commands; after each refusal the touched maps are compared
// with their state before, and the invariant catalog is checked after the accepted sequences.
import { describe, expect, it } from 'vitest'
import { COR } from '../core/types.ts'
import { checkInvariants } from '../invariants/catalog.ts'
import { ADMIN, MODEL, OWNER, SESSION_CONFIG, WorldHarness, minerAt } from './testkit.ts'
import type { WorldCommand } from './types.ts'

const NEW_OWNER = minerAt(77)
const DEDICATED = { ...SESSION_CONFIG, mode: 2 as const, minNumOfNodes: 1 }

function assertInvariants(h: WorldHarness): void {
  expect(checkInvariants(h.world, h.ctx()).map((b) => `${b.id}: ${b.details.join('; ')}`)).toEqual([])
}

/** The code of `cmd`, after checking that the refusal left sessions, accounts and nodes as they were. */
function refused(h: WorldHarness, cmd: WorldCommand): string {
  const before = [new Map(h.world.sessions), new Map(h.world.sessionAccounts), new Map(h.world.nodes), h.world.oracle] as const
  const code = h.fail(cmd)
  expect(new Map(h.world.sessions)).toEqual(before[0])
  expect(new Map(h.world.sessionAccounts)).toEqual(before[1])
  expect(new Map(h.world.nodes)).toEqual(before[2])
  expect(h.world.oracle).toBe(before[3])
  return code
}

function withSession(config = SESSION_CONFIG): WorldHarness {
  const h = new WorldHarness()
  h.do({ type: 'createSession', actor: OWNER, config })
  return h
}

describe('world session commands', () => {
  it('refuses a session config that is not an object, and an invalid one, without using an id', () => {
    const h = new WorldHarness()
    expect(refused(h, { type: 'createSession', actor: OWNER, config: null as never })).toBe('MalformedEvent')
    expect(refused(h, { type: 'createSession', actor: OWNER, config: { ...SESSION_CONFIG, name: '' } })).toBe('InvalidSessionConfig')
    expect(h.world.nextSessionId).toBe(1)
    h.do({ type: 'createSession', actor: OWNER, config: SESSION_CONFIG })
    expect(h.world.sessions.get(1)!.owner).toBe(OWNER)
    expect(h.world.sessionAccounts.get(1)).toMatchObject({ sessionId: 1, owner: OWNER, available: 0n })
  })

  it('moves money in and out of a session for its owner only, in bigints', () => {
    const h = withSession()
    h.do({ type: 'depositToSession', actor: OWNER, sessionId: 1, amount: 3n * COR })
    h.do({ type: 'withdrawSessionBalance', actor: OWNER, sessionId: 1, amount: COR })
    expect(h.world.sessionAccounts.get(1)).toMatchObject({ available: 2n * COR, deposited: 3n * COR, withdrawn: COR })
    expect(refused(h, { type: 'withdrawSessionBalance', actor: OWNER, sessionId: 1, amount: 5n * COR })).toBe('InsufficientBalance')
    expect(refused(h, { type: 'withdrawSessionBalance', actor: NEW_OWNER, sessionId: 1, amount: 1n })).toBe('NotOwner')
    expect(refused(h, { type: 'depositToSession', actor: OWNER, sessionId: 1, amount: 5 as never })).toBe('MalformedEvent')
    expect(refused(h, { type: 'withdrawSessionBalance', actor: OWNER, sessionId: 2, amount: 1n })).toBe('UnknownSession')
    assertInvariants(h)
  })

  it('hands the session account over with the session', () => {
    const h = withSession()
    h.do({ type: 'depositToSession', actor: OWNER, sessionId: 1, amount: COR })
    h.do({ type: 'session', sessionId: 1, event: { type: 'updateOwner', actor: OWNER, newOwner: NEW_OWNER } })
    expect(h.world.sessions.get(1)!.owner).toBe(NEW_OWNER)
    expect(h.world.sessionAccounts.get(1)!.owner).toBe(NEW_OWNER)
    expect(refused(h, { type: 'withdrawSessionBalance', actor: OWNER, sessionId: 1, amount: 1n })).toBe('NotOwner')
    h.do({ type: 'withdrawSessionBalance', actor: NEW_OWNER, sessionId: 1, amount: COR })
    // A refused handover moves neither the session nor its account.
    expect(refused(h, { type: 'session', sessionId: 1, event: { type: 'updateOwner', actor: OWNER, newOwner: OWNER } })).toBe('NotOwner')
    assertInvariants(h)
  })

  it('routes router, update and submit events to the session machine', () => {
    const h = withSession()
    h.do({ type: 'session', sessionId: 1, event: { type: 'addRouter', actor: OWNER, router: NEW_OWNER, metadata: 'https://r' } })
    expect(h.world.sessions.get(1)!.routers).toEqual([{ address: NEW_OWNER, metadata: 'https://r' }])
    h.do({ type: 'session', sessionId: 1, event: { type: 'removeRouter', actor: OWNER, router: NEW_OWNER } })
    expect(h.world.sessions.get(1)!.routers).toEqual([])
    const update = { name: 'renamed', metadata: '', minNumOfNodes: 2, maxNumOfNodes: 4, redundant: 1, numOfValidatorNodes: 0, mode: 0 as const }
    h.do({ type: 'session', sessionId: 1, event: { type: 'update', actor: OWNER, ...update } })
    expect(h.world.sessions.get(1)!.config).toMatchObject({ name: 'renamed', minNumOfNodes: 2, maxNumOfNodes: 4 })
    // Without nodes the session is not Ready, so the machine refuses the task.
    const submit = { type: 'submit' as const, actor: OWNER, nodeType: 0, taskData: 'p', promptType: 1, promptTemplate: '', llmParams: [8], requestParams: [], clientReference: '' }
    expect(refused(h, { type: 'session', sessionId: 1, event: submit })).toBe('WrongPhase')
  })

  it('refuses malformed, unknown and misdirected session events', () => {
    const h = withSession()
    expect(refused(h, { type: 'session', sessionId: 1, event: null as never })).toBe('MalformedEvent')
    expect(refused(h, { type: 'session', sessionId: 1, event: { type: 'teleport', actor: OWNER } as never })).toBe('UnknownEvent')
    // Nodes leave a session through the releaseNode command, which checks the reservation.
    expect(refused(h, { type: 'session', sessionId: 1, event: { type: 'releaseNode', actor: OWNER, node: minerAt(1) } })).toBe('WrongActor')
    expect(refused(h, { type: 'session', sessionId: 1, event: { type: 'assignNodes', actor: h.oracle, nodes: 'all' as never } })).toBe('MalformedEvent')
    expect(refused(h, { type: 'session', sessionId: 1, event: { type: 'assignNodes', actor: minerAt(5), nodes: [] } })).toBe('NotOracle')
    expect(refused(h, { type: 'session', sessionId: 1, event: { type: 'assignNodes', actor: h.oracle, nodes: [minerAt(5)] } })).toBe('UnknownNode')
  })
})

describe('world dedicated nodes', () => {
  it('attaches a registered node to the session and the node, and detaches it from both', () => {
    const h = withSession(DEDICATED)
    h.do({ type: 'registerNode', actor: minerAt(1), models: [MODEL] })
    h.do({ type: 'session', sessionId: 1, event: { type: 'addDedicatedNode', actor: OWNER, node: minerAt(1) } })
    expect(h.world.sessions.get(1)).toMatchObject({ status: 'Ready', dedicatedNodes: [minerAt(1)] })
    expect(h.world.nodes.get(minerAt(1))!.dedicatedSessions).toEqual([1])
    h.do({ type: 'session', sessionId: 1, event: { type: 'removeDedicatedNode', actor: OWNER, node: minerAt(1) } })
    expect(h.world.sessions.get(1)).toMatchObject({ status: 'Created', dedicatedNodes: [] })
    expect(h.world.nodes.get(minerAt(1))!.dedicatedSessions).toEqual([])
    assertInvariants(h)
  })

  it('refuses a malformed or unknown dedicated node, and a node the session machine refuses', () => {
    const h = withSession(DEDICATED)
    expect(refused(h, { type: 'session', sessionId: 1, event: { type: 'addDedicatedNode', actor: OWNER, node: '0x12' as never } })).toBe('MalformedEvent')
    expect(refused(h, { type: 'session', sessionId: 1, event: { type: 'addDedicatedNode', actor: OWNER, node: minerAt(3) } })).toBe('UnknownNode')
    h.do({ type: 'registerNode', actor: minerAt(3), models: [MODEL] })
    expect(refused(h, { type: 'session', sessionId: 1, event: { type: 'addDedicatedNode', actor: NEW_OWNER, node: minerAt(3) } })).toBe('NotOwner')
    // Removing a node the world does not know is the session machine's call: it is not on the list.
    expect(refused(h, { type: 'session', sessionId: 1, event: { type: 'removeDedicatedNode', actor: OWNER, node: minerAt(4) } })).toBe('UnknownNode')
  })

  it('detaches dedicated nodes when the session is deactivated', () => {
    const h = withSession(DEDICATED)
    for (const i of [1, 2]) {
      h.do({ type: 'registerNode', actor: minerAt(i), models: [MODEL] })
      h.do({ type: 'session', sessionId: 1, event: { type: 'addDedicatedNode', actor: OWNER, node: minerAt(i) } })
    }
    h.do({ type: 'session', sessionId: 1, event: { type: 'deactivate', actor: OWNER } })
    expect(h.world.sessions.get(1)!.status).toBe('Deactivated')
    for (const i of [1, 2]) expect(h.world.nodes.get(minerAt(i))!.dedicatedSessions).toEqual([])
    assertInvariants(h)
  })
})

describe('world oracle-set commands', () => {
  it('lets only the administrator change the oracle set', () => {
    const h = new WorldHarness()
    const newcomer = minerAt(50)
    expect(refused(h, { type: 'registerOracle', actor: OWNER, oracle: newcomer })).toBe('NotOwner')
    h.do({ type: 'registerOracle', actor: ADMIN, oracle: newcomer })
    expect(h.world.oracle.oracles).toContain(newcomer)
    expect(refused(h, { type: 'deregisterOracle', actor: OWNER, oracle: newcomer })).toBe('NotOwner')
    h.do({ type: 'deregisterOracle', actor: ADMIN, oracle: newcomer })
    expect(h.world.oracle.oracles).not.toContain(newcomer)
    expect(refused(h, { type: 'deregisterOracle', actor: ADMIN, oracle: h.oracle })).toBe('LeaderCannotLeave')
  })

  it('rotates a silent leader only after the silence limit, and heartbeats keep it', () => {
    const h = new WorldHarness()
    const leader = h.oracle
    const follower = h.world.oracle.oracles.find((o) => o !== leader)!
    h.advance(h.params.oracle.graceMs - 1)
    h.do({ type: 'oracleHeartbeat', actor: leader })
    h.advance(h.params.oracle.graceMs - 1)
    expect(refused(h, { type: 'rotateLeader', actor: follower })).toBe('PhaseNotOver')
    h.advance(1)
    h.do({ type: 'rotateLeader', actor: follower })
    expect(h.oracle).toBe(follower)
    expect(refused(h, { type: 'oracleHeartbeat', actor: OWNER })).toBe('NotOracle')
  })
})
