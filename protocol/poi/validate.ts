/**
 * Proof-of-Inference validation (§5, §15.5 interpretation): compare every revealed result's
 * embedding with a cluster centre by cosine similarity; a result is `valid` when its similarity
 * is at least `poi.cosineThreshold`, else an `outlier`; consensus when the valid results reach
 * the quorum. Without consensus every result is still judged, so stats and reputation see it.
 *
 * Centre (`poi.centre`): `medoid` — the result with the highest summed similarity to the others,
 * an exact tie going to the lowest miner address; `mean` — the normalised mean of the unit
 * vectors, or the medoid when that mean is (almost) zero because the results cancel out.
 *
 * Determinism: results are processed in a canonical order (sorted by miner address): every sum
 * runs in that order, similarities are symmetric bit for bit, and the medoid tie-break is the
 * lowest index in that order. So the outcome for each miner does not depend on the input order
 * at all (the lowest *address* rather than the lowest input index breaks ties for exactly this
 * reason). Cost: O(n²·d) for n results of dimension d — n is a task's redundancy, a handful.
 */
import type { Params } from '../params/spec.ts'
import { reject } from '../core/result.ts'
import type { PoiVerdict } from '../task/types.ts'
import type { PoiCentre, PoiInput, PoiResult, PoiScore } from './types.ts'
import { checkEmbeddings, clampCosine, computeDot, computeUnitVector } from './vectors.ts'

/** Below this norm the mean of unit vectors has no usable direction (the results cancel out). */
const MEAN_NORM_EPSILON = 1e-9

/** Verdicts, scores and consensus for `input`, or a rejection naming the bad input. */
export function computePoiOutcome(input: PoiInput, params: Params): PoiResult {
  if (!Number.isSafeInteger(input.quorum) || input.quorum < 1) {
    return reject('MalformedEvent', `PoI quorum ${String(input.quorum)} is not a positive integer`)
  }
  const invalid = checkEmbeddings(input.results, input.corpusMean)
  if (invalid) return invalid
  const units = input.results.map((r) => computeUnitVector(r.vector, input.corpusMean))
  const order = computeCanonicalOrder(input.results.map((r) => r.miner))
  const { centre, similarities } = computeSimilarities(units, order, params.poi.centre, input)
  const threshold = params.poi.cosineThreshold
  const verdicts: PoiVerdict[] = []
  const scores: PoiScore[] = []
  let validCount = 0
  for (let i = 0; i < input.results.length; i++) {
    const miner = input.results[i]!.miner
    const similarity = similarities[i]!
    const valid = similarity >= threshold
    if (valid) validCount++
    verdicts.push({ miner, verdict: valid ? 'valid' : 'outlier', similarity })
    scores.push({ miner, score: Math.max(0, similarity) })
  }
  return { ok: true, outcome: { verdicts, scores, validCount, quorum: input.quorum, consensus: validCount >= input.quorum, centre } }
}

/** Indices of `miners` sorted by address (addresses are unique lower-case hex of one length). */
function computeCanonicalOrder(miners: readonly string[]): number[] {
  return miners.map((_, i) => i).sort((a, b) => (miners[a]! < miners[b]! ? -1 : 1))
}

function computeSimilarities(
  units: readonly Float64Array[],
  order: readonly number[],
  rule: Params['poi']['centre'],
  input: PoiInput,
): { centre: PoiCentre; similarities: number[] } {
  if (rule === 'mean') {
    const mean = computeMeanDirection(units, order)
    if (mean !== undefined) return { centre: { kind: 'mean' }, similarities: units.map((u) => clampCosine(computeDot(u, mean))) }
  }
  const matrix = computeSimilarityMatrix(units)
  const medoid = findMedoid(matrix, order)
  const similarities = units.map((_, i) => (i === medoid ? 1 : clampCosine(matrix[i]![medoid]!)))
  return { centre: { kind: 'medoid', index: medoid, miner: input.results[medoid]!.miner }, similarities }
}

/** Pairwise cosines; entry [i][j] and [j][i] are the same number (one computation). */
function computeSimilarityMatrix(units: readonly Float64Array[]): Float64Array[] {
  const n = units.length
  const matrix = units.map(() => new Float64Array(n))
  for (let i = 0; i < n; i++) {
    matrix[i]![i] = 1
    for (let j = i + 1; j < n; j++) {
      const s = computeDot(units[i]!, units[j]!)
      matrix[i]![j] = s
      matrix[j]![i] = s
    }
  }
  return matrix
}

/** The input index with the highest summed similarity to the others (sums and ties in canonical order). */
function findMedoid(matrix: readonly Float64Array[], order: readonly number[]): number {
  let best = order[0]!
  let bestSum = Number.NEGATIVE_INFINITY
  for (const i of order) {
    let sum = 0
    for (const j of order) if (j !== i) sum += matrix[i]![j]!
    if (sum > bestSum) {
      best = i
      bestSum = sum
    }
  }
  return best
}

/** The unit mean direction of `units` (summed in canonical order), or undefined when it vanishes. */
function computeMeanDirection(units: readonly Float64Array[], order: readonly number[]): Float64Array | undefined {
  const dimension = units[0]!.length
  const sum = new Float64Array(dimension)
  for (const j of order) for (let k = 0; k < dimension; k++) sum[k]! += units[j]![k]!
  const norm = Math.sqrt(computeNormSquared(sum))
  // The mean of n unit vectors has length norm / n in [0, 1]; near 0 its direction is noise.
  if (norm / units.length < MEAN_NORM_EPSILON) return undefined
  for (let k = 0; k < dimension; k++) sum[k]! /= norm
  return sum
}

function computeNormSquared(v: Float64Array): number {
  let s = 0
  for (let k = 0; k < v.length; k++) s += v[k]! * v[k]!
  return s
}
