/**
 * Checks of the scenario parts that are ours (agent groups, workload, genesis, invariant checks).
 * The model options are checked by their own validators. Every problem names its field by path,
 * all at once, and nothing is clamped.
 */
import { checkDistribution } from '../models/distribution.ts'
import { Checker, joinPath } from '../models/validation.ts'
import { MINER_BEHAVIOURS, MINER_KNOB_DEFAULTS, ORACLE_BEHAVIOURS, ORACLE_KNOB_DEFAULTS } from './behaviours.ts'

const MINER_GROUP_KEYS = ['behaviour', 'count', 'share', 'region', 'tier', 'stakeCor', ...Object.keys(MINER_KNOB_DEFAULTS)]
const ORACLE_GROUP_KEYS = ['behaviour', 'count', 'share', 'region', ...Object.keys(ORACLE_KNOB_DEFAULTS)]
const DAY_MS = 86_400_000

/** Most agents of one role: keeps typed arrays and addresses in range. */
export const AGENTS_MAX = 1_000_000

export function checkMinerGroups(c: Checker, path: string, groups: unknown): void {
  if (!c.array(path, groups, 1)) return
  groups.forEach((g, i) => {
    const at = joinPath(path, i)
    if (!c.object(at, g)) return
    c.knownKeys(at, g, MINER_GROUP_KEYS)
    c.oneOf(joinPath(at, 'behaviour'), g['behaviour'], MINER_BEHAVIOURS)
    checkSize(c, at, g)
    optionalString(c, at, g, 'region')
    optionalString(c, at, g, 'tier')
    if (g['stakeCor'] !== undefined && g['stakeCor'] !== null) c.number(joinPath(at, 'stakeCor'), g['stakeCor'], { min: 0, max: 1e12, integer: true })
    if (g['outputFraction'] !== undefined) c.number(joinPath(at, 'outputFraction'), g['outputFraction'], { min: 0, minExclusive: true, max: 1 })
    if (g['speedup'] !== undefined) c.number(joinPath(at, 'speedup'), g['speedup'], { min: 0, minExclusive: true, max: 1000 })
    if (g['slowdown'] !== undefined) c.number(joinPath(at, 'slowdown'), g['slowdown'], { min: 0, minExclusive: true, max: 1e6 })
    if (g['onlineMeanMs'] !== undefined) c.number(joinPath(at, 'onlineMeanMs'), g['onlineMeanMs'], { min: 1, max: 365 * DAY_MS })
    if (g['offlineMeanMs'] !== undefined) c.number(joinPath(at, 'offlineMeanMs'), g['offlineMeanMs'], { min: 1, max: 365 * DAY_MS })
    if (g['withholdBelow'] !== undefined) c.number(joinPath(at, 'withholdBelow'), g['withholdBelow'], { min: -1, max: 1.01 })
    if (g['group'] !== undefined) c.string(joinPath(at, 'group'), g['group'])
    if (g['cheatInRounds'] !== undefined && typeof g['cheatInRounds'] !== 'boolean') c.add(joinPath(at, 'cheatInRounds'), 'must be a boolean')
  })
}

export function checkOracleGroups(c: Checker, path: string, groups: unknown): void {
  if (!c.array(path, groups, 1)) return
  groups.forEach((g, i) => {
    const at = joinPath(path, i)
    if (!c.object(at, g)) return
    c.knownKeys(at, g, ORACLE_GROUP_KEYS)
    c.oneOf(joinPath(at, 'behaviour'), g['behaviour'], ORACLE_BEHAVIOURS)
    checkSize(c, at, g)
    optionalString(c, at, g, 'region')
    if (g['crashesPerHour'] !== undefined) c.number(joinPath(at, 'crashesPerHour'), g['crashesPerHour'], { min: 0, max: 3600 })
    if (g['downtimeMs'] !== undefined) checkDistribution(c, joinPath(at, 'downtimeMs'), g['downtimeMs'])
    if (g['skewMs'] !== undefined) c.number(joinPath(at, 'skewMs'), g['skewMs'], { min: -DAY_MS, max: DAY_MS, integer: true })
  })
}

/** A group sized by `count` (exact) or `share` (a relative weight over the rest of the command line's total), not both. */
function checkSize(c: Checker, at: string, g: Record<string, unknown>): void {
  const hasCount = g['count'] !== undefined
  const hasShare = g['share'] !== undefined
  if (hasCount && hasShare) c.add(at, 'give either count or share, not both')
  else if (!hasCount && !hasShare) c.add(at, 'needs a count (agents) or a share (of the total)')
  if (hasCount) c.number(joinPath(at, 'count'), g['count'], { min: 0, max: AGENTS_MAX, integer: true })
  if (hasShare) c.number(joinPath(at, 'share'), g['share'], { min: 0, max: 1e9 })
}

function optionalString(c: Checker, at: string, g: Record<string, unknown>, key: string): void {
  if (g[key] !== undefined && g[key] !== null) c.string(joinPath(at, key), g[key])
}

const WORKLOAD_KEYS = ['tasksPerMinerPerMinute', 'clients', 'reserveShare', 'arrival', 'sessions', 'depositCor', 'roundAnswerTokens']
const PROFILE_KEYS = ['weight', 'redundancy', 'minNodes', 'maxNodes', 'modelId', 'sla', 'reservePeriodMs', 'maxTaskExecutionCount', 'maxTokens']

export function checkWorkload(c: Checker, path: string, w: unknown): void {
  if (!c.object(path, w)) return
  c.knownKeys(path, w, WORKLOAD_KEYS)
  const at = (k: string): string => joinPath(path, k)
  c.number(at('tasksPerMinerPerMinute'), w['tasksPerMinerPerMinute'], { min: 0, max: 1000 })
  if (w['clients'] !== null) c.number(at('clients'), w['clients'], { min: 1, max: AGENTS_MAX, integer: true })
  c.number(at('reserveShare'), w['reserveShare'], { min: 0, minExclusive: true, max: 1 })
  checkArrival(c, at('arrival'), w['arrival'])
  if (c.array(at('sessions'), w['sessions'], 1)) w['sessions'].forEach((p, i) => checkProfile(c, joinPath(at('sessions'), i), p))
  c.number(at('depositCor'), w['depositCor'], { min: 1, max: 1e12, integer: true })
  c.number(at('roundAnswerTokens'), w['roundAnswerTokens'], { min: 1, max: 100_000, integer: true })
}

function checkArrival(c: Checker, path: string, a: unknown): void {
  if (!c.object(path, a) || !c.oneOf(joinPath(path, 'kind'), a['kind'], ['poisson', 'bursty'])) return
  if (a['kind'] === 'poisson') return c.knownKeys(path, a, ['kind'])
  c.knownKeys(path, a, ['kind', 'meanBurstSize', 'gapMs'])
  c.number(joinPath(path, 'meanBurstSize'), a['meanBurstSize'], { min: 1, max: 10_000 })
  c.number(joinPath(path, 'gapMs'), a['gapMs'], { min: 0, max: 3_600_000, integer: true })
}

function checkProfile(c: Checker, path: string, p: unknown): void {
  if (!c.object(path, p)) return
  c.knownKeys(path, p, PROFILE_KEYS)
  const at = (k: string): string => joinPath(path, k)
  c.number(at('weight'), p['weight'], { min: 0, minExclusive: true })
  const redundancyOk = c.number(at('redundancy'), p['redundancy'], { min: 1, max: 1000, integer: true })
  const minOk = c.number(at('minNodes'), p['minNodes'], { min: 1, max: 1000, integer: true })
  const maxOk = c.number(at('maxNodes'), p['maxNodes'], { min: 1, max: 1000, integer: true })
  if (minOk && maxOk && (p['maxNodes'] as number) < (p['minNodes'] as number)) c.add(at('maxNodes'), `${p['maxNodes']} is below minNodes ${p['minNodes']}`)
  if (redundancyOk && maxOk && (p['redundancy'] as number) > (p['maxNodes'] as number)) c.add(at('redundancy'), `${p['redundancy']} exceeds maxNodes ${p['maxNodes']}: a task needs that many of the session's nodes`)
  c.number(at('modelId'), p['modelId'], { min: 0, integer: true })
  c.number(at('sla'), p['sla'], { min: 0, max: 255, integer: true })
  c.number(at('reservePeriodMs'), p['reservePeriodMs'], { min: 1, integer: true })
  c.number(at('maxTaskExecutionCount'), p['maxTaskExecutionCount'], { min: 1, integer: true })
  c.number(at('maxTokens'), p['maxTokens'], { min: 1, integer: true })
}

export function checkWarmUp(c: Checker, path: string, w: unknown): void {
  if (!c.object(path, w)) return
  c.knownKeys(path, w, ['durationMs', 'roundIntervalMs'])
  c.number(joinPath(path, 'durationMs'), w['durationMs'], { min: 0, max: 365 * DAY_MS, integer: true })
  c.number(joinPath(path, 'roundIntervalMs'), w['roundIntervalMs'], { min: 1, max: DAY_MS, integer: true })
}

export function checkInvariantChecks(c: Checker, path: string, v: unknown): void {
  if (!c.object(path, v)) return
  c.knownKeys(path, v, ['everyCommands', 'everyMs'])
  c.number(joinPath(path, 'everyCommands'), v['everyCommands'], { min: 0, integer: true })
  c.number(joinPath(path, 'everyMs'), v['everyMs'], { min: 0, integer: true })
}
