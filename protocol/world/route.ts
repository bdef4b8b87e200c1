/**
 * Executes the effects a transition returned that only touch other protocol entities: stats and
 * task counts on nodes, ledger settlement and refunds, slashing, queueing a submitted task, and
 * cognitive outcomes. Emitted events and timers go to the host. An internal effect is part of the
 * same command: if one is refused (a session cannot cover a task's escrow), the command is refused.
 */
import type { Ctx } from '../core/context.ts'
import type { Effect, LedgerOp, TaskRequest } from '../core/effects.ts'
import { ProtocolAssertionError, reject, type Rejection } from '../core/result.ts'
import type { Address } from '../core/types.ts'
import { getDueReleaseReason } from '../node/reservation.ts'
import { transitionNode } from '../node/machine.ts'
import type { NodeEvent } from '../node/types.ts'
import { getNodeAccount } from '../payments/accounts.ts'
import { slash } from '../payments/node.ts'
import { escrowTask } from '../payments/session.ts'
import { refundTask, settleTask } from '../payments/settle.ts'
import { transitionSession } from '../session/machine.ts'
import { createTask, taskKey } from '../task/machine.ts'
import { computeTaskEscrow } from '../task/pricing.ts'
import type { Tx } from './tx.ts'

/** Passes effects that must only be emitted events or timers to the host (asserting that they are). */
export function pushExternal(tx: Tx, effects: readonly Effect[]): void {
  for (const e of effects) {
    if (!(e.kind === 'emit' || e.kind === 'schedule')) throw new ProtocolAssertionError(`expected only events and timers here, got a ${e.kind} effect`)
    tx.out.push(e)
  }
}

/** Applies `effects` inside `tx`; returns a rejection if one of them cannot be applied. */
export function routeEffects(tx: Tx, effects: readonly Effect[], ctx: Ctx): Rejection | undefined {
  for (const effect of effects) {
    const problem = routeOne(tx, effect, ctx)
    if (problem) return problem
  }
  return undefined
}

function routeOne(tx: Tx, effect: Effect, ctx: Ctx): Rejection | undefined {
  switch (effect.kind) {
    case 'emit':
    case 'schedule':
      tx.out.push(effect)
      return undefined
    case 'stat':
      applyRoutedNodeEvent(tx, effect.node, { type: 'stat', metric: effect.metric, success: effect.success }, ctx)
      return undefined
    case 'cognitiveOutcome':
      applyRoutedNodeEvent(tx, effect.node, { type: 'cognitiveOutcome', roundId: effect.roundId, success: effect.success }, ctx)
      return undefined
    case 'taskExecuted':
      if (applyRoutedNodeEvent(tx, effect.node, { type: 'taskExecuted', sessionId: effect.sessionId }, ctx)) {
        return releaseIfCountReached(tx, effect.node, effect.sessionId, ctx)
      }
      return undefined
    case 'ledger':
      applyLedger(tx, effect.ledger, ctx)
      return undefined
    case 'slash':
      applySlash(tx, effect.node, effect.bps, effect.reason)
      return undefined
    case 'enqueueTask':
      return enqueueTask(tx, effect.task, ctx)
  }
}

/**
 * A routed node event. Nodes that were banned meanwhile no longer take stats, and a task that
 * ends after its miner's reservation was released no longer counts against it: both are expected
 * and skipped. Any other refusal means the protocol contradicts itself, which is a bug.
 */
function applyRoutedNodeEvent(tx: Tx, address: Address, event: NodeEvent, ctx: Ctx): boolean {
  const node = tx.nodes.get(address)
  if (node === undefined) throw new ProtocolAssertionError(`routed ${event.type} for unknown node ${address}`)
  const r = transitionNode(node, event, ctx)
  if (!r.ok) {
    // A round outcome older than the node's 32-round duplicate guard cannot be told from a
    // duplicate; it is dropped (not booked twice), as the node machine documents.
    const benign =
      node.status.kind === 'Banned' ||
      (event.type === 'taskExecuted' && r.code === 'WrongSession') ||
      (event.type === 'cognitiveOutcome' && r.code === 'AlreadyActed')
    if (!benign) throw new ProtocolAssertionError(`routed ${event.type} refused by node ${address}: ${r.code} ${r.message}`)
    return false
  }
  tx.nodes.put(address, r.state)
  pushExternal(tx, r.effects)
  return true
}

/** Release by task count happens in the same command that ran the last task (as SessionV2 does). */
function releaseIfCountReached(tx: Tx, address: Address, sessionId: number, ctx: Ctx): Rejection | undefined {
  const node = tx.nodes.get(address)!
  if (getDueReleaseReason(node, ctx.nowMs, ctx.params) !== 'taskCount') return undefined
  return releaseReservation(tx, address, sessionId, 'taskCount', ctx)
}

/** Ends a node's reservation on both sides: the node and the session's ephemeral list. */
export function releaseReservation(tx: Tx, address: Address, sessionId: number, reason: 'period' | 'taskCount' | 'deactivated' | 'manual', ctx: Ctx): Rejection | undefined {
  const node = tx.nodes.get(address)
  if (node === undefined) return reject('UnknownNode', `node ${address} is not registered`)
  const released = transitionNode(node, { type: 'release', sessionId, reason }, ctx)
  if (!released.ok) return released
  tx.nodes.put(address, released.state)
  pushExternal(tx, released.effects)
  const session = tx.sessions.get(sessionId)
  if (session === undefined || session.status === 'Deactivated') return undefined
  const left = transitionSession(session, { type: 'releaseNode', actor: address, node: address }, ctx)
  if (!left.ok) return left
  tx.sessions.put(sessionId, left.state)
  pushExternal(tx, left.effects)
  return undefined
}

function applyLedger(tx: Tx, op: LedgerOp, ctx: Ctx): void {
  const key = taskKey(op.sessionId, op.taskId)
  const account = tx.sessionAccounts.get(op.sessionId)
  const escrow = tx.escrows.get(key)
  if (!(account !== undefined && escrow !== undefined)) throw new ProtocolAssertionError(`ledger ${op.op} for task ${key} without an account or escrow`)
  if (op.op === 'settleTask') {
    const r = settleTask(account, escrow, tx.nodeAccounts, tx.network, op, ctx.params)
    if (!r.ok) throw new ProtocolAssertionError(`settling task ${key} failed: ${r.message}`)
    tx.sessionAccounts.put(op.sessionId, r.state.session)
    tx.escrows.put(key, r.state.escrow)
    for (const n of r.state.nodes) tx.nodeAccounts.put(n.address, n)
    tx.network = r.state.network
    pushExternal(tx, r.effects)
    return
  }
  const r = refundTask(account, escrow, tx.network, op)
  if (!r.ok) throw new ProtocolAssertionError(`refunding task ${key} failed: ${r.message}`)
  tx.sessionAccounts.put(op.sessionId, r.state.session)
  tx.escrows.put(key, r.state.escrow)
  tx.network = r.state.network
  pushExternal(tx, r.effects)
}

function applySlash(tx: Tx, address: Address, bps: number, reason: string): void {
  const r = slash(getNodeAccount(tx.nodeAccounts, address), tx.network, bps, reason)
  if (!r.ok) throw new ProtocolAssertionError(`slashing ${address} failed: ${r.message}`)
  tx.nodeAccounts.put(address, r.state.node)
  tx.network = r.state.network
  pushExternal(tx, r.effects)
}

/** A submitted task: hold its escrow (the command fails if the session cannot cover it), queue it. */
function enqueueTask(tx: Tx, request: TaskRequest, ctx: Ctx): Rejection | undefined {
  const account = tx.sessionAccounts.get(request.sessionId)
  if (account === undefined) throw new ProtocolAssertionError(`session ${request.sessionId} has no ledger account`)
  const amount = computeTaskEscrow(ctx.params, request.redundant, request.maxTokens)
  const held = escrowTask(account, request.taskId, amount)
  if (!held.ok) return held
  const key = taskKey(request.sessionId, request.taskId)
  tx.sessionAccounts.put(request.sessionId, held.state.session)
  tx.escrows.put(key, held.state.escrow)
  pushExternal(tx, held.effects)
  const gid = tx.nextGid++
  const created = createTask(
    { sessionId: request.sessionId, taskId: request.taskId, gid, redundant: request.redundant, modelId: request.modelId, maxTokens: request.maxTokens, escrow: amount, router: request.router },
    ctx,
  )
  tx.tasks.put(key, created.state)
  pushExternal(tx, created.effects)
  return undefined
}
