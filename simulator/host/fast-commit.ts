/**
 * A fast stand-in for the commit–reveal hashes, for bulk runs (anchors.md §C3: a real hash costs
 * ~1–2 µs, and a day at 10,000 nodes hashes tens of millions of times).
 *
 * Not cryptographic, but it keeps the two properties the simulation depends on:
 * - **binding**: under `minerBound` the hash mixes the miner, session, task (or round), salt and
 *   result, so a precommit copied from another miner does not match the copier's own reveal
 *   (the task machine recomputes the hash with the revealer's address); under `plain` it mixes
 *   the result only, so a copied hash and text pass, exactly as with keccak;
 * - **shape**: `0x` and 64 lower-case hex digits, so `isHex32` accepts it.
 * Round hashes carry a domain tag, as the keccak scheme's do. Conformance runs use
 * `keccakCommitScheme` instead; `run.json` records which one ran.
 *
 * Two 32-bit FNV-1a lanes with different offsets run over the fields in one pass (a separator
 * after each field, so ("ab", "c") and ("a", "bc") differ), and a splitmix finaliser spreads the
 * pair over 64 hex digits, two at a time from a table.
 */
import type { CommitInput, CommitScheme, Hex32, RoundCommitInput } from '../../protocol/core/commit.ts'
import { mix32 } from '../../protocol/core/rng.ts'

const PRIME = 0x01000193
/** The two lanes' state between fields (module scope: no allocation per hash). */
let laneA = 0
let laneB = 0

function start(a: number, b: number): void {
  laneA = a
  laneB = b
}

function addString(text: string): void {
  let a = laneA
  let b = laneB
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    a = Math.imul(a ^ c, PRIME)
    b = Math.imul(b ^ c, PRIME)
  }
  laneA = Math.imul(a ^ 0xff, PRIME)
  laneB = Math.imul(b ^ 0xfe, PRIME)
}

function addNumber(value: number): void {
  const high = Math.floor(value / 4294967296)
  laneA = mix32((laneA ^ mix32(value >>> 0) ^ high) >>> 0)
  laneB = mix32((laneB ^ mix32((value + 0x7f4a7c15) >>> 0) ^ high) >>> 0)
}

const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** 64 hex digits from the two lanes, spread over eight 32-bit words. */
function finish(): Hex32 {
  let x = laneA >>> 0
  let y = laneB >>> 0
  let out = '0x'
  for (let word = 0; word < 8; word++) {
    x = mix32((x ^ Math.imul(y, 0x9e3779b1)) >>> 0)
    y = mix32((y + 0x7f4a7c15 + word) >>> 0)
    out += BYTE_HEX[x >>> 24]! + BYTE_HEX[(x >>> 16) & 255]! + BYTE_HEX[(x >>> 8) & 255]! + BYTE_HEX[x & 255]!
  }
  return out as Hex32
}

function hashPlain(text: string): Hex32 {
  start(0x811c9dc5, 0x01234567)
  addString(text)
  return finish()
}

function hashTask(scheme: 'minerBound' | 'plain', input: CommitInput): Hex32 {
  if (scheme === 'plain') return hashPlain(input.result)
  start(0x811c9dc5, 0x9747b28c)
  addString(input.miner)
  addNumber(input.sessionId)
  addNumber(input.taskId)
  addString(input.salt)
  addString(input.result)
  return finish()
}

function hashRound(scheme: 'minerBound' | 'plain', input: RoundCommitInput): Hex32 {
  if (scheme === 'plain') return hashPlain(input.completion)
  start(0x5bd1e995, 0x9747b28c)
  addString('cortensor.round')
  addString(input.miner)
  addNumber(input.roundId)
  addString(input.salt)
  addString(input.completion)
  return finish()
}

export const fastCommitScheme: CommitScheme = { hash: hashTask, roundHash: hashRound }
