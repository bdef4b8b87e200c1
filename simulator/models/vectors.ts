/**
 * Unit-vector helpers for the embedding model, over Float64Array and without allocation: the
 * caller passes the output buffer. A vector at angle θ from a unit anchor r is
 * `cos θ · r + sin θ · u`, with u uniform on the unit sphere orthogonal to r. That is exactly
 * "r plus isotropic gaussian noise", conditioned on the noise's angle.
 */
import type { Rng } from '../../protocol/core/rng.ts'
import { fail } from '../engine/assert.ts'
import { fillStandardNormal } from '../engine/distributions.ts'

/** Dot product of two vectors of the same length. */
export function computeDot(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) fail(`vector lengths differ: ${a.length} and ${b.length}`)
  let sum = 0
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!
  return sum
}

/** Cosine similarity of two non-zero vectors. */
export function computeCosineSimilarity(a: Float64Array, b: Float64Array): number {
  const denominator = Math.sqrt(computeDot(a, a) * computeDot(b, b))
  if (!(denominator > 0)) fail('cosine similarity of a zero vector')
  return computeDot(a, b) / denominator
}

/** Writes a vector drawn uniformly from the unit sphere into `out`. */
export function writeRandomUnitVector(rng: Rng, out: Float64Array): void {
  for (;;) {
    fillStandardNormal(rng, out)
    const norm = Math.sqrt(computeDot(out, out))
    // A zero draw has probability 0, but a loop costs nothing and keeps the result a unit vector.
    if (norm > 0) {
      for (let i = 0; i < out.length; i++) out[i]! /= norm
      return
    }
  }
}

/** Writes into `out` a unit vector at `angleRad` ∈ [0, π] from the unit vector `anchor`. */
export function writeVectorAtAngle(rng: Rng, anchor: Float64Array, angleRad: number, out: Float64Array): void {
  if (anchor === out) fail('writeVectorAtAngle needs an output buffer distinct from the anchor')
  if (anchor.length !== out.length || anchor.length < 2) fail(`anchor and output need the same dimension ≥ 2, got ${anchor.length} and ${out.length}`)
  if (!(angleRad >= 0 && angleRad <= Math.PI)) fail(`angle must be in [0, π], got ${angleRad}`)
  const anchorNormSquared = computeDot(anchor, anchor)
  if (!(Math.abs(anchorNormSquared - 1) < 1e-9)) fail(`the anchor must be a unit vector, its squared norm is ${anchorNormSquared}`)
  const n = anchor.length
  for (;;) {
    fillStandardNormal(rng, out)
    const along = computeDot(out, anchor)
    for (let i = 0; i < n; i++) out[i]! -= along * anchor[i]!
    const norm = Math.sqrt(computeDot(out, out))
    if (!(norm > 1e-12)) continue // The draw was (almost) parallel to the anchor: draw again.
    const cos = Math.cos(angleRad)
    const sin = Math.sin(angleRad) / norm
    for (let i = 0; i < n; i++) out[i] = cos * anchor[i]! + sin * out[i]!
    return
  }
}
