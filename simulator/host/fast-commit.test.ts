// Goal: the fast commit stand-in keeps what the simulation relies on — hashes are 32-byte hex,
// minerBound binds every field (a precommit copied from another miner never matches the copier's
// reveal), plain depends on the result alone (a copy passes), and round hashes are
// domain-separated from task hashes. Method: fast-check properties over random inputs.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isHex32, type CommitInput } from '../../protocol/core/commit.ts'
import { computeSyntheticAddress } from '../../protocol/core/types.ts'
import { fastCommitScheme } from './fast-commit.ts'

const address = fc.integer({ min: 0, max: 2 ** 32 - 1 }).map((i) => computeSyntheticAddress(0x6d696e65, i))
const salt = fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 64, maxLength: 64 }).map((d) => `0x${d.map((x) => x.toString(16)).join('')}` as const)
const input = fc.record({ miner: address, sessionId: fc.nat(1e6), taskId: fc.nat(1e6), salt, result: fc.string({ maxLength: 40 }) })

describe('fastCommitScheme', () => {
  it('produces 32-byte hex strings for tasks and rounds', () => {
    fc.assert(
      fc.property(input, (i) => {
        expect(isHex32(fastCommitScheme.hash('minerBound', i))).toBe(true)
        expect(isHex32(fastCommitScheme.hash('plain', i))).toBe(true)
        expect(isHex32(fastCommitScheme.roundHash('minerBound', { miner: i.miner, roundId: i.taskId, salt: i.salt, completion: i.result }))).toBe(true)
      }),
      { seed: 11, numRuns: 200 },
    )
  })

  it('binds the miner under minerBound: a copied hash does not match the copier, and every field counts', () => {
    fc.assert(
      fc.property(input, address, fc.nat(1e6), (i, other, n) => {
        const h = fastCommitScheme.hash('minerBound', i)
        fc.pre(other !== i.miner && n !== i.taskId && n !== i.sessionId)
        expect(fastCommitScheme.hash('minerBound', { ...i, miner: other })).not.toBe(h)
        expect(fastCommitScheme.hash('minerBound', { ...i, taskId: n })).not.toBe(h)
        expect(fastCommitScheme.hash('minerBound', { ...i, sessionId: n })).not.toBe(h)
        expect(fastCommitScheme.hash('minerBound', { ...i, result: `${i.result}x` })).not.toBe(h)
        expect(fastCommitScheme.hash('minerBound', { ...i, salt: `0x${'0'.repeat(63)}${i.salt.endsWith('1') ? '2' : '1'}` })).not.toBe(h)
        expect(fastCommitScheme.hash('minerBound', { ...i })).toBe(h)
      }),
      { seed: 12, numRuns: 200 },
    )
  })

  it('depends on the result alone under plain, so a copy passes', () => {
    fc.assert(
      fc.property(input, address, (i, other) => {
        const copy: CommitInput = { ...i, miner: other, taskId: i.taskId + 1 }
        expect(fastCommitScheme.hash('plain', copy)).toBe(fastCommitScheme.hash('plain', i))
        expect(fastCommitScheme.roundHash('plain', { miner: other, roundId: 1, salt: i.salt, completion: i.result })).toBe(fastCommitScheme.hash('plain', i))
      }),
      { seed: 13, numRuns: 100 },
    )
  })

  it('separates round hashes from task hashes of the same preimage', () => {
    fc.assert(
      fc.property(input, (i) => {
        expect(fastCommitScheme.roundHash('minerBound', { miner: i.miner, roundId: i.taskId, salt: i.salt, completion: i.result })).not.toBe(fastCommitScheme.hash('minerBound', i))
      }),
      { seed: 14, numRuns: 100 },
    )
  })
})
