/**
 * The leader's duties for network-task rounds (§4.1): request a round every `roundIntervalMs`,
 * and for each open round perform what `getRoundDuty` says is owed — pick a creator, preparer or
 * the completers (the protocol's `selectNetworkMiners` among network-eligible miners), close a
 * phase, judge the completions with PoI, end it. When too few miners are left for a role the round
 * is ended (forced), as the simulator's oracle does.
 *
 * Eligible for a role: registered, not banned, online, out of cooldown, allowed the role in this
 * round (`checkCandidate`: exclusive roles, nobody who failed here) and not busy in another open
 * round. One open round per miner keeps its round outcomes arriving in order, which the node's
 * duplicate guard (`ROUND_MEMORY`) relies on.
 */
import type { Address, RoundId } from '../../protocol/core/types.ts'
import { ROUND_MEMORY } from '../../protocol/node/cognitive.ts'
import { isOnlineAt } from '../../protocol/node/liveness.ts'
import { getRoundDuty } from '../../protocol/policy/oracle.ts'
import { computeReputationScore } from '../../protocol/reputation/stats.ts'
import { checkCandidate, isInCooldown } from '../../protocol/round/roles.ts'
import type { RoundEvent, RoundState } from '../../protocol/round/types.ts'
import { selectNetworkMiners, type NetworkCandidate } from '../../protocol/selection/select.ts'
import type { OracleWork } from './oracle-work.ts'
import type { SweepView } from './oracle-tracking.ts'
import { judgeTexts } from './poi.ts'

export async function performRoundDuties(w: OracleWork, view: SweepView, nowMs: number): Promise<void> {
  const open: RoundState[] = []
  for (const roundId of w.tracking.sortedRounds()) {
    const round = await w.ctx.chain.readRound(roundId)
    if (round === null || round.status === 'End') {
      w.tracking.rounds.delete(roundId)
      w.ctx.tx.forget(`round:${roundId}`)
    } else open.push(round)
  }
  for (const round of open) for (const miner of currentParts(round)) view.busy.set(miner, round.roundId)
  for (const round of open) {
    if (w.ctx.signal.aborted) return
    await performRoundDuty(w, view, round, nowMs)
  }
}

/** Requests a new round with a freshly picked creator; returns whether it sent the request. */
export async function requestRound(w: OracleWork, view: SweepView, nowMs: number): Promise<boolean> {
  const roundId = w.tracking.maxRoundId + 1
  const [creator] = await pickRoundMiners(w, view, null, roundId, 1, 'creator', nowMs)
  if (creator === undefined) return false
  w.ctx.tx.keepOnly('rounds', `request#${roundId}`)
  const hash = await w.ctx.tx.send('rounds', `request#${roundId}`, { type: 'requestRound', actor: w.ctx.me, creator }, { retryAfterMs: w.settings.dutyRetryMs })
  return hash !== null
}

async function performRoundDuty(w: OracleWork, view: SweepView, round: RoundState, nowMs: number): Promise<void> {
  const { ctx, settings } = w
  const duty = getRoundDuty(round, nowMs, ctx.params)
  if (duty === null) return
  const entity = `round:${round.roundId}`
  const action = `${duty.kind}#${round.phaseSeq}`
  const options = { retryAfterMs: settings.dutyRetryMs }
  if (!ctx.tx.wouldSend(entity, action, options)) return
  const actor = ctx.me
  const giveUp: RoundEvent = { type: 'end', actor, forceEnd: true }
  let event: RoundEvent
  switch (duty.kind) {
    case 'requestNextCreator': {
      const [creator] = await pickRoundMiners(w, view, round, round.roundId, 1, 'creator', nowMs)
      if (creator === undefined) ctx.log.warn('too few eligible miners: force-ending the round', { round: round.roundId, role: 'creator', needed: 1, eligible: 0 })
      event = creator === undefined ? giveUp : { type: 'requestNextCreator', actor, creator }
      break
    }
    case 'assignPreparer':
    case 'requestNextPreparer': {
      const [preparer] = await pickRoundMiners(w, view, round, round.roundId, 1, 'preparer', nowMs)
      if (preparer === undefined) ctx.log.warn('too few eligible miners: force-ending the round', { round: round.roundId, role: 'preparer', needed: 1, eligible: 0 })
      event = preparer === undefined ? giveUp : { type: duty.kind, actor, preparer }
      break
    }
    case 'start': {
      const completers = await pickRoundMiners(w, view, round, round.roundId, duty.count, 'completer', nowMs)
      if (completers.length < duty.count) ctx.log.warn('too few eligible miners: force-ending the round', { round: round.roundId, role: 'completer', needed: duty.count, eligible: completers.length })
      event = completers.length === duty.count ? { type: 'start', actor, completers } : giveUp
      break
    }
    case 'endPrecommit':
    case 'endCommit':
      event = { type: duty.kind, actor }
      break
    case 'validate':
      event = await judgeRound(w, round)
      break
    case 'end':
      event = { type: 'end', actor, forceEnd: duty.forceEnd }
      break
  }
  await ctx.tx.send(entity, action, { type: 'round', roundId: round.roundId, event }, options)
}

/**
 * The round's `validate` event, or — when the embedder fails (a model that will not load, a
 * runtime error) — a forced end: the Commit phase has no deadline, so a round waiting for a
 * verdict the oracle cannot give would never end. The reveals still count for their miners (a
 * forced end after the reveals books them as unjudged successes), and the next round is requested
 * on schedule.
 */
async function judgeRound(w: OracleWork, round: RoundState): Promise<RoundEvent> {
  const revealed = round.completers.filter((c) => c.state === 'Committed').map((c) => ({ miner: c.miner, text: c.completion! }))
  try {
    return { type: 'validate', actor: w.ctx.me, verdicts: await judgeTexts(w.embedder, revealed, w.ctx.params, w.settings.corpusMean) }
  } catch (error) {
    if (w.ctx.signal.aborted) throw error
    const code = (error as { code?: unknown }).code
    w.ctx.log.error('PoI embedder failed: force-ending the round', { round: round.roundId, embedder: w.embedder.id, error: error instanceof Error ? error.message : String(error), code: typeof code === 'string' ? code : undefined })
    return { type: 'end', actor: w.ctx.me, forceEnd: true }
  }
}

/**
 * Up to `count` miners for `role` in round `roundId` (`round` null for a round not yet opened),
 * drawn by the protocol's network-task selection; marked busy in `view` once picked.
 */
async function pickRoundMiners(w: OracleWork, view: SweepView, round: RoundState | null, roundId: RoundId, count: number, role: string, nowMs: number): Promise<Address[]> {
  const params = w.ctx.params
  const candidates: NetworkCandidate[] = []
  let eligible = 0
  for (const address of w.tracking.sortedNodes()) {
    const busyIn = view.busy.get(address)
    if (busyIn !== undefined && busyIn !== roundId) continue
    if (round !== null && checkCandidate(round, address, role, params.networkTask.roleOverlap) !== undefined) continue
    const node = await view.node(address)
    if (node === null || node.status.kind === 'Banned' || !isOnlineAt(node, nowMs, params)) continue
    if (node.lastRoundId - 1 - roundId >= ROUND_MEMORY) continue
    const lastSelectedRound = await view.lastPicked(address)
    if (!isInCooldown(lastSelectedRound, roundId, params.networkTask.minerCooldownRounds)) eligible++
    candidates.push({ address, reputation: computeReputationScore(node.reputation, nowMs, params), stake: await view.stake(address), lastSelectedRound })
  }
  const n = Math.min(count, eligible)
  if (n === 0) return []
  const picked = selectNetworkMiners(candidates, n, roundId, w.rng, params)
  if (!picked.ok) return []
  for (const m of picked.miners) view.busy.set(m, roundId)
  return [...picked.miners]
}

/** The miners a round is waiting on or holding: its current creator and preparer, and its completers. */
function currentParts(round: RoundState): Address[] {
  const parts: Address[] = round.completers.map((c) => c.miner)
  const creator = round.creators[round.creators.length - 1]
  const preparer = round.preparers[round.preparers.length - 1]
  if (creator !== undefined) parts.push(creator)
  if (preparer !== undefined) parts.push(preparer)
  return parts
}
