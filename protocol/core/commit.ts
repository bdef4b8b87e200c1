/**
 * Commit–reveal hashing. The precommit binds a result to the miner that computed it:
 *
 *   minerBound: keccak256(abi.encodePacked(miner, uint256 sessionId, uint256 taskId, bytes32 salt, keccak256(bytes(result))))
 *   plain:      keccak256(bytes(result))   (SessionQueueV2.getHash, copyable)
 *
 * With `plain`, a miner who sees another's reveal can submit the same hash and text without doing
 * the work; `minerBound` makes a copied hash worthless. The simulator may swap in a cheaper
 * stand-in through `CommitScheme` on its hot path; conformance runs use the real one.
 */
import { encodePacked, keccak256, stringToBytes } from 'viem'
import type { Address, SessionId, TaskId } from './types.ts'

export type Hex32 = `0x${string}`

export interface CommitInput {
  readonly miner: Address
  readonly sessionId: SessionId
  readonly taskId: TaskId
  readonly salt: Hex32
  readonly result: string
}

export interface CommitScheme {
  /** The precommit hash for `input` under `scheme`. */
  hash(scheme: 'minerBound' | 'plain', input: CommitInput): Hex32
}

/** keccak256 of a UTF-8 string, as Solidity's `keccak256(bytes(s))`. */
export function computeResultHash(result: string): Hex32 {
  return keccak256(stringToBytes(result))
}

export function computePrecommitHash(scheme: 'minerBound' | 'plain', input: CommitInput): Hex32 {
  if (scheme === 'plain') return computeResultHash(input.result)
  return keccak256(
    encodePacked(
      ['address', 'uint256', 'uint256', 'bytes32', 'bytes32'],
      [input.miner, BigInt(input.sessionId), BigInt(input.taskId), input.salt, computeResultHash(input.result)],
    ),
  )
}

/** The real keccak-based scheme, identical to the contracts'. */
export const keccakCommitScheme: CommitScheme = { hash: computePrecommitHash }

const hex32Pattern = /^0x[0-9a-f]{64}$/

export function isHex32(value: unknown): value is Hex32 {
  return typeof value === 'string' && hex32Pattern.test(value)
}
