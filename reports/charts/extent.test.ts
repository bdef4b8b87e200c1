// Goal: non-finite values are dropped and counted; extents are never zero-width.
// Method: direct checks on small arrays, including NaN, ±Infinity and non-numbers.
import { describe, expect, it } from 'vitest'
import { finiteExtent, isPlottable, paddedExtent, plottableValues, sortAscending, withZero } from './extent.ts'
import { thinEvenly } from './thin.ts'

describe('finite values and extents', () => {
  it('drops NaN, infinities and non-numbers and counts them', () => {
    expect(plottableValues([1, Number.NaN, 2, Infinity, -Infinity, '3' as unknown as number])).toEqual({ values: [1, 2], droppedCount: 4 })
    expect(isPlottable(null)).toBe(false)
  })

  it('finds the extent of finite values, or none', () => {
    expect(finiteExtent([3, Number.NaN, -1, 2])).toEqual([-1, 3])
    expect(finiteExtent([])).toBeUndefined()
    expect(finiteExtent([Number.NaN])).toBeUndefined()
  })

  it('widens a zero-width extent around zero by 1 and elsewhere by 10%', () => {
    expect(paddedExtent([0, 0])).toEqual([-1, 1])
    expect(paddedExtent([50, 50])).toEqual([45, 55])
    expect(paddedExtent([-10, -10])).toEqual([-11, -9])
    expect(paddedExtent([1, 2])).toEqual([1, 2])
  })

  it('treats magnitudes beyond 1e±100 as unplottable, zero as plottable', () => {
    expect([1e100, -1e-100, 0, -0].every(isPlottable)).toBe(true)
    expect([1e101, 1e-101, -1e300, 5e-324].some(isPlottable)).toBe(false)
  })

  it('sortAscending sorts numerically into a new array', () => {
    const input = [10, -2, 1.5, 100, 9]
    expect(sortAscending(input)).toEqual([-2, 1.5, 9, 10, 100])
    expect(input).toEqual([10, -2, 1.5, 100, 9])
  })

  it('withZero includes zero', () => {
    expect(withZero([3, 5])).toEqual([0, 5])
    expect(withZero([-5, -3])).toEqual([-5, 0])
  })
})

describe('thinEvenly', () => {
  const items = Array.from({ length: 101 }, (_, i) => i)

  it('keeps short inputs as they are', () => {
    expect(thinEvenly(items, 200)).toBe(items)
  })

  it('keeps the first and last and spaces the rest evenly', () => {
    expect(thinEvenly(items, 5)).toEqual([0, 25, 50, 75, 100])
  })

  it('keeps one item for a budget of one, and none for zero', () => {
    expect(thinEvenly(items, 1)).toEqual([0])
    expect(thinEvenly(items, 0)).toEqual([])
  })
})
