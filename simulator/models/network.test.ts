// Goal: the network model draws each region pair's latency from its own distribution, loses the
// configured share of messages, cuts partitioned region pairs only during the partition (one or
// both directions), and names every invalid option. Method: fixed-seed draws, means compared to
// the lognormal means within tolerance; loss rates within ~4 standard errors; table-driven checks.
import { describe, expect, it } from 'vitest'
import { createRng } from '../../protocol/core/rng.ts'
import { computeDistributionMean } from './distribution.ts'
import { createNetworkModel, DEFAULT_NETWORK_OPTIONS, MESSAGE_LOST, validateNetworkOptions, type NetworkOptions } from './network.ts'

function meanDelay(options: NetworkOptions, from: string, to: string, n = 40_000): { mean: number; lostShare: number } {
  const model = createNetworkModel(options)
  const rng = createRng(8)
  const a = model.regionIndex(from)
  const b = model.regionIndex(to)
  let sum = 0
  let delivered = 0
  let allIntegers = true
  for (let i = 0; i < n; i++) {
    const d = model.sampleDelayMs(rng, a, b, 0)
    if (d === MESSAGE_LOST) continue
    allIntegers &&= Number.isInteger(d) && d >= 0
    sum += d
    delivered++
  }
  expect(allIntegers).toBe(true)
  return { mean: sum / delivered, lostShare: 1 - delivered / n }
}

describe('network model: latency and loss', () => {
  it('uses the link distribution for listed pairs, in both directions', () => {
    const expected = computeDistributionMean(DEFAULT_NETWORK_OPTIONS.links[2]!.latencyMs)
    for (const [from, to] of [['eu', 'asia'], ['asia', 'eu']] as const) {
      expect(Math.abs(meanDelay(DEFAULT_NETWORK_OPTIONS, from, to).mean - expected) / expected).toBeLessThan(0.02)
    }
  })

  it('uses the within-region and the across-region defaults elsewhere', () => {
    const options: NetworkOptions = { ...DEFAULT_NETWORK_OPTIONS, regions: ['us', 'eu', 'asia', 'sa'] }
    const across = computeDistributionMean(options.latencyMsAcrossRegions)
    expect(Math.abs(meanDelay(options, 'sa', 'eu').mean - across) / across).toBeLessThan(0.02)
    const within = computeDistributionMean(options.latencyMsWithinRegion)
    expect(Math.abs(meanDelay(options, 'us', 'us').mean - within)).toBeLessThan(0.2)
  })

  it('loses messages with the configured probability, per link where overridden', () => {
    const options: NetworkOptions = {
      ...DEFAULT_NETWORK_OPTIONS,
      lossProbability: 0.1,
      links: [{ from: 'us', to: 'eu', latencyMs: { kind: 'constant', value: 40 }, lossProbability: 0.3 }],
    }
    expect(Math.abs(meanDelay(options, 'us', 'asia').lostShare - 0.1)).toBeLessThan(0.007)
    const usEu = meanDelay(options, 'eu', 'us')
    expect(Math.abs(usEu.lostShare - 0.3)).toBeLessThan(0.01)
    expect(usEu.mean).toBe(40)
  })

  it('refuses unknown regions and out-of-range indices', () => {
    const model = createNetworkModel()
    expect(() => model.regionIndex('mars')).toThrow(/unknown region 'mars'/)
    expect(() => model.sampleDelayMs(createRng(1), 0, 3, 0)).toThrow(/region index out of range/)
  })
})

describe('network model: partitions', () => {
  const options: NetworkOptions = {
    ...DEFAULT_NETWORK_OPTIONS,
    lossProbability: 0,
    partitions: [
      { startMs: 100, endMs: 200, sideA: ['us'], sideB: ['eu', 'asia'] },
      { startMs: 300, endMs: 400, sideA: ['eu'], sideB: ['asia'], symmetric: false },
    ],
  }
  const model = createNetworkModel(options)
  const [us, eu, asia] = ['us', 'eu', 'asia'].map((r) => model.regionIndex(r)) as [number, number, number]

  it('cuts both directions between the sides only during [startMs, endMs)', () => {
    expect([99, 100, 199, 200].map((t) => model.isPartitioned(us, eu, t))).toEqual([false, true, true, false])
    expect(model.isPartitioned(asia, us, 150)).toBe(true)
    expect(model.isPartitioned(eu, asia, 150)).toBe(false)
    expect(model.sampleDelayMs(createRng(1), us, asia, 150)).toBe(MESSAGE_LOST)
    expect(model.sampleDelayMs(createRng(1), us, asia, 250)).toBeGreaterThanOrEqual(0)
  })

  it('cuts only side A to side B when asymmetric', () => {
    expect(model.isPartitioned(eu, asia, 350)).toBe(true)
    expect(model.isPartitioned(asia, eu, 350)).toBe(false)
  })

  it('consumes the same draws whether or not a partition cuts the message', () => {
    const a = createRng(4)
    const b = createRng(4)
    model.sampleDelayMs(a, us, eu, 150)
    model.sampleDelayMs(b, us, eu, 250)
    expect(a.nextU32()).toBe(b.nextU32())
  })
})

describe('validateNetworkOptions', () => {
  function paths(input: unknown): string[] {
    const r = validateNetworkOptions(input)
    return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`)
  }

  it('accepts the defaults', () => {
    expect(validateNetworkOptions(DEFAULT_NETWORK_OPTIONS).ok).toBe(true)
  })

  it('names every bad field', () => {
    expect(paths(null)).toEqual([': must be an object, got null'])
    expect(paths({ ...DEFAULT_NETWORK_OPTIONS, regions: [] })).toContain('regions: must have at least 1 entries, got 0')
    expect(paths({ ...DEFAULT_NETWORK_OPTIONS, regions: ['us', 'us', 'eu', 'asia'] })).toContain('regions: region names must be unique')
    expect(paths({ ...DEFAULT_NETWORK_OPTIONS, lossProbability: 2 })).toEqual(['lossProbability: 2 must be at most 1'])
    expect(paths({ ...DEFAULT_NETWORK_OPTIONS, latency: 1 })[0]).toMatch(/^latency: unknown field/)
    expect(paths({ ...DEFAULT_NETWORK_OPTIONS, links: [{ from: 'us', to: 'mars', latencyMs: { kind: 'constant', value: 1 } }] })).toEqual(["links[0].to: unknown region 'mars'"])
    expect(paths({ ...DEFAULT_NETWORK_OPTIONS, links: [{ from: 'us', to: 'us', latencyMs: { kind: 'constant', value: 1 } }] })[0]).toMatch(/links\[0\]: a link joins two different regions/)
    const twice = { from: 'eu', to: 'us', latencyMs: { kind: 'constant', value: 1 } }
    expect(paths({ ...DEFAULT_NETWORK_OPTIONS, links: [...DEFAULT_NETWORK_OPTIONS.links, twice] })).toEqual(['links[3]: regions eu and us are linked twice'])
    expect(paths({ ...DEFAULT_NETWORK_OPTIONS, links: [{ from: 'us', to: 'eu', latencyMs: { kind: 'constant', value: 1 }, lossProbability: -1 }] })).toEqual(['links[0].lossProbability: -1 must be at least 0'])
    expect(paths({ ...DEFAULT_NETWORK_OPTIONS, links: [5] })).toEqual(['links[0]: must be an object, got number 5'])
  })

  it('names bad partitions', () => {
    const at = (p: unknown): string[] => paths({ ...DEFAULT_NETWORK_OPTIONS, partitions: [p] })
    expect(at({ startMs: 5, endMs: 5, sideA: ['us'], sideB: ['eu'] })).toEqual(['partitions[0].endMs: 5 must be after startMs 5'])
    expect(at({ startMs: 0, endMs: 5, sideA: ['us'], sideB: ['us'] })).toEqual(['partitions[0]: a region cannot be on both sides of a partition'])
    expect(at({ startMs: 0, endMs: 5, sideA: ['mars'], sideB: [] })).toEqual(["partitions[0].sideA[0]: unknown region 'mars'", 'partitions[0].sideB: must have at least 1 entries, got 0'])
    expect(at({ startMs: 0, endMs: 5, sideA: ['us'], sideB: ['eu'], symmetric: 'yes' })).toEqual(['partitions[0].symmetric: must be a boolean'])
    expect(at(7)).toEqual(['partitions[0]: must be an object, got number 7'])
  })

  it('makes createNetworkModel throw on invalid options', () => {
    expect(() => createNetworkModel({ ...DEFAULT_NETWORK_OPTIONS, lossProbability: -0.5 })).toThrow(/invalid network options:\n {2}lossProbability/)
  })
})
