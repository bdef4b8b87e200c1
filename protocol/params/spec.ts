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
  'networkTask.requestDeadlineMs': int(5 * SECOND, 1, DAY, 'ms', 'documented', '§4.1 ("e.g. 5 seconds")', 'Time for the selected creator to respond: a create within it counts as a Request success, a later one as a Request failure.'),
  'networkTask.createDeadlineMs': int(10 * SECOND, 1, DAY, 'ms', 'interpretation', 'Appendix D', 'Extra time after requestDeadlineMs for the creator to publish domain and subdomain; create is refused after requestDeadlineMs + createDeadlineMs.'),
  'networkTask.prepareDeadlineMs': int(30 * SECOND, 1, DAY, 'ms', 'interpretation', 'Appendix D', 'Time for the preparer to publish challenges.'),
  'networkTask.precommitDeadlineMs': int(90 * SECOND, 1, DAY, 'ms', 'interpretation', 'Appendix D', 'Time for completers to precommit.'),
  'networkTask.commitDeadlineMs': int(60 * SECOND, 1, DAY, 'ms', 'interpretation', 'Appendix D', 'Time for completers to reveal.'),
  'networkTask.completers': int(5, 1, 1000, 'miners', 'interpretation', '§15.16', 'Completers selected at Start.'),
  'networkTask.minCompleters': int(1, 1, 1000, 'miners', 'interpretation', '§15.16', 'Precommits, then reveals, needed for the round to go on; fewer ends it without a result.'),
  'networkTask.maxPrompts': int(3, 1, 100, 'prompts', 'abi', '§4.1 (maxPrompts)', 'Challenges the preparer must produce.'),
  'networkTask.maxCreatorReassignments': int(3, 0, 100, 'count', 'interpretation', '§4.1', 'Creators that may replace a timed-out one; the next requestNextCreator ends the round without a result.'),
  'networkTask.maxPreparerReassignments': int(3, 0, 100, 'count', 'interpretation', '§4.1', 'Preparers that may replace a timed-out one; the next requestNextPreparer ends the round without a result.'),
  'networkTask.minerCooldownRounds': int(2, 0, 1000, 'rounds', 'interpretation', 'Appendix D (minerCooldownPeriod)', 'A miner picked in a round is not picked again in the next N rounds.'),
  'networkTask.intervalMs': int(60 * SECOND, 1, DAY, 'ms', 'interpretation', '§6', 'Time between round requests by the oracle leader.'),
  'networkTask.roleOverlap': oneOf('exclusive', ['exclusive', 'shared'], 'interpretation', '§2 (miner types 1–3), §15.16', 'exclusive: creator, preparer and completers of a round are distinct miners; shared: one miner may hold several roles (never one it failed in this round).'),
  'networkTask.commitScheme': oneOf('minerBound', ['minerBound', 'plain'], 'interpretation', '§4.4, §15.3', 'Round precommit hash: minerBound = keccak("cortensor.round", miner, roundId, salt, keccak(completion)) (Cognitive binds the address); plain = keccak(completion) (copyable).'),
  'networkTask.maxTopicBytes': int(256, 1, 100_000, 'bytes', 'interpretation', '§4.1 (create(domain, subdomain), bound unpublished)', 'Longest domain or subdomain a creator may publish, in UTF-8 bytes (as Solidity\'s bytes(s).length).'),
  'networkTask.maxChallengeBytes': int(2048, 1, 1_000_000, 'bytes', 'interpretation', '§4.1 (prepare challenges[], bound unpublished)', 'Longest challenge a preparer may publish, in UTF-8 bytes.'),
  'networkTask.maxCompletionBytes': int(16_384, 1, 10_000_000, 'bytes', 'interpretation', '§4.1 (commit completion, bound unpublished)', 'Longest completion a completer may reveal (its answers to all the round\'s challenges), in UTF-8 bytes.'),
  // ---- sessions --------------------------------------------------------------------------------
  'session.minNumOfNodes': int(1, 1, 1000, 'nodes', 'documented', '§4.2 example', 'Default minimum nodes of a new session.'),
  'session.maxNumOfNodes': int(3, 1, 1000, 'nodes', 'documented', '§4.2 example', 'Default maximum nodes of a new session.'),
  'session.redundant': int(1, 1, 1000, 'miners', 'documented', '§4.2 example', 'Default miners per task.'),
  'session.reservePeriodMs': int(300 * SECOND, 1, 30 * DAY, 'ms', 'documented', '§4.2 example', 'Default reservation length of ephemeral nodes.'),
  'session.maxTaskExecutionCount': int(5, 1, 1_000_000, 'tasks', 'documented', '§4.2 example', 'Default tasks a reserved node runs before release.'),
  'session.maxReservePeriodMs': int(DAY, 1, 365 * DAY, 'ms', 'interpretation', '§3.2 (MAX_RESERVE_PERIOD, value unpublished)', 'Cap on a session\'s reserve period.'),
  'session.maxTaskExecutionCountCap': int(1000, 1, 1_000_000, 'tasks', 'interpretation', '§3.2 (MAX_TASK_EXECUTION_COUNT, value unpublished)', 'Cap on a session\'s max task execution count.'),
  'session.releaseRule': oneOf('firstOf', ['firstOf', 'periodOnly'], 'interpretation', '§15.11', 'firstOf: release at the first of reserve period, task count, deactivation; periodOnly: ignore the task count.'),
  'session.maxNodesPerSession': int(256, 1, 100_000, 'nodes', 'interpretation', '§4.2, §4.5 (bound unpublished)', 'Largest maxNumOfNodes a session may ask for; keeps a session\'s node lists bounded.'),
  'session.maxValidatorNodes': int(16, 0, 1000, 'nodes', 'interpretation', '§4.5 (numOfValidatorNodes, bound unpublished)', 'Largest numOfValidatorNodes a session may ask for.'),
  'session.maxRouters': int(8, 1, 1000, 'routers', 'interpretation', '§4.2 (addRouter, bound unpublished)', 'Routers one session may register.'),
  'session.maxNameBytes': int(256, 1, 1_000_000, 'bytes', 'interpretation', '§4.2 (bound unpublished)', 'Longest session name, in UTF-8 bytes (as Solidity\'s bytes(name).length).'),
  'session.maxMetadataBytes': int(4096, 0, 1_000_000, 'bytes', 'interpretation', '§4.2 (bound unpublished)', 'Longest session metadata, in UTF-8 bytes.'),
  'session.maxRouterMetadataBytes': int(1024, 0, 1_000_000, 'bytes', 'interpretation', '§4.2 (router metadata holds its REST endpoint)', 'Longest router metadata, in UTF-8 bytes.'),
  'session.maxTaskDataBytes': int(65_536, 1, 100_000_000, 'bytes', 'interpretation', '§4.2 (submit taskData, bound unpublished)', 'Longest taskData of a submitted task, in UTF-8 bytes.'),
  'session.maxPromptTemplateBytes': int(16_384, 0, 100_000_000, 'bytes', 'interpretation', '§4.2 (submit promptTemplate, bound unpublished)', 'Longest promptTemplate of a submitted task, in UTF-8 bytes.'),
  'session.maxClientReferenceBytes': int(256, 0, 1_000_000, 'bytes', 'interpretation', '§4.2 (submit clientReference, bound unpublished)', 'Longest clientReference of a submitted task, in UTF-8 bytes.'),
  'session.maxParamEntries': int(16, 7, 1000, 'entries', 'app', '§4.3 (llmParams has 7 entries, requestParams 6)', 'Most entries accepted in a task\'s llmParams and in its requestParams.'),
  'session.maxTokensCap': int(32_768, 1, 10_000_000, 'tokens', 'interpretation', '§4.3 (bound unpublished)', 'Largest maxTokens a task may ask for; bounds its escrow.'),
  'session.defaultMaxTokens': int(1024, 1, 10_000_000, 'tokens', 'app', '§4.3 (llmParams example [1024, 70, 100, 40, 100, 0, 0])', 'maxTokens of a task whose llmParams is empty.'),
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
  'selection.stakeRatioCap': float(100, 1, 1_000_000, 'ratio', 'interpretation', '§6, §15.8', 'stake/minStake is capped at this before the stake exponent applies, so one whale cannot take every draw.'),
  'selection.networkTaskWeighting': oneOf('uniform', ['uniform', 'weighted'], 'interpretation', '§15.7', 'Network-task completers: uniform (Fisher–Yates-equivalent draws over miners out of cooldown) or weighted like user tasks.'),
  // ---- ephemeral eligibility -------------------------------------------------------------------
  'eligibility.minAttempts': int(20, 0, 100_000, 'rounds', 'interpretation', '§15.10', 'Cognitive attempts in the window needed to join the pool.'),
  'eligibility.minSuccessRate': float(0.6, 0, 1, 'ratio', 'interpretation', '§15.10', 'Success rate in the window needed to join the pool.'),
  'eligibility.minConsecutiveSuccesses': int(3, 0, 10_000, 'rounds', 'interpretation', '§15.10', 'Trailing successes needed to join the pool.'),
  'eligibility.windowMs': int(7 * DAY, 1, 365 * DAY, 'ms', 'interpretation', '§15.10', 'Look-back window for eligibility.'),
  'eligibility.revalidationRounds': int(1, 0, 100, 'rounds', 'interpretation', '§15.10', 'Cognitive rounds a released node must pass before it returns to the pool (0: straight back).'),
  'eligibility.windowBuckets': int(28, 1, 10_000, 'buckets', 'interpretation', '§15.10, §15.18', 'Time buckets the eligibility window is kept in (O(1) memory per node); the window is bucket-aligned, so it spans between (buckets−1)/buckets and all of windowMs.'),
  'eligibility.poolExit': oneOf('never', ['never', 'windowFails'], 'interpretation', '§3.3', 'never: an Available node leaves the pool only by reservation or ban (the §3.3 machine); windowFails: it drops back to Probation when a cognitive outcome leaves its window below minAttempts or minSuccessRate.'),
  // ---- reputation ------------------------------------------------------------------------------
  'reputation.weightPrecommit': float(0.5, 0, 1, 'weight', 'interpretation', '§8', 'Weight of the precommit success rate in the score.'),
  'reputation.weightCommit': float(0.3, 0, 1, 'weight', 'interpretation', '§8', 'Weight of the commit success rate in the score.'),
  'reputation.weightCorrectness': float(0.2, 0, 1, 'weight', 'interpretation', '§8', 'Weight of the correctness (PoI) success rate in the score.'),
  'reputation.decay': oneOf('halfLife', ['halfLife', 'none'], 'interpretation', '§15.18', 'halfLife: per-metric attempt and success sums decay exponentially with decayHalfLifeMs (O(1) state, replaces the last-K window of §8); none: plain lifetime rates (NodeStats points / counter).'),
  'reputation.decayHalfLifeMs': int(3 * DAY, 1, 365 * DAY, 'ms', 'interpretation', '§15.18', 'Half-life of an attempt\'s weight.'),
  'reputation.priorRate': float(0.5, 0, 1, 'ratio', 'interpretation', '§8', 'Success rate assumed for a metric with no attempts yet (neutral).'),
  'reputation.priorWeight': float(0, 0, 10_000, 'attempts', 'interpretation', '§8', 'Pseudo-attempts at priorRate added to every metric\'s rate (Bayesian smoothing); 0 uses the prior only while a metric has no attempts.'),
  // ---- levels (CognitiveLevel) -----------------------------------------------------------------
  'levels.max': int(10, 0, 255, 'level', 'documented', '§8 (0–10 since Phase 6)', 'Highest node level.'),
  'levels.baseConsecutive': int(3, 1, 10_000, 'rounds', 'interpretation', '§8 (minConsecutiveCount, values unpublished)', 'Consecutive successes since the last level change needed to leave level 0.'),
  'levels.stepConsecutive': int(1, 0, 10_000, 'rounds', 'interpretation', '§8', 'Extra consecutive successes needed per level.'),
  'levels.baseSuccessRate': float(0.6, 0, 1, 'ratio', 'interpretation', '§8 (minSuccessPercentage)', 'Success rate to leave level 0.'),
  'levels.stepSuccessRate': float(0.03, 0, 1, 'ratio', 'interpretation', '§8', 'Extra success rate needed per level (capped at 0.99).'),
  'levels.downgradeFailureStreak': int(3, 1, 10_000, 'rounds', 'interpretation', '§8', 'Consecutive failures since the last level change that drop a node one level.'),
  // ---- oracle leadership -----------------------------------------------------------------------
  'oracle.windowMs': int(60 * SECOND, 1, DAY, 'ms', 'interpretation', '§15.9', 'Leadership window length (round-robin by address order).'),
  'oracle.graceMs': int(15 * SECOND, 0, DAY, 'ms', 'interpretation', '§15.9', 'Silence after which the next oracle takes over.'),
  'oracle.heartbeatMs': int(5 * SECOND, 1, DAY, 'ms', 'interpretation', '§7, §15.9', 'Interval of oracle heartbeats. Kept below oracle.graceMs so an idle but healthy leader is never rotated out under the grace rule (§7\'s 30 s belongs to its missed-heartbeats variant).'),
  'oracle.failoverRule': oneOf('grace', ['grace', 'missedHeartbeats'], 'interpretation', '§15.9; §7 (on-chain variant)', 'When a silent leader may be rotated out: grace = after oracle.graceMs without activity; missedHeartbeats = after oracle.missedHeartbeats × oracle.heartbeatMs without activity.'),
  'oracle.missedHeartbeats': int(2, 1, 1000, 'heartbeats', 'interpretation', '§7 ("missed 2 heartbeats ⇒ rotate")', 'Heartbeats a leader may miss before rotation under failoverRule = missedHeartbeats.'),
  'oracle.mode': oneOf('strict', ['strict', 'lenient'], 'interpretation', '§15.9', 'strict: only the current leader may end phases; lenient: any registered oracle.'),
  // ---- node liveness ---------------------------------------------------------------------------
  'node.pingIntervalMs': int(60 * SECOND, 1, DAY, 'ms', 'interpretation', '§15.20', 'Interval of miner pings.'),
  'node.offlineAfterMissedPings': int(3, 1, 1000, 'pings', 'interpretation', '§15.20', 'Missed pings after which a node is offline.'),
  'node.maxModels': int(66, 1, 1024, 'models', 'interpretation', '§12 (model indexes 0–65; dynamic loading lets one node serve several)', 'Most model ids a node may declare it serves at registration (a bound on per-node state, not a typical count).'),
  'node.maxDedicatedSessions': int(8, 0, 1000, 'sessions', 'interpretation', '§3.1 (DEDICATED_NODE_AUTHORIZED_SESSIONS, length unpublished)', 'Sessions one node may be dedicated to at once.'),
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
