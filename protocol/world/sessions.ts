/** Session commands: creation, money, and the session events that also move nodes or tasks. */
import type { Ctx } from '../core/context.ts'
import { reject, type Rejection } from '../core/result.ts'
import { isAddress, type Address, type SessionId } from '../core/types.ts'
import { checkSelectable } from '../node/selection.ts'
import { getNodeAccount } from '../payments/accounts.ts'
import { createSessionAccount } from '../payments/accounts.ts'
import { depositToSession, transferSessionAccount, withdrawSessionBalance } from '../payments/session.ts'
import { createSession, transitionSession } from '../session/machine.ts'
import type { SessionEvent, SessionState } from '../session/types.ts'
import { applyNodeEvent, getNode } from './nodes.ts'
import { authorizeOracle } from './oracles.ts'
import { pushExternal, routeEffects } from './route.ts'
import type { Tx } from './tx.ts'
import type { WorldCommand } from './types.ts'

type SessionCommand = Extract<WorldCommand, { type: 'createSession' | 'depositToSession' | 'withdrawSessionBalance' | 'session' }>

export function getSession(tx: Tx, sessionId: SessionId): SessionState | Rejection {
  const s = tx.sessions.get(sessionId)
  return s ?? reject('UnknownSession', `session ${String(sessionId)} does not exist`)
}

export function applySessionCommand(tx: Tx, cmd: SessionCommand, ctx: Ctx): Rejection | undefined {
  switch (cmd.type) {
    case 'createSession':
      return applyCreate(tx, cmd.actor, cmd.config, ctx)
    case 'depositToSession':
    case 'withdrawSessionBalance':
      return applyMoney(tx, cmd)
    case 'session':
      return applySessionEvent(tx, cmd.sessionId, cmd.event, ctx)
  }
}

function applyCreate(tx: Tx, owner: Address, config: Extract<SessionCommand, { type: 'createSession' }>['config'], ctx: Ctx): Rejection | undefined {
  if (config === null || typeof config !== 'object') return reject('MalformedEvent', 'createSession: config must be an object')
  const sessionId = tx.nextSessionId
  const r = createSession({ ...config, sessionId, owner }, ctx)
  if (!r.ok) return r
  tx.nextSessionId = sessionId + 1
  tx.sessions.put(sessionId, r.state)
  tx.sessionAccounts.put(sessionId, createSessionAccount(sessionId, owner))
  pushExternal(tx, r.effects)
  return undefined
}

function applyMoney(tx: Tx, cmd: Extract<SessionCommand, { type: 'depositToSession' | 'withdrawSessionBalance' }>): Rejection | undefined {
  const account = tx.sessionAccounts.get(cmd.sessionId)
  if (account === undefined) return reject('UnknownSession', `session ${String(cmd.sessionId)} does not exist`)
  if (typeof cmd.amount !== 'bigint') return reject('MalformedEvent', `${cmd.type}: amount must be a bigint, got ${typeof cmd.amount}`)
  const r = cmd.type === 'depositToSession' ? depositToSession(account, tx.network, cmd.actor, cmd.amount) : withdrawSessionBalance(account, tx.network, cmd.actor, cmd.amount)
  if (!r.ok) return r
  tx.sessionAccounts.put(cmd.sessionId, r.state.session)
  tx.network = r.state.network
  pushExternal(tx, r.effects)
  return undefined
}

function applySessionEvent(tx: Tx, sessionId: SessionId, event: SessionEvent, ctx: Ctx): Rejection | undefined {
  const session = getSession(tx, sessionId)
  if ('ok' in session) return session
  if (event === null || typeof event !== 'object') return reject('MalformedEvent', `session ${sessionId}: event must be an object`)
  switch (event.type) {
    case 'assignNodes':
      return applyAssignNodes(tx, session, event, ctx)
    case 'releaseNode':
      return reject('WrongActor', `session ${sessionId}: nodes leave a session through the releaseNode command, which checks the reservation`)
    case 'deactivate':
      return applyDeactivate(tx, session, event, ctx)
    case 'addDedicatedNode':
    case 'removeDedicatedNode':
      return applyDedicated(tx, session, event, ctx)
    case 'updateOwner': {
      const problem = applyToSession(tx, session, event, ctx)
      if (problem) return problem
      const account = tx.sessionAccounts.get(sessionId)!
      tx.sessionAccounts.put(sessionId, transferSessionAccount(account, event.newOwner))
      return undefined
    }
    case 'submit':
    case 'addRouter':
    case 'removeRouter':
    case 'update':
      return applyToSession(tx, session, event, ctx)
    default:
      return reject('UnknownEvent', `session ${sessionId}: unknown event type ${String((event as { type: unknown }).type)}`)
  }
}

/** Runs the session machine and routes its effects (a submit queues the task and holds its escrow). */
function applyToSession(tx: Tx, session: SessionState, event: SessionEvent, ctx: Ctx): Rejection | undefined {
  const r = transitionSession(session, event, ctx)
  if (!r.ok) return r
  tx.sessions.put(session.sessionId, r.state)
  return routeEffects(tx, r.effects, ctx)
}

/** The pool (an oracle) reserves eligible nodes for the session. */
function applyAssignNodes(tx: Tx, session: SessionState, event: Extract<SessionEvent, { type: 'assignNodes' }>, ctx: Ctx): Rejection | undefined {
  const notOracle = authorizeOracle(tx, event.actor, ctx)
  if (notOracle) return notOracle
  if (!Array.isArray(event.nodes)) return reject('MalformedEvent', `session ${session.sessionId}: nodes must be a list`)
  for (const address of event.nodes) {
    const node = getNode(tx, address)
    if ('ok' in node) return node
    const stake = getNodeAccount(tx.nodeAccounts, address).stake
    const reason = checkSelectable(node, { modelId: session.config.modelIdentifier, minLevel: session.config.sla, stake }, ctx.nowMs, ctx.params)
    if (reason !== null) return reject(reason, `session ${session.sessionId}: node ${address} cannot be reserved (${reason})`)
  }
  const problem = applyToSession(tx, session, event, ctx)
  if (problem) return problem
  const { reservePeriodMs, maxTaskExecutionCount } = session.config
  for (const address of event.nodes) {
    const reserved = applyNodeEvent(tx, tx.nodes.get(address)!, { type: 'reserve', sessionId: session.sessionId, reservePeriodMs, maxTaskExecutionCount }, ctx)
    if (reserved) return reserved
  }
  return undefined
}

/** Deactivation releases the session's ephemeral nodes and detaches its dedicated ones. */
function applyDeactivate(tx: Tx, session: SessionState, event: Extract<SessionEvent, { type: 'deactivate' }>, ctx: Ctx): Rejection | undefined {
  const problem = applyToSession(tx, session, event, ctx)
  if (problem) return problem
  for (const address of session.ephemeralNodes) {
    const released = applyNodeEvent(tx, tx.nodes.get(address)!, { type: 'release', sessionId: session.sessionId, reason: 'deactivated' }, ctx)
    if (released) return released
  }
  for (const address of session.dedicatedNodes) {
    const node = tx.nodes.get(address)
    if (node === undefined) continue
    const detached = applyNodeEvent(tx, node, { type: 'removeDedicated', actor: event.actor, sessionId: session.sessionId }, ctx)
    if (detached) return detached
  }
  return undefined
}

function applyDedicated(tx: Tx, session: SessionState, event: Extract<SessionEvent, { type: 'addDedicatedNode' | 'removeDedicatedNode' }>, ctx: Ctx): Rejection | undefined {
  if (!isAddress(event.node)) return reject('MalformedEvent', `session ${session.sessionId}: ${String(event.node)} is not an address`)
  const node = getNode(tx, event.node)
  if ('ok' in node && event.type === 'addDedicatedNode') return node
  const problem = applyToSession(tx, session, event, ctx)
  if (problem || 'ok' in node) return problem
  const type = event.type === 'addDedicatedNode' ? 'addDedicated' : 'removeDedicated'
  return applyNodeEvent(tx, node, { type, actor: event.actor, sessionId: session.sessionId }, ctx)
}
