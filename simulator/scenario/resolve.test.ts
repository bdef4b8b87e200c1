// Goal: the run configuration is resolved from flags, a population file and a params file with
// every default filled, and every bad input is refused with the path of the bad field.
// Method: resolve small inputs and compare fields; feed broken inputs and match the problem paths.
import { describe, expect, it } from 'vitest'
import { computeSimulationParamDefaults } from './params.ts'
import { resolveSimulation, SimulationInputError, type InputProblem, type SimulationInput } from './resolve.ts'
import { computeWarmUpMs } from './defaults.ts'

function problems(input: SimulationInput): InputProblem[] {
  try {
    resolveSimulation(input)
  } catch (error) {
    if (error instanceof SimulationInputError) return [...error.problems]
    throw error
  }
  throw new Error('expected the input to be refused')
}

const paths = (input: SimulationInput): string[] => problems(input).map((p) => p.path)

describe('resolveSimulation', () => {
  it('fills defaults from the network size: honest miners, five oracles, genesis, checks, params', () => {
    const c = resolveSimulation({ seed: 4, miners: 40, durationMs: 3_600_000 })
    expect(c.scenario.miners).toEqual([expect.objectContaining({ behaviour: 'honest', count: 40, region: null })])
    expect(c.scenario.oracles).toEqual([expect.objectContaining({ behaviour: 'honest', count: 5 })])
    expect(c.scenario.invariants).toEqual({ everyCommands: 1, everyMs: 0 })
    expect(c.params.networkTask.completers).toBe(3)
    expect(c.params.eligibility.minAttempts).toBe(3)
    expect(c.scenario.warmUp.durationMs).toBe(computeWarmUpMs(40, 3, 3, 1000))
    // Genesis leaves room for every node's three rounds at one round a second, twice over.
    expect(computeWarmUpMs(10_000, 100, 3, 1000)).toBeGreaterThanOrEqual(2 * Math.ceil((10_000 * 3) / 102) * 1000)
    expect(computeWarmUpMs(1, 3, 0, 1000)).toBeGreaterThanOrEqual(3 * 60_000)
    expect(c.scenario.commitScheme).toBe('fast')
    const large = resolveSimulation({ seed: 1, miners: 10_000, conformance: true })
    expect(large.scenario.invariants).toEqual({ everyCommands: 0, everyMs: 600_000 })
    expect(large.params.networkTask.completers).toBe(100)
    expect(large.scenario.commitScheme).toBe('keccak')
  })

  it('splits a total over share groups by largest remainder and keeps counts exact', () => {
    const c = resolveSimulation({
      seed: 1,
      miners: 10,
      scenario: { miners: [{ behaviour: 'lazy', count: 2 }, { behaviour: 'honest', share: 2 }, { behaviour: 'copycat', share: 1 }] },
    })
    expect(c.scenario.miners.map((g) => [g.behaviour, g.count])).toEqual([
      ['lazy', 2],
      ['honest', 5],
      ['copycat', 3],
    ])
    const counts = resolveSimulation({ seed: 1, scenario: { miners: [{ behaviour: 'honest', count: 7 }], oracles: [{ behaviour: 'crashing', count: 2 }] } })
    expect(counts.scenario.miners[0]!.count).toBe(7)
    expect(counts.scenario.oracles[0]).toMatchObject({ behaviour: 'crashing', count: 2, crashesPerHour: 1 })
  })

  it('lets a params file override the simulation defaults, and names its bad fields', () => {
    expect(resolveSimulation({ seed: 1, miners: 20, params: { networkTask: { completers: 4 } } }).params.networkTask.completers).toBe(4)
    expect(paths({ seed: 1, miners: 20, params: { session: { redundant: 0 } } })).toEqual(['params.session.redundant'])
    expect(paths({ seed: 1, miners: 20, params: { nope: { x: 1 } } })).toEqual(['params.nope'])
  })

  it('refuses unknown keys, wrong types and impossible values by path', () => {
    expect(paths({ seed: 1, miners: 10, scenario: { colour: 'red' } })).toEqual(['population.colour'])
    expect(paths({ seed: 1, miners: 10, scenario: { miners: [{ behaviour: 'honest', count: -3 }] } })).toEqual(['population.miners[0].count', '--nodes'])
    expect(paths({ seed: 1, scenario: { miners: [{ behaviour: 'sneaky', count: 3 }] } })).toEqual(['population.miners[0].behaviour'])
    expect(paths({ seed: 1, miners: 10, scenario: { workload: { sessions: [{ weight: 1, redundancy: 'three', minNodes: 1, maxNodes: 3, modelId: 7, sla: 0, reservePeriodMs: 1000, maxTaskExecutionCount: 5, maxTokens: 64 }] } } })).toEqual([
      'population.workload.sessions[0].redundancy',
    ])
    expect(paths({ seed: 1, miners: 4, scenario: { workload: { sessions: [{ weight: 1, redundancy: 5, minNodes: 5, maxNodes: 5, modelId: 7, sla: 0, reservePeriodMs: 1000, maxTaskExecutionCount: 5, maxTokens: 64 }] } } })).toContain(
      'population.workload.sessions[0].redundancy',
    )
    expect(paths({ seed: 1, miners: 2 })).toContain('--nodes')
    expect(paths({ seed: 1, miners: -1 })).toEqual(['--nodes'])
    expect(paths({ seed: 1, miners: 10, oracles: 0 })).toEqual(['--oracles'])
    expect(paths({ seed: -5, miners: 10 })).toEqual(['--seed'])
    expect(paths({ seed: 1, miners: 10, durationMs: 0 })).toEqual(['--hours'])
    expect(paths({ seed: 1, miners: 10, scenario: { network: { lossProbability: 2 } } })).toEqual(['population.network.lossProbability'])
    expect(paths({ seed: 1, miners: 10, scenario: { miners: [{ behaviour: 'honest', count: 3 }] } })).toEqual(['--nodes'])
    expect(paths({ seed: 1, scenario: { miners: [{ behaviour: 'honest', share: 1 }] } })).toEqual(['--nodes'])
    expect(paths({ seed: 1, miners: 10, scenario: { miners: [{ behaviour: 'honest', count: 10, region: 'mars' }] } })).toEqual(['population.miners[0].region'])
    expect(paths({ seed: 1, miners: 10, scenario: { faults: { minerCrash: { mode: 'intervals', intervals: [{ startMs: 0, endMs: 10, target: 99 }] } } } })).toEqual([
      'population.faults.minerCrash.intervals[0].target',
    ])
    expect(paths({ seed: 1, miners: 5, params: { networkTask: { completers: 4 } } })).toEqual(['params.networkTask.completers'])
  })

  it('scales the simulation parameter defaults with the network', () => {
    expect(computeSimulationParamDefaults(4)['networkTask.completers']).toBe(2)
    expect(computeSimulationParamDefaults(500)['networkTask.completers']).toBe(5)
    expect(computeSimulationParamDefaults(100_000)['networkTask.completers']).toBe(100)
    expect(computeSimulationParamDefaults(10)['networkTask.minerCooldownRounds']).toBe(0)
    expect(computeSimulationParamDefaults(50)['networkTask.minerCooldownRounds']).toBe(2)
  })
})
