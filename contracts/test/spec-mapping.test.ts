// Goal: the contracts cannot drift from protocol/ unnoticed: enum orders, parameter defaults and
// ranges, the transition table, the commit-hash vectors the forge tests read, and the README's
// table mapping every custom error to a protocol rejection code.
// Method: read the Solidity sources and the README as text (the few declarations checked have a
// fixed shape), and compare each with the value protocol/ exports.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { computePrecommitHash, type Hex32 } from '../../protocol/core/commit.ts'
import { REJECTION_CODES } from '../../protocol/core/result.ts'
import type { Address } from '../../protocol/core/types.ts'
import { PARAM_SPECS } from '../../protocol/params/spec.ts'
import { defaultParams } from '../../protocol/params/validate.ts'
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

/** The member names of `enum name { … }` in `source`. */
function enumMembers(source: string, name: string): string[] {
  const match = new RegExp(`enum ${name}\\s*\\{([^}]*)\\}`).exec(source)
  if (!match) throw new Error(`enum ${name} not found`)
  return match[1]!.split(',').map((m) => m.trim()).filter((m) => m.length > 0)
}

/** The literal after `name: ` or `name = ` in `source`, as written. */
function literal(source: string, name: string): string {
  const match = new RegExp(`\\b${name}\\s*(?::|=)\\s*([^,;\\s)]+(?: days)?)`).exec(source)
  if (!match) throw new Error(`${name} not found`)
  return match[1]!
}

/** A Solidity number literal (`15`, `1e17`, `7 days`, `10_000`) as a bigint. */
function solidityNumber(text: string): bigint {
  const days = /^(\d+) days$/.exec(text)
  if (days) return BigInt(days[1]!) * 86_400n
  const exp = /^(\d+)e(\d+)$/.exec(text)
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

describe('contracts ↔ protocol: rejection codes', () => {
  const declared = [...iface.matchAll(/error (SessionQueue\w+)\(/g)].map((m) => m[1]!)
  const section = readme.slice(readme.indexOf('### Rejection codes'), readme.indexOf('### Spec effects'))
  const rows = [...section.matchAll(/^\| `(\w+)` \| `(\w+)\(/gm)].map((m) => ({ code: m[1]!, error: m[2]! }))

  it('maps every declared error to exactly one protocol code in the README', () => {
    expect(declared.length).toBeGreaterThan(20)
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
