/**
 * Checks that come before any node transition: is the event known, is it allowed in the node's
 * status (with the specific code a caller can act on), and is it well formed. Events may come
 * from JSON (vectors, traces), so every field is checked for its type.
 */
import { METRICS } from '../core/effects.ts'
import { checkAllowed } from '../core/machine.ts'
import { reject, type Rejection } from '../core/result.ts'
import { isAddress, isNonNegativeInteger } from '../core/types.ts'
import type { Params } from '../params/spec.ts'
import { NODE_TABLE } from './table.ts'
import { NODE_EVENT_TYPES, RELEASE_REASONS, type NodeEvent, type NodeState } from './types.ts'

/** An `UnknownEvent`/`MalformedEvent` rejection when `event` is not a node event at all. */
export function checkEventKnown(event: unknown): Rejection | undefined {
  if (event === null || typeof event !== 'object') return reject('MalformedEvent', `node event must be an object, got ${String(event)}`)
  const type = (event as { type?: unknown }).type
  if (!NODE_EVENT_TYPES.includes(type as NodeEvent['type'])) return reject('UnknownEvent', `unknown node event type ${String(type)}`)
  return undefined
}

/**
 * The table's verdict on `event` in the node's status. A miss is `WrongPhase`, except where a
 * more telling code exists: nothing but `register` reaches an unregistered node (NotRegistered),
 * a banned node takes only unban/removeDedicated (NodeBanned), registering twice is
 * AlreadyExists, and reserving a node outside the pool is NodeReserved or NodeNotAvailable.
 */
export function checkEventAllowed(state: NodeState, event: NodeEvent): Rejection | undefined {
  const from = state.status.kind
  const denied = checkAllowed(NODE_TABLE, from, event.type)
  if (denied === undefined) return undefined
  const who = state.address
  if (from === 'Unregistered') return reject('NotRegistered', `node ${who} is not registered ('${event.type}' needs registration)`)
  if (from === 'Banned') return reject('NodeBanned', `node ${who} is banned ('${event.type}' is not allowed)`)
  if (event.type === 'register') return reject('AlreadyExists', `node ${who} is already registered (${from})`)
  const s = state.status
  if (event.type === 'reserve' && s.kind === 'Reserved') return reject('NodeReserved', `node ${who} is already reserved by session ${s.sessionId}`)
  if (event.type === 'reserve') return reject('NodeNotAvailable', `node ${who} is ${from}, not in the pool`)
  return denied
}

/** A `MalformedEvent` rejection naming the first bad field, or undefined for a well-formed event. */
export function checkEventShape(state: NodeState, event: NodeEvent, params: Params): Rejection | undefined {
  // Built as plain checks with no closures: this runs for every stat and ping of every node.
  // The node's own address is known good; only other actors pay for the pattern check.
  if ('actor' in event && event.actor !== state.address && !isAddress(event.actor)) return malformed(state, event, `actor ${String(event.actor)} is not an address`)
  if ('sessionId' in event && !isNonNegativeInteger(event.sessionId)) {
    return malformed(state, event, `sessionId ${String(event.sessionId)} is not a non-negative integer`)
  }
  switch (event.type) {
    case 'register':
      return checkModels(state, event, params.node.maxModels)
    case 'cognitiveOutcome':
      if (!isNonNegativeInteger(event.roundId)) return malformed(state, event, `roundId ${String(event.roundId)} is not a non-negative integer`)
      return checkSuccessFlag(state, event, event.success)
    case 'stat':
      if (!METRICS.includes(event.metric)) return malformed(state, event, `metric ${String(event.metric)} is not one of ${METRICS.join(', ')}`)
      return checkSuccessFlag(state, event, event.success)
    case 'reserve':
      return checkReservationTerms(state, event, params)
    case 'release':
      return RELEASE_REASONS.includes(event.reason) ? undefined : malformed(state, event, `reason ${String(event.reason)} is not one of ${RELEASE_REASONS.join(', ')}`)
    default:
      // ping, checkLiveness, taskExecuted, ban, unban, addDedicated, removeDedicated: actor and
      // sessionId, checked above, are all they carry.
      return undefined
  }
}

function malformed(state: NodeState, event: NodeEvent, what: string): Rejection {
  return reject('MalformedEvent', `node ${state.address}: ${event.type} ${what}`)
}

function checkSuccessFlag(state: NodeState, event: NodeEvent, success: unknown): Rejection | undefined {
  return typeof success === 'boolean' ? undefined : malformed(state, event, `success ${String(success)} is not a boolean`)
}

function checkModels(state: NodeState, event: Extract<NodeEvent, { type: 'register' }>, maxModels: number): Rejection | undefined {
  const models: unknown = event.models
  if (!Array.isArray(models)) return malformed(state, event, 'models must be a list of model ids')
  if (models.length === 0) return malformed(state, event, 'models must name at least one model')
  if (models.length > maxModels) return malformed(state, event, `declares ${models.length} models, at most node.maxModels = ${maxModels}`)
  for (let i = 0; i < models.length; i++) {
    if (!isNonNegativeInteger(models[i])) return malformed(state, event, `model id ${String(models[i])} is not a non-negative integer`)
    if (models.indexOf(models[i]) !== i) return malformed(state, event, `model id ${String(models[i])} appears twice`)
  }
  return undefined
}

function checkReservationTerms(state: NodeState, event: Extract<NodeEvent, { type: 'reserve' }>, params: Params): Rejection | undefined {
  const periodMs: unknown = event.reservePeriodMs
  const maxTasks: unknown = event.maxTaskExecutionCount
  if (!isNonNegativeInteger(periodMs) || periodMs === 0) return malformed(state, event, `reservePeriodMs ${String(periodMs)} is not a positive integer`)
  if (!isNonNegativeInteger(maxTasks) || maxTasks === 0) return malformed(state, event, `maxTaskExecutionCount ${String(maxTasks)} is not a positive integer`)
  const s = params.session
  if (periodMs > s.maxReservePeriodMs) return reject('InvalidSessionConfig', `reservePeriodMs ${periodMs} exceeds session.maxReservePeriodMs ${s.maxReservePeriodMs}`)
  if (maxTasks > s.maxTaskExecutionCountCap) {
    return reject('InvalidSessionConfig', `maxTaskExecutionCount ${maxTasks} exceeds session.maxTaskExecutionCountCap ${s.maxTaskExecutionCountCap}`)
  }
  return undefined
}
