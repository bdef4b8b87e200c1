/**
 * Embedding vectors: validation, optional mean-centring, normalisation and dot products. Pure
 * float arithmetic in a fixed order, so the same inputs give bit-identical similarities.
 */
import { reject, type Rejection } from '../core/result.ts'
import { isAddress, type Address } from '../core/types.ts'
import type { PoiResultInput } from './types.ts'

/**
 * A rejection unless every result has an address (no miner twice) and a vector of finite numbers
 * of one common dimension ≥ 1 with a non-zero norm (after centring on `corpusMean`, if given).
 */
export function checkEmbeddings(results: readonly PoiResultInput[], corpusMean: readonly number[] | undefined): Rejection | undefined {
  if (!Array.isArray(results) || results.length === 0) return reject('MalformedEvent', 'PoI needs at least one revealed result')
  const seen = new Set<Address>()
  for (let i = 0; i < results.length; i++) {
    const r = results[i]!
    if (r === null || typeof r !== 'object' || !isAddress(r.miner)) return reject('MalformedEvent', `result ${i} has no valid miner address`)
    if (seen.has(r.miner)) return reject('DuplicateMiner', `two results from ${r.miner}`)
    seen.add(r.miner)
  }
  const dimension = Array.isArray(results[0]!.vector) ? results[0]!.vector.length : 0
  if (corpusMean !== undefined) {
    const bad = checkVector('corpus mean', corpusMean, dimension)
    if (bad !== undefined) return reject('InvalidEmbedding', bad)
  }
  for (const r of results) {
    const bad = checkVector(`embedding of ${r.miner}`, r.vector, dimension)
    if (bad !== undefined) return reject('InvalidEmbedding', bad)
    const norm = computeCentredNorm(r.vector, corpusMean)
    if (norm === 0 || !Number.isFinite(norm)) {
      const centred = corpusMean === undefined ? '' : ' after centring on the corpus mean'
      return reject('InvalidEmbedding', `embedding of ${r.miner} has ${norm === 0 ? 'zero' : 'an overflowing'} norm${centred}`)
    }
  }
  return undefined
}

function checkVector(what: string, vector: readonly number[], dimension: number): string | undefined {
  if (!Array.isArray(vector)) return `${what} is not a list of numbers`
  if (dimension === 0) return `${what} is empty`
  if (vector.length !== dimension) return `${what} has dimension ${vector.length}, expected ${dimension}`
  for (let k = 0; k < vector.length; k++) {
    const x: unknown = vector[k]
    if (typeof x !== 'number' || !Number.isFinite(x)) return `${what} has a non-finite entry ${String(x)} at ${k}`
  }
  return undefined
}

function computeCentredNorm(vector: readonly number[], mean: readonly number[] | undefined): number {
  let sum = 0
  for (let k = 0; k < vector.length; k++) {
    const x = mean === undefined ? vector[k]! : vector[k]! - mean[k]!
    sum += x * x
  }
  return Math.sqrt(sum)
}

/** `vector` minus `mean` (when given), scaled to unit length; the caller checked the norm is non-zero. */
export function computeUnitVector(vector: readonly number[], mean: readonly number[] | undefined): Float64Array {
  const out = new Float64Array(vector.length)
  for (let k = 0; k < vector.length; k++) out[k] = mean === undefined ? vector[k]! : vector[k]! - mean[k]!
  const norm = computeCentredNorm(vector, mean)
  for (let k = 0; k < out.length; k++) out[k]! /= norm
  return out
}

/** Σ a[k]·b[k] in index order (so dot(a, b) and dot(b, a) are bit-identical). */
export function computeDot(a: Float64Array, b: Float64Array): number {
  let sum = 0
  for (let k = 0; k < a.length; k++) sum += a[k]! * b[k]!
  return sum
}

/** Cosine values drift a hair outside [-1, 1] in floating point; verdicts must stay inside. */
export function clampCosine(x: number): number {
  return x > 1 ? 1 : x < -1 ? -1 : x
}
