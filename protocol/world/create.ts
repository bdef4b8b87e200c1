/** A new, empty world: no sessions or nodes yet, the given oracles registered. */
import type { Ctx } from '../core/context.ts'
import { assert } from '../core/result.ts'
import type { Address } from '../core/types.ts'
import { createOracleSet, EMPTY_ORACLE_SET } from '../oracle/machine.ts'
import { createNetworkAccount } from '../payments/accounts.ts'
import type { WorldState } from './types.ts'

export function createWorld(admin: Address, oracles: readonly Address[], ctx: Ctx): WorldState {
  const oracle = oracles.length === 0 ? { ok: true as const, state: EMPTY_ORACLE_SET } : createOracleSet(oracles, ctx)
  assert(oracle.ok, `cannot create the oracle set: ${oracle.ok ? '' : oracle.message}`)
  return {
    params: ctx.params,
    admin,
    nextSessionId: 1,
    nextGid: 1,
    nextRoundId: 1,
    oracle: oracle.state,
    network: createNetworkAccount(),
    sessions: new Map(),
    sessionAccounts: new Map(),
    tasks: new Map(),
    escrows: new Map(),
    nodes: new Map(),
    nodeAccounts: new Map(),
    rounds: new Map(),
    lastPickedRound: new Map(),
  }
}
