// Goal: the calibration file's text is stable, readable and parseable (numeric arrays on one line,
// insertion-ordered keys, no undefined fields) and never hides a NaN as null; the simulator's
// strategy names are mapped as documented. Method: small hand-made values, parsed back.
import { describe, expect, it } from 'vitest'
import { CALIBRATED_KEYS } from '../../simulator/models/embeddings.ts'
import { formatCalibrationJson, SIMULATOR_KEY_OF } from './file.ts'

describe('formatCalibrationJson', () => {
  it('indents objects, keeps numeric arrays on one line, and round-trips', () => {
    const value = { b: 1, a: [0.5, -1, 2e-7], nested: { list: ['x', { y: true }], empty: [], none: {} }, skipped: undefined, nil: null }
    const text = formatCalibrationJson(value)
    expect(text).toBe(
      [
        '{',
        '  "b": 1,',
        '  "a": [0.5, -1, 2e-7],',
        '  "nested": {',
        '    "list": [',
        '      "x",',
        '      {',
        '        "y": true',
        '      }',
        '    ],',
        '    "empty": [],',
        '    "none": {}',
        '  },',
        '  "nil": null',
        '}',
        '',
      ].join('\n'),
    )
    expect(JSON.parse(text)).toEqual({ b: 1, a: [0.5, -1, 2e-7], nested: { list: ['x', { y: true }], empty: [], none: {} }, nil: null })
  })

  it('refuses non-finite numbers and values JSON cannot hold', () => {
    expect(() => formatCalibrationJson({ auc: Number.NaN })).toThrow(/non-finite number NaN/)
    expect(() => formatCalibrationJson([1, Number.POSITIVE_INFINITY])).toThrow(/non-finite/)
    expect(() => formatCalibrationJson({ f: () => 1 })).toThrow(/cannot write a function/)
  })
})

describe('SIMULATOR_KEY_OF', () => {
  it('maps every measured strategy to a simulator key or to none (otherPrompt)', () => {
    for (const target of Object.values(SIMULATOR_KEY_OF)) if (target !== undefined) expect(CALIBRATED_KEYS).toContain(target)
    expect(SIMULATOR_KEY_OF).toMatchObject({ truncated: 'lazy', copyEdit: 'copyWithEdits', otherPrompt: undefined })
  })
})
