// Goal: fault schedules follow their rates and intervals, are deterministic per seed, keep each
// target's faults independent of the population size, never overlap per target, and every
// invalid option is named. Method: generate schedules from fixed seeds and compare counts with
// the renewal-process expectation, compare one target's faults across populations, and check
// each validation and generation error by path.
import { describe, expect, it } from 'vitest'
import { createClockSkewSampler, DEFAULT_FAULT_OPTIONS, generateFaultSchedule, validateFaultOptions, type FaultOptions, type FaultPopulation } from './faults.ts'

const HOUR = 3_600_000
const population: FaultPopulation = { minerCount: 200, oracleCount: 3, rpcEndpointCount: 2, regions: ['us', 'eu', 'asia'] }
const crashes: FaultOptions = { ...DEFAULT_FAULT_OPTIONS, minerCrash: { mode: 'rate', ratePerHour: 2, durationMs: { kind: 'constant', value: 60_000 } } }

describe('fault schedules from rates', () => {
  it('injects nothing by default', () => {
    expect(generateFaultSchedule(DEFAULT_FAULT_OPTIONS, population, 1, 10 * HOUR)).toEqual({ intervals: [], partitions: [] })
  })

  it('crashes miners at the configured rate, one fault at a time per miner', () => {
    const { intervals } = generateFaultSchedule(crashes, population, 7, 10 * HOUR)
    // A renewal process: 30 min mean gap plus 1 min down, over 10 h, for 200 miners.
    const expected = 200 * ((10 * 60) / 31)
    expect(Math.abs(intervals.length - expected) / expected).toBeLessThan(0.05)
    expect(intervals.every((f) => f.kind === 'minerCrash' && f.endMs - f.startMs === 60_000 && f.startMs < 10 * HOUR && f.target < 200)).toBe(true)
    const byTarget = new Map<number, number>()
    for (const f of [...intervals].sort((a, b) => a.startMs - b.startMs)) {
      expect(f.startMs).toBeGreaterThanOrEqual(byTarget.get(f.target) ?? 0)
      byTarget.set(f.target, f.endMs)
    }
    expect(intervals.every((f, i) => i === 0 || f.startMs >= intervals[i - 1]!.startMs)).toBe(true)
  })

  it('is deterministic per seed and different across seeds', () => {
    const a = generateFaultSchedule(crashes, population, 3, HOUR)
    expect(generateFaultSchedule(crashes, population, 3, HOUR)).toEqual(a)
    expect(generateFaultSchedule(crashes, population, 4, HOUR)).not.toEqual(a)
  })

  it('gives miner 5 the same crashes with 10 miners and with 1,000', () => {
    const of5 = (minerCount: number) => generateFaultSchedule(crashes, { ...population, minerCount }, 11, 5 * HOUR).intervals.filter((f) => f.target === 5)
    expect(of5(10).length).toBeGreaterThan(0)
    expect(of5(1000)).toEqual(of5(10))
  })

  it('targets oracles and RPC endpoints for their kinds', () => {
    const options: FaultOptions = {
      ...DEFAULT_FAULT_OPTIONS,
      oracleStall: { mode: 'rate', ratePerHour: 5, durationMs: { kind: 'constant', value: 1000 } },
      rpcOutage: { mode: 'rate', ratePerHour: 5, durationMs: { kind: 'constant', value: 1000 } },
      oracleCrash: { mode: 'rate', ratePerHour: 5, durationMs: { kind: 'constant', value: 1000 } },
    }
    const { intervals } = generateFaultSchedule(options, population, 5, 10 * HOUR)
    const targets = (kind: string) => new Set(intervals.filter((f) => f.kind === kind).map((f) => f.target))
    expect(targets('oracleStall')).toEqual(new Set([0, 1, 2]))
    expect(targets('oracleCrash')).toEqual(new Set([0, 1, 2]))
    expect(targets('rpcOutage')).toEqual(new Set([0, 1]))
  })

  it('splits regions into two non-empty sides for random partitions', () => {
    const options: FaultOptions = { ...DEFAULT_FAULT_OPTIONS, networkPartition: { mode: 'rate', ratePerHour: 3, durationMs: { kind: 'exponential', mean: 120_000 }, symmetric: false } }
    const { partitions } = generateFaultSchedule(options, population, 9, 20 * HOUR)
    expect(partitions.length).toBeGreaterThan(30)
    for (const p of partitions) {
      expect(p.sideA.length).toBeGreaterThan(0)
      expect(p.sideB.length).toBeGreaterThan(0)
      expect([...p.sideA, ...p.sideB].sort()).toEqual(['asia', 'eu', 'us'])
      expect(p.symmetric).toBe(false)
      expect(p.endMs).toBeGreaterThan(p.startMs)
    }
    expect(() => generateFaultSchedule(options, { ...population, regions: ['us'] }, 9, HOUR)).toThrow(/at least 2 regions/)
  })

  it('stops a rate that would generate too many intervals', () => {
    expect(() => generateFaultSchedule(crashes, population, 1, 10 * HOUR, 100)).toThrow(/minerCrash.ratePerHour: generates more than 100 intervals/)
    const partitions: FaultOptions = { ...DEFAULT_FAULT_OPTIONS, networkPartition: { mode: 'rate', ratePerHour: 100, durationMs: { kind: 'constant', value: 10 }, symmetric: true } }
    expect(() => generateFaultSchedule(partitions, population, 1, 10 * HOUR, 100)).toThrow(/networkPartition.ratePerHour/)
  })
})

describe('fault schedules from intervals', () => {
  it('expands "all" and keeps listed intervals', () => {
    const options: FaultOptions = {
      ...DEFAULT_FAULT_OPTIONS,
      oracleCrash: { mode: 'intervals', intervals: [{ startMs: 100, endMs: 200, target: 'all' }, { startMs: 300, endMs: 400, target: 1 }] },
      networkPartition: { mode: 'intervals', partitions: [{ startMs: 0, endMs: 10, sideA: ['us'], sideB: ['eu'] }] },
    }
    const schedule = generateFaultSchedule(options, population, 1, HOUR)
    expect(schedule.intervals).toEqual([
      { kind: 'oracleCrash', target: 0, startMs: 100, endMs: 200 },
      { kind: 'oracleCrash', target: 1, startMs: 100, endMs: 200 },
      { kind: 'oracleCrash', target: 2, startMs: 100, endMs: 200 },
      { kind: 'oracleCrash', target: 1, startMs: 300, endMs: 400 },
    ])
    expect(schedule.partitions).toEqual([{ startMs: 0, endMs: 10, sideA: ['us'], sideB: ['eu'] }])
  })

  it('names targets out of range, overlaps and unknown regions', () => {
    const options: FaultOptions = {
      ...DEFAULT_FAULT_OPTIONS,
      minerCrash: { mode: 'intervals', intervals: [{ startMs: 0, endMs: 10, target: 500 }] },
      rpcOutage: { mode: 'intervals', intervals: [{ startMs: 0, endMs: 10, target: 'all' }, { startMs: 5, endMs: 20, target: 1 }] },
      networkPartition: { mode: 'intervals', partitions: [{ startMs: 0, endMs: 10, sideA: ['mars'], sideB: ['eu'] }] },
    }
    expect(() => generateFaultSchedule(options, population, 1, HOUR)).toThrow(
      /minerCrash.intervals\[0\].target: 500 is out of range: there are 200 targets\n {2}rpcOutage.intervals: intervals of target 1 overlap at 5 ms\n {2}networkPartition.partitions\[0\]: unknown region 'mars'/,
    )
  })
})

describe('clock skew', () => {
  const skewed: FaultOptions = { ...DEFAULT_FAULT_OPTIONS, clockSkewMs: { miner: { kind: 'normal', mean: 0, sd: 200 }, oracle: { kind: 'constant', value: -1500 } } }

  it('is zero by default and follows the distribution per role', () => {
    expect(createClockSkewSampler(DEFAULT_FAULT_OPTIONS, 1)('miner', 3)).toBe(0)
    const skewOf = createClockSkewSampler(skewed, 1)
    expect(skewOf('oracle', 0)).toBe(-1500)
    const skews = Array.from({ length: 4000 }, (_, i) => skewOf('miner', i))
    const mean = skews.reduce((a, b) => a + b, 0) / skews.length
    const sd = Math.sqrt(skews.reduce((a, b) => a + (b - mean) ** 2, 0) / skews.length)
    expect(Math.abs(mean)).toBeLessThan(15)
    expect(Math.abs(sd - 200)).toBeLessThan(10)
    expect(skews.some((s) => s < 0)).toBe(true)
  })

  it('depends only on the seed, the role and the index', () => {
    const seed2 = createClockSkewSampler(skewed, 2)
    expect(createClockSkewSampler(skewed, 2)('miner', 17)).toBe(seed2('miner', 17))
    const values = new Set([seed2('miner', 17), createClockSkewSampler(skewed, 3)('miner', 17), seed2('miner', 18)])
    expect(values.size).toBe(3)
  })
})

describe('validateFaultOptions', () => {
  const errors = (input: unknown): string[] => {
    const r = validateFaultOptions(input)
    return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`)
  }

  it('accepts the defaults and names every bad field', () => {
    expect(errors(DEFAULT_FAULT_OPTIONS)).toEqual([])
    expect(errors(1)).toEqual([': must be an object, got number 1'])
    expect(errors({ ...DEFAULT_FAULT_OPTIONS, minerCrash: { mode: 'sometimes' } })).toEqual(["minerCrash.mode: must be one of off, rate, intervals, got 'sometimes'"])
    expect(errors({ ...DEFAULT_FAULT_OPTIONS, minerCrash: { mode: 'off', ratePerHour: 1 } })).toEqual(['minerCrash.ratePerHour: unknown field (known: mode)'])
    expect(errors({ ...DEFAULT_FAULT_OPTIONS, oracleStall: { mode: 'rate', ratePerHour: 0, durationMs: { kind: 'constant', value: 0 } } })).toEqual([
      'oracleStall.ratePerHour: 0 must be above 0',
      'oracleStall.durationMs.value: 0 must be at least 1',
    ])
    expect(errors({ ...DEFAULT_FAULT_OPTIONS, rpcOutage: { mode: 'intervals', intervals: [{ startMs: 10, endMs: 5, target: -1 }, 'x'] } })).toEqual([
      'rpcOutage.intervals[0].endMs: 5 must be after startMs 10',
      'rpcOutage.intervals[0].target: -1 must be at least 0',
      "rpcOutage.intervals[1]: must be an object, got 'x'",
    ])
    expect(errors({ ...DEFAULT_FAULT_OPTIONS, oracleCrash: { mode: 'intervals' } })).toEqual(['oracleCrash.intervals: must be an array, got nothing'])
    expect(errors({ ...DEFAULT_FAULT_OPTIONS, clockSkewMs: { miner: { kind: 'normal', mean: 0, sd: -1 } } })).toEqual(['clockSkewMs.miner.sd: -1 must be at least 0', 'clockSkewMs.oracle: must be an object, got nothing'])
    expect(errors({ ...DEFAULT_FAULT_OPTIONS, byzantine: true })[0]).toMatch(/^byzantine: unknown field/)
  })

  it('names bad partition specs', () => {
    expect(errors({ ...DEFAULT_FAULT_OPTIONS, networkPartition: { mode: 'rate', ratePerHour: 1, durationMs: { kind: 'constant', value: 5 } } })).toEqual(['networkPartition.symmetric: must be a boolean'])
    expect(errors({ ...DEFAULT_FAULT_OPTIONS, networkPartition: { mode: 'off', x: 1 } })).toEqual(['networkPartition.x: unknown field (known: mode)'])
    expect(errors({ ...DEFAULT_FAULT_OPTIONS, networkPartition: { mode: 'intervals', partitions: 3 } })).toEqual(['networkPartition.partitions: must be an array, got number 3'])
    expect(errors({ ...DEFAULT_FAULT_OPTIONS, networkPartition: { mode: 'intervals', partitions: [{ startMs: 0, endMs: 1, sideA: [], sideB: [7], symmetric: 1 }, null] } })).toEqual([
      'networkPartition.partitions[0].sideA: must have at least 1 entries, got 0',
      'networkPartition.partitions[0].sideB[0]: must be a non-empty string, got number 7',
      'networkPartition.partitions[0].symmetric: must be a boolean',
      'networkPartition.partitions[1]: must be an object, got null',
    ])
    expect(() => generateFaultSchedule({ ...DEFAULT_FAULT_OPTIONS, networkPartition: { mode: 'bogus' } as never }, population, 1, HOUR)).toThrow(/invalid fault options/)
    expect(() => createClockSkewSampler({ ...DEFAULT_FAULT_OPTIONS, clockSkewMs: {} as never }, 1)).toThrow(/invalid fault options/)
  })
})
