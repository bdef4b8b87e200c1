// Goal: commit hashes match Solidity's encodings and bind the miner under the miner-bound scheme.
// Method: compare against viem's independent solidityPacked/keccak computation and known values.
import { describe, expect, it } from 'vitest'
import { encodePacked, keccak256, toHex } from 'viem'
import { computePrecommitHash, computeResultHash, isHex32 } from './commit.ts'

const A = '0x00000000000000000000000000000000000000aa' as const
const B = '0x00000000000000000000000000000000000000bb' as const
const SALT = `0x${'11'.repeat(32)}` as const

describe('commit hashing', () => {
  it('hashes results like keccak256(bytes(s))', () => {
    expect(computeResultHash('')).toBe('0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470')
    expect(computeResultHash('hi')).toBe(keccak256(toHex('hi')))
  })

  it('binds miner, session, task and salt under minerBound', () => {
    const input = { miner: A, sessionId: 1, taskId: 2, salt: SALT, result: 'r' } as const
    const h = computePrecommitHash('minerBound', input)
    expect(h).toBe(keccak256(encodePacked(['address', 'uint256', 'uint256', 'bytes32', 'bytes32'], [A, 1n, 2n, SALT, computeResultHash('r')])))
    expect(computePrecommitHash('minerBound', { ...input, miner: B })).not.toBe(h)
    expect(computePrecommitHash('minerBound', { ...input, taskId: 3 })).not.toBe(h)
    expect(computePrecommitHash('plain', input)).toBe(computePrecommitHash('plain', { ...input, miner: B }))
  })

  it('recognises 32-byte hex strings', () => {
    expect(isHex32(SALT)).toBe(true)
    expect(isHex32('0x12')).toBe(false)
    expect(isHex32(SALT.toUpperCase())).toBe(false)
  })
})
