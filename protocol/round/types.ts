/**
 * Network-task (Cognitive PoUW) round: state and events.
 *
 * The status is named after the last step the round completed, as in the user-task machine, and
 * its order is the Cognitive contract's (Request=0, Create=1, Prepare=2, Start=3, Precommit=4,
 * Commit=5, End=6), so the Solidity enum can use the same numbers:
 *   Request   the creator is asked to `create` (domain, subdomain);
 *   Create    the oracle assigns a preparer, which `prepare`s the challenges;
 *   Prepare   the oracle `start`s the round with the completers;
 *   Start     completers precommit (the precommit phase is open);
 *   Precommit completers reveal (the commit phase is open);
 *   Commit    the oracle validates the revealed completions and ends the round;
 *   End       terminal.
 */
import type { Hex32 } from '../core/commit.ts'
import type { Address, Ms, RoundId } from '../core/types.ts'
import type { PoiVerdict } from '../task/types.ts'

export const ROUND_STATUSES = ['Request', 'Create', 'Prepare', 'Start', 'Precommit', 'Commit', 'End'] as const
export type RoundStatus = (typeof ROUND_STATUSES)[number]

/** Where one completer stands; `Missed*` name the phase it let pass. */
export const COMPLETER_STATES = ['Selected', 'Precommitted', 'Committed', 'Valid', 'Outlier', 'MissedPrecommit', 'MissedReveal'] as const
export type CompleterState = (typeof COMPLETER_STATES)[number]

export interface CompleterSlot {
  readonly miner: Address
  readonly state: CompleterState
  readonly precommitHash: Hex32 | null
  readonly precommitAtMs: Ms | null
  /** The revealed completion: the completer's answers to all the round's challenges. */
  readonly completion: string | null
  readonly salt: Hex32 | null
  readonly committedAtMs: Ms | null
  /** PoI similarity to the cluster centre, once validated. */
  readonly similarity: number | null
}

/** Why a round ended without a result. */
export type RoundFailureReason =
  /** requestNextCreator after `maxCreatorReassignments` replacements. */
  | 'noCreator'
  /** requestNextPreparer after `maxPreparerReassignments` replacements. */
  | 'noPreparer'
  /** endPrecommit with fewer than `minCompleters` precommits. */
  | 'tooFewPrecommits'
  /** endCommit with fewer than `minCompleters` reveals. */
  | 'tooFewReveals'
  /** The oracle's `end(forceEnd = true)` before the round was validated. */
  | 'forced'

export type RoundOutcome =
  | { readonly result: 'completed' }
  | { readonly result: 'failed'; readonly reason: RoundFailureReason; readonly phase: RoundStatus }

export interface RoundState {
  readonly roundId: RoundId
  readonly status: RoundStatus
  /** Incremented on every status change and every new deadline; timers carry it. */
  readonly phaseSeq: number
  readonly phaseStartedAtMs: Ms
  /** When the open phase may be closed without every actor having acted; null while the round waits on the oracle. */
  readonly phaseDeadlineMs: Ms | null
  readonly requestedAtMs: Ms
  readonly updatedAtMs: Ms
  readonly startedAtMs: Ms | null
  readonly endedAtMs: Ms | null
  /** Every creator asked, in order; the last is the current one. At most maxCreatorReassignments + 1. */
  readonly creators: readonly Address[]
  readonly domain: string | null
  readonly subdomain: string | null
  /** Every preparer assigned, in order; the last is the current one. At most maxPreparerReassignments + 1. */
  readonly preparers: readonly Address[]
  /** Exactly maxPrompts once prepared, empty before. */
  readonly challenges: readonly string[]
  /** Exactly `networkTask.completers` once started, empty before. */
  readonly completers: readonly CompleterSlot[]
  /** The oracle that validated the completions, once it did. */
  readonly validator: Address | null
  readonly outcome: RoundOutcome | null
}

export type RoundEvent =
  | { readonly type: 'create'; readonly actor: Address; readonly domain: string; readonly subdomain: string }
  | { readonly type: 'requestNextCreator'; readonly actor: Address; readonly creator: Address }
  | { readonly type: 'assignPreparer'; readonly actor: Address; readonly preparer: Address }
  | { readonly type: 'requestNextPreparer'; readonly actor: Address; readonly preparer: Address }
  | { readonly type: 'prepare'; readonly actor: Address; readonly challenges: readonly string[] }
  | { readonly type: 'start'; readonly actor: Address; readonly completers: readonly Address[] }
  | { readonly type: 'precommit'; readonly actor: Address; readonly hash: Hex32 }
  | { readonly type: 'endPrecommit'; readonly actor: Address }
  | { readonly type: 'commit'; readonly actor: Address; readonly completion: string; readonly salt: Hex32 }
  | { readonly type: 'endCommit'; readonly actor: Address }
  | { readonly type: 'validate'; readonly actor: Address; readonly verdicts: readonly PoiVerdict[] }
  | { readonly type: 'end'; readonly actor: Address; readonly forceEnd: boolean }

export type RoundEventType = RoundEvent['type']

export const ROUND_EVENT_TYPES: readonly RoundEventType[] = [
  'create',
  'requestNextCreator',
  'assignPreparer',
  'requestNextPreparer',
  'prepare',
  'start',
  'precommit',
  'endPrecommit',
  'commit',
  'endCommit',
  'validate',
  'end',
]

/** The oracle's `request()`: opens a round and asks `creator` (chosen by the caller) to create it. */
export interface NewRound {
  readonly roundId: RoundId
  readonly actor: Address
  readonly creator: Address
}
