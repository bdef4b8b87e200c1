/**
 * The network between nodes: regions, a one-way latency distribution per pair of regions, message
 * loss, and partitions (time intervals during which two sets of regions cannot reach each other).
 *
 * Defaults are estimates from public inter-region round-trip tables of large cloud providers
 * (one-way ≈ RTT/2: within a region ~5 ms, US–EU ~45 ms, US–Asia ~80 ms, EU–Asia ~110 ms) with a
 * lognormal spread; replace them with measurements of a real deployment when there are any.
 *
 * A message's fate is decided when it is sent: a partition that starts while it is in flight does
 * not drop it. Latencies are rounded to integer ms; a delay of 0 ms is allowed (the engine orders
 * same-instant events by kind and source).
 */
import type { Rng } from '../../protocol/core/rng.ts'
import { fail } from '../engine/assert.ts'
import { checkDistribution, createSampler, type DistributionSpec, type Sampler } from './distribution.ts'
import { Checker, joinPath, unwrapValidated, type Validated } from './validation.ts'

export interface NetworkLink {
  /** Two distinct regions; a link is symmetric. */
  readonly from: string
  readonly to: string
  readonly latencyMs: DistributionSpec
  /** Overrides `lossProbability` on this link. */
  readonly lossProbability?: number
}

export interface NetworkPartition {
  /** The partition holds for messages sent in [startMs, endMs). */
  readonly startMs: number
  readonly endMs: number
  readonly sideA: readonly string[]
  readonly sideB: readonly string[]
  /** Cut both directions (default) or only messages from side A to side B. */
  readonly symmetric?: boolean
}

export interface NetworkOptions {
  readonly regions: readonly string[]
  /** One-way latency between two nodes of the same region. */
  readonly latencyMsWithinRegion: DistributionSpec
  /** One-way latency of region pairs that `links` does not list. */
  readonly latencyMsAcrossRegions: DistributionSpec
  readonly links: readonly NetworkLink[]
  /** Probability that a message is lost (no retransmission is modelled). */
  readonly lossProbability: number
  readonly partitions: readonly NetworkPartition[]
}

const lognormal = (median: number, sigma: number): DistributionSpec => ({ kind: 'lognormal', median, sigma })

export const DEFAULT_NETWORK_OPTIONS: NetworkOptions = {
  regions: ['us', 'eu', 'asia'],
  latencyMsWithinRegion: lognormal(5, 0.4),
  latencyMsAcrossRegions: lognormal(80, 0.3),
  links: [
    { from: 'us', to: 'eu', latencyMs: lognormal(45, 0.2) },
    { from: 'us', to: 'asia', latencyMs: lognormal(80, 0.2) },
    { from: 'eu', to: 'asia', latencyMs: lognormal(110, 0.2) },
  ],
  lossProbability: 0.001,
  partitions: [],
}

/** `sampleDelayMs` result for a message that never arrives. */
export const MESSAGE_LOST = -1

export interface NetworkModel {
  readonly options: NetworkOptions
  readonly regionCount: number
  /** Index of a region name (an assertion failure for an unknown name; resolve names once). */
  regionIndex(name: string): number
  /** One-way delay in integer ms of a message sent at `atMs`, or `MESSAGE_LOST`. */
  sampleDelayMs(rng: Rng, fromRegion: number, toRegion: number, atMs: number): number
  /** Whether a partition cuts messages from `fromRegion` to `toRegion` sent at `atMs`. */
  isPartitioned(fromRegion: number, toRegion: number, atMs: number): boolean
}

export function validateNetworkOptions(input: unknown): Validated<NetworkOptions> {
  const c = new Checker()
  if (!c.object('', input)) return c.result(input as unknown as NetworkOptions)
  c.knownKeys('', input, Object.keys(DEFAULT_NETWORK_OPTIONS))
  const regions = c.array('regions', input['regions'], 1) ? input['regions'] : []
  regions.forEach((r, i) => c.string(joinPath('regions', i), r))
  if (new Set(regions).size !== regions.length) c.add('regions', 'region names must be unique')
  const known = new Set(regions.filter((r): r is string => typeof r === 'string'))
  checkDistribution(c, 'latencyMsWithinRegion', input['latencyMsWithinRegion'])
  checkDistribution(c, 'latencyMsAcrossRegions', input['latencyMsAcrossRegions'])
  c.probability('lossProbability', input['lossProbability'])
  checkLinks(c, input['links'], known)
  if (c.array('partitions', input['partitions'])) input['partitions'].forEach((p, i) => checkPartition(c, joinPath('partitions', i), p, known))
  return c.result(input as unknown as NetworkOptions)
}

function checkLinks(c: Checker, links: unknown, known: ReadonlySet<string>): void {
  if (!c.array('links', links)) return
  const seen = new Set<string>()
  links.forEach((link, i) => {
    const path = joinPath('links', i)
    if (!c.object(path, link)) return
    c.knownKeys(path, link, ['from', 'to', 'latencyMs', 'lossProbability'])
    for (const end of ['from', 'to'] as const) {
      if (c.string(joinPath(path, end), link[end]) && !known.has(link[end] as string)) c.add(joinPath(path, end), `unknown region '${link[end]}'`)
    }
    if (link['from'] === link['to']) c.add(path, 'a link joins two different regions (use latencyMsWithinRegion within one)')
    const pair = [String(link['from']), String(link['to'])].sort().join('|')
    if (seen.has(pair)) c.add(path, `regions ${link['from']} and ${link['to']} are linked twice`)
    seen.add(pair)
    checkDistribution(c, joinPath(path, 'latencyMs'), link['latencyMs'])
    if (link['lossProbability'] !== undefined) c.probability(joinPath(path, 'lossProbability'), link['lossProbability'])
  })
}

function checkPartition(c: Checker, path: string, p: unknown, known: ReadonlySet<string>): void {
  if (!c.object(path, p)) return
  c.knownKeys(path, p, ['startMs', 'endMs', 'sideA', 'sideB', 'symmetric'])
  const startOk = c.number(joinPath(path, 'startMs'), p['startMs'], { min: 0, integer: true })
  if (c.number(joinPath(path, 'endMs'), p['endMs'], { min: 0, integer: true }) && startOk && (p['endMs'] as number) <= (p['startMs'] as number)) {
    c.add(joinPath(path, 'endMs'), `${p['endMs']} must be after startMs ${p['startMs']}`)
  }
  const sides: Set<unknown>[] = []
  for (const side of ['sideA', 'sideB'] as const) {
    const at = joinPath(path, side)
    if (!c.array(at, p[side], 1)) continue
    p[side].forEach((r, i) => {
      if (c.string(joinPath(at, i), r) && !known.has(r)) c.add(joinPath(at, i), `unknown region '${r}'`)
    })
    sides.push(new Set(p[side]))
  }
  if (sides.length === 2 && [...sides[0]!].some((r) => sides[1]!.has(r))) c.add(path, 'a region cannot be on both sides of a partition')
  if (p['symmetric'] !== undefined && typeof p['symmetric'] !== 'boolean') c.add(joinPath(path, 'symmetric'), 'must be a boolean')
}

/** Builds the model; invalid options throw `ModelValidationError` naming every bad field. */
export function createNetworkModel(options: NetworkOptions = DEFAULT_NETWORK_OPTIONS): NetworkModel {
  const valid = unwrapValidated('network', validateNetworkOptions(options))
  const regionCount = valid.regions.length
  const index = new Map(valid.regions.map((r, i) => [r, i]))
  const samplers: Sampler[] = []
  const loss = new Float64Array(regionCount * regionCount)
  const within = createSampler(valid.latencyMsWithinRegion)
  const across = createSampler(valid.latencyMsAcrossRegions)
  for (let a = 0; a < regionCount; a++) {
    for (let b = 0; b < regionCount; b++) {
      samplers[a * regionCount + b] = a === b ? within : across
      loss[a * regionCount + b] = valid.lossProbability
    }
  }
  for (const link of valid.links) {
    const sampler = createSampler(link.latencyMs)
    const a = index.get(link.from)!
    const b = index.get(link.to)!
    for (const cell of [a * regionCount + b, b * regionCount + a]) {
      samplers[cell] = sampler
      loss[cell] = link.lossProbability ?? valid.lossProbability
    }
  }
  const partitions = valid.partitions.map((p) => compilePartition(p, index, regionCount))

  function isPartitioned(fromRegion: number, toRegion: number, atMs: number): boolean {
    for (const p of partitions) {
      if (atMs < p.startMs || atMs >= p.endMs) continue
      const from = p.side[fromRegion]
      const to = p.side[toRegion]
      if (from === 1 && to === 2) return true
      if (p.symmetric && from === 2 && to === 1) return true
    }
    return false
  }

  return {
    options: valid,
    regionCount,
    regionIndex(name) {
      const i = index.get(name)
      if (i === undefined) fail(`unknown region '${name}' (known: ${valid.regions.join(', ')})`)
      return i
    },
    isPartitioned,
    sampleDelayMs(rng, fromRegion, toRegion, atMs) {
      if (!(fromRegion >= 0 && toRegion >= 0 && fromRegion < regionCount && toRegion < regionCount)) fail(`region index out of range: ${fromRegion} → ${toRegion}`)
      const cell = fromRegion * regionCount + toRegion
      // Always draw the loss coin first so a partition does not shift the stream's later draws.
      const lost = rng.nextFloat() < loss[cell]!
      const delayMs = Math.round(samplers[cell]!(rng))
      if (lost || isPartitioned(fromRegion, toRegion, atMs)) return MESSAGE_LOST
      return delayMs
    },
  }
}

interface CompiledPartition {
  readonly startMs: number
  readonly endMs: number
  readonly symmetric: boolean
  /** Per region: 0 outside the partition, 1 side A, 2 side B. */
  readonly side: Uint8Array
}

function compilePartition(p: NetworkPartition, index: ReadonlyMap<string, number>, regionCount: number): CompiledPartition {
  const side = new Uint8Array(regionCount)
  for (const r of p.sideA) side[index.get(r)!] = 1
  for (const r of p.sideB) side[index.get(r)!] = 2
  return { startMs: p.startMs, endMs: p.endMs, symmetric: p.symmetric ?? true, side }
}
