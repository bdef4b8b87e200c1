// Goal: result vectors have the similarity distribution each strategy claims (to its own anchor),
// the fast similarity-only path agrees with the vector path, a calibration file makes the model
// reproduce measured similarities, and bad options, files and vectors are refused.
// Method: build thousands of vectors from fixed-seed streams and compare sample means against
// analytic values (E[cos θ] = cos μ · e^(−σ²/2) for θ ~ N(μ, σ²)) and sample quantiles against the
// calibration's interpolated quantiles.
import { describe, expect, it } from 'vitest'
import { createRng, type Rng } from '../../protocol/core/rng.ts'
import { CALIBRATION_FORMAT, createEmbeddingModel, DEFAULT_EMBEDDING_OPTIONS, loadCalibration, validateEmbeddingOptions, type CalibratedKey, type EmbeddingCalibration, type ResultStrategy } from './embeddings.ts'
import { computeCosineSimilarity, computeDot, writeRandomUnitVector, writeVectorAtAngle } from './vectors.ts'

const D = DEFAULT_EMBEDDING_OPTIONS.dimension
const degrees = Math.PI / 180

function expectedCos(meanDeg: number, sdDeg: number): number {
  return Math.cos(meanDeg * degrees) * Math.exp(-((sdDeg * degrees) ** 2) / 2)
}

/** Similarities of `n` results of `strategy` to their anchor. */
function similarities(model = createEmbeddingModel(), strategy: ResultStrategy, n = 1500, seed = 1): number[] {
  const rng = createRng(seed)
  const anchor = new Float64Array(D)
  const out = new Float64Array(D)
  const values: number[] = []
  for (let i = 0; i < n; i++) {
    model.writeReference(rng, anchor)
    model.writeResult(rng, strategy, anchor, out)
    values.push(computeCosineSimilarity(anchor, out))
  }
  return values
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length

describe('vectors', () => {
  it('builds unit vectors at exactly the requested angle', () => {
    const rng = createRng(2)
    const anchor = new Float64Array(16)
    const out = new Float64Array(16)
    writeRandomUnitVector(rng, anchor)
    for (const angle of [0, 0.3, Math.PI / 2, 2.5, Math.PI]) {
      writeVectorAtAngle(rng, anchor, angle, out)
      expect(computeDot(out, out)).toBeCloseTo(1, 12)
      expect(computeDot(anchor, out)).toBeCloseTo(Math.cos(angle), 12)
    }
  })

  it('refuses bad vectors and angles', () => {
    const rng = createRng(3)
    const unit = new Float64Array([1, 0, 0])
    expect(() => writeVectorAtAngle(rng, unit, 1, unit)).toThrow(/distinct/)
    expect(() => writeVectorAtAngle(rng, unit, 1, new Float64Array(2))).toThrow(/same dimension/)
    expect(() => writeVectorAtAngle(rng, unit, 4, new Float64Array(3))).toThrow(/angle must be in/)
    expect(() => writeVectorAtAngle(rng, new Float64Array([2, 0, 0]), 1, new Float64Array(3))).toThrow(/unit vector/)
    expect(() => computeCosineSimilarity(new Float64Array(3), unit)).toThrow(/zero vector/)
    expect(() => computeDot(unit, new Float64Array(2))).toThrow(/lengths differ/)
  })
})

describe('embedding model: strategies', () => {
  const model = createEmbeddingModel()

  for (const [strategy, meanDeg, sdDeg] of [
    ['honest', 18, 6],
    ['lazy', 40, 8],
    ['cheapModel', 30, 8],
    ['copyWithEdits', 8, 3],
    ['colluding', 6, 2],
  ] as const) {
    it(`${strategy} results sit at the configured angle from their anchor`, () => {
      expect(Math.abs(mean(similarities(model, strategy)) - expectedCos(meanDeg, sdDeg))).toBeLessThan(0.005)
    })
  }

  it('random results are uncorrelated with the reference, with variance 1/D', () => {
    const values = similarities(model, 'random', 3000)
    expect(Math.abs(mean(values))).toBeLessThan(0.003)
    const variance = mean(values.map((v) => v * v))
    expect(Math.abs(variance * D - 1)).toBeLessThan(0.1)
  })

  it('puts a colluding group together and away from the reference', () => {
    const rng = createRng(4)
    const reference = new Float64Array(D)
    const target = new Float64Array(D)
    const a = new Float64Array(D)
    const b = new Float64Array(D)
    const toReference: number[] = []
    const together: number[] = []
    for (let i = 0; i < 1000; i++) {
      model.writeReference(rng, reference)
      model.writeCollusionTarget(rng, reference, target)
      model.writeResult(rng, 'colluding', target, a)
      model.writeResult(rng, 'colluding', target, b)
      toReference.push(computeCosineSimilarity(reference, target))
      together.push(computeCosineSimilarity(a, b))
    }
    expect(Math.abs(mean(toReference) - expectedCos(60, 10))).toBeLessThan(0.01)
    expect(mean(together)).toBeGreaterThan(0.97)
  })

  it('draws the same similarities on the fast path as through vectors', () => {
    for (const key of ['honest', 'cheapModel', 'random'] as const) {
      const rng = createRng(5)
      const fast = Array.from({ length: 20_000 }, () => model.sampleSimilarity(rng, key))
      const slow = similarities(model, key, 2000, 6)
      expect(Math.abs(mean(fast) - mean(slow))).toBeLessThan(0.01)
    }
    expect(() => model.sampleAngleRad(createRng(1), 'bogus' as CalibratedKey)).toThrow(/unknown embedding quantity/)
  })

  it('refuses buffers of the wrong dimension', () => {
    const rng = createRng(7)
    expect(() => model.writeReference(rng, new Float64Array(3))).toThrow(/dimension 3, the model uses 384/)
    expect(() => model.writeResult(rng, 'honest', new Float64Array(D), new Float64Array(3))).toThrow(/dimension/)
    expect(() => model.writeCollusionTarget(rng, new Float64Array(D), new Float64Array(2))).toThrow(/dimension/)
  })
})

describe('embedding model: calibration', () => {
  function measured(rng: Rng, n: number, centre: number, spread: number): number[] {
    return Array.from({ length: n }, () => Math.max(-1, Math.min(1, centre + spread * (rng.nextFloat() + rng.nextFloat() - 1))))
  }
  const rng = createRng(8)
  const calibration: EmbeddingCalibration = {
    format: CALIBRATION_FORMAT,
    formatVersion: 1,
    embeddingModel: 'all-minilm:22m',
    similarities: { honest: measured(rng, 300, 0.9, 0.08), random: measured(rng, 200, 0.1, 0.2) },
  }

  it('reproduces the measured similarity quantiles', () => {
    const model = createEmbeddingModel(DEFAULT_EMBEDDING_OPTIONS, calibration)
    expect(model.calibrated).toEqual(['honest', 'random'])
    for (const key of ['honest', 'random'] as const) {
      const target = Float64Array.from(calibration.similarities[key]!).sort()
      const got = Float64Array.from(similarities(model, key, 3000, 9)).sort()
      for (const q of [0.1, 0.25, 0.5, 0.75, 0.9]) {
        const position = q * (target.length - 1)
        const i = Math.floor(position)
        const expected = target[i]! + (target[i + 1]! - target[i]!) * (position - i)
        expect(Math.abs(got[Math.floor(q * got.length)]! - expected)).toBeLessThan(0.01)
      }
    }
  })

  it('keeps uncalibrated strategies on their configured angles', () => {
    const model = createEmbeddingModel(DEFAULT_EMBEDDING_OPTIONS, calibration)
    expect(Math.abs(mean(similarities(model, 'lazy')) - expectedCos(40, 8))).toBeLessThan(0.005)
  })

  it('loads a calibration from text and names every bad field', () => {
    expect(loadCalibration(JSON.stringify(calibration)).ok).toBe(true)
    const errors = (input: unknown): string[] => {
      const r = loadCalibration(input)
      return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`)
    }
    expect(errors('{oops')[0]).toMatch(/^: not valid JSON/)
    expect(errors(5)).toEqual([': must be an object, got number 5'])
    expect(errors({ ...calibration, format: 'x', formatVersion: 2, embeddingModel: '' })).toEqual([
      "format: must be 'cortensor-testbed/embedding-calibration', got \"x\"",
      'formatVersion: must be 1, got 2',
      "embeddingModel: must be a non-empty string, got ''",
    ])
    expect(errors({ ...calibration, similarities: { honest: [0.5], lazy: [0.2, 1.5], sloppy: [0.1, 0.2] } })).toEqual([
      'similarities.sloppy: unknown field (known: honest, lazy, cheapModel, copyWithEdits, colluding, collusionTarget, random)',
      'similarities.honest: must have at least 2 entries, got 1',
      'similarities.lazy[1]: 1.5 must be at most 1',
    ])
    expect(() => createEmbeddingModel(DEFAULT_EMBEDDING_OPTIONS, { ...calibration, formatVersion: 3 as 1 })).toThrow(/invalid embedding calibration options/)
  })

  it('accepts the provenance and measurement objects ctb calibrate writes, and nothing else in their place', () => {
    const extended = { ...calibration, notes: 'measured', provenance: { tool: 'ctb calibrate' }, measurement: { samples: {} } }
    expect(loadCalibration(JSON.stringify(extended)).ok).toBe(true)
    const r = loadCalibration({ ...calibration, provenance: 'stories260K', measurement: [1, 2] })
    expect(r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`)).toEqual(["provenance: must be an object, got 'stories260K'", 'measurement: must be an object, got an array'])
  })
})

describe('validateEmbeddingOptions', () => {
  it('accepts the defaults and names every bad field', () => {
    const errors = (input: unknown): string[] => {
      const r = validateEmbeddingOptions(input)
      return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`)
    }
    expect(errors(DEFAULT_EMBEDDING_OPTIONS)).toEqual([])
    expect(errors(null)).toEqual([': must be an object, got null'])
    expect(errors({ ...DEFAULT_EMBEDDING_OPTIONS, dimension: 1 })).toEqual(['dimension: 1 must be at least 2'])
    expect(errors({ ...DEFAULT_EMBEDDING_OPTIONS, angleDeg: { ...DEFAULT_EMBEDDING_OPTIONS.angleDeg, honest: { kind: 'constant', value: 200 } } })).toEqual(['angleDeg.honest.value: 200 must be at most 180'])
    expect(errors({ ...DEFAULT_EMBEDDING_OPTIONS, angleDeg: { ...DEFAULT_EMBEDDING_OPTIONS.angleDeg, sneaky: { kind: 'constant', value: 1 } } })).toEqual(['angleDeg.sneaky: unknown field (known: honest, lazy, cheapModel, copyWithEdits, colluding, collusionTarget)'])
    expect(errors({ dimension: 8 })).toEqual(['angleDeg: must be an object, got nothing'])
    expect(() => createEmbeddingModel({ ...DEFAULT_EMBEDDING_OPTIONS, dimension: 0 })).toThrow(/invalid embedding options/)
  })
})
