/** Network-task (Cognitive) round commands: picks pass the eligibility and cooldown check. */
import type { Ctx } from '../core/context.ts'
import { reject, type Rejection } from '../core/result.ts'
import type { Address, RoundId } from '../core/types.ts'
import { isOnlineAt } from '../node/liveness.ts'
import { isInCooldown } from '../round/roles.ts'
import { requestRound, transitionRound } from '../round/machine.ts'
import type { RoundEvent, RoundEventType } from '../round/types.ts'
import { authorizeOracle } from './oracles.ts'
import { routeEffects } from './route.ts'
import type { Tx } from './tx.ts'

export const ORACLE_ROUND_EVENTS: ReadonlySet<RoundEventType> = new Set([
  'requestNextCreator',
  'assignPreparer',
  'requestNextPreparer',
  'start',
  'endPrecommit',
  'endCommit',
  'validate',
  'end',
])

/** The miners a round event picks for a role (they must be eligible and out of cooldown). */
function pickedBy(event: RoundEvent): readonly Address[] {
  switch (event.type) {
    case 'requestNextCreator':
      return [event.creator]
    case 'assignPreparer':
    case 'requestNextPreparer':
      return [event.preparer]
    case 'start':
      return Array.isArray(event.completers) ? event.completers : []
    default:
      return []
  }
}

/** Registered, not banned, online, and not picked in the last `minerCooldownRounds` rounds. */
export function checkNetworkEligible(tx: Tx, miner: Address, roundId: RoundId, ctx: Ctx): Rejection | undefined {
  const node = tx.nodes.get(miner)
  if (node === undefined) return reject('UnknownNode', `round ${roundId}: ${String(miner)} is not a registered node`)
  if (node.status.kind === 'Banned') return reject('NodeBanned', `round ${roundId}: ${miner} is banned`)
  if (node.status.kind === 'Unregistered') return reject('NotRegistered', `round ${roundId}: ${miner} is not registered`)
  if (!isOnlineAt(node, ctx.nowMs, ctx.params)) return reject('NodeOffline', `round ${roundId}: ${miner} is offline`)
  const last = tx.lastPickedRound.get(miner) ?? null
  if (isInCooldown(last, roundId, ctx.params.networkTask.minerCooldownRounds)) {
    return reject('MinerNotEligible', `round ${roundId}: ${miner} was picked in round ${last} and is cooling down`)
  }
  return undefined
}

function recordPicks(tx: Tx, miners: readonly Address[], roundId: RoundId): void {
  for (const m of miners) tx.lastPickedRound.put(m, roundId)
}

export function applyRequestRound(tx: Tx, actor: Address, creator: Address, ctx: Ctx): Rejection | undefined {
  const notOracle = authorizeOracle(tx, actor, ctx)
  if (notOracle) return notOracle
  const roundId = tx.nextRoundId
  const notEligible = checkNetworkEligible(tx, creator, roundId, ctx)
  if (notEligible) return notEligible
  const r = requestRound({ roundId, actor, creator }, ctx)
  if (!r.ok) return r
  tx.nextRoundId = roundId + 1
  tx.rounds.put(roundId, r.state)
  recordPicks(tx, [creator], roundId)
  return routeEffects(tx, r.effects, ctx)
}

export function applyRoundCommand(tx: Tx, roundId: RoundId, event: RoundEvent, ctx: Ctx): Rejection | undefined {
  const round = tx.rounds.get(roundId)
  if (round === undefined) return reject('UnknownRound', `round ${String(roundId)} does not exist`)
  if (event === null || typeof event !== 'object') return reject('MalformedEvent', `round ${roundId}: event must be an object`)
  if (ORACLE_ROUND_EVENTS.has(event.type)) {
    const notOracle = authorizeOracle(tx, event.actor, ctx)
    if (notOracle) return notOracle
  }
  const picked = pickedBy(event)
  for (const m of picked) {
    const notEligible = checkNetworkEligible(tx, m, roundId, ctx)
    if (notEligible) return notEligible
  }
  const r = transitionRound(round, event, ctx)
  if (!r.ok) return r
  tx.rounds.put(roundId, r.state)
  recordPicks(tx, picked, roundId)
  return routeEffects(tx, r.effects, ctx)
}
