/**
 * Ephemeral reservations (§3.1 steps 5–6, §15.11). A session reserves an Available node for
 * `reservePeriodMs` and at most `maxTaskExecutionCount` tasks; a node belongs to at most one
 * session at a time (`nodeToSessionId`). Release is due at the first of period elapsed and task
 * count reached (`session.releaseRule = 'firstOf'`) or at the period only ('periodOnly');
 * deactivation of the session and manual release are always allowed. A released node re-validates
 * (`eligibility.revalidationRounds` cognitive rounds) before it returns to the pool.
 *
 * The node asks to be woken when a release falls due: `reserve` schedules a node timer at the
 * end of the period, and the task that reaches the count schedules one at once. On a node timer
 * the host checks `isNodeTimerCurrent` and `getDueReleaseReason` and, if due, sends `release`.
 */
import type { Ctx } from '../core/context.ts'
import { emit, schedule, type Effect } from '../core/effects.ts'
import { accept, assertNever, ProtocolAssertionError, reject, type Transition } from '../core/result.ts'
import type { Ms, SessionId } from '../core/types.ts'
import type { Params } from '../params/spec.ts'
import { isOnlineAt } from './liveness.ts'
import { AVAILABLE, moveTo, nodeTimer, updateNode } from './state.ts'
import type { NodeEvent, NodeState, NodeStatus, ReleaseReason } from './types.ts'

type Reserved = Extract<NodeStatus, { kind: 'Reserved' }>

/** The reason a release is due at `nowMs`, or null (also for a node that is not reserved). */
export function getDueReleaseReason(state: NodeState, nowMs: Ms, params: Params): 'period' | 'taskCount' | null {
  const s = state.status
  if (s.kind !== 'Reserved') return null
  if (nowMs >= s.reservedAtMs + s.reservePeriodMs) return 'period'
  if (params.session.releaseRule === 'firstOf' && s.tasksExecuted >= s.maxTaskExecutionCount) return 'taskCount'
  return null
}

export function isReleaseDue(state: NodeState, nowMs: Ms, params: Params): boolean {
  return getDueReleaseReason(state, nowMs, params) !== null
}

export function processReserve(state: NodeState, event: Extract<NodeEvent, { type: 'reserve' }>, ctx: Ctx): Transition<NodeState> {
  if (!isOnlineAt(state, ctx.nowMs, ctx.params)) return reject('NodeOffline', `node ${state.address} is offline and cannot be reserved`)
  const status: Reserved = {
    kind: 'Reserved',
    sessionId: event.sessionId,
    reservedAtMs: ctx.nowMs,
    tasksExecuted: 0,
    reservePeriodMs: event.reservePeriodMs,
    maxTaskExecutionCount: event.maxTaskExecutionCount,
  }
  const effects: Effect[] = []
  const next = moveTo(state, status, ctx.nowMs, effects)
  effects.push(
    emit('NodeReserved', {
      node: state.address,
      sessionId: event.sessionId,
      reservedAtMs: ctx.nowMs,
      reservePeriodMs: event.reservePeriodMs,
      maxTaskExecutionCount: event.maxTaskExecutionCount,
    }),
    schedule(nodeTimer(next), ctx.nowMs + event.reservePeriodMs),
  )
  return accept(next, effects)
}

/**
 * One user task of `sessionId` finished on this node. It counts against the reservation of that
 * session; for a session the node is dedicated to it is accepted and changes nothing. Any other
 * session is `WrongSession` — hosts see this for a task that ends after its node was released.
 */
export function processTaskExecuted(state: NodeState, sessionId: SessionId, ctx: Ctx): Transition<NodeState> {
  const s = state.status
  if (s.kind === 'Reserved' && s.sessionId === sessionId) {
    const tasksExecuted = s.tasksExecuted + 1
    const status: Reserved = {
      kind: 'Reserved',
      sessionId: s.sessionId,
      reservedAtMs: s.reservedAtMs,
      tasksExecuted,
      reservePeriodMs: s.reservePeriodMs,
      maxTaskExecutionCount: s.maxTaskExecutionCount,
    }
    const next = updateNode(state, { status }, ctx.nowMs)
    // Reaching the count makes the release due now: wake the host at once (only the first time).
    const due = ctx.params.session.releaseRule === 'firstOf' && tasksExecuted === s.maxTaskExecutionCount
    return accept(next, due ? [schedule(nodeTimer(next), ctx.nowMs)] : [])
  }
  if (state.dedicatedSessions.includes(sessionId)) return accept(state)
  const holder = s.kind === 'Reserved' ? `reserved by session ${s.sessionId}` : s.kind
  return reject('WrongSession', `node ${state.address} ran a task of session ${sessionId} but is ${holder} and not dedicated to it`)
}

export function processRelease(state: NodeState, event: Extract<NodeEvent, { type: 'release' }>, ctx: Ctx): Transition<NodeState> {
  const s = state.status
  if (s.kind !== 'Reserved') throw new ProtocolAssertionError(`release reached node ${state.address} in status ${s.kind}`)
  if (s.sessionId !== event.sessionId) {
    return reject('WrongSession', `node ${state.address} is reserved by session ${s.sessionId}, not ${event.sessionId}`)
  }
  const notDue = checkReleaseDue(s, event.reason, ctx)
  if (notDue) return notDue
  const effects: Effect[] = []
  const target: NodeStatus =
    ctx.params.eligibility.revalidationRounds === 0 ? AVAILABLE : { kind: 'PendingRevalidation', releasedAtMs: ctx.nowMs, passedRounds: 0 }
  const next = moveTo(state, target, ctx.nowMs, effects)
  effects.push(emit('NodeReleased', { node: state.address, sessionId: s.sessionId, reason: event.reason, tasksExecuted: s.tasksExecuted }))
  return accept(next, effects)
}

/** A `PhaseNotOver` rejection when `reason` does not hold yet, else undefined. */
function checkReleaseDue(s: Reserved, reason: ReleaseReason, ctx: Ctx): Transition<NodeState> | undefined {
  switch (reason) {
    case 'period': {
      const endMs = s.reservedAtMs + s.reservePeriodMs
      return ctx.nowMs >= endMs ? undefined : reject('PhaseNotOver', `reservation of session ${s.sessionId} runs until ${endMs} ms, now ${ctx.nowMs} ms`)
    }
    case 'taskCount':
      if (ctx.params.session.releaseRule !== 'firstOf') {
        return reject('PhaseNotOver', `session.releaseRule is ${ctx.params.session.releaseRule}: the task count does not release a node`)
      }
      return s.tasksExecuted >= s.maxTaskExecutionCount
        ? undefined
        : reject('PhaseNotOver', `node ran ${s.tasksExecuted} of ${s.maxTaskExecutionCount} tasks for session ${s.sessionId}`)
    case 'deactivated':
    case 'manual':
      return undefined
    default:
      return assertNever(reason, 'release reason')
  }
}
