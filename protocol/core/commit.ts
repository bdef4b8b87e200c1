/**
 * Commit–reveal hashing. The precommit binds a result to the miner that computed it:
 *
 *   minerBound: keccak256(abi.encodePacked(miner, uint256 sessionId, uint256 taskId, bytes32 salt, keccak256(bytes(result))))
 *   plain:      keccak256(bytes(result))   (SessionQueueV2.getHash, copyable)
 *
 * With `plain`, a miner who sees another's reveal can submit the same hash and text without doing
 * the work; `minerBound` makes a copied hash worthless. The simulator may swap in a cheaper
 * stand-in through `CommitScheme` on its hot path; conformance runs use the real one.
 *
 * Network-task (Cognitive round) completions have their own variant, with a domain tag in front so
 * a user-task precommit can never be replayed as a round precommit (the packed preimages differ in
 * length and prefix):
 *
 *   minerBound: keccak256(abi.encodePacked("cortensor.round", miner, uint256 roundId, bytes32 salt, keccak256(bytes(completion))))
 *   plain:      keccak256(bytes(completion))   (copyable, and identical to the user-task plain hash)
 */
// 'viem/utils' rather than the package root: it holds these three and loads in about half the time.
import { encodePacked, keccak256, stringToBytes } from 'viem/utils'
import type { Address, RoundId, SessionId, TaskId } from './types.ts'

export type Hex32 = `0x${string}`

export interface CommitInput {
  readonly miner: Address
  readonly sessionId: SessionId
  readonly taskId: TaskId
  readonly salt: Hex32
  readonly result: string
}

/** What a network-task completer commits to (one completion for the round's challenges). */
export interface RoundCommitInput {
  readonly miner: Address
  readonly roundId: RoundId
  readonly salt: Hex32
  readonly completion: string
}

export interface CommitScheme {
  /** The precommit hash for `input` under `scheme`. */
  hash(scheme: 'minerBound' | 'plain', input: CommitInput): Hex32
  /** The precommit hash of a network-task completion under `scheme` (domain-separated from `hash`). */
  roundHash(scheme: 'minerBound' | 'plain', input: RoundCommitInput): Hex32
}

/** Domain tag in front of every miner-bound round preimage. */
export const ROUND_COMMIT_DOMAIN = 'cortensor.round'

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

export function computeRoundPrecommitHash(scheme: 'minerBound' | 'plain', input: RoundCommitInput): Hex32 {
  if (scheme === 'plain') return computeResultHash(input.completion)
  return keccak256(
    encodePacked(
      ['string', 'address', 'uint256', 'bytes32', 'bytes32'],
      [ROUND_COMMIT_DOMAIN, input.miner, BigInt(input.roundId), input.salt, computeResultHash(input.completion)],
    ),
  )
}

/** The real keccak-based scheme, identical to the contracts'. */
export const keccakCommitScheme: CommitScheme = { hash: computePrecommitHash, roundHash: computeRoundPrecommitHash }

const hex32Pattern = /^0x[0-9a-f]{64}$/

export function isHex32(value: unknown): value is Hex32 {
  return typeof value === 'string' && hex32Pattern.test(value)
}
