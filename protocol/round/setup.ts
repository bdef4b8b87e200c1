/**
 * The round's setup: the creator's `create`, the preparer's assignment and `prepare`, their
 * replacement on timeout, and the oracle's `start` with the completers.
 *
 * The creator has one window of requestDeadlineMs + createDeadlineMs from being asked. The
 * Cognitive ABI gives it a single call (`create`), so the two parameters are two sub-phases of
 * that window, told apart by the stats: a create within requestDeadlineMs (the documented "respond
 * within e.g. 5 seconds") is a Request success, a later one a Request failure; either is a Create
 * success. A creator that never creates fails both.
 */
import type { Ctx } from '../core/context.ts'
import { emit, stat, type Effect } from '../core/effects.ts'
import { accept, reject, type Transition } from '../core/result.ts'
import { isAddress, type Address } from '../core/types.ts'
import { checkStringField } from '../core/bytes.ts'
import { recordCreatorMissed, recordPreparerMissed } from './close.ts'
import { failRound } from './finish.ts'
import { currentOf, deadlinePassed, deadlineTimer, enterPhase, isDeadlinePassed, isTooLate, phaseNotOver } from './phase.ts'
import { checkCandidate } from './roles.ts'
import type { CompleterSlot, RoundState } from './types.ts'

/** Deadline of a creator asked at `nowMs`. */
export function computeCreatorDeadlineMs(nowMs: number, ctx: Ctx): number {
  return nowMs + ctx.params.networkTask.requestDeadlineMs + ctx.params.networkTask.createDeadlineMs
}

// ---- creator -----------------------------------------------------------------------------------

export function processCreate(state: RoundState, actor: Address, domain: string, subdomain: string, ctx: Ctx): Transition<RoundState> {
  const { maxTopicBytes, requestDeadlineMs } = ctx.params.networkTask
  const problem = checkStringField('domain', domain, maxTopicBytes, 1) ?? checkStringField('subdomain', subdomain, maxTopicBytes, 1)
  if (problem !== undefined) return reject('MalformedEvent', `round ${state.roundId}: ${problem}`)
  if (actor !== currentOf(state.creators)) return reject('NotAssignedMiner', `round ${state.roundId}: ${actor} is not its creator`)
  if (isTooLate(state, ctx.nowMs)) return deadlinePassed(state, ctx)
  const next: RoundState = { ...enterPhase(state, 'Create', null, ctx.nowMs), domain, subdomain }
  return accept(next, [
    emit('SessionCreated', { roundId: state.roundId, miner: actor }),
    stat(actor, 'Request', ctx.nowMs <= state.phaseStartedAtMs + requestDeadlineMs),
    stat(actor, 'Create', true),
  ])
}

/** The creator timed out: ask `creator` instead, or end the round once replacements are used up. */
export function processRequestNextCreator(state: RoundState, creator: Address, ctx: Ctx): Transition<RoundState> {
  if (!isAddress(creator)) return reject('MalformedEvent', `round ${state.roundId}: creator ${String(creator)} is not an address`)
  if (!isDeadlinePassed(state, ctx.nowMs)) return phaseNotOver(state, ctx)
  const effects: Effect[] = []
  recordCreatorMissed(currentOf(state.creators)!, effects)
  if (state.creators.length - 1 >= ctx.params.networkTask.maxCreatorReassignments) return failRound(state, 'noCreator', effects, ctx)
  const ineligible = checkCandidate(state, creator, 'creator', ctx.params.networkTask.roleOverlap)
  if (ineligible) return ineligible
  const next: RoundState = { ...enterPhase(state, 'Request', computeCreatorDeadlineMs(ctx.nowMs, ctx), ctx.nowMs), creators: [...state.creators, creator] }
  effects.push(emit('NewSessionRequestAssigned', { roundId: state.roundId, miner: creator }), deadlineTimer(next))
  return accept(next, effects)
}

// ---- preparer ----------------------------------------------------------------------------------

export function processAssignPreparer(state: RoundState, preparer: Address, ctx: Ctx): Transition<RoundState> {
  if (!isAddress(preparer)) return reject('MalformedEvent', `round ${state.roundId}: preparer ${String(preparer)} is not an address`)
  const current = currentOf(state.preparers)
  if (current !== null) {
    return reject('AlreadyActed', `round ${state.roundId}: preparer ${current} is already assigned; replace it with requestNextPreparer after its deadline`)
  }
  return assignPreparer(state, preparer, [], ctx)
}

/** The preparer timed out: assign `preparer` instead, or end the round once replacements are used up. */
export function processRequestNextPreparer(state: RoundState, preparer: Address, ctx: Ctx): Transition<RoundState> {
  if (!isAddress(preparer)) return reject('MalformedEvent', `round ${state.roundId}: preparer ${String(preparer)} is not an address`)
  const current = currentOf(state.preparers)
  if (current === null) return reject('WrongPhase', `round ${state.roundId}: no preparer is assigned yet; use assignPreparer`)
  if (!isDeadlinePassed(state, ctx.nowMs)) return phaseNotOver(state, ctx)
  const effects: Effect[] = []
  recordPreparerMissed(current, effects)
  if (state.preparers.length - 1 >= ctx.params.networkTask.maxPreparerReassignments) return failRound(state, 'noPreparer', effects, ctx)
  return assignPreparer(state, preparer, effects, ctx)
}

function assignPreparer(state: RoundState, preparer: Address, effects: Effect[], ctx: Ctx): Transition<RoundState> {
  const ineligible = checkCandidate(state, preparer, 'preparer', ctx.params.networkTask.roleOverlap)
  if (ineligible) return ineligible
  const deadlineMs = ctx.nowMs + ctx.params.networkTask.prepareDeadlineMs
  const next: RoundState = { ...enterPhase(state, 'Create', deadlineMs, ctx.nowMs), preparers: [...state.preparers, preparer] }
  effects.push(emit('SessionPrepareAssigned', { roundId: state.roundId, miner: preparer }), deadlineTimer(next))
  return accept(next, effects)
}

export function processPrepare(state: RoundState, actor: Address, challenges: readonly string[], ctx: Ctx): Transition<RoundState> {
  const problem = checkChallenges(challenges, ctx)
  if (problem !== undefined) return reject('MalformedEvent', `round ${state.roundId}: ${problem}`)
  if (actor !== currentOf(state.preparers)) return reject('NotAssignedMiner', `round ${state.roundId}: ${actor} is not its preparer`)
  if (isTooLate(state, ctx.nowMs)) return deadlinePassed(state, ctx)
  // Copied so the round owns its dataset even if the caller reuses the array.
  const next: RoundState = { ...enterPhase(state, 'Prepare', null, ctx.nowMs), challenges: challenges.slice() }
  return accept(next, [emit('SessionPrepared', { roundId: state.roundId, miner: actor }), stat(actor, 'Prepare', true)])
}

/** Exactly maxPrompts non-empty challenges of bounded length, or what is wrong with them. */
function checkChallenges(challenges: readonly string[], ctx: Ctx): string | undefined {
  const { maxPrompts, maxChallengeBytes } = ctx.params.networkTask
  if (!Array.isArray(challenges)) return 'challenges must be a list of strings'
  if (challenges.length !== maxPrompts) return `${challenges.length} challenges, the round needs exactly ${maxPrompts}`
  for (let i = 0; i < challenges.length; i++) {
    const problem = checkStringField(`challenge ${i}`, challenges[i], maxChallengeBytes, 1)
    if (problem !== undefined) return problem
  }
  return undefined
}

// ---- start -------------------------------------------------------------------------------------

/** The oracle starts the round with exactly `networkTask.completers` distinct, eligible miners. */
export function processStart(state: RoundState, completers: readonly Address[], ctx: Ctx): Transition<RoundState> {
  const problem = checkCompleters(state, completers, ctx)
  if (problem) return problem
  const deadlineMs = ctx.nowMs + ctx.params.networkTask.precommitDeadlineMs
  const next: RoundState = { ...enterPhase(state, 'Start', deadlineMs, ctx.nowMs), startedAtMs: ctx.nowMs, completers: completers.map(newSlot) }
  const effects: Effect[] = [emit('SessionStarted', { roundId: state.roundId, startedAtMs: ctx.nowMs, miners: [...completers] })]
  for (const miner of completers) effects.push(stat(miner, 'Start', true))
  effects.push(deadlineTimer(next))
  return accept(next, effects)
}

function checkCompleters(state: RoundState, completers: readonly Address[], ctx: Ctx): Transition<RoundState> | undefined {
  const needed = ctx.params.networkTask.completers
  if (!Array.isArray(completers)) return reject('MalformedEvent', `round ${state.roundId}: completers must be a list of addresses`)
  if (completers.length !== needed) return reject('TooFewMiners', `round ${state.roundId}: ${completers.length} completers, the round needs exactly ${needed}`)
  const bad = completers.find((m) => !isAddress(m))
  if (bad !== undefined) return reject('MalformedEvent', `round ${state.roundId}: completer ${String(bad)} is not an address`)
  if (new Set(completers).size !== completers.length) return reject('DuplicateMiner', `round ${state.roundId}: a completer appears twice`)
  for (const miner of completers) {
    const ineligible = checkCandidate(state, miner, 'completer', ctx.params.networkTask.roleOverlap)
    if (ineligible) return ineligible
  }
  return undefined
}

function newSlot(miner: Address): CompleterSlot {
  return { miner, state: 'Selected', precommitHash: null, precommitAtMs: null, completion: null, salt: null, committedAtMs: null, similarity: null }
}
