// Goal: the contracts cannot drift from protocol/ unnoticed: enum orders, parameter defaults and
// ranges (SessionQueue, OracleRegistry, NodePool, Session, SessionPayment, Cognitive), the task
// transition table, the commit-hash vectors the forge tests read, and the README's table mapping
// every custom error of every contract to a protocol rejection code.
// Method: read the Solidity sources and the README as text (the few declarations checked have a
// fixed shape), and compare each with the value protocol/ exports.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { computePrecommitHash, type Hex32 } from '../../protocol/core/commit.ts'
import { METRICS } from '../../protocol/core/effects.ts'
import { REJECTION_CODES } from '../../protocol/core/result.ts'
import type { Address } from '../../protocol/core/types.ts'
import { NODE_STATUSES, RELEASE_REASONS } from '../../protocol/node/types.ts'
import { ORACLE_SET_STATUSES } from '../../protocol/oracle/types.ts'
import { PARAM_SPECS, type ParamPath } from '../../protocol/params/spec.ts'
import { defaultParams } from '../../protocol/params/validate.ts'
import { ESCROW_STATUSES } from '../../protocol/payments/types.ts'
import { COMPLETER_STATES, ROUND_STATUSES } from '../../protocol/round/types.ts'
import { SESSION_MODES, SESSION_STATUSES } from '../../protocol/session/types.ts'
import { TASK_TABLE } from '../../protocol/task/table.ts'
import { MINER_RESULT_STATES, TASK_EVENT_TYPES, TASK_STATUSES } from '../../protocol/task/types.ts'

function read(relative: string): string {
  return readFileSync(fileURLToPath(new URL(relative, import.meta.url)), 'utf8')
}

const iface = read('../src/interfaces/ISessionQueue.sol')
const config = read('../src/SessionQueueConfig.sol')
const storage = read('../src/SessionQueueStorage.sol')
const rules = read('../src/libraries/TaskRules.sol')
const readme = read('../README.md')
const oracleIface = read('../src/interfaces/IOracleRegistry.sol')
const oracleSrc = read('../src/OracleRegistry.sol')
const poolIface = read('../src/interfaces/INodePool.sol')
const poolConfig = read('../src/NodePoolConfig.sol')
const sessionIface = read('../src/interfaces/ISession.sol')
const sessionSettings = read('../src/SessionSettings.sol')
const paymentIface = read('../src/interfaces/ISessionPayment.sol')
const paymentSrc = read('../src/SessionPayment.sol')
const cognitiveIface = read('../src/interfaces/ICognitive.sol')
const cognitiveStorage = read('../src/CognitiveStorage.sol')
const roundTypes = read('../../protocol/round/types.ts')
const ERROR_SOURCES = [iface, oracleIface, poolIface, sessionIface, paymentIface, cognitiveIface, read('../src/ChainClock.sol')]

/** The member names of `enum name { … }` in `source`. */
function enumMembers(source: string, name: string): string[] {
  const match = new RegExp(`enum ${name}\\s*\\{([^}]*)\\}`).exec(source)
  if (!match) throw new Error(`enum ${name} not found`)
  return match[1]!.split(',').map((m) => m.trim()).filter((m) => m.length > 0)
}

/** The literal after `name: ` or `name = ` in `source`, as written. */
function literal(source: string, name: string): string {
  const match = new RegExp(`\\b${name}\\s*(?::|=)\\s*([^,;\\s)}]+(?: days)?)`).exec(source)
  if (!match) throw new Error(`${name} not found`)
  return match[1]!
}

/** A Solidity number literal (`15`, `1e17`, `7 days`, `10_000`) as a bigint. */
function solidityNumber(text: string): bigint {
  const days = /^(\d+) days$/.exec(text)
  if (days) return BigInt(days[1]!) * 86_400n
  const exp = /^(\d+)e(\d+)$/.exec(text.replaceAll('_', ''))
  if (exp) return BigInt(exp[1]!) * 10n ** BigInt(exp[2]!)
  return BigInt(text.replaceAll('_', ''))
}

const capitalise = (s: string): string => s[0]!.toUpperCase() + s.slice(1)

describe('contracts ↔ protocol: enums', () => {
  it('numbers task statuses, miner result states and actions as the spec does', () => {
    expect(enumMembers(iface, 'TaskStatus')).toEqual([...TASK_STATUSES])
    expect(enumMembers(iface, 'MinerResultState')).toEqual([...MINER_RESULT_STATES])
    expect(enumMembers(iface, 'TaskAction')).toEqual(TASK_EVENT_TYPES.map(capitalise))
  })

  it('orders the parameter enums as the catalog lists their values', () => {
    expect(enumMembers(iface, 'QuorumRule')).toEqual(PARAM_SPECS['userTask.quorumRule'].values.map(capitalise))
    expect(enumMembers(iface, 'OnShortage')).toEqual(PARAM_SPECS['userTask.onShortage'].values.map(capitalise))
    expect(enumMembers(iface, 'CommitScheme')).toEqual(PARAM_SPECS['commitReveal.scheme'].values.map(capitalise))
    expect(enumMembers(iface, 'Slashing')).toEqual(PARAM_SPECS['payments.slashing'].values.map(capitalise))
  })
})

describe('contracts ↔ protocol: parameters', () => {
  const p = defaultParams()

  it('uses the spec defaults, in the spec units', () => {
    expect(Number(solidityNumber(literal(config, 'ackDeadlineMs')))).toBe(p.userTask.ackDeadlineMs)
    expect(Number(solidityNumber(literal(config, 'precommitDeadlineMs')))).toBe(p.userTask.precommitDeadlineMs)
    expect(Number(solidityNumber(literal(config, 'commitDeadlineMs')))).toBe(p.userTask.commitDeadlineMs)
    expect(Number(solidityNumber(literal(config, 'totalTimeoutMs')))).toBe(p.userTask.totalTimeoutMs)
    expect(Number(literal(config, 'maxReassignments'))).toBe(p.userTask.maxReassignments)
    expect(literal(config, 'quorumRule')).toBe(`QuorumRule.${capitalise(p.userTask.quorumRule)}`)
    expect(literal(config, 'onShortage')).toBe(`OnShortage.${capitalise(p.userTask.onShortage)}`)
    expect(literal(config, 'commitScheme')).toBe(`CommitScheme.${capitalise(p.commitReveal.scheme)}`)
    expect(literal(config, 'slashing')).toBe(`Slashing.${capitalise(p.payments.slashing)}`)
    expect(Number(literal(config, 'slashBps'))).toBe(p.payments.slashBps)
    expect(solidityNumber(literal(config, '_pricePerMinerTask'))).toBe(p.payments.pricePerMinerTask)
    // The per-token price is never assigned in the constructor, so it starts at 0.
    expect(config).not.toMatch(/_pricePerOutputToken\s*=\s*[^(_]/)
    expect(p.payments.pricePerOutputToken).toBe(0n)
  })

  it('accepts the spec ranges', () => {
    for (const path of ['userTask.ackDeadlineMs', 'userTask.precommitDeadlineMs', 'userTask.commitDeadlineMs', 'userTask.totalTimeoutMs'] as const) {
      expect(PARAM_SPECS[path].min, path).toBe(1)
    }
    expect(solidityNumber(literal(config, 'MAX_PHASE_DEADLINE_MS'))).toBe(BigInt(PARAM_SPECS['userTask.ackDeadlineMs'].max))
    expect(PARAM_SPECS['userTask.precommitDeadlineMs'].max).toBe(PARAM_SPECS['userTask.ackDeadlineMs'].max)
    expect(PARAM_SPECS['userTask.commitDeadlineMs'].max).toBe(PARAM_SPECS['userTask.ackDeadlineMs'].max)
    expect(solidityNumber(literal(config, 'MAX_TOTAL_TIMEOUT_MS'))).toBe(BigInt(PARAM_SPECS['userTask.totalTimeoutMs'].max))
    expect(solidityNumber(literal(config, 'MAX_REASSIGNMENTS'))).toBe(BigInt(PARAM_SPECS['userTask.maxReassignments'].max))
    expect(solidityNumber(literal(config, '_MAX_BPS'))).toBe(BigInt(PARAM_SPECS['payments.slashBps'].max))
    expect(solidityNumber(literal(storage, 'MAX_REDUNDANT'))).toBe(BigInt(PARAM_SPECS['session.redundant'].max))
  })
})

describe('contracts ↔ protocol: rules', () => {
  it('encodes the task table as its allowed-action bitmask', () => {
    let expected = 0n
    for (const row of TASK_TABLE.rows) {
      expected |= 1n << BigInt(16 * TASK_STATUSES.indexOf(row.from) + TASK_EVENT_TYPES.indexOf(row.event))
    }
    expect(solidityNumber(literal(rules, '_ALLOWED'))).toBe(expected)
  })

  it('has commit-hash vectors that protocol/core/commit.ts reproduces', () => {
    const vectors = JSON.parse(read('./fixtures/commit-hashes.json')) as {
      cases: { miner: Address; sessionId: number; taskId: number; salt: Hex32; result: string; minerBound: Hex32; plain: Hex32 }[]
    }
    expect(vectors.cases.length).toBeGreaterThanOrEqual(3)
    for (const c of vectors.cases) {
      expect(computePrecommitHash('minerBound', c)).toBe(c.minerBound)
      expect(computePrecommitHash('plain', c)).toBe(c.plain)
    }
  })
})

describe('contracts ↔ protocol: enums of the other contracts', () => {
  it('number statuses and states as the spec lists them', () => {
    expect(enumMembers(oracleIface, 'OracleSetStatus')).toEqual([...ORACLE_SET_STATUSES])
    expect(enumMembers(poolIface, 'NodeStatus')).toEqual([...NODE_STATUSES])
    expect(enumMembers(poolIface, 'Metric')).toEqual([...METRICS])
    expect(enumMembers(poolIface, 'ReleaseReason')).toEqual([...RELEASE_REASONS.map(capitalise), 'Banned'])
    expect(enumMembers(sessionIface, 'SessionStatus')).toEqual([...SESSION_STATUSES])
    expect(enumMembers(sessionIface, 'SessionMode')).toEqual([...SESSION_MODES])
    expect(enumMembers(paymentIface, 'EscrowStatus')).toEqual([...ESCROW_STATUSES])
    expect(enumMembers(cognitiveIface, 'RoundStatus')).toEqual([...ROUND_STATUSES])
    expect(enumMembers(cognitiveIface, 'CompleterState')).toEqual([...COMPLETER_STATES])
    const union = /export type RoundFailureReason =([\s\S]*?)\n\n/.exec(roundTypes)![1]!
    const reasons = [...union.matchAll(/\| '(\w+)'/g)].map((m) => capitalise(m[1]!))
    expect(enumMembers(cognitiveIface, 'RoundFailureReason')).toEqual(['None', ...reasons])
  })

  it('order the parameter enums as the catalog lists their values', () => {
    expect(enumMembers(oracleIface, 'FailoverRule')).toEqual(PARAM_SPECS['oracle.failoverRule'].values.map(capitalise))
    expect(enumMembers(oracleIface, 'OracleMode')).toEqual(PARAM_SPECS['oracle.mode'].values.map(capitalise))
    expect(enumMembers(poolIface, 'ReleaseRule')).toEqual(PARAM_SPECS['session.releaseRule'].values.map(capitalise))
    expect(enumMembers(poolIface, 'PoolExit')).toEqual(PARAM_SPECS['eligibility.poolExit'].values.map(capitalise))
    expect(enumMembers(cognitiveIface, 'RoleOverlap')).toEqual(PARAM_SPECS['networkTask.roleOverlap'].values.map(capitalise))
    expect(enumMembers(cognitiveIface, 'RoundCommitScheme')).toEqual(PARAM_SPECS['networkTask.commitScheme'].values.map(capitalise))
    expect(enumMembers(cognitiveIface, 'RoundSlashing')).toEqual(PARAM_SPECS['payments.slashing'].values.map(capitalise))
  })
})

/** The spec default of `path` as the contracts write it: rates in ppm, enums as `Enum.Member`. */
function expectedLiteral(path: ParamPath, enumName?: string): bigint | string {
  const spec = PARAM_SPECS[path]
  const value = spec.default
  if (spec.type === 'enum') return `${enumName}.${capitalise(value as string)}`
  if (spec.type === 'float') return BigInt(Math.round((value as number) * 1_000_000))
  return BigInt(value as number | bigint)
}

function actualLiteral(source: string, name: string): bigint | string {
  const text = literal(source, name)
  return /^\d|^\d+e/.test(text) ? solidityNumber(text) : text
}

describe('contracts ↔ protocol: defaults of the other contracts', () => {
  const cases: [string, string, ParamPath, string?][] = [
    // [source, Solidity field, catalog path, enum name]
    ['oracle', 'windowMs', 'oracle.windowMs'],
    ['oracle', 'graceMs', 'oracle.graceMs'],
    ['oracle', 'heartbeatMs', 'oracle.heartbeatMs'],
    ['oracle', 'failoverRule', 'oracle.failoverRule', 'FailoverRule'],
    ['oracle', 'missedHeartbeats', 'oracle.missedHeartbeats'],
    ['oracle', 'mode', 'oracle.mode', 'OracleMode'],
    ['pool', 'pingIntervalMs', 'node.pingIntervalMs'],
    ['pool', 'offlineAfterMissedPings', 'node.offlineAfterMissedPings'],
    ['pool', 'maxModels', 'node.maxModels'],
    ['pool', 'maxDedicatedSessions', 'node.maxDedicatedSessions'],
    ['pool', 'minAttempts', 'eligibility.minAttempts'],
    ['pool', 'minSuccessRatePpm', 'eligibility.minSuccessRate'],
    ['pool', 'minConsecutiveSuccesses', 'eligibility.minConsecutiveSuccesses'],
    ['pool', 'revalidationRounds', 'eligibility.revalidationRounds'],
    ['pool', 'poolExit', 'eligibility.poolExit', 'PoolExit'],
    ['pool', 'levelsMax', 'levels.max'],
    ['pool', 'baseConsecutive', 'levels.baseConsecutive'],
    ['pool', 'stepConsecutive', 'levels.stepConsecutive'],
    ['pool', 'baseSuccessRatePpm', 'levels.baseSuccessRate'],
    ['pool', 'stepSuccessRatePpm', 'levels.stepSuccessRate'],
    ['pool', 'downgradeFailureStreak', 'levels.downgradeFailureStreak'],
    ['pool', 'releaseRule', 'session.releaseRule', 'ReleaseRule'],
    ['pool', 'maxReservePeriodMs', 'session.maxReservePeriodMs'],
    ['pool', 'maxTaskExecutionCountCap', 'session.maxTaskExecutionCountCap'],
    ['pool', 'minStake', 'selection.minStake'],
    ['session', 'maxNodesPerSession', 'session.maxNodesPerSession'],
    ['session', 'maxValidatorNodes', 'session.maxValidatorNodes'],
    ['session', 'maxRouters', 'session.maxRouters'],
    ['session', 'maxNameBytes', 'session.maxNameBytes'],
    ['session', 'maxMetadataBytes', 'session.maxMetadataBytes'],
    ['session', 'maxRouterMetadataBytes', 'session.maxRouterMetadataBytes'],
    ['session', 'maxTaskDataBytes', 'session.maxTaskDataBytes'],
    ['session', 'maxPromptTemplateBytes', 'session.maxPromptTemplateBytes'],
    ['session', 'maxClientReferenceBytes', 'session.maxClientReferenceBytes'],
    ['session', 'maxParamEntries', 'session.maxParamEntries'],
    ['session', 'maxTokensCap', 'session.maxTokensCap'],
    ['session', 'defaultMaxTokens', 'session.defaultMaxTokens'],
    ['payment', 'minerShareBps', 'payments.minerShareBps'],
    ['payment', 'validatorShareBps', 'payments.validatorShareBps'],
    ['payment', 'routerShareBps', 'payments.routerShareBps'],
    ['payment', 'treasuryShareBps', 'payments.treasuryShareBps'],
    ['round', 'requestDeadlineMs', 'networkTask.requestDeadlineMs'],
    ['round', 'createDeadlineMs', 'networkTask.createDeadlineMs'],
    ['round', 'prepareDeadlineMs', 'networkTask.prepareDeadlineMs'],
    ['round', 'precommitDeadlineMs', 'networkTask.precommitDeadlineMs'],
    ['round', 'commitDeadlineMs', 'networkTask.commitDeadlineMs'],
    ['round', 'completers', 'networkTask.completers'],
    ['round', 'minCompleters', 'networkTask.minCompleters'],
    ['round', 'maxPrompts', 'networkTask.maxPrompts'],
    ['round', 'maxCreatorReassignments', 'networkTask.maxCreatorReassignments'],
    ['round', 'maxPreparerReassignments', 'networkTask.maxPreparerReassignments'],
    ['round', 'minerCooldownRounds', 'networkTask.minerCooldownRounds'],
    ['round', 'roleOverlap', 'networkTask.roleOverlap', 'RoleOverlap'],
    ['round', 'commitScheme', 'networkTask.commitScheme', 'RoundCommitScheme'],
    ['round', 'maxTopicBytes', 'networkTask.maxTopicBytes'],
    ['round', 'maxChallengeBytes', 'networkTask.maxChallengeBytes'],
    ['round', 'maxCompletionBytes', 'networkTask.maxCompletionBytes'],
    ['round', 'slashing', 'payments.slashing', 'RoundSlashing'],
    ['round', 'slashBps', 'payments.slashBps'],
  ]
  const sources: Record<string, string> = { oracle: oracleSrc, pool: poolConfig, session: sessionSettings, payment: paymentSrc, round: cognitiveStorage }

  it.each(cases)('%s.%s is the default of %s', (source, field, path, enumName) => {
    expect(actualLiteral(sources[source]!, field)).toEqual(expectedLiteral(path, enumName))
  })

  it('accept the spec ranges (rates in ppm, durations in ms)', () => {
    const evaluate = (text: string): bigint => {
      const t = text.trim().replaceAll('_DAY_MS', '86400000').replaceAll('ReputationRules.PPM', '1000000').replaceAll('_', '')
      const product = /^(\d+) \* (\d+)$/.exec(t)
      return product ? BigInt(product[1]!) * BigInt(product[2]!) : BigInt(t)
    }
    let checked = 0
    for (const [source, field, path] of cases) {
      const text = sources[source]!
      const range = new RegExp(`_check(?:Range|Param)\\(\\w+, p\\.${field}, ([^,]+), ([^)]+)\\)`).exec(text)
      const duration = new RegExp(`_checkDuration\\(\\d+, p\\.${field}\\)`).exec(text)
      const spec = PARAM_SPECS[path]
      if (spec.type !== 'int' && spec.type !== 'float') continue
      const scale = spec.type === 'float' ? 1_000_000 : 1
      if (duration) {
        expect([spec.min, spec.max], path).toEqual([1, 86_400_000])
        checked++
        continue
      }
      if (!range) continue
      expect(evaluate(range[1]!), `${path} min`).toBe(BigInt(Math.round(spec.min * scale)))
      if (!range[2]!.includes('p.')) expect(evaluate(range[2]!), `${path} max`).toBe(BigInt(Math.round(spec.max * scale)))
      checked++
    }
    expect(checked).toBeGreaterThan(35)
    // OracleRegistry checks its ranges by hand against these constants.
    expect(solidityNumber(literal(oracleSrc, 'MAX_DURATION_MS'))).toBe(BigInt(PARAM_SPECS['oracle.windowMs'].max))
    expect(PARAM_SPECS['oracle.graceMs'].max).toBe(PARAM_SPECS['oracle.windowMs'].max)
    expect(solidityNumber(literal(oracleSrc, 'MAX_MISSED_HEARTBEATS'))).toBe(BigInt(PARAM_SPECS['oracle.missedHeartbeats'].max))
  })

  it('covers every catalog parameter a contract keeps, except the ones that stay off chain', () => {
    const onChain = new Set<string>([...cases.map((c) => c[2])])
    for (const path of ['userTask.ackDeadlineMs', 'userTask.precommitDeadlineMs', 'userTask.commitDeadlineMs', 'userTask.totalTimeoutMs', 'userTask.maxReassignments', 'userTask.quorumRule', 'userTask.onShortage', 'commitReveal.scheme', 'payments.pricePerMinerTask', 'payments.pricePerOutputToken', 'eligibility.windowMs', 'eligibility.windowBuckets']) onChain.add(path)
    // Selection weights, PoI, the decayed score, client-side session defaults and the round
    // interval belong to the oracle's and clients' off-chain work.
    const offChain = /^(selection\.(?!minStake)|poi\.|reputation\.|networkTask\.intervalMs$|session\.(minNumOfNodes|maxNumOfNodes|redundant|reservePeriodMs|maxTaskExecutionCount)$)/
    for (const path of Object.keys(PARAM_SPECS)) {
      if (onChain.has(path) || offChain.test(path)) continue
      throw new Error(`${path} is neither checked against a contract default nor listed as off chain`)
    }
  })
})

describe('contracts ↔ protocol: rejection codes', () => {
  const declared = ERROR_SOURCES.flatMap((source) => [...source.matchAll(/error (\w+)\(/g)].map((m) => m[1]!))
  const section = readme.slice(readme.indexOf('### Rejection codes'), readme.indexOf('### Spec effects'))
  const rows = [...section.matchAll(/^\| `(\w+)` \| `(\w+)\(/gm)].map((m) => ({ code: m[1]!, error: m[2]! }))

  it('maps every declared error to exactly one protocol code in the README', () => {
    expect(declared.length).toBeGreaterThan(100)
    for (const error of declared) {
      const codes = rows.filter((r) => r.error === error).map((r) => r.code)
      expect(codes, error).toHaveLength(1)
    }
  })

  it('names only real protocol codes and real errors', () => {
    const codes = new Set<string>(REJECTION_CODES)
    for (const row of rows) {
      expect(codes.has(row.code), row.code).toBe(true)
      expect(declared.includes(row.error) || row.error === 'OwnableUnauthorizedAccount', row.error).toBe(true)
    }
  })
})
