// Goal: model paths resolve inside the repository and a missing model gives a message that names
// the path and the command that fetches it. Method: checks against a temp folder and the repo.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import * as inferenceApi from './index.ts'
import { DISTILBERT_TOKENIZER_DIR, MODELS_DIR, REPO_ROOT, STORIES_260K_GGUF, describeMissingModel, requireModelPath } from './model-files.ts'

const scratch = mkdtempSync(join(tmpdir(), 'ctb-model-files-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('model files', () => {
  it('live under models/ of the repository', () => {
    expect(relative(REPO_ROOT, MODELS_DIR)).toBe('models')
    expect(relative(MODELS_DIR, STORIES_260K_GGUF)).toBe(join('stories260K', 'stories260K.gguf'))
    expect(relative(MODELS_DIR, DISTILBERT_TOKENIZER_DIR)).toBe('distilbert-base-uncased-tokenizer')
    expect(describeMissingModel(join(REPO_ROOT, 'package.json'), 'package')).toBeUndefined()
  })

  it('describes a missing path with the pull command, and a file/folder mix-up', () => {
    const absent = join(scratch, 'nothing.gguf')
    expect(describeMissingModel(absent, 'test model')).toMatch(new RegExp(`test model not found at .*nothing\\.gguf.*npm run models:pull`))
    const file = join(scratch, 'file.bin')
    writeFileSync(file, 'x')
    expect(describeMissingModel(file, 'tokenizer', 'folder')).toMatch(/is a file, expected a folder/)
    expect(describeMissingModel(scratch, 'model', 'file')).toMatch(/is a folder, expected a file/)
    expect(describeMissingModel(scratch, 'model', 'folder')).toBeUndefined()
  })

  it('requireModelPath returns a present path and throws the description otherwise', () => {
    expect(requireModelPath(scratch, 'dir', 'folder')).toBe(scratch)
    expect(() => requireModelPath(join(scratch, 'gone'), 'stories')).toThrow(/stories not found/)
  })
})

describe('inference index', () => {
  it('exports the backends, the benchmark hook and the model paths', () => {
    for (const name of ['LlamaInference', 'FakeInference', 'InferenceError', 'measureRawInference', 'benchmarkLlamaInference', 'buildRequestFromLlmParams', 'requireModelPath']) {
      expect(typeof (inferenceApi as Record<string, unknown>)[name]).toBe('function')
    }
    expect(inferenceApi.STORIES_260K_GGUF).toBe(STORIES_260K_GGUF)
  })
})
