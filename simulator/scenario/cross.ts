/**
 * Group sizes from counts and shares, and the checks that need the whole resolved scenario and
 * the parameters together (impossible combinations: more redundancy than miners, a session the
 * protocol would refuse, a round that could never start).
 */
import type { Params } from '../../protocol/params/spec.ts'
import { generateFaultSchedule } from '../models/faults.ts'
import { ModelValidationError, type ModelError } from '../models/validation.ts'
import type { InputProblem } from './resolve.ts'
import type { Scenario } from './types.ts'

interface SizedGroup {
  readonly group: Record<string, unknown>
  readonly count: number
}

/**
 * Each group's count: `count` as given, and the rest of `total` split over the `share` groups by
 * largest remainder (ties to the earlier group). Without shares, `total` must equal the counts' sum.
 */
export function allocateGroups(
  groups: readonly Record<string, unknown>[],
  total: number | undefined,
  flag: string,
  path: string,
  add: (prefix: string, errors: readonly ModelError[]) => void,
): SizedGroup[] {
  const fixed = groups.reduce((n, g) => n + (typeof g['count'] === 'number' ? g['count'] : 0), 0)
  const shareIndexes = groups.flatMap((g, i) => (typeof g['share'] === 'number' ? [i] : []))
  const counts = groups.map((g) => (typeof g['count'] === 'number' ? g['count'] : 0))
  if (shareIndexes.length === 0) {
    if (total !== undefined && total !== fixed) add(flag, [{ path: '', message: `${total} disagrees with ${path}, whose counts add up to ${fixed}` }])
    return groups.map((group, i) => ({ group, count: counts[i]! }))
  }
  if (total === undefined) {
    add(flag, [{ path: '', message: `is required: give the total, or counts in ${path}` }])
    return groups.map((group, i) => ({ group, count: counts[i]! }))
  }
  const rest = total - fixed
  const shareSum = shareIndexes.reduce((s, i) => s + (groups[i]!['share'] as number), 0)
  if (rest < 0) add(flag, [{ path: '', message: `${total} is below the ${fixed} agents ${path} gives by count` }])
  else if (!(shareSum > 0) && rest > 0) add(path, [{ path: '', message: 'the shares add up to 0, so nobody takes the rest of the total' }])
  else if (rest > 0) {
    const exact = shareIndexes.map((i) => (rest * (groups[i]!['share'] as number)) / shareSum)
    shareIndexes.forEach((i, k) => (counts[i] = Math.floor(exact[k]!)))
    let left = rest - shareIndexes.reduce((s, i) => s + counts[i]!, 0)
    const order = shareIndexes.map((i, k) => ({ i, frac: exact[k]! - Math.floor(exact[k]!) })).sort((a, b) => b.frac - a.frac || a.i - b.i)
    for (const { i } of order) {
      if (left-- <= 0) break
      counts[i]!++
    }
  }
  return groups.map((group, i) => ({ group, count: counts[i]! }))
}

export function checkCrossFields(s: Scenario, params: Params, problems: InputProblem[]): void {
  const miners = s.miners.reduce((n, g) => n + g.count, 0)
  const oracles = s.oracles.reduce((n, g) => n + g.count, 0)
  const add = (path: string, message: string): void => void problems.push({ path, message })
  if (miners < 3) add('--nodes', `${miners} miners: at least 3 are needed (a round's creator, preparer and one completer)`)
  if (oracles < 1) add('--oracles', `${oracles} oracles: at least one is needed`)
  const regions = new Set(s.network.regions)
  const tiers = new Set(s.inference.tiers.map((t) => t.name))
  if (!regions.has(s.chainRegion)) add('population.chainRegion', `unknown region '${s.chainRegion}' (known: ${s.network.regions.join(', ')})`)
  s.miners.forEach((g, i) => {
    if (g.region !== null && !regions.has(g.region)) add(`population.miners[${i}].region`, `unknown region '${g.region}'`)
    if (g.tier !== null && !tiers.has(g.tier)) add(`population.miners[${i}].tier`, `unknown tier '${g.tier}'`)
  })
  s.oracles.forEach((g, i) => {
    if (g.region !== null && !regions.has(g.region)) add(`population.oracles[${i}].region`, `unknown region '${g.region}'`)
  })
  checkProfiles(s, params, miners, add)
  const exclusive = params.networkTask.roleOverlap === 'exclusive'
  if (miners >= 3 && exclusive && params.networkTask.completers + 2 > miners) {
    add('params.networkTask.completers', `${params.networkTask.completers} completers plus a creator and a preparer need ${params.networkTask.completers + 2} distinct miners, there are ${miners}`)
  }
  if (s.warmUp.durationMs > s.durationMs) add('population.warmUp.durationMs', `${s.warmUp.durationMs} is longer than the run (${s.durationMs} ms)`)
  try {
    generateFaultSchedule(s.faults, { minerCount: miners, oracleCount: oracles, rpcEndpointCount: s.network.regions.length, regions: s.network.regions }, 0, s.durationMs)
  } catch (error) {
    if (!(error instanceof ModelValidationError)) throw error
    for (const e of error.errors) add(`population.faults.${e.path}`, e.message)
  }
}

function checkProfiles(s: Scenario, params: Params, miners: number, add: (path: string, message: string) => void): void {
  const modelIds = new Set(s.inference.models.map((m) => m.id))
  const p = params.session
  s.workload.sessions.forEach((profile, i) => {
    const at = `population.workload.sessions[${i}]`
    if (profile.redundancy > miners) add(`${at}.redundancy`, `${profile.redundancy} is more redundancy than the ${miners} miners`)
    if (!modelIds.has(profile.modelId)) add(`${at}.modelId`, `unknown model ${profile.modelId} (inference models: ${[...modelIds].join(', ')})`)
    if (profile.sla > params.levels.max) add(`${at}.sla`, `${profile.sla} exceeds levels.max ${params.levels.max}`)
    if (profile.maxNodes > p.maxNodesPerSession) add(`${at}.maxNodes`, `${profile.maxNodes} exceeds session.maxNodesPerSession ${p.maxNodesPerSession}`)
    if (profile.reservePeriodMs > p.maxReservePeriodMs) add(`${at}.reservePeriodMs`, `${profile.reservePeriodMs} exceeds session.maxReservePeriodMs ${p.maxReservePeriodMs}`)
    if (profile.maxTaskExecutionCount > p.maxTaskExecutionCountCap) add(`${at}.maxTaskExecutionCount`, `${profile.maxTaskExecutionCount} exceeds session.maxTaskExecutionCountCap ${p.maxTaskExecutionCountCap}`)
    if (profile.maxTokens > p.maxTokensCap) add(`${at}.maxTokens`, `${profile.maxTokens} exceeds session.maxTokensCap ${p.maxTokensCap}`)
  })
}
