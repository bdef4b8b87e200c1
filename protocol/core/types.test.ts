// Goal: address helpers accept only canonical 20-byte hex and synthetic addresses are distinct.
import { describe, expect, it } from 'vitest'
import { computeSyntheticAddress, isAddress, isNonNegativeInteger, toAddress } from './types.ts'

describe('types', () => {
  it('checks and canonicalises addresses', () => {
    const a = computeSyntheticAddress(0xabcdef, 2)
    expect(isAddress(a)).toBe(true)
    expect(isAddress(a.toUpperCase().replace('0X', '0x'))).toBe(false)
    expect(toAddress(a.toUpperCase().replace('0X', '0x'))).toBe(a)
    expect(toAddress('0x12')).toBeUndefined()
    expect(computeSyntheticAddress(0xabcdef, 3)).not.toBe(a)
    expect(computeSyntheticAddress(0xabcdee, 2)).not.toBe(a)
  })

  it('recognises non-negative integers', () => {
    expect(isNonNegativeInteger(0)).toBe(true)
    expect(isNonNegativeInteger(-1)).toBe(false)
    expect(isNonNegativeInteger(1.5)).toBe(false)
    expect(isNonNegativeInteger('1')).toBe(false)
  })
})
