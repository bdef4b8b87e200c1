// Goal: every status move of the node machine (§3.3) and every rejection its checks produce, one
// behaviour per test. Method: drive a node with real events at explicit times and assert its
// status, fields, emitted events and rejection codes; rejected events are checked to leave the
// state untouched (the state is deep-frozen, so a mutation would throw).
import { describe, expect, it } from 'vitest'
import { ProtocolAssertionError } from '../core/result.ts'
import { ctxAt, OWNER } from '../testing/fixtures.ts'
import { processCognitiveOutcome } from './cognitive.ts'
import { getMetricStats } from '../reputation/stats.ts'
import { transitionNode } from './machine.ts'
import { processRelease } from './reservation.ts'
import { createNode } from './state.ts'
import { NODE_TABLE } from './table.ts'
import { MODEL, NODE, OTHER, availableNode, effectsOf, namesOf, nodeParams, passRounds, registeredNode, rejectionOf, reservedNode, step } from './testkit.ts'
import type { NodeEvent, NodeState } from './types.ts'

const params = nodeParams()

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}

describe('node machine: registration and qualification', () => {
  it('registers a node with its models, online, and says so', () => {
    const fresh = createNode(NODE, ctxAt(0, params))
    expect(fresh.status.kind).toBe('Unregistered')
    const effects = effectsOf(fresh, { type: 'register', actor: NODE, models: [MODEL, 3] }, 5, params)
    expect(effects[0]).toEqual({ kind: 'emit', event: { name: 'NodeRegistered', args: { node: NODE, models: [MODEL, 3] } } })
    expect(namesOf(effects)).toEqual(['NodeRegistered', 'NodeStatusChanged'])
    const node = registeredNode(params, 5, [MODEL, 3])
    expect(node).toMatchObject({ status: { kind: 'Registered' }, registeredAtMs: 5, online: true, lastPingAtMs: 5, models: [MODEL, 3], statusSeq: 1 })
  })

  it('enters Probation on the first cognitive round and the pool once eligible', () => {
    let node = passRounds(registeredNode(params), 1, 1, 1, params)
    expect(node.status.kind).toBe('Probation')
    node = passRounds(node, 1, 2, 2, params)
    expect(node.status.kind).toBe('Probation')
    const effects = effectsOf(node, { type: 'cognitiveOutcome', roundId: 3, success: true }, 3, params)
    expect(effects).toContainEqual({ kind: 'emit', event: { name: 'NodeStatusChanged', args: { node: NODE, from: 'Probation', to: 'Available' } } })
    expect(availableNode(params).status.kind).toBe('Available')
  })

  it('goes straight from Registered to Available when the first round already qualifies', () => {
    const easy = nodeParams({ 'eligibility.minAttempts': 1, 'eligibility.minConsecutiveSuccesses': 1 })
    expect(passRounds(registeredNode(easy), 1, 1, 1, easy).status.kind).toBe('Available')
  })

  it('reports level changes caused by cognitive rounds', () => {
    const node = passRounds(registeredNode(params), 2, 1, 1, params)
    const effects = effectsOf(node, { type: 'cognitiveOutcome', roundId: 3, success: true }, 3, params)
    expect(effects[0]).toEqual({ kind: 'emit', event: { name: 'NodeLevelChanged', args: { node: NODE, previousLevel: 0, newLevel: 1, reason: 'successStreak' } } })
    expect(step(node, { type: 'cognitiveOutcome', roundId: 3, success: true }, 3, params).reputation.level.level).toBe(1)
  })

  it('keeps an Available node in the pool after failures by default (§3.3)', () => {
    let node = availableNode(params)
    for (let r = 10; r < 20; r++) node = step(node, { type: 'cognitiveOutcome', roundId: r, success: false }, r, params)
    expect(node.status.kind).toBe('Available')
  })

  it("drops an Available node to Probation when its window record fails, with poolExit 'windowFails'", () => {
    const exit = nodeParams({ 'eligibility.poolExit': 'windowFails' })
    let node = availableNode(exit)
    node = step(node, { type: 'cognitiveOutcome', roundId: 10, success: false }, 10, exit) // 3 of 4: still holds
    expect(node.status.kind).toBe('Available')
    node = step(node, { type: 'cognitiveOutcome', roundId: 11, success: false }, 11, exit) // 3 of 5: holds
    node = step(node, { type: 'cognitiveOutcome', roundId: 12, success: false }, 12, exit) // 3 of 6: holds at 0.5
    expect(node.status.kind).toBe('Available')
    node = step(node, { type: 'cognitiveOutcome', roundId: 13, success: false }, 13, exit) // 3 of 7 < 0.5
    expect(node.status.kind).toBe('Probation')
  })

  it('records NodeStats from stat events in any active status', () => {
    const node = step(availableNode(params), { type: 'stat', metric: 'Precommit', success: false }, 20, params)
    expect(getMetricStats(node.reputation, 'Precommit')).toMatchObject({ counter: 1, points: 0 })
    expect(node.status.kind).toBe('Available')
  })
})

describe('node machine: cognitive round duplicates', () => {
  it('refuses an outcome booked twice, also out of order', () => {
    let node = passRounds(registeredNode(params), 1, 5, 1, params)
    expect(rejectionOf(node, { type: 'cognitiveOutcome', roundId: 5, success: true }, 2, params)).toBe('AlreadyActed')
    node = step(node, { type: 'cognitiveOutcome', roundId: 3, success: true }, 2, params) // an older round ending late is new
    expect(rejectionOf(node, { type: 'cognitiveOutcome', roundId: 3, success: false }, 3, params)).toBe('AlreadyActed')
    node = step(node, { type: 'cognitiveOutcome', roundId: 4, success: true }, 3, params)
    expect(node.reputation.cognitive.attempts).toBe(3)
  })

  it('remembers the round just below the newest after a jump, and forgets rounds beyond its memory', () => {
    let node = passRounds(registeredNode(params), 1, 10, 1, params)
    node = step(node, { type: 'cognitiveOutcome', roundId: 42, success: true }, 2, params) // jump of 32
    expect(rejectionOf(node, { type: 'cognitiveOutcome', roundId: 10, success: true }, 3, params)).toBe('AlreadyActed')
    expect(rejectionOf(node, { type: 'cognitiveOutcome', roundId: 9, success: true }, 3, params)).toBe('AlreadyActed')
    expect(rejectionOf(node, { type: 'cognitiveOutcome', roundId: 11, success: true }, 3, params)).toBe('accepted')
    node = step(node, { type: 'cognitiveOutcome', roundId: 100, success: true }, 4, params) // jump beyond memory
    expect(rejectionOf(node, { type: 'cognitiveOutcome', roundId: 99, success: true }, 5, params)).toBe('accepted')
    expect(rejectionOf(node, { type: 'cognitiveOutcome', roundId: 42, success: true }, 5, params)).toBe('AlreadyActed')
  })
})

describe('node machine: ban and unban', () => {
  it('bans from any active status and takes a reserved node out of its session', () => {
    const effects = effectsOf(reservedNode(params, 4), { type: 'ban', actor: OWNER }, 20, params)
    expect(namesOf(effects)).toEqual(['NodeReleased', 'NodeBanned', 'NodeStatusChanged'])
    expect(effects[0]).toMatchObject({ event: { args: { node: NODE, sessionId: 4, reason: 'banned' } } })
    for (const node of [registeredNode(params), availableNode(params), passRounds(registeredNode(params), 1, 1, 1, params)]) {
      expect(step(node, { type: 'ban', actor: OWNER }, 30, params).status.kind).toBe('Banned')
    }
  })

  it('unbans to Probation, keeping the reputation', () => {
    const banned = step(availableNode(params), { type: 'ban', actor: OWNER }, 20, params)
    const node = step(banned, { type: 'unban', actor: OWNER }, 30, params)
    expect(node.status.kind).toBe('Probation')
    expect(node.reputation).toBe(banned.reputation)
    expect(namesOf(effectsOf(banned, { type: 'unban', actor: OWNER }, 30, params))).toEqual(['NodeUnbanned', 'NodeStatusChanged'])
  })
})

describe('node machine: rejections leave the state unchanged', () => {
  const fresh = createNode(NODE, ctxAt(0, params))
  const registered = registeredNode(params)
  const banned = step(availableNode(params), { type: 'ban', actor: OWNER }, 20, params)
  const cases: [string, NodeState, NodeEvent, string][] = [
    ['an event that is not an object', registered, null as never, 'MalformedEvent'],
    ['an unknown event type', registered, { type: 'fly' } as never, 'UnknownEvent'],
    ['any event before registration', fresh, { type: 'ping', actor: NODE }, 'NotRegistered'],
    ['registering twice', registered, { type: 'register', actor: NODE, models: [1] }, 'AlreadyExists'],
    ['registering someone else', fresh, { type: 'register', actor: OTHER, models: [1] }, 'WrongActor'],
    ['registering no models', fresh, { type: 'register', actor: NODE, models: [] }, 'MalformedEvent'],
    ['registering models that are not a list', fresh, { type: 'register', actor: NODE, models: 3 as never }, 'MalformedEvent'],
    ['registering a bad model id', fresh, { type: 'register', actor: NODE, models: [1.5] }, 'MalformedEvent'],
    ['registering a model twice', fresh, { type: 'register', actor: NODE, models: [1, 1] }, 'MalformedEvent'],
    ['registering too many models', fresh, { type: 'register', actor: NODE, models: Array.from({ length: params.node.maxModels + 1 }, (_, i) => i) }, 'MalformedEvent'],
    ['an actor that is not an address', registered, { type: 'ping', actor: 'me' as never }, 'MalformedEvent'],
    ['a ping sent for another node', registered, { type: 'ping', actor: OTHER }, 'WrongActor'],
    ['a bad round id', registered, { type: 'cognitiveOutcome', roundId: -1, success: true }, 'MalformedEvent'],
    ['a non-boolean round outcome', registered, { type: 'cognitiveOutcome', roundId: 1, success: 1 as never }, 'MalformedEvent'],
    ['an unknown metric', registered, { type: 'stat', metric: 'Speed' as never, success: true }, 'MalformedEvent'],
    ['a non-boolean stat', registered, { type: 'stat', metric: 'Ack', success: 'yes' as never }, 'MalformedEvent'],
    ['a bad session id', registered, { type: 'addDedicated', actor: OWNER, sessionId: 1.5 }, 'MalformedEvent'],
    ['a release of a node that is not reserved', registered, { type: 'release', sessionId: 1, reason: 'manual' }, 'WrongPhase'],
    ['an unban of a node that is not banned', registered, { type: 'unban', actor: OWNER }, 'WrongPhase'],
    ['a ping from a banned node', banned, { type: 'ping', actor: NODE }, 'NodeBanned'],
    ['a cognitive outcome for a banned node', banned, { type: 'cognitiveOutcome', roundId: 50, success: true }, 'NodeBanned'],
    ['a second ban', banned, { type: 'ban', actor: OWNER }, 'NodeBanned'],
  ]
  for (const [name, state, event, code] of cases) {
    it(name, () => {
      const frozen = deepFreeze(state)
      const before = JSON.stringify(frozen)
      const r = transitionNode(frozen, event, ctxAt(40, params))
      expect(r.ok ? 'accepted' : r.code).toBe(code)
      expect(JSON.stringify(frozen)).toBe(before)
    })
  }
})

describe('node table', () => {
  it('gives every status at least one way out or on, and Banned only unban and removeDedicated', () => {
    for (const status of NODE_TABLE.statuses) expect(NODE_TABLE.rows.some((r) => r.from === status)).toBe(true)
    expect(NODE_TABLE.rows.filter((r) => r.from === 'Banned').map((r) => r.event).sort()).toEqual(['removeDedicated', 'unban'])
  })

  it('lets ban reach Banned from every registered status except Banned itself', () => {
    const from = NODE_TABLE.rows.filter((r) => r.event === 'ban').map((r) => r.from).sort()
    expect(from).toEqual(['Available', 'PendingRevalidation', 'Probation', 'Registered', 'Reserved'])
  })
})

describe('node handlers: broken assumptions are bugs, not rejections', () => {
  it('throws when a handler is reached in a status the table excludes', () => {
    const banned = step(availableNode(params), { type: 'ban', actor: OWNER }, 20, params)
    expect(() => processCognitiveOutcome(banned, 60, true, ctxAt(30, params))).toThrow(ProtocolAssertionError)
    expect(() => processRelease(registeredNode(params), { type: 'release', sessionId: 1, reason: 'manual' }, ctxAt(30, params))).toThrow(ProtocolAssertionError)
  })

  it('throws on a release reason that validation should have refused', () => {
    expect(() => processRelease(reservedNode(params), { type: 'release', sessionId: 1, reason: 'later' as never }, ctxAt(30, params))).toThrow(ProtocolAssertionError)
  })
})

describe('node machine: hostile input', () => {
  it('refuses metric names that exist on every object', () => {
    const node = registeredNode(params)
    for (const metric of ['toString', 'constructor', '__proto__']) {
      expect(rejectionOf(node, { type: 'stat', metric: metric as never, success: true }, 1, params)).toBe('MalformedEvent')
    }
  })
})
