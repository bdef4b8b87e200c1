// Goal: numbers and labels are formatted with fixed precision and never as long float noise.
// Method: exact expectations on representative values, and a property over arbitrary doubles.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { axisTitle, formatValue, truncateLabel } from './format.ts'

describe('formatValue', () => {
  it('keeps at most `digits` decimals and drops trailing zeros', () => {
    expect(formatValue(0.1 + 0.2)).toBe('0.3')
    expect(formatValue(2 / 3, 2)).toBe('0.67')
    expect(formatValue(1500)).toBe('1500')
    expect(formatValue(-1.25, 1)).toBe('-1.3')
  })

  it('uses exponent notation below the precision, so small values do not read as 0', () => {
    expect(formatValue(0.00001234)).toBe('1.23e-5')
    expect(formatValue(0)).toBe('0')
  })

  it('never writes -0', () => {
    expect(formatValue(-0.0001, 2)).not.toBe('-0')
    expect(formatValue(-0)).toBe('0')
  })

  it('shows non-finite values as such (callers filter them first)', () => {
    expect(formatValue(Number.NaN)).toBe('NaN')
  })

  it('has no more than `digits` decimals for any finite double (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }), fc.integer({ min: 0, max: 6 }), (v, digits) => {
        const s = formatValue(v, digits)
        if (!s.includes('e')) expect((s.split('.')[1] ?? '').length).toBeLessThanOrEqual(digits)
        expect(Math.abs(Number(s) - v)).toBeLessThanOrEqual(Math.max(10 ** -digits, Math.abs(v) * 1e-2))
      }),
      { seed: 4102, numRuns: 300 },
    )
  })
})

describe('axisTitle and truncateLabel', () => {
  it('combines label and unit', () => {
    expect(axisTitle('time', 's')).toBe('time (s)')
    expect(axisTitle('count', undefined)).toBe('count')
    expect(axisTitle(undefined, 'ms')).toBe('(ms)')
    expect(axisTitle(undefined, undefined)).toBe('')
  })

  it('shortens long names with an ellipsis, counting characters not code units', () => {
    expect(truncateLabel('abcdefgh', 5)).toBe('abcd…')
    expect(truncateLabel('abc', 5)).toBe('abc')
    expect(truncateLabel('😀😀😀😀😀😀', 3)).toBe('😀😀…')
  })
})
