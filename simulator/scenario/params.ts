/**
 * Protocol parameters of a simulation: the catalog's defaults, then the simulation's own defaults
 * below (which depend on the network's size), then the user's params file. Only the first two are
 * ours; a params file always wins.
 *
 * Why the simulation changes some protocol defaults (the calibration issue): with 10,000 nodes and
 * one round of 5 completers a minute, a node would take part in ~5 rounds a week, far below
 * `eligibility.minAttempts = 20`, so no node would ever join the pool, and a released node would
 * wait days for its re-validation round. The simulation therefore runs
 *
 * - `networkTask.completers` = miners / 100, between 3 and 100 (fewer on tiny networks, so that a
 *   creator, a preparer and the completers are distinct miners),
 * - `networkTask.intervalMs` = 7.5 s, so every node sits in a round about every 12 minutes at
 *   10,000 nodes (the re-validation wait of a released node),
 * - `networkTask.minerCooldownRounds` = 0 below 50 miners (a tiny network has no one else to pick),
 * - `eligibility.minAttempts` = 3 (with `minConsecutiveSuccesses` = 3, the protocol default), so a
 *   node qualifies after three good rounds of the genesis warm-up (scenario `warmUp`).
 */
import { loadParams, type ParamError } from '../../protocol/params/validate.ts'
import { defaultParams, withParam } from '../../protocol/params/validate.ts'
import type { ParamPath, Params } from '../../protocol/params/spec.ts'

export type ParamOverrides = Partial<Record<ParamPath, number | bigint | string>>

/** The simulation's defaults for a network of `miners` miners (see the file comment). */
export function computeSimulationParamDefaults(miners: number): ParamOverrides {
  const completers = Math.max(1, Math.min(100, Math.max(3, Math.floor(miners / 100)), miners - 2))
  return {
    'networkTask.completers': completers,
    'networkTask.intervalMs': 7_500,
    'networkTask.minerCooldownRounds': miners >= 50 ? 2 : 0,
    'eligibility.minAttempts': 3,
  }
}

export type SimulationParamsResult = { readonly ok: true; readonly params: Params } | { readonly ok: false; readonly errors: readonly ParamError[] }

/** Catalog defaults, then the simulation's for `miners`, then `overrides` (a params file's JSON). */
export function resolveSimulationParams(miners: number, overrides: unknown): SimulationParamsResult {
  let base = defaultParams()
  for (const [path, value] of Object.entries(computeSimulationParamDefaults(miners))) base = withParam(base, path as ParamPath, value as number)
  return loadParams(overrides ?? {}, base)
}
