/**
 * Distributions as data, so scenario files can set them: `{ "kind": "lognormal", "median": 40,
 * "sigma": 0.3 }`. A model compiles each spec once into a `Sampler` (a closure over its numbers)
 * and calls it on the hot path; the spec itself is never interpreted per draw.
 *
 * Every quantity has a support (latency ≥ 0, an angle in [0°, 180°]); a sampler clamps draws into
 * it, because a normal latency can draw below zero. Parameters, in contrast, are never clamped:
 * a spec whose constant, bounds or empirical values lie outside the support is a validation error.
 */
import type { Rng } from '../../protocol/core/rng.ts'
import { sampleExponential, sampleLognormalByMedian, sampleNormal } from '../engine/distributions.ts'
import { Checker, joinPath } from './validation.ts'

export type DistributionSpec =
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  | { readonly kind: 'exponential'; readonly mean: number }
  | { readonly kind: 'normal'; readonly mean: number; readonly sd: number }
  | { readonly kind: 'lognormal'; readonly median: number; readonly sigma: number }
  /** Draws by linear interpolation between the sorted values (a smoothed empirical quantile). */
  | { readonly kind: 'empirical'; readonly values: readonly number[] }

export type DistributionKind = DistributionSpec['kind']

export const DISTRIBUTION_KINDS: readonly DistributionKind[] = ['constant', 'uniform', 'exponential', 'normal', 'lognormal', 'empirical']

export type Sampler = (rng: Rng) => number

/** The closed interval a quantity lives in. */
export interface Support {
  readonly min: number
  readonly max: number
}

export const NON_NEGATIVE: Support = { min: 0, max: Number.POSITIVE_INFINITY }

/** Compiles a (validated) spec into a sampler whose draws are clamped into `support`. */
export function createSampler(spec: DistributionSpec, support: Support = NON_NEGATIVE): Sampler {
  const raw = createRawSampler(spec)
  const { min, max } = support
  return (rng) => {
    const x = raw(rng)
    return x < min ? min : x > max ? max : x
  }
}

function createRawSampler(spec: DistributionSpec): Sampler {
  switch (spec.kind) {
    case 'constant': {
      const value = spec.value
      return () => value
    }
    case 'uniform': {
      const { min, max } = spec
      return (rng) => min + (max - min) * rng.nextFloat()
    }
    case 'exponential': {
      const mean = spec.mean
      return (rng) => sampleExponential(rng, mean)
    }
    case 'normal': {
      const { mean, sd } = spec
      return (rng) => sampleNormal(rng, mean, sd)
    }
    case 'lognormal': {
      const { median, sigma } = spec
      return (rng) => sampleLognormalByMedian(rng, median, sigma)
    }
    case 'empirical':
      return createEmpiricalSampler(spec.values)
  }
}

/** Inverse of the piecewise-linear empirical CDF through the sorted values. */
export function createEmpiricalSampler(values: readonly number[]): Sampler {
  const sorted = Float64Array.from(values).sort()
  const last = sorted.length - 1
  if (last < 0) throw new RangeError('an empirical distribution needs at least one value')
  return (rng) => {
    const position = rng.nextFloat() * last
    const i = Math.floor(position)
    const low = sorted[i]!
    return i === last ? low : low + (sorted[i + 1]! - low) * (position - i)
  }
}

/** The mean of a spec's draws before clamping (exact for every kind). */
export function computeDistributionMean(spec: DistributionSpec): number {
  switch (spec.kind) {
    case 'constant':
      return spec.value
    case 'uniform':
      return (spec.min + spec.max) / 2
    case 'exponential':
      return spec.mean
    case 'normal':
      return spec.mean
    case 'lognormal':
      return spec.median * Math.exp((spec.sigma * spec.sigma) / 2)
    case 'empirical':
      return computeEmpiricalMean(spec.values)
  }
}

/** Mean of the piecewise-linear distribution: each gap between sorted values holds equal mass. */
function computeEmpiricalMean(values: readonly number[]): number {
  const sorted = Float64Array.from(values).sort()
  if (sorted.length === 1) return sorted[0]!
  let sum = 0
  for (let i = 0; i + 1 < sorted.length; i++) sum += (sorted[i]! + sorted[i + 1]!) / 2
  return sum / (sorted.length - 1)
}

/** Validates a spec read from input; the values it can produce must lie in `support`. */
export function checkDistribution(c: Checker, path: string, value: unknown, support: Support = NON_NEGATIVE): value is DistributionSpec {
  if (!c.object(path, value)) return false
  const before = c.errors.length
  if (!c.oneOf(joinPath(path, 'kind'), value['kind'], DISTRIBUTION_KINDS)) return false
  const at = (key: string): string => joinPath(path, key)
  const inSupport = { min: support.min, max: support.max }
  switch (value['kind']) {
    case 'constant':
      c.knownKeys(path, value, ['kind', 'value'])
      c.number(at('value'), value['value'], inSupport)
      break
    case 'uniform':
      c.knownKeys(path, value, ['kind', 'min', 'max'])
      if (c.number(at('min'), value['min'], inSupport) && c.number(at('max'), value['max'], inSupport) && value['max'] < value['min']) {
        c.add(at('max'), `${value['max']} must be at least min ${value['min']}`)
      }
      break
    case 'exponential':
      c.knownKeys(path, value, ['kind', 'mean'])
      c.number(at('mean'), value['mean'], { min: 0, minExclusive: true })
      break
    case 'normal':
      c.knownKeys(path, value, ['kind', 'mean', 'sd'])
      c.number(at('mean'), value['mean'], inSupport)
      c.number(at('sd'), value['sd'], { min: 0 })
      break
    case 'lognormal':
      c.knownKeys(path, value, ['kind', 'median', 'sigma'])
      c.number(at('median'), value['median'], { min: 0, minExclusive: true })
      c.number(at('sigma'), value['sigma'], { min: 0, max: 10 })
      break
    case 'empirical':
      c.knownKeys(path, value, ['kind', 'values'])
      if (c.array(at('values'), value['values'], 1)) value['values'].forEach((v, i) => c.number(joinPath(at('values'), i), v, inSupport))
      break
  }
  return c.errors.length === before
}
