// Goal: distribution specs compile into samplers with the documented means, clamp draws into the
// quantity's support, reproduce empirical samples, and are validated with the offending path.
// Method: fixed-seed draws compared against computeDistributionMean within ~4 standard errors;
// empirical quantiles compared against the input values; one invalid spec per rule.
import { describe, expect, it } from 'vitest'
import { createRng } from '../../protocol/core/rng.ts'
import { checkDistribution, computeDistributionMean, createEmpiricalSampler, createSampler, type DistributionSpec } from './distribution.ts'
import { Checker, describeValue, formatModelErrors, ModelValidationError, unwrapValidated } from './validation.ts'

function sampleMean(spec: DistributionSpec, n = 50_000, seed = 5): number {
  const sampler = createSampler(spec, { min: Number.NEGATIVE_INFINITY, max: Number.POSITIVE_INFINITY })
  const rng = createRng(seed)
  let sum = 0
  for (let i = 0; i < n; i++) sum += sampler(rng)
  return sum / n
}

function errorsOf(value: unknown, support?: { min: number; max: number }): string[] {
  const c = new Checker()
  checkDistribution(c, 'x', value, support)
  return c.errors.map((e) => `${e.path}: ${e.message}`)
}

describe('createSampler', () => {
  const specs: DistributionSpec[] = [
    { kind: 'constant', value: 7 },
    { kind: 'uniform', min: 10, max: 30 },
    { kind: 'exponential', mean: 40 },
    { kind: 'normal', mean: 100, sd: 15 },
    { kind: 'lognormal', median: 50, sigma: 0.4 },
    { kind: 'empirical', values: [1, 2, 3, 10] },
  ]
  it('computes the interpolated mean of an empirical spec, not the sample mean', () => {
    expect(computeDistributionMean({ kind: 'empirical', values: [10, 1, 3, 2] })).toBeCloseTo((1.5 + 2.5 + 6.5) / 3, 12)
    expect(computeDistributionMean({ kind: 'empirical', values: [4] })).toBe(4)
  })
  for (const spec of specs) {
    it(`${spec.kind} draws average to its mean`, () => {
      const mean = computeDistributionMean(spec)
      expect(Math.abs(sampleMean(spec) - mean) / mean).toBeLessThan(0.015)
    })
  }

  it('clamps draws into the support', () => {
    const sampler = createSampler({ kind: 'normal', mean: 1, sd: 10 })
    const rng = createRng(2)
    const draws = Array.from({ length: 10_000 }, () => sampler(rng))
    expect(Math.min(...draws)).toBe(0)
    expect(draws.some((d) => d > 1)).toBe(true)
    const bounded = createSampler({ kind: 'normal', mean: 90, sd: 500 }, { min: 0, max: 180 })
    const angles = Array.from({ length: 10_000 }, () => bounded(rng))
    expect(Math.max(...angles)).toBe(180)
  })

  it('empirical draws stay within the values and hit every quantile range', () => {
    const values = [0.2, 0.9, 0.5, 0.7, 0.95]
    const sampler = createEmpiricalSampler(values)
    const rng = createRng(9)
    const draws = Float64Array.from({ length: 40_000 }, () => sampler(rng)).sort()
    expect(draws[0]).toBeGreaterThanOrEqual(0.2)
    expect(draws[draws.length - 1]).toBeLessThanOrEqual(0.95)
    // The sorted values are the 0, 25, 50, 75 and 100 % quantiles of the interpolated distribution.
    expect(draws[Math.floor(draws.length * 0.25)]).toBeCloseTo(0.5, 1)
    expect(draws[Math.floor(draws.length * 0.5)]).toBeCloseTo(0.7, 1)
    expect(createEmpiricalSampler([3])(rng)).toBe(3)
    expect(() => createEmpiricalSampler([])).toThrow(/at least one value/)
  })
})

describe('checkDistribution', () => {
  it('accepts valid specs', () => {
    expect(errorsOf({ kind: 'lognormal', median: 5, sigma: 0.3 })).toEqual([])
    expect(errorsOf({ kind: 'normal', mean: -5, sd: 1 }, { min: -10, max: 10 })).toEqual([])
  })

  it('names each invalid field', () => {
    expect(errorsOf(3)).toEqual(['x: must be an object, got number 3'])
    expect(errorsOf({ kind: 'gamma' })).toEqual(['x.kind: must be one of constant, uniform, exponential, normal, lognormal, empirical, got \'gamma\''])
    expect(errorsOf({ kind: 'constant', value: -1 })).toEqual(['x.value: -1 must be at least 0'])
    expect(errorsOf({ kind: 'uniform', min: 5, max: 2 })).toEqual(['x.max: 2 must be at least min 5'])
    expect(errorsOf({ kind: 'exponential', mean: 0 })).toEqual(['x.mean: 0 must be above 0'])
    expect(errorsOf({ kind: 'normal', mean: 1, sd: -1 })).toEqual(['x.sd: -1 must be at least 0'])
    expect(errorsOf({ kind: 'lognormal', median: 1, sigma: 11 })).toEqual(['x.sigma: 11 must be at most 10'])
    expect(errorsOf({ kind: 'empirical', values: [] })).toEqual(['x.values: must have at least 1 entries, got 0'])
    expect(errorsOf({ kind: 'empirical', values: [1, 'a'] })).toEqual(["x.values[1]: must be a finite number, got 'a'"])
    expect(errorsOf({ kind: 'constant', value: 2, extra: 1 })).toEqual(['x.extra: unknown field (known: kind, value)'])
    expect(errorsOf({ kind: 'constant', value: 200 }, { min: 0, max: 180 })).toEqual(['x.value: 200 must be at most 180'])
  })
})

describe('validation helpers', () => {
  it('formats errors with their paths and throws them all at once', () => {
    const errors = [
      { path: '', message: 'must be an object' },
      { path: 'a.b', message: 'bad' },
    ]
    expect(formatModelErrors(errors)).toBe('  (top level): must be an object\n  a.b: bad')
    expect(() => unwrapValidated('toy', { ok: false, errors })).toThrow(ModelValidationError)
    expect(() => unwrapValidated('toy', { ok: false, errors })).toThrow(/invalid toy options:\n {2}\(top level\)/)
    expect(unwrapValidated('toy', { ok: true, value: 5 })).toBe(5)
  })

  it('describes values for messages', () => {
    expect([undefined, null, 'x', [1], {}, 2, true].map(describeValue)).toEqual(['nothing', 'null', "'x'", 'an array', 'an object', 'number 2', 'boolean true'])
  })

  it('checks integers, strings and enums', () => {
    const c = new Checker()
    c.number('n', 1.5, { integer: true })
    c.string('s', '')
    c.oneOf('e', 'z', ['a', 'b'])
    c.array('a', 'no')
    expect(c.errors.map((e) => e.path)).toEqual(['n', 's', 'e', 'a'])
    expect(c.result(1)).toEqual({ ok: false, errors: c.errors })
  })
})
