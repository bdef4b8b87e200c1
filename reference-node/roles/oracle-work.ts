/** What the oracle's duty handlers share: the role context, its embedder, its random source, its settings. */
import type { Rng } from '../../protocol/core/rng.ts'
import type { Embedder } from '../embedding/types.ts'
import type { RoleContext } from './context.ts'
import type { OracleTracking } from './oracle-tracking.ts'

export interface OracleSettings {
  /** A refused duty is sent again after this much chain time. */
  readonly dutyRetryMs: number
  /** Request a network-task round every `roundIntervalMs` while leading. */
  readonly requestRounds: boolean
  readonly roundIntervalMs: number
  /** Reserve pool nodes for sessions short of maxNumOfNodes. */
  readonly reserveNodes: boolean
  /** Send `checkLiveness` for nodes that missed pings, every `node.pingIntervalMs`. */
  readonly livenessChecks: boolean
  /** Subtracted from every embedding before PoI compares them. */
  readonly corpusMean?: readonly number[]
}

export interface OracleWork {
  readonly ctx: RoleContext
  readonly embedder: Embedder
  /** Selection randomness (the protocol's draws take an `Rng`). */
  readonly rng: Rng
  readonly settings: OracleSettings
  readonly tracking: OracleTracking
}
