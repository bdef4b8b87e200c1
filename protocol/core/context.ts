/**
 * The context every transition receives: the time, a seeded random source, the parameters and the
 * commit scheme. Nothing else from the outside world reaches the protocol.
 */
import type { Params } from '../params/spec.ts'
import { keccakCommitScheme, type CommitScheme } from './commit.ts'
import type { Rng } from './rng.ts'
import type { Ms } from './types.ts'

export interface Ctx {
  /** Current time in integer milliseconds (block time on a chain, virtual time in the simulator). */
  readonly nowMs: Ms
  readonly rng: Rng
  readonly params: Params
  readonly commit: CommitScheme
}

export function createCtx(nowMs: Ms, rng: Rng, params: Params, commit: CommitScheme = keccakCommitScheme): Ctx {
  return { nowMs, rng, params, commit }
}
