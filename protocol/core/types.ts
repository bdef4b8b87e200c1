/**
 * Domain scalar types shared by every machine.
 *
 * Times are integer milliseconds of a virtual or real clock that the caller passes in; amounts are
 * bigints in the token's smallest unit (wei-like, 18 decimals); addresses are lower-case 0x hex.
 * The brands keep a session id from being passed where a task id is expected.
 */

/** A lower-case, 0x-prefixed, 20-byte hex address. */
export type Address = `0x${string}`

/** Integer milliseconds. */
export type Ms = number

/** Token amount in the smallest unit (18 decimals for COR). */
export type Amount = bigint

export type SessionId = number
export type TaskId = number
export type RoundId = number

/** One COR in the smallest unit. */
export const COR: Amount = 10n ** 18n

const addressPattern = /^0x[0-9a-f]{40}$/

/** Is `value` a canonical (lower-case) 20-byte hex address? */
export function isAddress(value: unknown): value is Address {
  return typeof value === 'string' && addressPattern.test(value)
}

/** Lower-cases a 20-byte hex address, or returns undefined when it is not one. */
export function toAddress(value: string): Address | undefined {
  const lower = value.toLowerCase()
  return addressPattern.test(lower) ? (lower as Address) : undefined
}

/** Deterministic address for the i-th simulated actor of a kind (no key behind it). */
export function computeSyntheticAddress(kindTag: number, index: number): Address {
  const kind = (kindTag >>> 0).toString(16).padStart(8, '0')
  const idx = (index >>> 0).toString(16).padStart(8, '0')
  return `0x${kind}${'0'.repeat(24)}${idx}` as Address
}

export function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0
}
