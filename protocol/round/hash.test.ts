// Goal: the round precommit hash is Solidity's abi.encodePacked("cortensor.round", miner, uint256
// roundId, bytes32 salt, keccak256(bytes(completion))) under minerBound and keccak(completion) under
// plain, and a user-task hash can never stand in for a round hash.
// Method: rebuild the packed preimage byte by byte with viem's independent helpers; compare the
// task and round hashes over random inputs with fast-check.
import fc from 'fast-check'
import { concat, keccak256, numberToHex, stringToHex, toHex } from 'viem'
import { describe, expect, it } from 'vitest'
import { computePrecommitHash, computeRoundPrecommitHash, keccakCommitScheme, ROUND_COMMIT_DOMAIN, type Hex32 } from '../core/commit.ts'
import { miner } from '../testing/fixtures.ts'

const SALT = `0x${'ab'.repeat(32)}` as Hex32

describe('round commit hash', () => {
  it('packs the domain tag, miner, round id, salt and completion hash like Solidity', () => {
    const who = miner(3)
    const preimage = concat([stringToHex('cortensor.round'), who, numberToHex(42n, { size: 32 }), SALT, keccak256(toHex('the answer'))])
    expect(ROUND_COMMIT_DOMAIN).toBe('cortensor.round')
    expect(computeRoundPrecommitHash('minerBound', { miner: who, roundId: 42, salt: SALT, completion: 'the answer' })).toBe(keccak256(preimage))
  })

  it('binds every field under minerBound and none but the completion under plain', () => {
    const base = { miner: miner(1), roundId: 5, salt: SALT, completion: 'c' }
    const h = computeRoundPrecommitHash('minerBound', base)
    expect(computeRoundPrecommitHash('minerBound', { ...base, miner: miner(2) })).not.toBe(h)
    expect(computeRoundPrecommitHash('minerBound', { ...base, roundId: 6 })).not.toBe(h)
    expect(computeRoundPrecommitHash('minerBound', { ...base, salt: `0x${'cd'.repeat(32)}` as Hex32 })).not.toBe(h)
    expect(computeRoundPrecommitHash('minerBound', { ...base, completion: 'd' })).not.toBe(h)
    expect(computeRoundPrecommitHash('plain', base)).toBe(keccak256(toHex('c')))
    expect(computeRoundPrecommitHash('plain', { ...base, miner: miner(2), roundId: 9 })).toBe(computeRoundPrecommitHash('plain', base))
  })

  it('is what the real commit scheme computes, next to the unchanged task hash', () => {
    const input = { miner: miner(1), roundId: 5, salt: SALT, completion: 'c' }
    expect(keccakCommitScheme.roundHash('minerBound', input)).toBe(computeRoundPrecommitHash('minerBound', input))
    const task = { miner: miner(1), sessionId: 1, taskId: 2, salt: SALT, result: 'r' }
    expect(keccakCommitScheme.hash('minerBound', task)).toBe(computePrecommitHash('minerBound', task))
  })

  it('never equals the user-task hash of the same miner, ids, salt and text', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), fc.nat(1000), fc.string(), (who, roundId, taskId, text) => {
        const m = miner(who)
        const round = computeRoundPrecommitHash('minerBound', { miner: m, roundId, salt: SALT, completion: text })
        // The task hash with the round id in either id position: neither can be replayed.
        expect(computePrecommitHash('minerBound', { miner: m, sessionId: roundId, taskId, salt: SALT, result: text })).not.toBe(round)
        expect(computePrecommitHash('minerBound', { miner: m, sessionId: taskId, taskId: roundId, salt: SALT, result: text })).not.toBe(round)
      }),
      { seed: 20240611, numRuns: 200 },
    )
  })
})
