/**
 * Oracle leadership state and events: one entity for the whole oracle set.
 *
 * Time is cut into windows of `oracle.windowMs` (window w covers [w·W, (w+1)·W)); the base leader of
 * window w is oracles[w mod N] in ascending address order (§15.9). A leader silent for too long
 * may be rotated out to the next oracle in that order (failover); a new window starts again from
 * its base leader. Only the leader's activity is tracked, because only the leader's silence
 * matters: this keeps the state O(N) in the number of oracles and an action O(1).
 */
import type { Address, Ms } from '../core/types.ts'

/** `Empty` until the first oracle registers; from then on there is always exactly one leader. */
export const ORACLE_SET_STATUSES = ['Empty', 'Active'] as const
export type OracleSetStatus = (typeof ORACLE_SET_STATUSES)[number]

/** Why leadership moved: a new window began, or a silent leader was rotated out. */
export type LeaderChangeReason = 'window' | 'failover'

export interface OracleSetState {
  readonly status: OracleSetStatus
  /** Registered oracles in ascending address order: the round-robin and failover order. */
  readonly oracles: readonly Address[]
  /** Index of the window the leadership fields belong to: floor(ms / oracle.windowMs). */
  readonly window: number
  /** The one leader (null only while `Empty`). */
  readonly leader: Address | null
  /** When the current leader took over (window start, registration or failover). */
  readonly leaderSinceMs: Ms
  /**
   * The later of `leaderSinceMs` and the leader's last action or heartbeat. Silence is measured
   * from here, and no event may carry an earlier time (chain time does not go backwards).
   */
  readonly leaderActiveAtMs: Ms
  /** Leaders rotated out in this window, in order; none may lead again before the next window. */
  readonly rotatedOut: readonly Address[]
}

export type OracleEvent =
  /** Adds an oracle (permissioning is the host's or the contract owner's concern). */
  | { readonly type: 'register'; readonly oracle: Address }
  /** Removes an oracle; not the last one and not the current leader. */
  | { readonly type: 'deregister'; readonly oracle: Address }
  /** Proof of life; it counts as activity when the leader sends it. */
  | { readonly type: 'heartbeat'; readonly actor: Address }
  /** Any oracle action on another machine (ending a phase, validating, …); see `authorizeOracleAction`. */
  | { readonly type: 'act'; readonly actor: Address }
  /** Anyone may ask to move leadership on once the leader has been silent long enough. */
  | { readonly type: 'rotate'; readonly actor: Address }
  /** Advances to the window of `nowMs` (every other event does this first as well). */
  | { readonly type: 'tick' }

export type OracleEventType = OracleEvent['type']

export const ORACLE_EVENT_TYPES: readonly OracleEventType[] = ['register', 'deregister', 'heartbeat', 'act', 'rotate', 'tick']
