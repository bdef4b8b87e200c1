/**
 * Small builders shared by protocol tests: contexts at a given time, well-known addresses, salts
 * and precommit hashes. Test-only code; machines never import it.
 */
import { computePrecommitHash, type Hex32 } from '../core/commit.ts'
import { createCtx, type Ctx } from '../core/context.ts'
import { createRng } from '../core/rng.ts'
import { computeSyntheticAddress, type Address } from '../core/types.ts'
import { defaultParams, withParam } from '../params/validate.ts'
import type { ParamPath, Params } from '../params/spec.ts'

export const ORACLE = computeSyntheticAddress(0x04ac1e, 1)
export const ORACLE_B = computeSyntheticAddress(0x04ac1e, 2)
export const OWNER = computeSyntheticAddress(0xc11e47, 1)
export const ROUTER = computeSyntheticAddress(0x4007e4, 1)

export function miner(i: number): Address {
  return computeSyntheticAddress(0x3113e4, i)
}

export function salt(i: number): Hex32 {
  return `0x${i.toString(16).padStart(64, '0')}` as Hex32
}

export function paramsWith(overrides: Partial<Record<ParamPath, number | bigint | string>> = {}): Params {
  let p = defaultParams()
  for (const [path, value] of Object.entries(overrides)) p = withParam(p, path as ParamPath, value as number | bigint | string)
  return p
}

export function ctxAt(nowMs: number, params: Params = defaultParams(), seed = 1): Ctx {
  return createCtx(nowMs, createRng(seed), params)
}

export function precommitFor(params: Params, who: Address, sessionId: number, taskId: number, s: Hex32, result: string): Hex32 {
  return computePrecommitHash(params.commitReveal.scheme, { miner: who, sessionId, taskId, salt: s, result })
}
