/**
 * The protocol's parameters (protocol/params, validated there) as the contracts take them: one
 * value per setter, enums as their index in the catalog's `values` (the contracts' enum order,
 * checked by contracts/test/spec-mapping.test.ts), rates as parts per million. A float parameter
 * that is not a whole number of ppm cannot be represented on chain and is refused here, so a
 * deployment never runs with a silently rounded rule.
 */
import type { Params } from '../../protocol/params/spec.ts'
import { PARAM_SPECS } from '../../protocol/params/spec.ts'

export const PPM = 1_000_000

/** A rate in [0, 1] as integer parts per million; throws when it is not a whole number of ppm. */
export function toPpm(value: number, name: string): number {
  const ppm = Math.round(value * PPM)
  if (Math.abs(ppm - value * PPM) > 1e-6) throw new Error(`${name} = ${value} is not a whole number of parts per million`)
  return ppm
}

/** The index of `value` in the catalog's values of `path` (the contract's enum number). */
export function enumIndex(path: keyof typeof PARAM_SPECS, value: string): number {
  const spec = PARAM_SPECS[path]
  if (spec.type !== 'enum') throw new Error(`${path} is not an enum parameter`)
  const index = (spec.values as readonly string[]).indexOf(value)
  if (index < 0) throw new Error(`${path}: ${value} is not one of ${spec.values.join(', ')}`)
  return index
}

export interface ContractParams {
  readonly queue: {
    readonly deadlinesMs: readonly [number, number, number, number]
    readonly onShortage: number
    readonly maxReassignments: number
    readonly quorumRule: number
    readonly commitScheme: number
    readonly slashing: number
    readonly slashBps: number
    readonly pricePerMinerTask: bigint
    readonly pricePerOutputToken: bigint
  }
  readonly oracle: {
    readonly windowMs: number
    readonly graceMs: number
    readonly heartbeatMs: number
    readonly failoverRule: number
    readonly missedHeartbeats: number
    readonly mode: number
  }
  readonly poolWindow: { readonly windowMs: bigint; readonly buckets: bigint }
  readonly pool: {
    readonly pingIntervalMs: number
    readonly offlineAfterMissedPings: number
    readonly maxModels: number
    readonly maxDedicatedSessions: number
    readonly minAttempts: number
    readonly minSuccessRatePpm: number
    readonly minConsecutiveSuccesses: number
    readonly revalidationRounds: number
    readonly poolExit: number
    readonly levelsMax: number
    readonly baseConsecutive: number
    readonly stepConsecutive: number
    readonly baseSuccessRatePpm: number
    readonly stepSuccessRatePpm: number
    readonly downgradeFailureStreak: number
    readonly releaseRule: number
    readonly maxReservePeriodMs: bigint
    readonly maxTaskExecutionCountCap: number
    readonly minStake: bigint
  }
  readonly session: {
    readonly maxNodesPerSession: number
    readonly maxValidatorNodes: number
    readonly maxRouters: number
    readonly maxNameBytes: number
    readonly maxMetadataBytes: number
    readonly maxRouterMetadataBytes: number
    readonly maxTaskDataBytes: number
    readonly maxPromptTemplateBytes: number
    readonly maxClientReferenceBytes: number
    readonly maxParamEntries: number
    readonly maxTokensCap: number
    readonly defaultMaxTokens: number
  }
  readonly shares: {
    readonly minerShareBps: number
    readonly validatorShareBps: number
    readonly routerShareBps: number
    readonly treasuryShareBps: number
  }
  readonly round: {
    readonly requestDeadlineMs: number
    readonly createDeadlineMs: number
    readonly prepareDeadlineMs: number
    readonly precommitDeadlineMs: number
    readonly commitDeadlineMs: number
    readonly completers: number
    readonly minCompleters: number
    readonly maxPrompts: number
    readonly maxCreatorReassignments: number
    readonly maxPreparerReassignments: number
    readonly minerCooldownRounds: number
    readonly roleOverlap: number
    readonly commitScheme: number
    readonly maxTopicBytes: number
    readonly maxChallengeBytes: number
    readonly maxCompletionBytes: number
    readonly slashing: number
    readonly slashBps: number
  }
}

/** Every contract parameter derived from validated protocol parameters. */
export function toContractParams(p: Params): ContractParams {
  const t = p.userTask
  const n = p.networkTask
  const e = p.eligibility
  const l = p.levels
  const slashing = enumIndex('payments.slashing', p.payments.slashing)
  return {
    queue: {
      deadlinesMs: [t.ackDeadlineMs, t.precommitDeadlineMs, t.commitDeadlineMs, t.totalTimeoutMs],
      onShortage: enumIndex('userTask.onShortage', t.onShortage),
      maxReassignments: t.maxReassignments,
      quorumRule: enumIndex('userTask.quorumRule', t.quorumRule),
      commitScheme: enumIndex('commitReveal.scheme', p.commitReveal.scheme),
      slashing,
      slashBps: p.payments.slashBps,
      pricePerMinerTask: p.payments.pricePerMinerTask,
      pricePerOutputToken: p.payments.pricePerOutputToken,
    },
    oracle: {
      windowMs: p.oracle.windowMs,
      graceMs: p.oracle.graceMs,
      heartbeatMs: p.oracle.heartbeatMs,
      failoverRule: enumIndex('oracle.failoverRule', p.oracle.failoverRule),
      missedHeartbeats: p.oracle.missedHeartbeats,
      mode: enumIndex('oracle.mode', p.oracle.mode),
    },
    poolWindow: { windowMs: BigInt(e.windowMs), buckets: BigInt(e.windowBuckets) },
    pool: {
      pingIntervalMs: p.node.pingIntervalMs,
      offlineAfterMissedPings: p.node.offlineAfterMissedPings,
      maxModels: p.node.maxModels,
      maxDedicatedSessions: p.node.maxDedicatedSessions,
      minAttempts: e.minAttempts,
      minSuccessRatePpm: toPpm(e.minSuccessRate, 'eligibility.minSuccessRate'),
      minConsecutiveSuccesses: e.minConsecutiveSuccesses,
      revalidationRounds: e.revalidationRounds,
      poolExit: enumIndex('eligibility.poolExit', e.poolExit),
      levelsMax: l.max,
      baseConsecutive: l.baseConsecutive,
      stepConsecutive: l.stepConsecutive,
      baseSuccessRatePpm: toPpm(l.baseSuccessRate, 'levels.baseSuccessRate'),
      stepSuccessRatePpm: toPpm(l.stepSuccessRate, 'levels.stepSuccessRate'),
      downgradeFailureStreak: l.downgradeFailureStreak,
      releaseRule: enumIndex('session.releaseRule', p.session.releaseRule),
      maxReservePeriodMs: BigInt(p.session.maxReservePeriodMs),
      maxTaskExecutionCountCap: p.session.maxTaskExecutionCountCap,
      minStake: p.selection.minStake,
    },
    session: {
      maxNodesPerSession: p.session.maxNodesPerSession,
      maxValidatorNodes: p.session.maxValidatorNodes,
      maxRouters: p.session.maxRouters,
      maxNameBytes: p.session.maxNameBytes,
      maxMetadataBytes: p.session.maxMetadataBytes,
      maxRouterMetadataBytes: p.session.maxRouterMetadataBytes,
      maxTaskDataBytes: p.session.maxTaskDataBytes,
      maxPromptTemplateBytes: p.session.maxPromptTemplateBytes,
      maxClientReferenceBytes: p.session.maxClientReferenceBytes,
      maxParamEntries: p.session.maxParamEntries,
      maxTokensCap: p.session.maxTokensCap,
      defaultMaxTokens: p.session.defaultMaxTokens,
    },
    shares: {
      minerShareBps: p.payments.minerShareBps,
      validatorShareBps: p.payments.validatorShareBps,
      routerShareBps: p.payments.routerShareBps,
      treasuryShareBps: p.payments.treasuryShareBps,
    },
    round: {
      requestDeadlineMs: n.requestDeadlineMs,
      createDeadlineMs: n.createDeadlineMs,
      prepareDeadlineMs: n.prepareDeadlineMs,
      precommitDeadlineMs: n.precommitDeadlineMs,
      commitDeadlineMs: n.commitDeadlineMs,
      completers: n.completers,
      minCompleters: n.minCompleters,
      maxPrompts: n.maxPrompts,
      maxCreatorReassignments: n.maxCreatorReassignments,
      maxPreparerReassignments: n.maxPreparerReassignments,
      minerCooldownRounds: n.minerCooldownRounds,
      roleOverlap: enumIndex('networkTask.roleOverlap', n.roleOverlap),
      commitScheme: enumIndex('networkTask.commitScheme', n.commitScheme),
      maxTopicBytes: n.maxTopicBytes,
      maxChallengeBytes: n.maxChallengeBytes,
      maxCompletionBytes: n.maxCompletionBytes,
      slashing,
      slashBps: p.payments.slashBps,
    },
  }
}
