/** Node, stake and liveness commands. */
import type { Ctx } from '../core/context.ts'
import { reject, type Rejection } from '../core/result.ts'
import { isAddress, type Address } from '../core/types.ts'
import { transitionNode } from '../node/machine.ts'
import { createNode } from '../node/state.ts'
import type { NodeEvent, NodeState } from '../node/types.ts'
import { getNodeAccount } from '../payments/accounts.ts'
import { stake, unstake, withdrawNodePayment } from '../payments/node.ts'
import { transitionSession } from '../session/machine.ts'
import { authorizeOracle, checkAdmin } from './oracles.ts'
import { pushExternal, releaseReservation } from './route.ts'
import type { Tx } from './tx.ts'
import type { WorldCommand } from './types.ts'

type NodeCommand = Extract<
  WorldCommand,
  { type: 'registerNode' | 'stake' | 'unstake' | 'withdrawNodePayment' | 'ping' | 'checkLiveness' | 'banNode' | 'unbanNode' | 'releaseNode' }
>

export function getNode(tx: Tx, address: Address): NodeState | Rejection {
  const node = tx.nodes.get(address)
  if (node !== undefined) return node
  if (!isAddress(address)) return reject('MalformedEvent', `${String(address)} is not an address`)
  return reject('UnknownNode', `node ${address} is not registered`)
}

/** Applies one node event and writes the result. */
export function applyNodeEvent(tx: Tx, node: NodeState, event: NodeEvent, ctx: Ctx): Rejection | undefined {
  const r = transitionNode(node, event, ctx)
  if (!r.ok) return r
  tx.nodes.put(node.address, r.state)
  pushExternal(tx, r.effects)
  return undefined
}

export function applyNodeCommand(tx: Tx, cmd: NodeCommand, ctx: Ctx): Rejection | undefined {
  switch (cmd.type) {
    case 'registerNode': {
      if (!isAddress(cmd.actor)) return reject('MalformedEvent', `registerNode: ${String(cmd.actor)} is not an address`)
      const node = tx.nodes.get(cmd.actor) ?? createNode(cmd.actor, ctx)
      return applyNodeEvent(tx, node, { type: 'register', actor: cmd.actor, models: cmd.models }, ctx)
    }
    case 'stake':
    case 'unstake':
    case 'withdrawNodePayment':
      return applyStakeCommand(tx, cmd, ctx)
    case 'ping':
    case 'checkLiveness': {
      const address = cmd.type === 'ping' ? cmd.actor : cmd.node
      const node = getNode(tx, address)
      if ('ok' in node) return node
      return applyNodeEvent(tx, node, cmd.type === 'ping' ? { type: 'ping', actor: cmd.actor } : { type: 'checkLiveness' }, ctx)
    }
    case 'banNode':
    case 'unbanNode':
      return applyBan(tx, cmd, ctx)
    case 'releaseNode':
      return applyRelease(tx, cmd, ctx)
  }
}

function applyStakeCommand(tx: Tx, cmd: Extract<NodeCommand, { type: 'stake' | 'unstake' | 'withdrawNodePayment' }>, _ctx: Ctx): Rejection | undefined {
  if (!isAddress(cmd.actor)) return reject('MalformedEvent', `${cmd.type}: ${String(cmd.actor)} is not an address`)
  const account = getNodeAccount(tx.nodeAccounts, cmd.actor)
  const r =
    cmd.type === 'stake'
      ? stake(account, tx.network, cmd.actor, cmd.amount)
      : cmd.type === 'unstake'
        ? unstake(account, tx.network, cmd.actor, cmd.amount)
        : withdrawNodePayment(account, tx.network, cmd.actor)
  if (!r.ok) return r
  tx.nodeAccounts.put(cmd.actor, r.state.node)
  tx.network = r.state.network
  pushExternal(tx, r.effects)
  return undefined
}

/** A banned reserved node also leaves its session's node list. */
function applyBan(tx: Tx, cmd: Extract<NodeCommand, { type: 'banNode' | 'unbanNode' }>, ctx: Ctx): Rejection | undefined {
  const notAdmin = checkAdmin(tx, cmd.actor, cmd.type)
  if (notAdmin) return notAdmin
  const node = getNode(tx, cmd.node)
  if ('ok' in node) return node
  const reservedFor = node.status.kind === 'Reserved' ? node.status.sessionId : null
  const problem = applyNodeEvent(tx, node, { type: cmd.type === 'banNode' ? 'ban' : 'unban', actor: cmd.actor }, ctx)
  if (problem || reservedFor === null) return problem
  const session = tx.sessions.get(reservedFor)
  if (session === undefined || session.status === 'Deactivated') return undefined
  const left = transitionSession(session, { type: 'releaseNode', actor: cmd.actor, node: cmd.node }, ctx)
  if (!left.ok) return left
  tx.sessions.put(reservedFor, left.state)
  pushExternal(tx, left.effects)
  return undefined
}

/** Due releases may be sent by anyone; a manual release needs the session owner or an oracle. */
function applyRelease(tx: Tx, cmd: Extract<NodeCommand, { type: 'releaseNode' }>, ctx: Ctx): Rejection | undefined {
  const node = getNode(tx, cmd.node)
  if ('ok' in node) return node
  if (node.status.kind !== 'Reserved') return reject('NodeNotAvailable', `node ${cmd.node} is not reserved (status ${node.status.kind})`)
  const sessionId = node.status.sessionId
  if (cmd.reason === 'deactivated') return reject('WrongPhase', `node ${cmd.node}: releases for deactivation come with deactivateSession`)
  if (cmd.reason === 'manual') {
    const owner = tx.sessions.get(sessionId)?.owner
    if (cmd.actor !== owner) {
      const notOracle = authorizeOracle(tx, cmd.actor, ctx)
      if (notOracle) return reject('NotOwner', `manual release of ${cmd.node}: ${String(cmd.actor)} is neither the session owner nor an authorised oracle`)
    }
  }
  return releaseReservation(tx, cmd.node, sessionId, cmd.reason, ctx)
}
