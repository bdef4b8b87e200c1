/**
 * `applyCommand`: the single entry point of the composed protocol. Runs one command as a
 * transaction over the world (see tx.ts) and returns the events and timers for the host.
 */
import type { Ctx } from '../core/context.ts'
import { assertNever, reject, type Rejection } from '../core/result.ts'
import { applyNodeCommand } from './nodes.ts'
import { applyOracleCommand } from './oracles.ts'
import { applyRequestRound, applyRoundCommand } from './rounds.ts'
import { applySessionCommand } from './sessions.ts'
import { applyTaskCommand } from './tasks.ts'
import { Tx } from './tx.ts'
import type { WorldCommand, WorldResult, WorldState } from './types.ts'

export function applyCommand(world: WorldState, command: WorldCommand, ctx: Ctx): WorldResult {
  if (command === null || typeof command !== 'object') return reject('MalformedEvent', 'a command must be an object')
  const tx = new Tx(world)
  const problem = dispatch(tx, command, ctx)
  if (problem) return problem
  tx.commit()
  return { ok: true, effects: tx.out }
}

function dispatch(tx: Tx, command: WorldCommand, ctx: Ctx): Rejection | undefined {
  switch (command.type) {
    case 'registerOracle':
    case 'deregisterOracle':
    case 'oracleHeartbeat':
    case 'rotateLeader':
      return applyOracleCommand(tx, command, ctx)
    case 'registerNode':
    case 'stake':
    case 'unstake':
    case 'withdrawNodePayment':
    case 'ping':
    case 'checkLiveness':
    case 'banNode':
    case 'unbanNode':
    case 'releaseNode':
      return applyNodeCommand(tx, command, ctx)
    case 'createSession':
    case 'depositToSession':
    case 'withdrawSessionBalance':
    case 'session':
      return applySessionCommand(tx, command, ctx)
    case 'task':
      return applyTaskCommand(tx, command.sessionId, command.taskId, command.event, ctx)
    case 'requestRound':
      return applyRequestRound(tx, command.actor, command.creator, ctx)
    case 'round':
      return applyRoundCommand(tx, command.roundId, command.event, ctx)
    default:
      if (typeof (command as { type?: unknown }).type === 'string') {
        return reject('UnknownEvent', `unknown command type '${(command as { type: string }).type}'`)
      }
      return assertNever(command as never, 'world command')
  }
}
