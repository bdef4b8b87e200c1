/**
 * Embeddings of miners' results, for Proof of Inference. Each task has a reference: a random unit
 * vector of dimension D standing for the embedding of a correct answer. A result is a unit vector
 * at a random angle from an anchor; each strategy has its own anchor and angle distribution:
 *
 * | strategy | anchor | default angle | similarity to anchor |
 * | --- | --- | --- | --- |
 * | honest | the reference | normal(18°, 6°) | ≈ 0.95 |
 * | lazy (truncated answer) | the reference | normal(40°, 8°) | ≈ 0.77 |
 * | cheapModel (smaller model) | the reference | normal(30°, 8°) | ≈ 0.87, near the 0.85 threshold |
 * | random | none | uniform on the sphere | ≈ 0 ± 1/√D |
 * | copyWithEdits | the copied result | normal(8°, 3°) | ≈ 0.99 |
 * | colluding | the group's shared wrong answer | normal(6°, 2°) | ≈ 0.99 |
 *
 * The shared wrong answer of a colluding group lies at `collusionTarget` (normal(60°, 10°)) from
 * the reference. Two honest results at angles θ₁ and θ₂ from the reference have similarity
 * ≈ cos θ₁ · cos θ₂ to each other in high dimension (their noise directions are nearly orthogonal).
 * The default angles are ESTIMATES until `ctb calibrate` measures real outputs.
 *
 * Calibration (`loadCalibration`): a file of measured cosine similarities per strategy, each to
 * that strategy's anchor. A calibrated strategy samples a similarity from the measured values
 * (piecewise-linear empirical quantiles) and builds a vector at that angle, so the model's
 * similarity distribution reproduces the measurement.
 *
 * For bulk runs, `sampleSimilarity` draws the similarity to the anchor without building vectors
 * (anchors.md §C3: a 384-dimension cosine costs ~1 µs).
 */
import type { Rng } from '../../protocol/core/rng.ts'
import { fail } from '../engine/assert.ts'
import { sampleNormal } from '../engine/distributions.ts'
import { checkDistribution, createEmpiricalSampler, createSampler, type DistributionSpec, type Sampler } from './distribution.ts'
import { Checker, joinPath, unwrapValidated, type Validated } from './validation.ts'
import { writeRandomUnitVector, writeVectorAtAngle } from './vectors.ts'

export const RESULT_STRATEGIES = ['honest', 'lazy', 'cheapModel', 'random', 'copyWithEdits', 'colluding'] as const
export type ResultStrategy = (typeof RESULT_STRATEGIES)[number]

/** Quantities with an angle distribution: the strategies except `random`, and the collusion target. */
export const ANGLE_KEYS = ['honest', 'lazy', 'cheapModel', 'copyWithEdits', 'colluding', 'collusionTarget'] as const
export type AngleKey = (typeof ANGLE_KEYS)[number]

/** Quantities a calibration file may measure. */
export const CALIBRATED_KEYS = [...ANGLE_KEYS, 'random'] as const
export type CalibratedKey = (typeof CALIBRATED_KEYS)[number]

export interface EmbeddingOptions {
  readonly dimension: number
  /** Angle in degrees ([0, 180]; draws are clamped) between a result and its anchor. */
  readonly angleDeg: { readonly [K in AngleKey]: DistributionSpec }
}

const normalDeg = (mean: number, sd: number): DistributionSpec => ({ kind: 'normal', mean, sd })

export const DEFAULT_EMBEDDING_OPTIONS: EmbeddingOptions = {
  dimension: 384, // all-MiniLM class models, one of the embedders Cortensor's validators trial (§5)
  angleDeg: {
    honest: normalDeg(18, 6),
    lazy: normalDeg(40, 8),
    cheapModel: normalDeg(30, 8),
    copyWithEdits: normalDeg(8, 3),
    colluding: normalDeg(6, 2),
    collusionTarget: normalDeg(60, 10),
  },
}

export const CALIBRATION_FORMAT = 'cortensor-testbed/embedding-calibration'
export const CALIBRATION_FORMAT_VERSION = 1

export interface EmbeddingCalibration {
  readonly format: typeof CALIBRATION_FORMAT
  readonly formatVersion: typeof CALIBRATION_FORMAT_VERSION
  /** The embedder that produced the measurements, e.g. `all-minilm:22m`. */
  readonly embeddingModel: string
  /** Measured cosine similarities to each strategy's anchor (at least 2 values each). */
  readonly similarities: { readonly [K in CalibratedKey]?: readonly number[] }
  /**
   * Where the measurement came from (model, embedder, prompts, seeds; `ctb calibrate` writes it).
   * Carried along for reports; the model does not read it.
   */
  readonly provenance?: { readonly [key: string]: unknown }
  /** The measurement behind `similarities` (`ctb calibrate`: PoI similarities, ROC, error rates). Not read by the model. */
  readonly measurement?: { readonly [key: string]: unknown }
}

export interface EmbeddingModel {
  readonly dimension: number
  /** Which quantities come from the calibration file. */
  readonly calibrated: readonly CalibratedKey[]
  /** Angle in radians between a result of `key` and its anchor. */
  sampleAngleRad(rng: Rng, key: CalibratedKey): number
  /** Similarity of a result of `key` to its anchor, without building a vector. */
  sampleSimilarity(rng: Rng, key: CalibratedKey): number
  /** A task's reference: a random unit vector. */
  writeReference(rng: Rng, out: Float64Array): void
  /** A colluding group's shared wrong answer for a task (draw it once per group and task). */
  writeCollusionTarget(rng: Rng, reference: Float64Array, out: Float64Array): void
  /** A result of `strategy` anchored at `anchor` (see the table in the file comment). */
  writeResult(rng: Rng, strategy: ResultStrategy, anchor: Float64Array, out: Float64Array): void
}

export function validateEmbeddingOptions(input: unknown): Validated<EmbeddingOptions> {
  const c = new Checker()
  if (!c.object('', input)) return c.result(input as unknown as EmbeddingOptions)
  c.knownKeys('', input, ['dimension', 'angleDeg'])
  c.number('dimension', input['dimension'], { min: 2, max: 8192, integer: true })
  if (c.object('angleDeg', input['angleDeg'])) {
    const angles = input['angleDeg']
    c.knownKeys('angleDeg', angles, ANGLE_KEYS)
    for (const key of ANGLE_KEYS) checkDistribution(c, joinPath('angleDeg', key), angles[key], { min: 0, max: 180 })
  }
  return c.result(input as unknown as EmbeddingOptions)
}

/**
 * Validates a calibration file, given as its text or as parsed JSON; errors name the offending
 * field. The result can be passed to `createEmbeddingModel`.
 */
export function loadCalibration(input: unknown): Validated<EmbeddingCalibration> {
  const c = new Checker()
  let json = input
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input)
    } catch (error) {
      c.add('', `not valid JSON: ${(error as Error).message}`)
      return c.result(input as unknown as EmbeddingCalibration)
    }
  }
  if (!c.object('', json)) return c.result(json as unknown as EmbeddingCalibration)
  c.knownKeys('', json, ['format', 'formatVersion', 'embeddingModel', 'similarities', 'notes', 'provenance', 'measurement'])
  for (const key of ['provenance', 'measurement'] as const) if (json[key] !== undefined) c.object(key, json[key])
  if (json['format'] !== CALIBRATION_FORMAT) c.add('format', `must be '${CALIBRATION_FORMAT}', got ${JSON.stringify(json['format']) ?? 'nothing'}`)
  if (json['formatVersion'] !== CALIBRATION_FORMAT_VERSION) c.add('formatVersion', `must be ${CALIBRATION_FORMAT_VERSION}, got ${JSON.stringify(json['formatVersion']) ?? 'nothing'}`)
  c.string('embeddingModel', json['embeddingModel'])
  if (c.object('similarities', json['similarities'])) {
    const similarities = json['similarities']
    c.knownKeys('similarities', similarities, CALIBRATED_KEYS)
    for (const [key, values] of Object.entries(similarities)) {
      const path = joinPath('similarities', key)
      if (c.array(path, values, 2)) values.forEach((v, i) => c.number(joinPath(path, i), v, { min: -1, max: 1 }))
    }
  }
  return c.result(json as unknown as EmbeddingCalibration)
}

/** Builds the model; invalid options or calibration throw `ModelValidationError`. */
export function createEmbeddingModel(options: EmbeddingOptions = DEFAULT_EMBEDDING_OPTIONS, calibration?: EmbeddingCalibration): EmbeddingModel {
  const valid = unwrapValidated('embedding', validateEmbeddingOptions(options))
  const measured = calibration === undefined ? undefined : unwrapValidated('embedding calibration', loadCalibration(calibration)).similarities
  const dimension = valid.dimension
  const angleSamplers = {} as Record<CalibratedKey, Sampler>
  for (const key of ANGLE_KEYS) {
    const degrees = createSampler(valid.angleDeg[key], { min: 0, max: 180 })
    angleSamplers[key] = (rng) => (degrees(rng) * Math.PI) / 180
  }
  // Uncalibrated random results: the similarity of a uniform unit vector to a fixed one has mean 0
  // and variance 1/D; a normal with that variance serves the angle-only path.
  const randomSd = 1 / Math.sqrt(dimension)
  angleSamplers.random = (rng) => Math.acos(clampCosine(sampleNormal(rng, 0, randomSd)))
  const calibrated: CalibratedKey[] = []
  for (const key of CALIBRATED_KEYS) {
    const values = measured?.[key]
    if (values === undefined) continue
    const similarity = createEmpiricalSampler(values)
    angleSamplers[key] = (rng) => Math.acos(clampCosine(similarity(rng)))
    calibrated.push(key)
  }
  const randomCalibrated = calibrated.includes('random')
  const angleOf = (rng: Rng, key: CalibratedKey): number => {
    const sampler = angleSamplers[key]
    if (sampler === undefined) fail(`unknown embedding quantity '${key}'`)
    return sampler(rng)
  }
  const checkDimension = (v: Float64Array): void => {
    if (v.length !== dimension) fail(`vector of dimension ${v.length}, the model uses ${dimension}`)
  }
  return {
    dimension,
    calibrated,
    sampleAngleRad: angleOf,
    sampleSimilarity: (rng, key) => Math.cos(angleOf(rng, key)),
    writeReference(rng, out) {
      checkDimension(out)
      writeRandomUnitVector(rng, out)
    },
    writeCollusionTarget(rng, reference, out) {
      checkDimension(out)
      writeVectorAtAngle(rng, reference, angleOf(rng, 'collusionTarget'), out)
    },
    writeResult(rng, strategy, anchor, out) {
      checkDimension(out)
      if (strategy === 'random' && !randomCalibrated) writeRandomUnitVector(rng, out)
      else writeVectorAtAngle(rng, anchor, angleOf(rng, strategy), out)
    },
  }
}

function clampCosine(x: number): number {
  return x < -1 ? -1 : x > 1 ? 1 : x
}
