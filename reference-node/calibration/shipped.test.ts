// Goal: the calibration files shipped in calibration/ stay loadable by the simulator, name the
// model they were measured on, and are internally consistent (statistics match their samples).
// Method: read each file, run loadCalibration and createEmbeddingModel on it, compare the
// recorded model digest with the stories260K manifest value, and recount a few numbers.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createEmbeddingModel, DEFAULT_EMBEDDING_OPTIONS, loadCalibration } from '../../simulator/models/embeddings.ts'
import { REPO_ROOT } from '../inference/model-files.ts'
import type { CalibrationFile } from './file.ts'
import { computeQuantile, sortAscending } from './stats.ts'
import { SAMPLE_KEYS } from './types.ts'

const DIR = join(REPO_ROOT, 'calibration')
const STORIES_260K_SHA256 = '270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d'
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()

describe('shipped calibration files', () => {
  it('include the lexical and the llama measurement of stories260K', () => {
    expect(files).toEqual(expect.arrayContaining(['stories260K-lexical.json', 'stories260K-llama.json']))
  })

  it.each(files)('%s loads in the simulator and matches its own samples', (name) => {
    const text = readFileSync(join(DIR, name), 'utf8')
    const loaded = loadCalibration(text)
    expect(loaded.ok).toBe(true)
    expect(createEmbeddingModel(DEFAULT_EMBEDDING_OPTIONS, loaded.ok ? loaded.value : undefined).calibrated).toContain('honest')
    const file = JSON.parse(text) as CalibrationFile
    expect(file.provenance.model.sha256).toBe(STORIES_260K_SHA256)
    const m = file.measurement
    for (const key of SAMPLE_KEYS) {
      expect(m.summary[key].n).toBe(m.samples[key].length)
      expect(m.summary[key].median).toBeCloseTo(computeQuantile(sortAscending(m.samples[key]), 0.5), 5)
    }
    const flagged = m.samples.honest.filter((x) => x < m.recommended.threshold).length
    expect(flagged / m.samples.honest.length).toBeLessThanOrEqual(m.recommended.targetFpr)
  })
})
