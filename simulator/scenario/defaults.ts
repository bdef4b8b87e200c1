/**
 * Simulation defaults, and the ones derived from the network's size. Each says why it has the
 * value it has; a scenario file or a params file overrides any of them.
 */
import type { Workload } from './types.ts'

const MINUTE_MS = 60_000

/** DESIGN.md's default workload: about one task per miner per simulated minute, redundancy 3. */
export const DEFAULT_WORKLOAD: Workload = {
  tasksPerMinerPerMinute: 1,
  clients: null,
  // Sessions hold 70% of the miners when full: the rest is the pool's slack for refills while
  // released nodes re-validate (a released node waits for a network-task round, see params.ts).
  reserveShare: 0.7,
  arrival: { kind: 'poisson' },
  sessions: [
    {
      weight: 1,
      redundancy: 3,
      minNodes: 3,
      // Two spare nodes: a session stays Ready (≥ minNodes) while the pool refills a released node.
      maxNodes: 5,
      // gemma-3-4b: every hardware tier can run it at ~1 task a minute (an 8B model would keep
      // the ARM boards, at ~3 tokens/s, permanently behind the 90 s precommit deadline).
      modelId: 7,
      sla: 0,
      // Long reservations keep the release rate (and so the re-validation load) low: with the
      // protocol's 5 minutes and 5 tasks, 10,000 nodes would release ~2,000 nodes a minute,
      // far more than network-task rounds can re-validate.
      reservePeriodMs: 60 * MINUTE_MS,
      maxTaskExecutionCount: 200,
      maxTokens: 256,
    },
  ],
  depositCor: 100,
  roundAnswerTokens: 32,
}

/** Rounds per second during genesis, and how long genesis needs for `miners` nodes. */
export const WARM_UP_ROUND_INTERVAL_MS = 1000

/** A round's typical length (creator, preparer, completers' inference, commit–reveal, PoI). */
const ROUND_MS_ESTIMATE = 60_000

/**
 * Rounds open at once, at most: half the miners may sit in open rounds (a miner sits in one round
 * at a time), the rest stay free for the pool's work and for the next rounds.
 */
export function computeMaxOpenRounds(miners: number, completers: number): number {
  return Math.max(1, Math.min(100, Math.floor((miners * 0.5) / (completers + 2))))
}

/**
 * Genesis length: every node needs `minAttempts` successful rounds, and a round seats
 * `completers + 2` miners (creator, preparer, completers). A round starts every
 * `roundIntervalMs`, or as fast as the open-round limit lets rounds of ~a minute end. Twice the
 * bare need covers the draw's unevenness and rounds a node fails, plus two minutes for the last
 * rounds to finish; never less than three minutes.
 */
export function computeWarmUpMs(miners: number, completers: number, minAttempts: number, roundIntervalMs: number): number {
  const seatsPerRound = completers + 2
  const roundsNeeded = Math.ceil((miners * Math.max(1, minAttempts)) / seatsPerRound)
  const msPerRound = Math.max(roundIntervalMs, ROUND_MS_ESTIMATE / computeMaxOpenRounds(miners, completers))
  const ms = roundsNeeded * 2 * msPerRound + 2 * MINUTE_MS
  return Math.max(3 * MINUTE_MS, Math.ceil(ms / 1000) * 1000)
}

/** Small networks are checked after every command; large ones every ten simulated minutes. */
export const SMALL_NETWORK_MINERS = 50
export const LARGE_NETWORK_CHECK_EVERY_MS = 10 * MINUTE_MS

/** About a hundred samples over the run, on whole seconds, at least every ten seconds. */
export function computeSampleEveryMs(durationMs: number): number {
  return Math.max(10_000, Math.round(durationMs / 100 / 1000) * 1000)
}
