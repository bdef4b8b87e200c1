// Goal: bigint-safe JSON round-trips amounts and maps exactly and sorts keys for stable bytes.
// Method: encode/decode values with bigints beyond 2^53, nested arrays and maps; check errors.
import { describe, expect, it } from 'vitest'
import { fromJsonValue, parseJson, stringifyJson, toJsonValue } from './json.ts'

describe('json', () => {
  it('round-trips bigints, maps and nested values', () => {
    const value = { b: 10n ** 30n, a: [1, 'x', null, { z: true, y: -5n }], m: new Map([[1, 2n]]) }
    const text = stringifyJson(value)
    expect(text.startsWith('{"a":')).toBe(true)
    expect(parseJson(text)).toEqual(value)
  })

  it('drops undefined fields, maps undefined to null, and rejects what JSON cannot hold', () => {
    expect(toJsonValue({ a: undefined, b: 1 })).toEqual({ b: 1 })
    expect(toJsonValue(undefined)).toBeNull()
    expect(() => toJsonValue(Number.NaN)).toThrow(TypeError)
    expect(() => toJsonValue(() => 1)).toThrow(TypeError)
    expect(fromJsonValue({ '#bigint': 5 })).toEqual({ '#bigint': 5 })
  })
})
