/**
 * The result of every transition: either the next state plus effects, or a typed rejection.
 *
 * Rejections are expected outcomes (bad input, wrong phase, wrong actor) and leave the state
 * unchanged; they are not exceptions. Broken invariants inside the protocol are programmer errors
 * and throw through `assert`.
 */
import type { Effect } from './effects.ts'

export interface Accepted<S> {
  readonly ok: true
  readonly state: S
  readonly effects: readonly Effect[]
}

export interface Rejection {
  readonly ok: false
  /** Stable code, e.g. `WrongPhase`; reports count these and vectors record them. */
  readonly code: RejectionCode
  /** One sentence naming what was wrong, with the offending values. */
  readonly message: string
}

export type Transition<S> = Accepted<S> | Rejection

export function accept<S>(state: S, effects: readonly Effect[] = []): Accepted<S> {
  return { ok: true, state, effects }
}

export function reject(code: RejectionCode, message: string): Rejection {
  return { ok: false, code, message }
}

/**
 * Every rejection code any machine may return. Codes are stable: contracts, vectors and reports
 * refer to them by name, so renaming one is a protocol change.
 */
export const REJECTION_CODES = [
  // generic input problems
  'MalformedEvent',
  'UnknownEvent',
  'InvalidParams',
  'UnknownSession',
  'UnknownTask',
  'UnknownNode',
  'UnknownRound',
  'UnknownOracle',
  'AlreadyExists',
  // phase and time
  'WrongPhase',
  'PhaseNotOver',
  'DeadlinePassed',
  'StaleDeadline',
  // actors
  'NotOwner',
  'NotOracle',
  'NotLeader',
  'NotAssignedMiner',
  'NotRouter',
  'WrongActor',
  // miner actions
  'AlreadyActed',
  'RevealMismatch',
  'NotAcked',
  'NotPrecommitted',
  // sessions and nodes
  'SessionInactive',
  'InvalidSessionConfig',
  'TooFewMiners',
  'MinerNotEligible',
  'NodeBanned',
  'NodeNotAvailable',
  'NodeReserved',
  'NotRegistered',
  'StakeTooLow',
  'ModelNotServed',
  'DuplicateMiner',
  /** A session already holds maxNumOfNodes nodes. */
  'SessionFull',
  /** The session's mode does not allow this kind of node or task (e.g. a dedicated node in an Ephemeral session). */
  'WrongSessionMode',
  /** The node missed `node.offlineAfterMissedPings` pings (liveness overlay). */
  'NodeOffline',
  /** The node's level is below the session's SLA tier. */
  'LevelTooLow',
  /** The node is not reserved by (or dedicated to) the session the event names. */
  'WrongSession',
  /** A bounded per-entity list is full (e.g. `node.maxDedicatedSessions`). */
  'LimitExceeded',
  // payments
  'ZeroAmount',
  'InsufficientBalance',
  'NothingToWithdraw',
  // oracle leadership
  'LastOracle',
  'LeaderCannotLeave',
  'NoSuccessor',
  'TimeWentBackwards',
  // PoI
  'InvalidEmbedding',
] as const

export type RejectionCode = (typeof REJECTION_CODES)[number]

/** Thrown when the protocol's own code breaks one of its assumptions: a bug, never bad input. */
export class ProtocolAssertionError extends Error {
  override readonly name = 'ProtocolAssertionError'
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ProtocolAssertionError(message)
}

/** Exhaustiveness guard for switches over tagged unions. */
export function assertNever(value: never, what: string): never {
  throw new ProtocolAssertionError(`unhandled ${what}: ${JSON.stringify(value)}`)
}
