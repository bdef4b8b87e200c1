/**
 * The pool, an oracle duty: reserving nodes for sessions by weighted selection, releasing
 * reservations that fell due, and picking the miners of network-task rounds. Picks come from the
 * host's samplers (sampler.ts) and are checked against the chain's state with the protocol's own
 * predicates (`checkSelectable`, `isOnlineAt`, `isInCooldown`) before the oracle sends them, as a
 * real oracle reads the contracts before it writes; the world checks them again on inclusion.
 *
 * Weights: a pool sampler per session model holds `computeSelectionWeight` of every Available
 * node serving the model (0 otherwise); the round samplers hold 1 for every registered, unbanned
 * node (all of them) and for the nodes not yet in the pool (genesis). They follow status changes
 * at once and reputation in a rolling refresh (every node every `REFRESH_CYCLE_TICKS` ticks).
 */
import type { Address } from '../../protocol/core/types.ts'
import { ROUND_MEMORY } from '../../protocol/node/cognitive.ts'
import { isOnlineAt } from '../../protocol/node/liveness.ts'
import { checkSelectable } from '../../protocol/node/selection.ts'
import { getNodeAccount } from '../../protocol/payments/accounts.ts'
import { computeReputationScore } from '../../protocol/reputation/stats.ts'
import { isInCooldown } from '../../protocol/round/roles.ts'
import { computeSelectionWeight } from '../../protocol/selection/weights.ts'
import { Origin } from './events.ts'
import type { SimHost } from './host.ts'

/** An assignNodes or releaseNode in flight is not repeated for this long. */
const IN_FLIGHT_MS = 30_000
/**
 * A miner sits in one open round at a time (the oracle's policy): its outcomes then reach its node
 * in the order its rounds end, which the node's duplicate guard needs (see `pickRoundMiners`).
 * The mark lasts until the round ends, or this long when the pick never made it on chain.
 */
const ROUND_BUSY_MS = 10 * 60_000
/** Oracle ticks over which the rolling refresh visits every node once. */
export const REFRESH_CYCLE_TICKS = 60

/** Brings node `m`'s weights in every sampler up to date with the chain. */
export function refreshNode(h: SimHost, m: number): void {
  const address = h.miners.address[m]!
  const node = h.world.nodes.get(address)
  if (node === undefined) return
  const kind = node.status.kind
  h.roundSampler.set(m, kind === 'Unregistered' || kind === 'Banned' ? 0 : 1)
  h.genesisSampler.set(m, kind === 'Registered' || kind === 'Probation' ? 1 : 0)
  if (h.poolSamplers.size === 0) return
  let weight = 0
  if (kind === 'Available') {
    const stake = getNodeAccount(h.world.nodeAccounts, address).stake
    weight = computeSelectionWeight(computeReputationScore(node.reputation, h.nowMs, h.params), stake, h.params)
  }
  for (const [modelId, sampler] of h.poolSamplers) sampler.set(m, weight > 0 && node.models.includes(modelId) ? weight : 0)
}

/** Refreshes the next slice of nodes (reputation drifts without a status change). */
export function refreshSlice(h: SimHost): void {
  const n = h.miners.count
  const slice = Math.ceil(n / REFRESH_CYCLE_TICKS)
  for (let k = 0; k < slice; k++) {
    refreshNode(h, h.refreshCursor)
    h.refreshCursor = (h.refreshCursor + 1) % n
  }
}

/** Oracle `o` reserves nodes for every session short of its maxNumOfNodes, and sends due releases. */
export function doPoolWork(h: SimHost, o: number): void {
  for (const m of h.pendingReleases) sendRelease(h, o, m)
  for (const c of h.sessionsNeedingNodes) fillSession(h, o, c)
}

function sendRelease(h: SimHost, o: number, m: number): void {
  const now = h.nowMs
  if (h.releaseSentAtMs[m]! + IN_FLIGHT_MS > now) return
  const node = h.world.nodes.get(h.miners.address[m]!)
  const s = node?.status
  if (s === undefined || s.kind !== 'Reserved') {
    h.pendingReleases.delete(m)
    return
  }
  const due = now >= s.reservedAtMs + s.reservePeriodMs ? 'period' : s.tasksExecuted >= s.maxTaskExecutionCount ? 'taskCount' : null
  if (due === null) {
    h.pendingReleases.delete(m)
    return
  }
  h.releaseSentAtMs[m] = now
  const actor = h.oracles.address[o]!
  h.sendTx(h.oracleSource(o), h.oracles.region[o]!, h.oracles.rngNet[o]!, { type: 'releaseNode', actor, node: h.miners.address[m]!, reason: due }, Origin.pool, o, null, null)
}

function fillSession(h: SimHost, o: number, c: number): void {
  const now = h.nowMs
  const sessionId = h.clientSession[c]!
  const session = sessionId < 0 ? undefined : h.world.sessions.get(sessionId)
  if (session === undefined || session.status === 'Deactivated') {
    h.sessionsNeedingNodes.delete(c)
    return
  }
  if (h.clientAssignPendingUntilMs[c]! > now) return
  const want = session.config.maxNumOfNodes - session.ephemeralNodes.length - session.dedicatedNodes.length
  if (want <= 0) {
    h.sessionsNeedingNodes.delete(c)
    return
  }
  const sampler = h.poolSamplers.get(session.config.modelIdentifier)
  if (sampler === undefined) return
  const requirement = { modelId: session.config.modelIdentifier, minLevel: session.config.sla, stake: 0n }
  const picks: number[] = []
  sampler.pick(want, h.oracles.rngWork[o]!, (m) => {
    if (h.reservingUntilMs[m]! > now) return false
    const address = h.miners.address[m]!
    const node = h.world.nodes.get(address)
    if (node === undefined) return false
    return checkSelectable(node, { ...requirement, stake: getNodeAccount(h.world.nodeAccounts, address).stake }, now, h.params) === null
  }, picks)
  if (picks.length === 0) return
  const nodes: Address[] = []
  for (const m of picks) {
    h.reservingUntilMs[m] = now + IN_FLIGHT_MS
    nodes.push(h.miners.address[m]!)
  }
  // The session stays on the list until the chain shows it full: a lost or refused assignment is
  // then retried once its in-flight time has passed.
  h.clientAssignPendingUntilMs[c] = now + IN_FLIGHT_MS
  const actor = h.oracles.address[o]!
  h.sendTx(h.oracleSource(o), h.oracles.region[o]!, h.oracles.rngNet[o]!, { type: 'session', sessionId, event: { type: 'assignNodes', actor, nodes } }, Origin.pool, o, null, null)
}

/**
 * Up to `count` miners for roles of round `roundId`, none of `exclude`: network-eligible by the
 * chain's state (registered, not banned, online, out of cooldown). During genesis nodes not yet
 * in the pool go first; the rest is filled from everyone.
 */
export function pickRoundMiners(h: SimHost, o: number, roundId: number, count: number, exclude: readonly Address[]): Address[] {
  const now = h.nowMs
  const cooldown = h.params.networkTask.minerCooldownRounds
  const taken = new Set<number>()
  for (const a of exclude) taken.add(h.minerIndex(a))
  const accept = (m: number): boolean => {
    if (taken.has(m) || h.roundBusyUntilMs[m]! > now) return false
    const address = h.miners.address[m]!
    const node = h.world.nodes.get(address)
    if (node === undefined || node.status.kind === 'Banned' || node.status.kind === 'Unregistered') return false
    if (!isOnlineAt(node, now, h.params)) return false
    if (isInCooldown(h.world.lastPickedRound.get(address) ?? null, roundId, cooldown)) return false
    // The node's duplicate guard refuses an outcome more than ROUND_MEMORY rounds older than its
    // newest, and the world treats that refusal as a bug; so never seat a node where that could happen.
    if (node.lastRoundId - 1 - roundId >= ROUND_MEMORY) return false
    taken.add(m)
    h.roundBusyUntilMs[m] = now + ROUND_BUSY_MS
    return true
  }
  const picks: number[] = []
  const rng = h.oracles.rngWork[o]!
  if (h.inGenesis) h.genesisSampler.pick(count, rng, accept, picks)
  if (picks.length < count) h.roundSampler.pick(count - picks.length, rng, accept, picks)
  return picks.map((m) => h.miners.address[m]!)
}
