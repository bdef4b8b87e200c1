// Goal: reservation and release (§15.11) — reserve from the pool with a release timer, count tasks,
// release when due under both release rules, re-validate before the pool, and the dedicated-session
// track. Method: drive a pooled node through reserve/taskExecuted/release at explicit times and
// check the status, timers, emitted events and each rejection code.
import { describe, expect, it } from 'vitest'
import { OWNER } from '../testing/fixtures.ts'
import { getDueReleaseReason, isReleaseDue } from './reservation.ts'
import { isNodeTimerCurrent } from './state.ts'
import { MODEL, NODE, availableNode, effectsOf, namesOf, nodeParams, passRounds, registeredNode, rejectionOf, reservedNode, step } from './testkit.ts'

const params = nodeParams()
const PING = params.node.pingIntervalMs

describe('reserve', () => {
  it('reserves an Available node for one session and schedules the end of the period', () => {
    const node = availableNode(params)
    const effects = effectsOf(node, { type: 'reserve', sessionId: 4, reservePeriodMs: 1000, maxTaskExecutionCount: 2 }, 10, params)
    expect(namesOf(effects)).toEqual(['NodeStatusChanged', 'NodeReserved', 'schedule'])
    expect(effects[1]).toMatchObject({ event: { args: { node: NODE, sessionId: 4, reservedAtMs: 10, reservePeriodMs: 1000, maxTaskExecutionCount: 2 } } })
    const reserved = reservedNode(params, 4)
    expect(effects[2]).toEqual({ kind: 'schedule', timer: { machine: 'node', key: NODE, phase: 'Reserved', seq: reserved.statusSeq }, atMs: 1010 })
    expect(reserved.status).toEqual({ kind: 'Reserved', sessionId: 4, reservedAtMs: 10, tasksExecuted: 0, reservePeriodMs: 1000, maxTaskExecutionCount: 2 })
  })

  it('refuses nodes outside the pool with the code that says why', () => {
    expect(rejectionOf(reservedNode(params), { type: 'reserve', sessionId: 2, reservePeriodMs: 10, maxTaskExecutionCount: 1 }, 20, params)).toBe('NodeReserved')
    const probation = passRounds(registeredNode(params), 1, 1, 1, params)
    expect(rejectionOf(probation, { type: 'reserve', sessionId: 2, reservePeriodMs: 10, maxTaskExecutionCount: 1 }, 20, params)).toBe('NodeNotAvailable')
    expect(rejectionOf(availableNode(params), { type: 'reserve', sessionId: 2, reservePeriodMs: 10, maxTaskExecutionCount: 1 }, 3 * PING + 3, params)).toBe('NodeOffline')
  })

  it('refuses malformed and out-of-cap reservation terms', () => {
    const node = availableNode(params)
    const at = (reservePeriodMs: number, maxTaskExecutionCount: number): string =>
      rejectionOf(node, { type: 'reserve', sessionId: 1, reservePeriodMs, maxTaskExecutionCount }, 10, params)
    expect(at(0, 1)).toBe('MalformedEvent')
    expect(at(10, 0)).toBe('MalformedEvent')
    expect(at(params.session.maxReservePeriodMs + 1, 1)).toBe('InvalidSessionConfig')
    expect(at(10, params.session.maxTaskExecutionCountCap + 1)).toBe('InvalidSessionConfig')
    expect(at(params.session.maxReservePeriodMs, params.session.maxTaskExecutionCountCap)).toBe('accepted')
  })
})

describe('tasks and release', () => {
  it('counts tasks and wakes the host at once when the count is reached (firstOf)', () => {
    let node = reservedNode(params, 1, 1000, 2)
    expect(effectsOf(node, { type: 'taskExecuted', sessionId: 1 }, 20, params)).toEqual([])
    node = step(node, { type: 'taskExecuted', sessionId: 1 }, 20, params)
    expect(getDueReleaseReason(node, 30, params)).toBeNull()
    expect(effectsOf(node, { type: 'taskExecuted', sessionId: 1 }, 30, params)).toEqual([
      { kind: 'schedule', timer: { machine: 'node', key: NODE, phase: 'Reserved', seq: node.statusSeq }, atMs: 30 },
    ])
    node = step(node, { type: 'taskExecuted', sessionId: 1 }, 30, params)
    expect(getDueReleaseReason(node, 30, params)).toBe('taskCount')
    expect(effectsOf(node, { type: 'taskExecuted', sessionId: 1 }, 40, params)).toEqual([]) // past the count: no second wake-up
  })

  it('releases on task count to PendingRevalidation, with NodeReleased', () => {
    let node = reservedNode(params, 1, 1000, 1)
    node = step(node, { type: 'taskExecuted', sessionId: 1 }, 20, params)
    const effects = effectsOf(node, { type: 'release', sessionId: 1, reason: 'taskCount' }, 21, params)
    expect(effects).toContainEqual({ kind: 'emit', event: { name: 'NodeReleased', args: { node: NODE, sessionId: 1, reason: 'taskCount', tasksExecuted: 1 } } })
    expect(step(node, { type: 'release', sessionId: 1, reason: 'taskCount' }, 21, params).status).toEqual({ kind: 'PendingRevalidation', releasedAtMs: 21, passedRounds: 0 })
  })

  it('refuses a release that is not due, and the task count under periodOnly', () => {
    const node = reservedNode(params, 1, 1000, 1)
    expect(rejectionOf(node, { type: 'release', sessionId: 1, reason: 'period' }, 1009, params)).toBe('PhaseNotOver')
    expect(rejectionOf(node, { type: 'release', sessionId: 1, reason: 'period' }, 1010, params)).toBe('accepted')
    expect(rejectionOf(node, { type: 'release', sessionId: 1, reason: 'taskCount' }, 20, params)).toBe('PhaseNotOver')
    const periodOnly = nodeParams({ 'session.releaseRule': 'periodOnly' })
    const done = step(reservedNode(periodOnly, 1, 1000, 1), { type: 'taskExecuted', sessionId: 1 }, 20, periodOnly)
    expect(getDueReleaseReason(done, 20, periodOnly)).toBeNull()
    expect(effectsOf(reservedNode(periodOnly, 1, 1000, 1), { type: 'taskExecuted', sessionId: 1 }, 20, periodOnly)).toEqual([])
    expect(rejectionOf(done, { type: 'release', sessionId: 1, reason: 'taskCount' }, 20, periodOnly)).toBe('PhaseNotOver')
    expect(getDueReleaseReason(done, 1010, periodOnly)).toBe('period')
  })

  it('always allows deactivation and manual release', () => {
    const node = reservedNode(params)
    expect(rejectionOf(node, { type: 'release', sessionId: 1, reason: 'deactivated' }, 11, params)).toBe('accepted')
    expect(rejectionOf(node, { type: 'release', sessionId: 1, reason: 'manual' }, 11, params)).toBe('accepted')
    expect(rejectionOf(node, { type: 'release', sessionId: 1, reason: 'later' as never }, 11, params)).toBe('MalformedEvent')
  })

  it('refuses tasks and releases of another session', () => {
    const node = reservedNode(params, 1)
    expect(rejectionOf(node, { type: 'taskExecuted', sessionId: 2 }, 20, params)).toBe('WrongSession')
    expect(rejectionOf(node, { type: 'release', sessionId: 2, reason: 'manual' }, 20, params)).toBe('WrongSession')
    expect(rejectionOf(availableNode(params), { type: 'taskExecuted', sessionId: 1 }, 20, params)).toBe('WrongSession')
  })

  it('goes straight back to the pool when no re-validation is required', () => {
    const quick = nodeParams({ 'eligibility.revalidationRounds': 0 })
    expect(step(reservedNode(quick), { type: 'release', sessionId: 1, reason: 'manual' }, 20, quick).status.kind).toBe('Available')
  })

  it('knows whether a node timer is still about the current reservation', () => {
    const node = reservedNode(params)
    expect(isNodeTimerCurrent(node, 'Reserved', node.statusSeq)).toBe(true)
    expect(isReleaseDue(node, 1010, params)).toBe(true)
    const released = step(node, { type: 'release', sessionId: 1, reason: 'manual' }, 20, params)
    expect(isNodeTimerCurrent(released, 'Reserved', node.statusSeq)).toBe(false)
    expect(isReleaseDue(released, 5000, params)).toBe(false)
  })
})

describe('re-validation', () => {
  const twice = nodeParams({ 'eligibility.revalidationRounds': 2 })
  const released = step(reservedNode(twice), { type: 'release', sessionId: 1, reason: 'manual' }, 20, twice)

  it('returns to the pool after the required successful rounds', () => {
    let node = step(released, { type: 'cognitiveOutcome', roundId: 10, success: true }, 30, twice)
    expect(node.status).toEqual({ kind: 'PendingRevalidation', releasedAtMs: 20, passedRounds: 1 })
    expect(node.statusSeq).toBe(released.statusSeq)
    node = step(node, { type: 'cognitiveOutcome', roundId: 11, success: true }, 31, twice)
    expect(node.status.kind).toBe('Available')
  })

  it('falls back to Probation on a failed round', () => {
    expect(step(released, { type: 'cognitiveOutcome', roundId: 10, success: false }, 30, twice).status.kind).toBe('Probation')
  })

  it('keeps a reserved node reserved through its cognitive rounds', () => {
    expect(step(reservedNode(params), { type: 'cognitiveOutcome', roundId: 10, success: false }, 30, params).status.kind).toBe('Reserved')
  })
})

describe('dedicated sessions', () => {
  it('attaches and detaches sessions, with events naming the owner', () => {
    const node = registeredNode(params)
    const effects = effectsOf(node, { type: 'addDedicated', actor: OWNER, sessionId: 9 }, 5, params)
    expect(effects).toEqual([{ kind: 'emit', event: { name: 'DedicatedNodeAdded', args: { node: NODE, sessionId: 9, actor: OWNER } } }])
    const attached = step(node, { type: 'addDedicated', actor: OWNER, sessionId: 9 }, 5, params)
    expect(attached.dedicatedSessions).toEqual([9])
    expect(attached.status.kind).toBe('Registered')
    const detached = step(attached, { type: 'removeDedicated', actor: OWNER, sessionId: 9 }, 6, params)
    expect(detached.dedicatedSessions).toEqual([])
  })

  it('refuses duplicates, unknown sessions and more than the cap', () => {
    const capped = nodeParams({ 'node.maxDedicatedSessions': 1 })
    const node = step(registeredNode(capped), { type: 'addDedicated', actor: OWNER, sessionId: 9 }, 5, capped)
    expect(rejectionOf(node, { type: 'addDedicated', actor: OWNER, sessionId: 9 }, 6, capped)).toBe('AlreadyExists')
    expect(rejectionOf(node, { type: 'addDedicated', actor: OWNER, sessionId: 10 }, 6, capped)).toBe('LimitExceeded')
    expect(rejectionOf(node, { type: 'removeDedicated', actor: OWNER, sessionId: 10 }, 6, capped)).toBe('UnknownSession')
  })

  it('accepts tasks of a dedicated session without touching a reservation', () => {
    let node = step(availableNode(params), { type: 'addDedicated', actor: OWNER, sessionId: 9 }, 5, params)
    expect(step(node, { type: 'taskExecuted', sessionId: 9 }, 6, params)).toBe(node)
    node = step(node, { type: 'reserve', sessionId: 1, reservePeriodMs: 100, maxTaskExecutionCount: 1 }, 7, params)
    const after = step(node, { type: 'taskExecuted', sessionId: 9 }, 8, params)
    expect(after.status).toMatchObject({ kind: 'Reserved', tasksExecuted: 0 })
  })

  it('lets owners detach a banned node but not attach one', () => {
    const node = step(registeredNode(params), { type: 'addDedicated', actor: OWNER, sessionId: 9 }, 5, params)
    const banned = step(node, { type: 'ban', actor: OWNER }, 6, params)
    expect(rejectionOf(banned, { type: 'addDedicated', actor: OWNER, sessionId: 10 }, 7, params)).toBe('NodeBanned')
    expect(step(banned, { type: 'removeDedicated', actor: OWNER, sessionId: 9 }, 7, params).dedicatedSessions).toEqual([])
  })

  it('keeps serving the declared models', () => {
    expect(registeredNode(params).models).toEqual([MODEL])
  })
})
