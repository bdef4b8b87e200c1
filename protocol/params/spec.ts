/**
 * Every protocol parameter: its default, its allowed values, its unit and where the default
 * came from. Cortensor publishes few numbers (see cortensor-protocol.md Appendix D and §15), so
 * each default records its provenance; where the documents are silent, the suggested
 * interpretation is the default and the alternative is an enum value of the same parameter.
 */

export type Provenance = 'documented' | 'abi' | 'config' | 'app' | 'interpretation'

interface SpecBase {
  readonly provenance: Provenance
  /** Where the default comes from (a section of cortensor-protocol.md). */
  readonly source: string
  readonly description: string
}

export interface IntSpec extends SpecBase {
  readonly type: 'int'
  readonly default: number
  readonly min: number
  readonly max: number
  readonly unit: string
}

export interface FloatSpec extends SpecBase {
  readonly type: 'float'
  readonly default: number
  readonly min: number
  readonly max: number
  readonly unit: string
}

export interface AmountSpec extends SpecBase {
  readonly type: 'amount'
  readonly default: bigint
  readonly min: bigint
  readonly unit: string
}

export interface EnumSpec<V extends readonly string[] = readonly string[]> extends SpecBase {
  readonly type: 'enum'
  readonly default: V[number]
  readonly values: V
}

export type ParamSpec = IntSpec | FloatSpec | AmountSpec | EnumSpec

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const COR = 10n ** 18n

function int(default_: number, min: number, max: number, unit: string, provenance: Provenance, source: string, description: string): IntSpec {
  return { type: 'int', default: default_, min, max, unit, provenance, source, description }
}
function float(default_: number, min: number, max: number, unit: string, provenance: Provenance, source: string, description: string): FloatSpec {
  return { type: 'float', default: default_, min, max, unit, provenance, source, description }
}
function amount(default_: bigint, unit: string, provenance: Provenance, source: string, description: string): AmountSpec {
  return { type: 'amount', default: default_, min: 0n, unit, provenance, source, description }
}
function oneOf<const V extends readonly string[]>(default_: V[number], values: V, provenance: Provenance, source: string, description: string): EnumSpec<V> {
  return { type: 'enum', default: default_, values, provenance, source, description }
}

/** The parameter catalog, keyed by dotted path. `Params` (params/types.ts) mirrors it. */
export const PARAM_SPECS = {
  // ---- user tasks (SessionQueue) -------------------------------------------------------------
  'userTask.ackDeadlineMs': int(15 * SECOND, 1, DAY, 'ms', 'interpretation', '§15.1', 'Time after assignment for miners to ack.'),
  'userTask.precommitDeadlineMs': int(90 * SECOND, 1, DAY, 'ms', 'app', '§4.3, §15.1', 'Time after the ack phase ends for miners to precommit (client precommit_timeout default).'),
  'userTask.commitDeadlineMs': int(60 * SECOND, 1, DAY, 'ms', 'interpretation', '§15.1', 'Time after the precommit phase ends for miners to reveal.'),
  'userTask.totalTimeoutMs': int(300 * SECOND, 1, 7 * DAY, 'ms', 'app', '§13.1', 'Overall budget from enqueue to end, used by liveness checks and clients.'),
  'userTask.maxReassignments': int(1, 0, 100, 'count', 'interpretation', '§4.3', 'How many times a task short of miners goes back to the queue before it is refunded.'),
  'userTask.quorumRule': oneOf('majority', ['majority', 'all', 'one'], 'interpretation', '§15.4', 'Valid results needed: majority = max(1, ceil(redundant/2)); all = redundant; one = 1.'),
  'userTask.onShortage': oneOf('reassign', ['reassign', 'refund'], 'interpretation', '§4.3', 'What happens when a phase ends with fewer miners than the quorum: back to the queue (up to maxReassignments) or straight to a refund.'),
  // ---- network tasks (Cognitive PoUW rounds) --------------------------------------------------
  'networkTask.requestDeadlineMs': int(5 * SECOND, 1, DAY, 'ms', 'documented', '§4.1 ("e.g. 5 seconds")', 'Time for the selected creator to accept the request.'),
  'networkTask.createDeadlineMs': int(10 * SECOND, 1, DAY, 'ms', 'interpretation', 'Appendix D', 'Time for the creator to publish domain and subdomain.'),
  'networkTask.prepareDeadlineMs': int(30 * SECOND, 1, DAY, 'ms', 'interpretation', 'Appendix D', 'Time for the preparer to publish challenges.'),
  'networkTask.precommitDeadlineMs': int(90 * SECOND, 1, DAY, 'ms', 'interpretation', 'Appendix D', 'Time for completers to precommit.'),
  'networkTask.commitDeadlineMs': int(60 * SECOND, 1, DAY, 'ms', 'interpretation', 'Appendix D', 'Time for completers to reveal.'),
  'networkTask.completers': int(5, 1, 1000, 'miners', 'interpretation', '§15.16', 'Completers selected at Start.'),
  'networkTask.minCompleters': int(1, 1, 1000, 'miners', 'interpretation', '§15.16', 'Reveals needed for the round to count; fewer force-ends it without a result.'),
  'networkTask.maxPrompts': int(3, 1, 100, 'prompts', 'abi', '§4.1 (maxPrompts)', 'Challenges the preparer must produce.'),
  'networkTask.maxCreatorReassignments': int(3, 0, 100, 'count', 'interpretation', '§4.1', 'requestNextCreator calls before the round is force-ended.'),
  'networkTask.maxPreparerReassignments': int(3, 0, 100, 'count', 'interpretation', '§4.1', 'requestNextPreparer calls before the round is force-ended.'),
  'networkTask.minerCooldownRounds': int(2, 0, 1000, 'rounds', 'interpretation', 'Appendix D (minerCooldownPeriod)', 'A miner picked in a round is not picked again in the next N rounds.'),
  'networkTask.intervalMs': int(60 * SECOND, 1, DAY, 'ms', 'interpretation', '§6', 'Time between round requests by the oracle leader.'),
  // ---- sessions --------------------------------------------------------------------------------
  'session.minNumOfNodes': int(1, 1, 1000, 'nodes', 'documented', '§4.2 example', 'Default minimum nodes of a new session.'),
  'session.maxNumOfNodes': int(3, 1, 1000, 'nodes', 'documented', '§4.2 example', 'Default maximum nodes of a new session.'),
  'session.redundant': int(1, 1, 1000, 'miners', 'documented', '§4.2 example', 'Default miners per task.'),
  'session.reservePeriodMs': int(300 * SECOND, 1, 30 * DAY, 'ms', 'documented', '§4.2 example', 'Default reservation length of ephemeral nodes.'),
  'session.maxTaskExecutionCount': int(5, 1, 1_000_000, 'tasks', 'documented', '§4.2 example', 'Default tasks a reserved node runs before release.'),
  'session.maxReservePeriodMs': int(DAY, 1, 365 * DAY, 'ms', 'interpretation', '§3.2 (MAX_RESERVE_PERIOD, value unpublished)', 'Cap on a session\'s reserve period.'),
  'session.maxTaskExecutionCountCap': int(1000, 1, 1_000_000, 'tasks', 'interpretation', '§3.2 (MAX_TASK_EXECUTION_COUNT, value unpublished)', 'Cap on a session\'s max task execution count.'),
  'session.releaseRule': oneOf('firstOf', ['firstOf', 'periodOnly'], 'interpretation', '§15.11', 'firstOf: release at the first of reserve period, task count, deactivation; periodOnly: ignore the task count.'),
  // ---- commit–reveal ---------------------------------------------------------------------------
  'commitReveal.scheme': oneOf('minerBound', ['minerBound', 'plain'], 'interpretation', '§15.3', 'minerBound: keccak(miner, session, task, salt, keccak(result)); plain: keccak(result) as getHash in SessionQueueV2 (copyable).'),
  // ---- Proof of Inference ----------------------------------------------------------------------
  'poi.cosineThreshold': float(0.85, -1, 1, 'cosine', 'interpretation', '§15.5', 'A result is valid when its similarity to the cluster centre is at least this.'),
  'poi.centre': oneOf('medoid', ['medoid', 'mean'], 'interpretation', '§5', 'Cluster centre: the medoid result, or the normalised mean vector.'),
  // ---- miner selection -------------------------------------------------------------------------
  'selection.reputationExponent': float(1, 0, 16, 'exponent', 'interpretation', '§15.8', 'Weight = reputation^this × (stake/minStake)^stakeExponent; 0 gives uniform sampling over reputation.'),
  'selection.stakeExponent': float(0, 0, 16, 'exponent', 'interpretation', '§6', 'Stake term of the selection weight; 0 makes stake only an eligibility threshold.'),
  'selection.minStake': amount(10_000n * COR, 'wei', 'documented', '§9.3 (testnet phases 2–3)', 'Stake a node needs to be eligible.'),
  'selection.reputationFloor': float(0.01, 0, 1, 'score', 'interpretation', '§15.8', 'Weight floor so a new eligible node is never starved completely.'),
  // ---- ephemeral eligibility -------------------------------------------------------------------
  'eligibility.minAttempts': int(20, 0, 100_000, 'rounds', 'interpretation', '§15.10', 'Cognitive attempts in the window needed to join the pool.'),
  'eligibility.minSuccessRate': float(0.6, 0, 1, 'ratio', 'interpretation', '§15.10', 'Success rate in the window needed to join the pool.'),
  'eligibility.minConsecutiveSuccesses': int(3, 0, 10_000, 'rounds', 'interpretation', '§15.10', 'Trailing successes needed to join the pool.'),
  'eligibility.windowMs': int(7 * DAY, 1, 365 * DAY, 'ms', 'interpretation', '§15.10', 'Look-back window for eligibility.'),
  'eligibility.revalidationRounds': int(1, 0, 100, 'rounds', 'interpretation', '§15.10', 'Cognitive rounds a released node must pass before it returns to the pool.'),
  // ---- reputation ------------------------------------------------------------------------------
  'reputation.historySize': int(100, 1, 10_000, 'attempts', 'interpretation', '§8', 'Attempts remembered per metric (sliding window).'),
  'reputation.weightPrecommit': float(0.5, 0, 1, 'weight', 'interpretation', '§8', 'Weight of the precommit success rate in the score.'),
  'reputation.weightCommit': float(0.3, 0, 1, 'weight', 'interpretation', '§8', 'Weight of the commit success rate in the score.'),
  'reputation.weightCorrectness': float(0.2, 0, 1, 'weight', 'interpretation', '§8', 'Weight of the correctness (PoI) success rate in the score.'),
  'reputation.decay': oneOf('halfLife', ['halfLife', 'window'], 'interpretation', '§15.18', 'halfLife: older attempts weigh less with the half-life; window: all remembered attempts weigh the same.'),
  'reputation.decayHalfLifeMs': int(3 * DAY, 1, 365 * DAY, 'ms', 'interpretation', '§15.18', 'Half-life of an attempt\'s weight.'),
  // ---- levels (CognitiveLevel) -----------------------------------------------------------------
  'levels.max': int(10, 0, 255, 'level', 'documented', '§8 (0–10 since Phase 6)', 'Highest node level.'),
  'levels.baseConsecutive': int(3, 1, 10_000, 'rounds', 'interpretation', '§8 (minConsecutiveCount, values unpublished)', 'Consecutive successes to leave level 0.'),
  'levels.stepConsecutive': int(1, 0, 10_000, 'rounds', 'interpretation', '§8', 'Extra consecutive successes needed per level.'),
  'levels.baseSuccessRate': float(0.6, 0, 1, 'ratio', 'interpretation', '§8 (minSuccessPercentage)', 'Success rate to leave level 0.'),
  'levels.stepSuccessRate': float(0.03, 0, 1, 'ratio', 'interpretation', '§8', 'Extra success rate needed per level (capped at 0.99).'),
  'levels.downgradeFailureStreak': int(3, 1, 10_000, 'rounds', 'interpretation', '§8', 'Consecutive failures that drop a node one level.'),
  // ---- oracle leadership -----------------------------------------------------------------------
  'oracle.windowMs': int(60 * SECOND, 1, DAY, 'ms', 'interpretation', '§15.9', 'Leadership window length (round-robin by address order).'),
  'oracle.graceMs': int(15 * SECOND, 0, DAY, 'ms', 'interpretation', '§15.9', 'Silence after which the next oracle takes over.'),
  'oracle.heartbeatMs': int(30 * SECOND, 1, DAY, 'ms', 'interpretation', '§7', 'Interval of leader heartbeats.'),
  'oracle.mode': oneOf('strict', ['strict', 'lenient'], 'interpretation', '§15.9', 'strict: only the current leader may end phases; lenient: any registered oracle.'),
  // ---- node liveness ---------------------------------------------------------------------------
  'node.pingIntervalMs': int(60 * SECOND, 1, DAY, 'ms', 'interpretation', '§15.20', 'Interval of miner pings.'),
  'node.offlineAfterMissedPings': int(3, 1, 1000, 'pings', 'interpretation', '§15.20', 'Missed pings after which a node is offline.'),
  // ---- payments --------------------------------------------------------------------------------
  'payments.pricePerMinerTask': amount(COR / 10n, 'wei', 'interpretation', '§15.13', 'Base price of one task per assigned miner.'),
  'payments.pricePerOutputToken': amount(0n, 'wei', 'interpretation', '§15.13', 'Price per output token per miner (0 = flat pricing).'),
  'payments.minerShareBps': int(8000, 0, 10_000, 'bps', 'interpretation', '§15.13', 'Share of a task\'s charge for valid miners (equal split).'),
  'payments.validatorShareBps': int(1000, 0, 10_000, 'bps', 'interpretation', '§15.13', 'Share for validators (treasury when there are none).'),
  'payments.routerShareBps': int(500, 0, 10_000, 'bps', 'interpretation', '§15.13', 'Share for the session\'s router (treasury when there is none).'),
  'payments.treasuryShareBps': int(500, 0, 10_000, 'bps', 'interpretation', '§15.13', 'Share for the treasury; it also receives rounding dust.'),
  'payments.slashing': oneOf('none', ['none', 'missedReveal'], 'interpretation', '§15.6', 'none: reputation-only penalties; missedReveal: slash the stake of a miner that precommitted but never revealed a matching result (withholding or a bad reveal).'),
  'payments.slashBps': int(1000, 0, 10_000, 'bps', 'interpretation', '§15.6', 'Share of stake slashed when slashing applies.'),
} as const satisfies Record<string, ParamSpec>

export type ParamPath = keyof typeof PARAM_SPECS

export const PARAM_PATHS = Object.keys(PARAM_SPECS) as ParamPath[]

type Specs = typeof PARAM_SPECS
type LeafType<S> = S extends EnumSpec<infer V> ? V[number] : S extends AmountSpec ? bigint : number
type GroupOf<P> = P extends `${infer G}.${string}` ? G : never
type FieldOf<P, G extends string> = P extends `${G}.${infer F}` ? F : never

/** The typed parameter object: one group per prefix of the catalog (`params.userTask.ackDeadlineMs`). */
export type Params = {
  readonly [G in GroupOf<ParamPath>]: {
    readonly [F in FieldOf<ParamPath, G>]: LeafType<Specs[`${G}.${F}` & ParamPath]>
  }
}
