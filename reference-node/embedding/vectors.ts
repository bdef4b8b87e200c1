/**
 * Vector helpers for embeddings: normalisation, cosine, and mean-centring over a corpus.
 *
 * Why centre: tiny models embed every text in one narrow cone — stories260K scores 0.96 for a
 * paraphrase and 0.93–0.94 for unrelated sentences (toolchain.md §3) — so raw cosines barely
 * separate. Subtracting the corpus mean removes the shared direction and spreads the rest. The
 * mean is also what protocol/poi takes as `corpusMean`, so the oracle and a test see the same
 * numbers.
 */
import { EmbeddingError } from './errors.ts'

/** Scales `vector` to unit length in place; a zero vector stays zero. Returns it. */
export function normalizeInPlace(vector: number[]): number[] {
  let sum = 0
  for (let k = 0; k < vector.length; k++) sum += vector[k]! * vector[k]!
  if (sum === 0) return vector
  const norm = Math.sqrt(sum)
  for (let k = 0; k < vector.length; k++) vector[k]! /= norm
  return vector
}

/** Cosine similarity; 0 when either vector is zero. Vectors must have one length. */
export function computeCosine(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new EmbeddingError('InvalidInput', `cannot compare vectors of dimensions ${a.length} and ${b.length}`)
  let dot = 0
  let normA = 0
  let normB = 0
  for (let k = 0; k < a.length; k++) {
    dot += a[k]! * b[k]!
    normA += a[k]! * a[k]!
    normB += b[k]! * b[k]!
  }
  if (normA === 0 || normB === 0) return 0
  return dot / Math.sqrt(normA * normB)
}

/** Component-wise mean of `vectors` (at least one, all of one dimension). */
export function computeCorpusMean(vectors: readonly (readonly number[])[]): number[] {
  if (vectors.length === 0) throw new EmbeddingError('InvalidInput', 'the corpus mean needs at least one vector')
  const dimensions = vectors[0]!.length
  const mean = new Array<number>(dimensions).fill(0)
  for (let i = 0; i < vectors.length; i++) {
    const vector = vectors[i]!
    if (vector.length !== dimensions) throw new EmbeddingError('InvalidInput', `vector ${i} has dimension ${vector.length}, expected ${dimensions}`)
    for (let k = 0; k < dimensions; k++) mean[k]! += vector[k]!
  }
  for (let k = 0; k < dimensions; k++) mean[k]! /= vectors.length
  return mean
}

/**
 * Each vector minus `mean` (by default the mean of `vectors` themselves), rescaled to unit length.
 * A vector equal to the mean becomes zero. The inputs are not modified.
 */
export function centreVectors(vectors: readonly (readonly number[])[], mean: readonly number[] = computeCorpusMean(vectors)): number[][] {
  return vectors.map((vector, i) => {
    if (vector.length !== mean.length) throw new EmbeddingError('InvalidInput', `vector ${i} has dimension ${vector.length}, the mean ${mean.length}`)
    const centred = new Array<number>(vector.length)
    for (let k = 0; k < vector.length; k++) centred[k] = vector[k]! - mean[k]!
    return normalizeInPlace(centred)
  })
}
