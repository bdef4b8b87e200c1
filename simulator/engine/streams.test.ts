// Goal: per-agent streams are independent of the population and of creation order, so adding an
// agent or a subsystem never changes anyone else's draws; distinct names give distinct streams.
// Method: draw from the same agent under different populations and creation orders and compare
// the sequences exactly; compare against createChildRng to pin the documented derivation.
import { describe, expect, it } from 'vitest'
import { createChildRng, type Rng } from '../../protocol/core/rng.ts'
import { createRandomStreams } from './streams.ts'

function draws(rng: Rng, n = 16): number[] {
  return Array.from({ length: n }, () => rng.nextU32())
}

describe('createRandomStreams', () => {
  it('gives miner 7 the same draws in a population of 10 and of 10,000, in any creation order', () => {
    const small = createRandomStreams(99)
    const smallRngs = Array.from({ length: 10 }, (_, i) => small.agent('miner', i))
    const large = createRandomStreams(99)
    const largeRngs: Rng[] = []
    for (let i = 9_999; i >= 0; i--) largeRngs[i] = large.agent('miner', i)
    // Interleave draws from other agents: they must not disturb miner 7.
    draws(largeRngs[3]!, 100)
    draws(large.subsystem('network'), 100)
    expect(draws(largeRngs[7]!)).toEqual(draws(smallRngs[7]!))
  })

  it('derives streams exactly as createChildRng(seed, role, index, …purpose)', () => {
    const streams = createRandomStreams(5)
    expect(draws(streams.agent('oracle', 2))).toEqual(draws(createChildRng(5, 'oracle', 2)))
    expect(draws(streams.agent('miner', 2, 'inference'))).toEqual(draws(createChildRng(5, 'miner', 2, 'inference')))
    expect(draws(streams.subsystem('faults', 'minerCrash'))).toEqual(draws(createChildRng(5, 'subsystem', 'faults', 'minerCrash')))
  })

  it('gives different roles, indices, purposes, subsystems and seeds different streams', () => {
    const a = createRandomStreams(1)
    const b = createRandomStreams(2)
    const sequences = [
      draws(a.agent('miner', 0)),
      draws(a.agent('miner', 1)),
      draws(a.agent('oracle', 0)),
      draws(a.agent('miner', 0, 'behaviour')),
      draws(a.subsystem('network')),
      draws(a.subsystem('chain')),
      draws(b.agent('miner', 0)),
    ].map((s) => s.join(','))
    expect(new Set(sequences).size).toBe(sequences.length)
  })

  it('refuses seeds and indices outside 32 bits', () => {
    expect(() => createRandomStreams(-1)).toThrow(/seed/)
    expect(() => createRandomStreams(2 ** 32)).toThrow(/seed/)
    expect(() => createRandomStreams(1.5)).toThrow(/seed/)
    expect(() => createRandomStreams(1).agent('miner', -1)).toThrow(/agent index/)
  })
})
