/**
 * The user-session machine (SessionV2): Created → Ready ⇄ Created → Deactivated.
 *
 * A session is Ready while its ephemeral plus dedicated nodes number at least minNumOfNodes (the
 * health rule Cortensor's apps use, §4.2), and only a Ready session accepts tasks. The owner
 * manages routers, dedicated nodes, the config and ownership; the pool assigns and releases
 * ephemeral nodes (the caller checks that such an actor really is the pool or the node itself,
 * as it checks oracle leadership for tasks). Deactivation is terminal: every node is released
 * and the host refunds what the payments ledger still holds for the session.
 */
import type { Ctx } from '../core/context.ts'
import { emit, type Effect } from '../core/effects.ts'
import { assertMove, checkAllowed } from '../core/machine.ts'
import { accept, assertNever, reject, type Transition } from '../core/result.ts'
import { isAddress, type Address } from '../core/types.ts'
import { checkStringField } from '../core/bytes.ts'
import { checkSessionConfig, computeUpdatedConfig } from './config.ts'
import { processAddDedicatedNode, processAssignNodes, processReleaseNode, processRemoveDedicatedNode, without } from './nodes.ts'
import { findRouter, sessionKey, settleStatus } from './state.ts'
import { processSubmit } from './submit.ts'
import { SESSION_TABLE } from './table.ts'
import type { NewSession, SessionConfig, SessionEvent, SessionEventType, SessionState, SessionUpdate } from './types.ts'

const ZERO_ADDRESS: Address = `0x${'0'.repeat(40)}`

/** Events only the session's owner may send. */
const OWNER_EVENTS: ReadonlySet<SessionEventType> = new Set<SessionEventType>([
  'addRouter',
  'removeRouter',
  'addDedicatedNode',
  'removeDedicatedNode',
  'update',
  'updateOwner',
  'deactivate',
])

/** A new session in status Created and its `SessionCreated` event, or `InvalidSessionConfig` naming the bad field. */
export function createSession(input: NewSession, ctx: Ctx): Transition<SessionState> {
  if (!Number.isSafeInteger(input.sessionId) || input.sessionId < 0) {
    return reject('InvalidSessionConfig', `session config: sessionId ${String(input.sessionId)} is not a non-negative integer`)
  }
  if (!isAddress(input.owner) || input.owner === ZERO_ADDRESS) {
    return reject('InvalidSessionConfig', `session config: owner ${String(input.owner)} is not a non-zero lower-case address`)
  }
  // Copy field by field so nothing but the config (no sessionId, owner or stray keys) lands in it.
  const config: SessionConfig = {
    name: input.name,
    metadata: input.metadata,
    variableAddress: input.variableAddress,
    minNumOfNodes: input.minNumOfNodes,
    maxNumOfNodes: input.maxNumOfNodes,
    redundant: input.redundant,
    numOfValidatorNodes: input.numOfValidatorNodes,
    mode: input.mode,
    reserveEphemeralNodes: input.reserveEphemeralNodes,
    sla: input.sla,
    modelIdentifier: input.modelIdentifier,
    reservePeriodMs: input.reservePeriodMs,
    maxTaskExecutionCount: input.maxTaskExecutionCount,
  }
  const invalid = checkSessionConfig(config, ctx.params)
  if (invalid) return invalid
  const state: SessionState = {
    sessionId: input.sessionId,
    status: 'Created',
    owner: input.owner,
    config,
    ephemeralNodes: [],
    dedicatedNodes: [],
    routers: [],
    nextTaskId: 0,
    createdAtMs: ctx.nowMs,
    updatedAtMs: ctx.nowMs,
    deactivatedAtMs: null,
  }
  return accept(state, [emit('SessionCreated', { sessionId: input.sessionId, owner: input.owner, miners: [] })])
}

/** Applies one event to one session. */
export function transitionSession(state: SessionState, event: SessionEvent, ctx: Ctx): Transition<SessionState> {
  const key = sessionKey(state.sessionId)
  if (state.status === 'Deactivated') return reject('SessionInactive', `${key}: deactivated, '${event.type}' is not possible`)
  const notAllowed = checkAllowed(SESSION_TABLE, state.status, event.type)
  if (notAllowed) return notAllowed
  if (!isAddress(event.actor)) return reject('MalformedEvent', `${key}: actor ${String(event.actor)} is not an address`)
  if (OWNER_EVENTS.has(event.type) && event.actor !== state.owner) {
    return reject('NotOwner', `${key}: '${event.type}' needs the owner ${state.owner}, not ${event.actor}`)
  }
  const result = dispatch(state, event, ctx)
  if (result.ok) assertMove(SESSION_TABLE, state.status, event.type, result.state.status)
  return result
}

function dispatch(state: SessionState, event: SessionEvent, ctx: Ctx): Transition<SessionState> {
  switch (event.type) {
    case 'addRouter':
      return processAddRouter(state, event.router, event.metadata, ctx)
    case 'removeRouter':
      return processRemoveRouter(state, event.router, ctx)
    case 'assignNodes':
      return processAssignNodes(state, event.nodes, ctx)
    case 'releaseNode':
      return processReleaseNode(state, event.node, ctx)
    case 'addDedicatedNode':
      return processAddDedicatedNode(state, event.node, ctx)
    case 'removeDedicatedNode':
      return processRemoveDedicatedNode(state, event.node, ctx)
    case 'submit':
      return processSubmit(state, event.actor, event, ctx)
    case 'update':
      return processUpdate(state, event.actor, event, ctx)
    case 'updateOwner':
      return processUpdateOwner(state, event.newOwner, ctx)
    case 'deactivate':
      return processDeactivate(state, event.actor, ctx)
    default:
      return assertNever(event, 'session event')
  }
}

// ---- routers -----------------------------------------------------------------------------------

function processAddRouter(state: SessionState, router: Address, metadata: string, ctx: Ctx): Transition<SessionState> {
  const key = sessionKey(state.sessionId)
  if (!isAddress(router)) return reject('MalformedEvent', `${key}: router ${String(router)} is not an address`)
  const badMetadata = checkStringField('router metadata', metadata, ctx.params.session.maxRouterMetadataBytes)
  if (badMetadata !== undefined) return reject('MalformedEvent', `${key}: ${badMetadata}`)
  if (findRouter(state, router) >= 0) return reject('AlreadyExists', `${key}: router ${router} is already registered`)
  if (state.routers.length >= ctx.params.session.maxRouters) {
    return reject('LimitExceeded', `${key}: already has ${state.routers.length} routers (session.maxRouters)`)
  }
  const next: SessionState = { ...state, routers: [...state.routers, { address: router, metadata }], updatedAtMs: ctx.nowMs }
  return accept(next, [emit('RouterAdded', { sessionId: state.sessionId, router, metadata })])
}

function processRemoveRouter(state: SessionState, router: Address, ctx: Ctx): Transition<SessionState> {
  const index = findRouter(state, router)
  if (index < 0) return reject('NotRouter', `${sessionKey(state.sessionId)}: ${String(router)} is not a registered router`)
  const next: SessionState = { ...state, routers: without(state.routers, index), updatedAtMs: ctx.nowMs }
  return accept(next, [emit('RouterRemoved', { sessionId: state.sessionId, router })])
}

// ---- config, ownership, end ----------------------------------------------------------------------

function processUpdate(state: SessionState, actor: Address, update: SessionUpdate, ctx: Ctx): Transition<SessionState> {
  const config = computeUpdatedConfig(state, update, ctx.params)
  if ('ok' in config) return config
  const next = settleStatus({ ...state, config }, ctx.nowMs)
  return accept(next, [
    emit('SessionUpdated', {
      sessionId: state.sessionId,
      updater: actor,
      minNumOfNodes: config.minNumOfNodes,
      maxNumOfNodes: config.maxNumOfNodes,
      redundant: config.redundant,
    }),
  ])
}

function processUpdateOwner(state: SessionState, newOwner: Address, ctx: Ctx): Transition<SessionState> {
  if (!isAddress(newOwner) || newOwner === ZERO_ADDRESS) {
    return reject('MalformedEvent', `${sessionKey(state.sessionId)}: new owner ${String(newOwner)} is not a non-zero lower-case address`)
  }
  const next: SessionState = { ...state, owner: newOwner, updatedAtMs: ctx.nowMs }
  return accept(next, [emit('SessionOwnerUpdated', { sessionId: state.sessionId, previousOwner: state.owner, newOwner })])
}

/** Releases every node (one `NodeReleased` each, ephemeral first) and ends the session. */
function processDeactivate(state: SessionState, actor: Address, ctx: Ctx): Transition<SessionState> {
  const released = [...state.ephemeralNodes, ...state.dedicatedNodes]
  const effects: Effect[] = released.map((node) => emit('NodeReleased', { node, sessionId: state.sessionId }))
  effects.push(emit('SessionDeactivated', { sessionId: state.sessionId, deactivator: actor, nodes: released }))
  const next: SessionState = {
    ...state,
    status: 'Deactivated',
    ephemeralNodes: [],
    dedicatedNodes: [],
    updatedAtMs: ctx.nowMs,
    deactivatedAtMs: ctx.nowMs,
  }
  return accept(next, effects)
}
