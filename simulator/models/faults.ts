/**
 * Faults, as explicit options (TigerBeetle's PacketSimulatorOptions): miner crash and restart,
 * oracle crash, oracle stall (alive but not advancing phases), RPC outage, network partition and
 * clock skew. Each interval fault is off, a rate (a Poisson process per target, with a duration
 * distribution; the next fault of a target starts after it recovered) or a list of intervals.
 *
 * A schedule is a pure function of (options, population, seed, duration). Each target draws from
 * its own stream, `subsystem('faults', kind, target)`, so adding a miner never moves another
 * miner's crashes. Defaults inject nothing: faults are a scenario's choice.
 */
import type { Rng } from '../../protocol/core/rng.ts'
import { sampleBernoulli, sampleExponential } from '../engine/distributions.ts'
import { createRandomStreams } from '../engine/streams.ts'
import { checkDistribution, createSampler, type DistributionSpec, type Sampler, type Support } from './distribution.ts'
import type { NetworkPartition } from './network.ts'
import { Checker, joinPath, ModelValidationError, unwrapValidated, type ModelError, type Validated } from './validation.ts'

export const INTERVAL_FAULT_KINDS = ['minerCrash', 'oracleCrash', 'oracleStall', 'rpcOutage'] as const
export type IntervalFaultKind = (typeof INTERVAL_FAULT_KINDS)[number]

export interface FaultWindow {
  readonly startMs: number
  readonly endMs: number
  /** Index of the miner, oracle or RPC endpoint, or every one of them. */
  readonly target: number | 'all'
}

export type FaultSpec =
  | { readonly mode: 'off' }
  | { readonly mode: 'rate'; readonly ratePerHour: number; readonly durationMs: DistributionSpec }
  | { readonly mode: 'intervals'; readonly intervals: readonly FaultWindow[] }

export type PartitionFaultSpec =
  | { readonly mode: 'off' }
  /** Each partition splits the regions at random into two non-empty sides. */
  | { readonly mode: 'rate'; readonly ratePerHour: number; readonly durationMs: DistributionSpec; readonly symmetric: boolean }
  | { readonly mode: 'intervals'; readonly partitions: readonly NetworkPartition[] }

export interface FaultOptions {
  /** A crashed miner does nothing until it restarts (state kept, in-flight work lost). */
  readonly minerCrash: FaultSpec
  readonly oracleCrash: FaultSpec
  /** A stalled oracle keeps its leadership but ends no phase (the grace rule must take over). */
  readonly oracleStall: FaultSpec
  /** Targets are RPC endpoints; nodes behind an endpoint in outage cannot send or read. */
  readonly rpcOutage: FaultSpec
  readonly networkPartition: PartitionFaultSpec
  /** Constant offset of each node's clock from virtual time, drawn once per node. */
  readonly clockSkewMs: { readonly miner: DistributionSpec; readonly oracle: DistributionSpec }
}

export const DEFAULT_FAULT_OPTIONS: FaultOptions = {
  minerCrash: { mode: 'off' },
  oracleCrash: { mode: 'off' },
  oracleStall: { mode: 'off' },
  rpcOutage: { mode: 'off' },
  networkPartition: { mode: 'off' },
  clockSkewMs: { miner: { kind: 'constant', value: 0 }, oracle: { kind: 'constant', value: 0 } },
}

export interface FaultPopulation {
  readonly minerCount: number
  readonly oracleCount: number
  readonly rpcEndpointCount: number
  readonly regions: readonly string[]
}

export interface FaultInterval {
  readonly kind: IntervalFaultKind
  readonly target: number
  /** The fault holds in [startMs, endMs). */
  readonly startMs: number
  readonly endMs: number
}

export interface FaultSchedule {
  /** Sorted by start time, then kind (declaration order), then target. */
  readonly intervals: readonly FaultInterval[]
  /** For the network model's `partitions`. */
  readonly partitions: readonly NetworkPartition[]
}

/** Limit on generated intervals: a rate that would exceed it is an input error, not a hang. */
export const FAULT_INTERVALS_MAX = 10_000_000

const ANY_SKEW: Support = { min: Number.NEGATIVE_INFINITY, max: Number.POSITIVE_INFINITY }
const DURATION: Support = { min: 1, max: Number.POSITIVE_INFINITY }
const HOUR_MS = 3_600_000

export function validateFaultOptions(input: unknown): Validated<FaultOptions> {
  const c = new Checker()
  if (!c.object('', input)) return c.result(input as unknown as FaultOptions)
  c.knownKeys('', input, Object.keys(DEFAULT_FAULT_OPTIONS))
  for (const kind of INTERVAL_FAULT_KINDS) checkFaultSpec(c, kind, input[kind])
  checkPartitionSpec(c, 'networkPartition', input['networkPartition'])
  if (c.object('clockSkewMs', input['clockSkewMs'])) {
    c.knownKeys('clockSkewMs', input['clockSkewMs'], ['miner', 'oracle'])
    for (const role of ['miner', 'oracle'] as const) checkDistribution(c, joinPath('clockSkewMs', role), input['clockSkewMs'][role], ANY_SKEW)
  }
  return c.result(input as unknown as FaultOptions)
}

function checkFaultSpec(c: Checker, path: string, spec: unknown): void {
  if (!c.object(path, spec) || !c.oneOf(joinPath(path, 'mode'), spec['mode'], ['off', 'rate', 'intervals'])) return
  if (spec['mode'] === 'off') c.knownKeys(path, spec, ['mode'])
  else if (spec['mode'] === 'rate') checkRate(c, path, spec, ['mode', 'ratePerHour', 'durationMs'])
  else {
    c.knownKeys(path, spec, ['mode', 'intervals'])
    if (!c.array(joinPath(path, 'intervals'), spec['intervals'])) return
    spec['intervals'].forEach((w, i) => {
      const at = joinPath(joinPath(path, 'intervals'), i)
      if (!c.object(at, w)) return
      c.knownKeys(at, w, ['startMs', 'endMs', 'target'])
      checkWindowTimes(c, at, w)
      if (w['target'] !== 'all') c.number(joinPath(at, 'target'), w['target'], { min: 0, integer: true })
    })
  }
}

function checkPartitionSpec(c: Checker, path: string, spec: unknown): void {
  if (!c.object(path, spec) || !c.oneOf(joinPath(path, 'mode'), spec['mode'], ['off', 'rate', 'intervals'])) return
  if (spec['mode'] === 'off') c.knownKeys(path, spec, ['mode'])
  else if (spec['mode'] === 'rate') {
    checkRate(c, path, spec, ['mode', 'ratePerHour', 'durationMs', 'symmetric'])
    if (typeof spec['symmetric'] !== 'boolean') c.add(joinPath(path, 'symmetric'), 'must be a boolean')
  } else {
    c.knownKeys(path, spec, ['mode', 'partitions'])
    if (!c.array(joinPath(path, 'partitions'), spec['partitions'])) return
    // Region names are checked against the network model when the schedule is generated.
    spec['partitions'].forEach((p, i) => {
      const at = joinPath(joinPath(path, 'partitions'), i)
      if (!c.object(at, p)) return
      c.knownKeys(at, p, ['startMs', 'endMs', 'sideA', 'sideB', 'symmetric'])
      checkWindowTimes(c, at, p)
      for (const side of ['sideA', 'sideB'] as const) {
        if (c.array(joinPath(at, side), p[side], 1)) p[side].forEach((r, j) => c.string(joinPath(joinPath(at, side), j), r))
      }
      if (p['symmetric'] !== undefined && typeof p['symmetric'] !== 'boolean') c.add(joinPath(at, 'symmetric'), 'must be a boolean')
    })
  }
}

function checkRate(c: Checker, path: string, spec: Record<string, unknown>, keys: readonly string[]): void {
  c.knownKeys(path, spec, keys)
  c.number(joinPath(path, 'ratePerHour'), spec['ratePerHour'], { min: 0, minExclusive: true, max: 1_000_000 })
  checkDistribution(c, joinPath(path, 'durationMs'), spec['durationMs'], DURATION)
}

function checkWindowTimes(c: Checker, path: string, w: Record<string, unknown>): void {
  const startOk = c.number(joinPath(path, 'startMs'), w['startMs'], { min: 0, integer: true })
  const endOk = c.number(joinPath(path, 'endMs'), w['endMs'], { min: 0, integer: true })
  if (startOk && endOk && (w['endMs'] as number) <= (w['startMs'] as number)) c.add(joinPath(path, 'endMs'), `${w['endMs']} must be after startMs ${w['startMs']}`)
}

/**
 * The fault intervals and partitions of a run of `durationMs`. Deterministic from `seed`. More
 * than `intervalsMax` intervals is an input error (a rate far too high), reported before memory
 * runs out.
 */
export function generateFaultSchedule(options: FaultOptions, population: FaultPopulation, seed: number, durationMs: number, intervalsMax = FAULT_INTERVALS_MAX): FaultSchedule {
  const valid = unwrapValidated('fault', validateFaultOptions(options))
  const streams = createRandomStreams(seed)
  const errors: ModelError[] = []
  const intervals: FaultInterval[] = []
  const tooMany = (path: string): never => {
    throw new ModelValidationError('fault', [{ path, message: `generates more than ${intervalsMax} intervals; lower the rate or shorten the run` }])
  }
  for (const kind of INTERVAL_FAULT_KINDS) {
    const count = targetCount(kind, population)
    const spec = valid[kind]
    if (spec.mode === 'rate') {
      const duration = createSampler(spec.durationMs, DURATION)
      for (let target = 0; target < count; target++) {
        const rng = streams.subsystem('faults', kind, target)
        addRateWindows(rng, spec.ratePerHour, duration, durationMs, (startMs, endMs) => {
          if (intervals.length >= intervalsMax) tooMany(`${kind}.ratePerHour`)
          intervals.push({ kind, target, startMs, endMs })
        })
      }
    } else if (spec.mode === 'intervals') expandWindows(kind, spec.intervals, count, intervals, errors)
  }
  const partitionRng = streams.subsystem('faults', 'networkPartition')
  const partitions = generatePartitions(valid.networkPartition, population.regions, partitionRng, durationMs, errors, intervalsMax, tooMany)
  if (errors.length > 0) throw new ModelValidationError('fault', errors)
  const kindOrder = (k: IntervalFaultKind): number => INTERVAL_FAULT_KINDS.indexOf(k)
  intervals.sort((a, b) => a.startMs - b.startMs || kindOrder(a.kind) - kindOrder(b.kind) || a.target - b.target)
  return { intervals, partitions }
}

/** A node's constant clock offset in integer ms, from its own stream. */
export type ClockSkewSampler = (role: 'miner' | 'oracle', index: number) => number

/** Validates the options once and returns the per-node skew of a run with `seed`. */
export function createClockSkewSampler(options: FaultOptions, seed: number): ClockSkewSampler {
  const valid = unwrapValidated('fault', validateFaultOptions(options))
  const streams = createRandomStreams(seed)
  const samplers = { miner: createSampler(valid.clockSkewMs.miner, ANY_SKEW), oracle: createSampler(valid.clockSkewMs.oracle, ANY_SKEW) }
  return (role, index) => Math.round(samplers[role](streams.agent(role, index, 'clockSkew')))
}

function targetCount(kind: IntervalFaultKind, population: FaultPopulation): number {
  switch (kind) {
    case 'minerCrash':
      return population.minerCount
    case 'oracleCrash':
    case 'oracleStall':
      return population.oracleCount
    case 'rpcOutage':
      return population.rpcEndpointCount
  }
}

/** Poisson arrivals of faults; the next one starts after the previous recovered. */
function addRateWindows(rng: Rng, ratePerHour: number, duration: Sampler, runMs: number, add: (startMs: number, endMs: number) => void): void {
  const meanGapMs = HOUR_MS / ratePerHour
  let atMs = sampleExponential(rng, meanGapMs)
  while (atMs < runMs) {
    const startMs = Math.floor(atMs)
    const endMs = startMs + Math.max(1, Math.round(duration(rng)))
    add(startMs, endMs)
    atMs = endMs + sampleExponential(rng, meanGapMs)
  }
}

function expandWindows(kind: IntervalFaultKind, windows: readonly FaultWindow[], count: number, out: FaultInterval[], errors: ModelError[]): void {
  const lastEndByTarget = new Map<number, number>()
  const expanded: FaultInterval[] = []
  windows.forEach((w, i) => {
    if (w.target !== 'all' && w.target >= count) {
      errors.push({ path: `${kind}.intervals[${i}].target`, message: `${w.target} is out of range: there are ${count} targets` })
      return
    }
    const targets = w.target === 'all' ? Array.from({ length: count }, (_, t) => t) : [w.target]
    for (const target of targets) expanded.push({ kind, target, startMs: w.startMs, endMs: w.endMs })
  })
  expanded.sort((a, b) => a.target - b.target || a.startMs - b.startMs)
  for (const interval of expanded) {
    const lastEnd = lastEndByTarget.get(interval.target)
    if (lastEnd !== undefined && interval.startMs < lastEnd) {
      errors.push({ path: `${kind}.intervals`, message: `intervals of target ${interval.target} overlap at ${interval.startMs} ms` })
    }
    lastEndByTarget.set(interval.target, interval.endMs)
    out.push(interval)
  }
}

function generatePartitions(
  spec: PartitionFaultSpec,
  regions: readonly string[],
  rng: Rng,
  runMs: number,
  errors: ModelError[],
  partitionsMax: number,
  tooMany: (path: string) => never,
): NetworkPartition[] {
  if (spec.mode === 'off') return []
  if (spec.mode === 'intervals') {
    spec.partitions.forEach((p, i) => {
      for (const r of [...p.sideA, ...p.sideB]) {
        if (!regions.includes(r)) errors.push({ path: `networkPartition.partitions[${i}]`, message: `unknown region '${r}'` })
      }
    })
    return [...spec.partitions]
  }
  if (regions.length < 2) {
    errors.push({ path: 'networkPartition', message: `random partitions need at least 2 regions, got ${regions.length}` })
    return []
  }
  const partitions: NetworkPartition[] = []
  const duration = createSampler(spec.durationMs, DURATION)
  addRateWindows(rng, spec.ratePerHour, duration, runMs, (startMs, endMs) => {
    if (partitions.length >= partitionsMax) tooMany('networkPartition.ratePerHour')
    partitions.push({ startMs, endMs, ...splitRegions(rng, regions), symmetric: spec.symmetric })
  })
  return partitions
}

/** A uniformly random split of the regions into two non-empty sides. */
function splitRegions(rng: Rng, regions: readonly string[]): { sideA: string[]; sideB: string[] } {
  for (;;) {
    const sideA: string[] = []
    const sideB: string[] = []
    for (const r of regions) (sampleBernoulli(rng, 0.5) ? sideA : sideB).push(r)
    if (sideA.length > 0 && sideB.length > 0) return { sideA, sideB }
  }
}
