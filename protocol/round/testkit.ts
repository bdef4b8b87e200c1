/**
 * Test-only builders for the round machine's tests: well-known participants, honest hashes, and a
 * round driven to each status on a fixed timeline. Machines never import this file.
 */
import { computeRoundPrecommitHash, type Hex32 } from '../core/commit.ts'
import type { Effect } from '../core/effects.ts'
import type { Address } from '../core/types.ts'
import type { Params } from '../params/spec.ts'
import { ORACLE, ctxAt, miner, salt } from '../testing/fixtures.ts'
import { requestRound, transitionRound } from './machine.ts'
import type { RoundEvent, RoundState } from './types.ts'

export const ROUND_ID = 7
export const CREATOR = miner(101)
export const CREATOR_2 = miner(102)
export const PREPARER = miner(201)
export const PREPARER_2 = miner(202)
/** The default five completers. */
export const COMPLETERS: readonly Address[] = [1, 2, 3, 4, 5].map(miner)

/** Fixed times of the happy path (ms). */
export const T = { request: 0, create: 1_000, assign: 1_100, prepare: 2_000, start: 3_000, precommit: 4_000, endPrecommit: 5_000, commit: 6_000, endCommit: 7_000, validate: 8_000, end: 9_000 } as const

export function answerOf(who: Address): string {
  return `answers of ${who}`
}

/** The i-th completer's salt (distinct per completer). */
export function saltOf(index: number): Hex32 {
  return salt(index + 1)
}

export function roundHashFor(params: Params, who: Address, s: Hex32, completion: string, roundId = ROUND_ID): Hex32 {
  return computeRoundPrecommitHash(params.networkTask.commitScheme, { miner: who, roundId, salt: s, completion })
}

export function challengesFor(params: Params): string[] {
  return Array.from({ length: params.networkTask.maxPrompts }, (_, i) => `challenge ${i}`)
}

function snapshot(state: RoundState): string {
  return JSON.stringify(state)
}

/** Applies `event`; fails the test on a rejection. */
export function apply(state: RoundState, event: RoundEvent, now: number, params: Params): { state: RoundState; effects: readonly Effect[] } {
  const r = transitionRound(state, event, ctxAt(now, params))
  if (!r.ok) throw new Error(`unexpected rejection ${r.code}: ${r.message}`)
  return { state: r.state, effects: r.effects }
}

export function step(state: RoundState, event: RoundEvent, now: number, params: Params): RoundState {
  return apply(state, event, now, params).state
}

/** The rejection code of `event` ('accepted' if it was not rejected); throws if the input state changed. */
export function rejected(state: RoundState, event: RoundEvent, now: number, params: Params): string {
  const before = snapshot(state)
  const r = transitionRound(state, event, ctxAt(now, params))
  if (snapshot(state) !== before) throw new Error(`${event.type} changed the state it was given`)
  return r.ok ? 'accepted' : r.code
}

export function opened(params: Params, creator: Address = CREATOR): RoundState {
  const r = requestRound({ roundId: ROUND_ID, actor: ORACLE, creator }, ctxAt(T.request, params))
  if (!r.ok) throw new Error(r.message)
  return r.state
}

export function toCreated(params: Params): RoundState {
  return step(opened(params), { type: 'create', actor: CREATOR, domain: 'science', subdomain: 'optics' }, T.create, params)
}

export function toPreparing(params: Params): RoundState {
  return step(toCreated(params), { type: 'assignPreparer', actor: ORACLE, preparer: PREPARER }, T.assign, params)
}

export function toPrepared(params: Params): RoundState {
  return step(toPreparing(params), { type: 'prepare', actor: PREPARER, challenges: challengesFor(params) }, T.prepare, params)
}

export function completersFor(params: Params): Address[] {
  return Array.from({ length: params.networkTask.completers }, (_, i) => miner(i + 1))
}

export function toStarted(params: Params): RoundState {
  return step(toPrepared(params), { type: 'start', actor: ORACLE, completers: completersFor(params) }, T.start, params)
}

/** Started, with the completers at `indexes` precommitted honestly. */
export function withPrecommits(params: Params, indexes: readonly number[]): RoundState {
  let r = toStarted(params)
  for (const i of indexes) {
    const who = r.completers[i]!.miner
    r = step(r, { type: 'precommit', actor: who, hash: roundHashFor(params, who, saltOf(i), answerOf(who)) }, T.precommit, params)
  }
  return r
}

/** In the commit phase with every completer precommitted. */
export function toRevealing(params: Params): RoundState {
  const all = completersFor(params).map((_, i) => i)
  return step(withPrecommits(params, all), { type: 'endPrecommit', actor: ORACLE }, T.endPrecommit, params)
}

export function reveal(state: RoundState, index: number, params: Params, now: number = T.commit): RoundState {
  const who = state.completers[index]!.miner
  return step(state, { type: 'commit', actor: who, completion: answerOf(who), salt: saltOf(index) }, now, params)
}

/** In Commit (awaiting validation) with every completer revealed. */
export function toCommitted(params: Params): RoundState {
  let r = toRevealing(params)
  for (let i = 0; i < r.completers.length; i++) r = reveal(r, i, params)
  return step(r, { type: 'endCommit', actor: ORACLE }, T.endCommit, params)
}
