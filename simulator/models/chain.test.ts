// Goal: the chain model places transactions in the block after the sampled inclusion delay,
// fails the configured share of them, prices calls from the gas table plus calldata, and names
// every invalid option. Method: exact block arithmetic on chosen times; fixed-seed frequency and
// mean checks; one invalid field per validation rule.
import { describe, expect, it } from 'vitest'
import { createRng } from '../../protocol/core/rng.ts'
import { createChainModel, DEFAULT_CHAIN_OPTIONS, GAS_PER_CALL_ESTIMATES, validateChainOptions } from './chain.ts'

describe('chain model', () => {
  const chain = createChainModel()

  it('numbers blocks by the interval and includes a transaction in the next block by default', () => {
    expect([0, 249, 250, 1001].map((t) => chain.blockNumberAt(t))).toEqual([0, 0, 1, 4])
    expect(chain.blockTimeMs(4)).toBe(1000)
    const rng = createRng(1)
    expect(chain.sampleInclusionMs(rng, 0)).toBe(250)
    expect(chain.sampleInclusionMs(rng, 249)).toBe(250)
    expect(chain.sampleInclusionMs(rng, 250)).toBe(500)
    expect(() => chain.sampleInclusionMs(rng, -1)).toThrow(/submission time/)
  })

  it('spreads inclusion over several blocks when the delay is a distribution', () => {
    const slow = createChainModel({ ...DEFAULT_CHAIN_OPTIONS, blockIntervalMs: 1000, inclusionDelayBlocks: { kind: 'uniform', min: 1, max: 3 } })
    const rng = createRng(2)
    const delays = Array.from({ length: 20_000 }, () => slow.sampleInclusionMs(rng, 500) / 1000)
    expect(new Set(delays)).toEqual(new Set([1, 2, 3]))
    // Rounding a uniform [1, 3] gives 1 and 3 a quarter each and 2 a half: mean 2.
    expect(Math.abs(delays.reduce((a, b) => a + b, 0) / delays.length - 2)).toBeLessThan(0.02)
  })

  it('fails transactions with the configured probability', () => {
    const flaky = createChainModel({ ...DEFAULT_CHAIN_OPTIONS, txFailureProbability: 0.2 })
    const rng = createRng(3)
    let failures = 0
    for (let i = 0; i < 50_000; i++) if (flaky.sampleTxFails(rng)) failures++
    expect(Math.abs(failures / 50_000 - 0.2)).toBeLessThan(0.008)
  })

  it('prices calls from the table, the default and the calldata', () => {
    expect(chain.estimateGas('commit', 0)).toBe(GAS_PER_CALL_ESTIMATES['commit'])
    expect(chain.estimateGas('commit', 100)).toBe(GAS_PER_CALL_ESTIMATES['commit']! + 1600)
    expect(chain.estimateGas('somethingElse', 0)).toBe(DEFAULT_CHAIN_OPTIONS.gasPerCallDefault)
    expect(() => chain.estimateGas('commit', -1)).toThrow(/calldata size/)
  })
})

describe('validateChainOptions', () => {
  function paths(input: unknown): string[] {
    const r = validateChainOptions(input)
    return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`)
  }

  it('accepts the defaults and names every bad field', () => {
    expect(paths(DEFAULT_CHAIN_OPTIONS)).toEqual([])
    expect(paths('x')).toEqual([": must be an object, got 'x'"])
    expect(paths({ ...DEFAULT_CHAIN_OPTIONS, blockIntervalMs: 0.5 })).toEqual(['blockIntervalMs: must be an integer, got 0.5'])
    expect(paths({ ...DEFAULT_CHAIN_OPTIONS, inclusionDelayBlocks: { kind: 'constant', value: 0 } })).toEqual(['inclusionDelayBlocks.value: 0 must be at least 1'])
    expect(paths({ ...DEFAULT_CHAIN_OPTIONS, txFailureProbability: -0.1 })).toEqual(['txFailureProbability: -0.1 must be at least 0'])
    expect(paths({ ...DEFAULT_CHAIN_OPTIONS, gasPerCall: { ack: 100 } })).toEqual(['gasPerCall.ack: 100 must be at least 21000'])
    expect(paths({ ...DEFAULT_CHAIN_OPTIONS, gasPerCall: [] })).toEqual(['gasPerCall: must be an object, got an array'])
    expect(paths({ ...DEFAULT_CHAIN_OPTIONS, gasPerCallDefault: 1 })).toEqual(['gasPerCallDefault: 1 must be at least 21000'])
    expect(paths({ ...DEFAULT_CHAIN_OPTIONS, gasPerCalldataByte: -16 })).toEqual(['gasPerCalldataByte: -16 must be at least 0'])
    expect(() => createChainModel({ ...DEFAULT_CHAIN_OPTIONS, blockIntervalMs: 0 })).toThrow(/invalid chain options/)
  })
})
