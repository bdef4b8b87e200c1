/**
 * Agent behaviours and their knobs. A behaviour is a strategy an agent follows while every rule
 * it meets is the protocol's: the simulator never decides what is valid, only what an agent tries.
 *
 * Miners:
 * | behaviour | what it does | how the protocol should answer |
 * | --- | --- | --- |
 * | honest | full answer at its hardware's speed | paid, reputation up |
 * | lazy | truncated answer (`outputFraction` of the tokens), far from the reference | PoI outlier |
 * | cheapModel | a smaller model: `speedup` times faster, answers near the threshold | often an outlier |
 * | copycat | does no work; copies another miner's precommit hash, then its revealed text | fails under minerBound, passes under plain |
 * | colluding | the group (`group`) agrees on one wrong answer per task | wins only as a task's majority |
 * | withholding | precommits, then withholds its reveal when its answer's similarity to the reference is below `withholdBelow` | timed out (slashed with missedReveal) |
 * | flaky | goes offline for `offlineMeanMs` after `onlineMeanMs` on average (exponential) | not selectable while offline, back after pinging |
 * | slow | generates `slowdown` times slower than its hardware | misses deadlines |
 *
 * Oracles:
 * | behaviour | what it does |
 * | --- | --- |
 * | honest | performs every duty of `protocol/policy/oracle.ts`, heartbeats, watches the leader |
 * | crashing | crashes `crashesPerHour` times an hour (Poisson), for `downtimeMs` each time |
 * | stalling | keeps heartbeating but performs no duty while it leads (a lazy leader) |
 * | skewedClock | acts on its own clock, `skewMs` off virtual time (windows, deadlines) |
 */
import type { DistributionSpec } from '../models/distribution.ts'

export const MINER_BEHAVIOURS = ['honest', 'lazy', 'cheapModel', 'copycat', 'colluding', 'withholding', 'flaky', 'slow'] as const
export type MinerBehaviour = (typeof MINER_BEHAVIOURS)[number]

export const ORACLE_BEHAVIOURS = ['honest', 'crashing', 'stalling', 'skewedClock'] as const
export type OracleBehaviour = (typeof ORACLE_BEHAVIOURS)[number]

/** Knobs of miner behaviours; each behaviour reads only its own. */
export interface MinerKnobs {
  /** lazy: share of the tokens an honest answer would have. */
  readonly outputFraction: number
  /** cheapModel: how many times faster than the session's model. */
  readonly speedup: number
  /** slow: how many times slower than its hardware. */
  readonly slowdown: number
  /** flaky: mean time online between outages (exponential). */
  readonly onlineMeanMs: number
  /** flaky: mean outage (exponential). */
  readonly offlineMeanMs: number
  /** withholding: withholds the reveal when its answer's similarity to the reference is below this. */
  readonly withholdBelow: number
  /** colluding: name of the group whose members agree on one wrong answer per task. */
  readonly group: string
  /**
   * Whether the strategy also applies to network-task rounds. By default cheaters are strategic:
   * honest in rounds (the exam that admits them to the pool), cheating in paid user tasks.
   * Flaky and slow miners are physical and behave the same everywhere.
   */
  readonly cheatInRounds: boolean
}

export const MINER_KNOB_DEFAULTS: MinerKnobs = {
  outputFraction: 0.15,
  speedup: 3,
  slowdown: 20,
  onlineMeanMs: 30 * 60_000,
  offlineMeanMs: 10 * 60_000,
  withholdBelow: 0.9,
  group: 'g1',
  cheatInRounds: false,
}

export interface OracleKnobs {
  /** crashing: crashes per hour (Poisson). */
  readonly crashesPerHour: number
  /** crashing: how long each crash lasts. */
  readonly downtimeMs: DistributionSpec
  /** skewedClock: constant offset of its clock from virtual time (positive = ahead). */
  readonly skewMs: number
}

export const ORACLE_KNOB_DEFAULTS: OracleKnobs = {
  crashesPerHour: 1,
  downtimeMs: { kind: 'exponential', mean: 120_000 },
  skewMs: 20_000,
}

/** Which embedding strategy (models/embeddings.ts) a miner's answers follow. */
export function resultStrategyOf(behaviour: MinerBehaviour): 'honest' | 'lazy' | 'cheapModel' | 'colluding' {
  switch (behaviour) {
    case 'lazy':
      return 'lazy'
    case 'cheapModel':
    case 'withholding':
      return 'cheapModel'
    case 'colluding':
      return 'colluding'
    case 'honest':
    case 'copycat':
    case 'flaky':
    case 'slow':
      return 'honest'
  }
}
