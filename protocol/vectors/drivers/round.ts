/**
 * Vector driver for the network-task (Cognitive PoUW) round: creator and preparer replacement,
 * start with completers, commit–reveal under both commit schemes, validation and forced ends,
 * with the actors' valid moves weighted up so walks reach the later phases.
 */
import { computeRoundPrecommitHash, type Hex32 } from '../../core/commit.ts'
import type { Ctx } from '../../core/context.ts'
import type { Rng } from '../../core/rng.ts'
import { computeSyntheticAddress, type Address } from '../../core/types.ts'
import { requestRound, transitionRound } from '../../round/machine.ts'
import { ROUND_TABLE } from '../../round/table.ts'
import type { NewRound, RoundEvent, RoundState } from '../../round/types.ts'
import type { MachineDriver } from '../driver.ts'

const ORACLE = computeSyntheticAddress(0x04ac1e, 1)
const MINERS: readonly Address[] = Array.from({ length: 12 }, (_, i) => computeSyntheticAddress(0x3113e4, i + 1))
const STRANGER = computeSyntheticAddress(0x3113e4, 99)
const NOT_AN_ADDRESS = '0xnope' as Address

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.nextInt(items.length)]!
}

function saltOf(miner: Address): Hex32 {
  return `0x${miner.slice(2).padStart(64, '0')}` as Hex32
}

function completionOf(miner: Address, honest: boolean): string {
  return honest ? `["answers of ${miner.slice(-4)}"]` : '["copied answers"]'
}

function last(list: readonly Address[]): Address | undefined {
  return list[list.length - 1]
}

/** Miners with no role in the round yet (the valid picks under exclusive roles), in a random order. */
function freshMiners(state: RoundState, rng: Rng): Address[] {
  const taken = new Set<Address>([...state.creators, ...state.preparers, ...state.completers.map((s) => s.miner)])
  const fresh = MINERS.filter((m) => !taken.has(m))
  for (let i = fresh.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1)
    ;[fresh[i], fresh[j]] = [fresh[j]!, fresh[i]!]
  }
  return fresh
}

function setupEvents(state: RoundState, rng: Rng, ctx: Ctx): RoundEvent[] {
  const fresh = freshMiners(state, rng)
  const someone = fresh[0] ?? STRANGER
  const anyRole = pick(rng, [...state.creators, ...state.preparers])
  switch (state.status) {
    case 'Request': {
      const creator = last(state.creators)!
      return [
        { type: 'create', actor: creator, domain: 'math', subdomain: 'algebra' },
        { type: 'create', actor: creator, domain: 'math', subdomain: 'algebra' },
        { type: 'create', actor: rng.nextInt(2) === 0 ? someone : creator, domain: rng.nextInt(2) === 0 ? '' : 'math', subdomain: 'x' },
        { type: 'requestNextCreator', actor: ORACLE, creator: someone },
        { type: 'requestNextCreator', actor: ORACLE, creator: rng.nextInt(2) === 0 ? creator : NOT_AN_ADDRESS },
      ]
    }
    case 'Create': {
      const preparer = last(state.preparers) ?? someone
      const count = ctx.params.networkTask.maxPrompts
      const challenges = Array.from({ length: count }, (_, i) => `challenge ${i}`)
      return [
        { type: 'assignPreparer', actor: ORACLE, preparer: someone },
        { type: 'assignPreparer', actor: ORACLE, preparer: rng.nextInt(2) === 0 ? anyRole : NOT_AN_ADDRESS },
        { type: 'requestNextPreparer', actor: ORACLE, preparer: rng.nextInt(4) > 0 ? someone : anyRole },
        { type: 'requestNextPreparer', actor: ORACLE, preparer: NOT_AN_ADDRESS },
        { type: 'prepare', actor: preparer, challenges },
        { type: 'prepare', actor: preparer, challenges },
        { type: 'prepare', actor: rng.nextInt(2) === 0 ? preparer : STRANGER, challenges: rng.nextInt(2) === 0 ? challenges.slice(1) : challenges },
      ]
    }
    case 'Prepare': {
      const needed = ctx.params.networkTask.completers
      const picked = fresh.slice(0, needed)
      return [
        { type: 'start', actor: ORACLE, completers: picked },
        { type: 'start', actor: ORACLE, completers: picked },
        { type: 'start', actor: ORACLE, completers: fresh.slice(0, needed + 1) },
        { type: 'start', actor: ORACLE, completers: needed > 1 ? [picked[0]!, ...picked.slice(0, needed - 1)] : [anyRole] },
        { type: 'start', actor: ORACLE, completers: [...picked.slice(0, needed - 1), rng.nextInt(2) === 0 ? anyRole : NOT_AN_ADDRESS] },
      ]
    }
    default:
      return []
  }
}

function completionEvents(state: RoundState, rng: Rng, ctx: Ctx): RoundEvent[] {
  const completers = state.completers.map((s) => s.miner)
  if (completers.length === 0) return []
  // Mostly a completer still due to act in this phase, so walks get through commit–reveal.
  const due = state.status === 'Start' ? 'Selected' : 'Precommitted'
  const waiting = state.completers.filter((s) => s.state === due).map((s) => s.miner)
  const who = waiting.length > 0 && rng.nextInt(4) > 0 ? pick(rng, waiting) : pick(rng, completers)
  const actor = rng.nextInt(6) === 0 ? STRANGER : who
  const hashOf = (honest: boolean): Hex32 =>
    computeRoundPrecommitHash(ctx.params.networkTask.commitScheme, { miner: actor, roundId: state.roundId, salt: saltOf(actor), completion: completionOf(actor, honest) })
  switch (state.status) {
    case 'Start':
      return [
        { type: 'precommit', actor, hash: hashOf(rng.nextInt(4) > 0) },
        { type: 'precommit', actor, hash: hashOf(true) },
        { type: 'precommit', actor, hash: '0x12' as Hex32 },
        { type: 'endPrecommit', actor: ORACLE },
      ]
    case 'Precommit':
      return [
        { type: 'commit', actor, completion: completionOf(actor, true), salt: saltOf(actor) },
        { type: 'commit', actor, completion: completionOf(actor, rng.nextInt(3) > 0), salt: saltOf(actor) },
        { type: 'commit', actor, completion: completionOf(actor, true), salt: rng.nextInt(2) === 0 ? ('0x00' as Hex32) : saltOf(actor) },
        { type: 'endCommit', actor: ORACLE },
      ]
    case 'Commit': {
      const revealed = state.completers.filter((s) => s.state === 'Committed').map((s) => s.miner)
      const verdicts = revealed.map((miner) => ({ miner, verdict: rng.nextInt(4) > 0 ? ('valid' as const) : ('outlier' as const), similarity: rng.nextInt(1001) / 1000 }))
      const broken = verdicts.length === 0 ? [{ miner: STRANGER, verdict: 'valid' as const, similarity: 1 }] : [...verdicts.slice(1), { ...verdicts[0]!, miner: rng.nextInt(2) === 0 ? STRANGER : verdicts[verdicts.length - 1]!.miner }]
      return [
        { type: 'validate', actor: ORACLE, verdicts },
        { type: 'validate', actor: ORACLE, verdicts },
        { type: 'validate', actor: ORACLE, verdicts: verdicts.slice(1) },
        { type: 'validate', actor: ORACLE, verdicts: broken },
        { type: 'end', actor: ORACLE, forceEnd: false },
      ]
    }
    default:
      return []
  }
}

function candidates(state: RoundState, rng: Rng, ctx: Ctx): RoundEvent[] {
  return [
    ...setupEvents(state, rng, ctx),
    ...completionEvents(state, rng, ctx),
    { type: 'end', actor: ORACLE, forceEnd: rng.nextInt(3) > 0 },
    // An event of another phase, and one from an actor that is no address at all.
    { type: pick(rng, ['start', 'endCommit', 'create'] as const), actor: ORACLE } as RoundEvent,
    { type: 'endPrecommit', actor: NOT_AN_ADDRESS },
  ]
}

function timeSteps(state: RoundState, nowMs: number, ctx: Ctx): number[] {
  // Mostly "now", so actors act before the deadline; the deadline's edges come up often enough.
  const steps = [nowMs, nowMs, nowMs, nowMs, nowMs + 1]
  const deadline = state.phaseDeadlineMs
  if (deadline !== null) steps.push(deadline - 1, deadline, deadline + 1)
  // The creator's response window inside its create window: Request success or failure.
  if (state.status === 'Request') steps.push(state.phaseStartedAtMs + ctx.params.networkTask.requestDeadlineMs + 1)
  return steps.filter((t) => t >= nowMs)
}

export const roundDriver: MachineDriver<RoundState, RoundEvent, NewRound> = {
  table: ROUND_TABLE,
  paramVariants: [
    { 'networkTask.completers': 3, 'networkTask.minCompleters': 2 },
    { 'networkTask.maxCreatorReassignments': 0, 'networkTask.maxPreparerReassignments': 1, 'networkTask.completers': 2, 'networkTask.minCompleters': 2 },
    { 'networkTask.roleOverlap': 'shared', 'networkTask.commitScheme': 'plain', 'networkTask.completers': 2, 'payments.slashing': 'missedReveal' },
    {},
  ],
  initialInput: (rng) => ({ roundId: rng.nextInt(1000), actor: ORACLE, creator: MINERS[rng.nextInt(3)]! }),
  create(input, ctx) {
    const opened = requestRound(input, ctx)
    if (!opened.ok) throw new RangeError(`round driver built an invalid request: ${opened.code}: ${opened.message}`)
    return { state: opened.state, effects: opened.effects }
  },
  transition: transitionRound,
  statusOf: (s) => s.status,
  eventTypeOf: (e) => e.type,
  candidates,
  timeSteps,
  reachableRejections: [
    'WrongPhase',
    'MalformedEvent',
    'NotAssignedMiner',
    'DeadlinePassed',
    'PhaseNotOver',
    'MinerNotEligible',
    'AlreadyActed',
    'TooFewMiners',
    'DuplicateMiner',
    'NotPrecommitted',
    'RevealMismatch',
  ],
}
