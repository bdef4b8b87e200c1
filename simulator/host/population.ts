/**
 * The agents of a run, built once from the scenario: addresses, behaviours, regions, hardware,
 * random streams. Per-agent data lives in arrays indexed by the agent's number, typed arrays for
 * the numbers. Every draw an agent's profile needs comes from that agent's own stream
 * (`streams.agent(role, index, purpose)`), so miner 7 has the same region, tier, speed and salt in
 * a run of 10 miners as in a run of 10,000, and adding an agent at the end moves nobody else.
 */
import type { Hex32 } from '../../protocol/core/commit.ts'
import type { Rng } from '../../protocol/core/rng.ts'
import { COR, computeSyntheticAddress, type Address, type Amount } from '../../protocol/core/types.ts'
import type { Params } from '../../protocol/params/spec.ts'
import { sampleWeightedIndex } from '../engine/distributions.ts'
import type { RandomStreams } from '../engine/streams.ts'
import type { InferenceModel } from '../models/inference.ts'
import type { MinerBehaviour, OracleBehaviour } from '../scenario/behaviours.ts'
import type { MinerGroup, OracleGroup, Scenario, SessionProfile } from '../scenario/types.ts'

/** Address tags: `0x<tag><24 zeros><index>`; oracles sort by index, as the round-robin needs. */
export const MINER_TAG = 0x6d696e65
export const ORACLE_TAG = 0x6f72636c
export const CLIENT_TAG = 0x636c6e74
export const ADMIN_ADDRESS: Address = computeSyntheticAddress(0x61646d6e, 0)

export interface MinerTable {
  readonly count: number
  readonly address: readonly Address[]
  readonly indexOf: ReadonlyMap<string, number>
  readonly behaviour: readonly MinerBehaviour[]
  readonly group: readonly MinerGroup[]
  readonly region: Uint8Array
  readonly tier: Uint8Array
  /** Lasting generation speed on the reference model, tokens/s. */
  readonly tokensPerSecond: Float64Array
  readonly stake: readonly Amount[]
  /** Model ids the miner serves (all its tier can run); shared per tier. */
  readonly models: readonly (readonly number[])[]
  readonly salt: readonly Hex32[]
  /** Index of the colluding group (by name), or -1. */
  readonly colludeGroup: Int32Array
  readonly rngNet: readonly Rng[]
  readonly rngWork: readonly Rng[]
  readonly rngBehaviour: readonly Rng[]
  /** Clock offset (faults.clockSkewMs.miner). */
  readonly skewMs: Float64Array
}

export interface OracleTable {
  readonly count: number
  readonly address: readonly Address[]
  readonly indexOf: ReadonlyMap<string, number>
  readonly behaviour: readonly OracleBehaviour[]
  readonly group: readonly OracleGroup[]
  readonly region: Uint8Array
  readonly skewMs: Float64Array
  readonly rngNet: readonly Rng[]
  readonly rngWork: readonly Rng[]
  readonly rngBehaviour: readonly Rng[]
}

export interface ClientTable {
  readonly count: number
  readonly address: readonly Address[]
  readonly indexOf: ReadonlyMap<string, number>
  readonly profile: readonly SessionProfile[]
  readonly region: Uint8Array
  /** Tasks per ms. */
  readonly ratePerMs: Float64Array
  readonly rngNet: readonly Rng[]
  readonly rngArrival: readonly Rng[]
  readonly rngPrompt: readonly Rng[]
}

function expandGroups<G extends { readonly count: number }>(groups: readonly G[]): G[] {
  const out: G[] = []
  for (const g of groups) for (let i = 0; i < g.count; i++) out.push(g)
  return out
}

function randomHex32(rng: Rng): Hex32 {
  let out = '0x'
  for (let i = 0; i < 8; i++) out += rng.nextU32().toString(16).padStart(8, '0')
  return out as Hex32
}

export function buildMiners(s: Scenario, params: Params, streams: RandomStreams, inference: InferenceModel, skewOf: (index: number) => number): MinerTable {
  const groups = expandGroups(s.miners)
  const count = groups.length
  const regionCount = s.network.regions.length
  const modelsByTier = inference.options.tiers.map((_, tier) => inference.options.models.flatMap((m, mi) => (inference.canServe(tier, mi) ? [m.id] : [])))
  const colludeNames = [...new Set(groups.filter((g) => g.behaviour === 'colluding').map((g) => g.group))].sort()
  const table = {
    count,
    address: [] as Address[],
    indexOf: new Map<string, number>(),
    behaviour: groups.map((g) => g.behaviour),
    group: groups,
    region: new Uint8Array(count),
    tier: new Uint8Array(count),
    tokensPerSecond: new Float64Array(count),
    stake: [] as Amount[],
    models: [] as (readonly number[])[],
    salt: [] as Hex32[],
    colludeGroup: new Int32Array(count).fill(-1),
    rngNet: [] as Rng[],
    rngWork: [] as Rng[],
    rngBehaviour: [] as Rng[],
    skewMs: new Float64Array(count),
  }
  for (let i = 0; i < count; i++) {
    const g = groups[i]!
    const profile = streams.agent('miner', i, 'profile')
    const address = computeSyntheticAddress(MINER_TAG, i)
    table.address.push(address)
    table.indexOf.set(address, i)
    table.region[i] = g.region === null ? profile.nextInt(regionCount) : s.network.regions.indexOf(g.region)
    const tier = g.tier === null ? inference.sampleTier(profile) : inference.tierIndex(g.tier)
    table.tier[i] = tier
    table.tokensPerSecond[i] = inference.sampleNodeTokensPerSecond(profile, tier)
    table.stake.push(g.stakeCor === null ? params.selection.minStake : BigInt(g.stakeCor) * COR)
    table.models.push(modelsByTier[tier]!)
    table.salt.push(randomHex32(profile))
    if (g.behaviour === 'colluding') table.colludeGroup[i] = colludeNames.indexOf(g.group)
    table.rngNet.push(streams.agent('miner', i, 'net'))
    table.rngWork.push(streams.agent('miner', i, 'work'))
    table.rngBehaviour.push(streams.agent('miner', i, 'behaviour'))
    table.skewMs[i] = skewOf(i)
  }
  return table
}

export function buildOracles(s: Scenario, streams: RandomStreams, skewOf: (index: number) => number): OracleTable {
  const groups = expandGroups(s.oracles)
  const count = groups.length
  const table = {
    count,
    address: [] as Address[],
    indexOf: new Map<string, number>(),
    behaviour: groups.map((g) => g.behaviour),
    group: groups,
    region: new Uint8Array(count),
    skewMs: new Float64Array(count),
    rngNet: [] as Rng[],
    rngWork: [] as Rng[],
    rngBehaviour: [] as Rng[],
  }
  for (let i = 0; i < count; i++) {
    const g = groups[i]!
    const address = computeSyntheticAddress(ORACLE_TAG, i)
    table.address.push(address)
    table.indexOf.set(address, i)
    table.region[i] = g.region === null ? i % s.network.regions.length : s.network.regions.indexOf(g.region)
    table.skewMs[i] = skewOf(i) + (g.behaviour === 'skewedClock' ? g.skewMs : 0)
    table.rngNet.push(streams.agent('oracle', i, 'net'))
    table.rngWork.push(streams.agent('oracle', i, 'work'))
    table.rngBehaviour.push(streams.agent('oracle', i, 'behaviour'))
  }
  return table
}

/** The number of clients: given, or enough sessions to hold `reserveShare` of the miners when full. */
export function computeClientCount(s: Scenario, miners: number): number {
  if (s.workload.clients !== null) return s.workload.clients
  const totalWeight = s.workload.sessions.reduce((w, p) => w + p.weight, 0)
  const meanMaxNodes = s.workload.sessions.reduce((sum, p) => sum + p.weight * p.maxNodes, 0) / totalWeight
  return Math.max(1, Math.round((miners * s.workload.reserveShare) / meanMaxNodes))
}

export function buildClients(s: Scenario, streams: RandomStreams, miners: number): ClientTable {
  const count = computeClientCount(s, miners)
  const weights = s.workload.sessions.map((p) => p.weight)
  const table = {
    count,
    address: [] as Address[],
    indexOf: new Map<string, number>(),
    profile: [] as SessionProfile[],
    region: new Uint8Array(count),
    ratePerMs: new Float64Array(count),
    rngNet: [] as Rng[],
    rngArrival: [] as Rng[],
    rngPrompt: [] as Rng[],
  }
  let redundancySum = 0
  for (let i = 0; i < count; i++) {
    const profileRng = streams.agent('client', i, 'profile')
    const profile = s.workload.sessions[sampleWeightedIndex(profileRng, weights)]!
    const address = computeSyntheticAddress(CLIENT_TAG, i)
    table.address.push(address)
    table.indexOf.set(address, i)
    table.profile.push(profile)
    table.region[i] = profileRng.nextInt(s.network.regions.length)
    table.rngNet.push(streams.agent('client', i, 'net'))
    table.rngArrival.push(streams.agent('client', i, 'arrival'))
    table.rngPrompt.push(streams.agent('client', i, 'prompt'))
    redundancySum += profile.redundancy
  }
  // Every client submits at the same rate, chosen so that miners get `tasksPerMinerPerMinute`
  // assignments a minute on average: Σ rate × redundancy = miners × tasksPerMinerPerMinute.
  const perClientPerMinute = (miners * s.workload.tasksPerMinerPerMinute) / Math.max(1, redundancySum)
  table.ratePerMs.fill(perClientPerMinute / 60_000)
  return table
}
