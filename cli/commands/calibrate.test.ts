// Goal: `ctb calibrate` writes a calibration file and a one-line summary, shows progress on
// stderr, and turns bad flags, a missing model and an embedder that cannot load into one-line
// errors with exit code 2. Method: main() with captured io; one tiny real run on stories260K
// (2 prompts, 2 seeds, greedy) for the success path.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { requireModelPath, STORIES_260K_GGUF } from '../../reference-node/inference/model-files.ts'
import { loadCalibration } from '../../simulator/models/embeddings.ts'
import { main } from '../main.ts'
import { CalibrationError } from '../../reference-node/calibration/errors.ts'
import { InputError } from '../command.ts'
import { parseTemperatures, reportCalibrationError } from './calibrate.ts'

const scratch = mkdtempSync(join(tmpdir(), 'ctb-calibrate-cli-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

async function ctb(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await main(['calibrate', ...argv], { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n'), isTty: false })
  return { code, out, err }
}

describe('ctb calibrate', () => {
  it('writes the file, prints a summary and reports progress', async () => {
    requireModelPath(STORIES_260K_GGUF, 'stories260K')
    const out = join(scratch, 'nested', 'cal.json')
    const r = await ctb('--model', STORIES_260K_GGUF, '--prompts', '2', '--seeds', '2', '--temperatures', '0', '--out', out)
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/^wrote .*cal\.json: AUC [0-9.]+ overall; τ [-0-9.]+ for FPR ≤ 0\.05/)
    expect(r.err).toContain('calibrate: generate 12/12')
    expect(r.err).toContain('calibrate: embed 2/2')
    expect(existsSync(out)).toBe(true)
    expect(loadCalibration(readFileSync(out, 'utf8')).ok).toBe(true)
  })

  it.each([
    [[], /--out FILE is required/],
    [['--out', 'x.json', '--temperatures', '0,,1'], /--temperatures expects comma-separated numbers/],
    [['--out', 'x.json', '--temperatures', '0,hot'], /--temperatures expects comma-separated numbers/],
    [['--out', 'x.json', '--embedder', 'onnx'], /--embedder must be one of lexical, llama, transformers/],
    [['--out', 'x.json', '--embedding-model', 'm.gguf'], /does not apply to the lexical embedder/],
    [['--out', 'x.json', '--embedder', 'transformers'], /needs --embedding-model PATH/],
    [['--out', 'x.json', '--seeds', '1'], /below minimum 2/],
  ])('refuses %o with exit code 2', async (argv, message) => {
    const r = await ctb(...argv)
    expect(r.code).toBe(2)
    expect(r.err).toMatch(message)
  })

  it('refuses out-of-range plan values, a missing model and a broken embedder with exit code 2', async () => {
    const out = join(scratch, 'never.json')
    const hot = await ctb('--out', out, '--temperatures', '0,2.5')
    expect([hot.code, hot.err]).toEqual([2, expect.stringContaining('temperature 2.5 must lie in [0, 2]')])
    const missing = await ctb('--out', out, '--model', join(scratch, 'missing.gguf'))
    expect([missing.code, missing.err]).toEqual([2, expect.stringContaining('missing.gguf')])
    const embedder = await ctb('--out', out, '--model', STORIES_260K_GGUF, '--embedder', 'transformers', '--embedding-model', join(scratch, 'no-model'))
    expect([embedder.code, embedder.err]).toEqual([2, expect.stringContaining('cannot load the transformers embedder')])
    const llama = await ctb('--out', out, '--model', STORIES_260K_GGUF, '--embedder', 'llama', '--embedding-model', join(scratch, 'no.gguf'))
    expect([llama.code, llama.err]).toEqual([2, expect.stringContaining('cannot load the llama embedder')])
    expect(existsSync(out)).toBe(false)
  })

  it('refuses a destination it cannot write before running (exit code 2)', async () => {
    const blocker = join(scratch, 'a-file')
    writeFileSync(blocker, '')
    const inside = await ctb('--model', STORIES_260K_GGUF, '--out', join(blocker, 'inside.json'))
    expect([inside.code, inside.err]).toEqual([2, expect.stringContaining('cannot write')])
    expect(inside.err).not.toContain('calibrate: 16 prompts')
    const folder = await ctb('--model', STORIES_260K_GGUF, '--out', scratch)
    expect([folder.code, folder.err]).toEqual([2, expect.stringContaining('it is a folder')])
  })
})

describe('reportCalibrationError', () => {
  it('fails the run (exit 1) on too few samples, calls other calibration errors bad input, and rethrows bugs', () => {
    let err = ''
    const io = { out: () => {}, err: (t: string) => (err += t), isTty: false }
    expect(reportCalibrationError(new CalibrationError('TooFewSamples', 'only 1 usable random sample'), io)).toBe(1)
    expect(err).toBe('ctb calibrate: only 1 usable random sample')
    expect(() => reportCalibrationError(new CalibrationError('ModelUnavailable', 'gone'), io)).toThrow(InputError)
    const bug = new TypeError('bug')
    expect(() => reportCalibrationError(bug, io)).toThrow(bug)
  })
})

describe('parseTemperatures', () => {
  it('reads comma-separated numbers with spaces', () => {
    expect(parseTemperatures('0, 0.7,1.0')).toEqual([0, 0.7, 1])
  })
})
