/** Oracle-set commands, and the leadership check every oracle action passes through. */
import type { Ctx } from '../core/context.ts'
import { reject, type Rejection } from '../core/result.ts'
import type { Address } from '../core/types.ts'
import { authorizeOracleAction, transitionOracleSet } from '../oracle/machine.ts'
import type { OracleEvent } from '../oracle/types.ts'
import { pushExternal } from './route.ts'
import type { Tx } from './tx.ts'
import type { WorldCommand } from './types.ts'

/**
 * May `actor` perform an oracle action now? In strict mode only the window's leader may; in
 * lenient mode any registered oracle. Records the leader's activity (it resets the failover clock).
 */
export function authorizeOracle(tx: Tx, actor: Address, ctx: Ctx): Rejection | undefined {
  const r = authorizeOracleAction(tx.oracle, actor, ctx.nowMs, ctx.params)
  if (!r.ok) return r
  tx.oracle = r.state
  pushExternal(tx, r.effects)
  return undefined
}

export function checkAdmin(tx: Tx, actor: Address, what: string): Rejection | undefined {
  return actor === tx.world.admin ? undefined : reject('NotOwner', `${what}: ${String(actor)} is not the ACL administrator`)
}

type OracleCommand = Extract<WorldCommand, { type: 'registerOracle' | 'deregisterOracle' | 'oracleHeartbeat' | 'rotateLeader' }>

export function applyOracleCommand(tx: Tx, cmd: OracleCommand, ctx: Ctx): Rejection | undefined {
  let event: OracleEvent
  switch (cmd.type) {
    case 'registerOracle':
    case 'deregisterOracle': {
      const notAdmin = checkAdmin(tx, cmd.actor, cmd.type)
      if (notAdmin) return notAdmin
      event = { type: cmd.type === 'registerOracle' ? 'register' : 'deregister', oracle: cmd.oracle }
      break
    }
    case 'oracleHeartbeat':
      event = { type: 'heartbeat', actor: cmd.actor }
      break
    case 'rotateLeader':
      event = { type: 'rotate', actor: cmd.actor }
      break
  }
  const r = transitionOracleSet(tx.oracle, event, ctx)
  if (!r.ok) return r
  tx.oracle = r.state
  pushExternal(tx, r.effects)
  return undefined
}
