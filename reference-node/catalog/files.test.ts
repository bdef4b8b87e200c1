// Goal: a node knows which catalog models it can serve from the files it has: the test model's
// GGUF checks out (size and sha256), a missing, resized or altered file is refused with the code
// that says which, a file is recognised by its catalog path or — for a copy — by its sha256, and
// a miner's model choice (fake or file, with or without an explicit id) resolves to one catalog
// entry or a clear error. Method: the real stories260K file and a temporary catalog with scratch
// files; the chunked hash is compared with a one-shot hash of files around the chunk size.
import { createHash } from 'node:crypto'
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { STORIES_260K_GGUF, requireModelPath } from '../inference/model-files.ts'
import { STORIES_260K_MODEL_ID, getDefaultCatalog, parseCatalog, requireModel } from './catalog.ts'
import { computeFileSha256, identifyModelFile, listServableModels, requireModelFile, resolveModelPath, resolveServedModel } from './files.ts'
import { CatalogError, type CatalogErrorCode } from './types.ts'

requireModelPath(STORIES_260K_GGUF, 'stories260K (the test model)')
const scratch = mkdtempSync(join(tmpdir(), 'ctb-catalog-files-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const catalog = getDefaultCatalog()
const stories = requireModel(catalog, STORIES_260K_MODEL_ID)

function codeOf(fn: () => unknown): CatalogErrorCode {
  try {
    fn()
  } catch (error) {
    if (error instanceof CatalogError) return error.code
    throw error
  }
  throw new Error('expected a CatalogError')
}

function sha256Of(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}

/** A scratch catalog whose model 5 lists `data` as its file at `name` (under the scratch root). */
function scratchCatalog(name: string, data: Buffer) {
  return parseCatalog({ version: 1, models: [{ id: 5, name: 'five', engine: 'llama.cpp', file: { path: name, sha256: sha256Of(data), bytes: data.length, contextTokens: 64 } }, { id: 6, name: 'six', engine: 'ollama' }] }, 'scratch')
}

describe('checking an entry\'s file', () => {
  it('accepts the test model by size and by sha256', () => {
    expect(requireModelFile(stories)).toBe(STORIES_260K_GGUF)
    expect(requireModelFile(stories, { check: 'size' })).toBe(STORIES_260K_GGUF)
    expect(resolveModelPath(stories)).toBe(STORIES_260K_GGUF)
    expect(resolveModelPath(requireModel(catalog, 0))).toBeNull()
  })

  it('says NoLocalFile, ModelFileMissing or ModelFileMismatch, each naming the model', () => {
    expect(codeOf(() => requireModelFile(requireModel(catalog, 4)))).toBe('NoLocalFile')
    expect(codeOf(() => requireModelFile(stories, { root: scratch }))).toBe('ModelFileMissing')
    const data = Buffer.from('a small pretend model file')
    const c = scratchCatalog('five.gguf', data)
    writeFileSync(join(scratch, 'five.gguf'), Buffer.concat([data, Buffer.from('!')]))
    expect(() => requireModelFile(c.byId.get(5)!, { root: scratch })).toThrow(/model 5 \(five\): .*five\.gguf has 27 bytes, the catalog says 26/)
    // Same size, different bytes: only the sha256 check sees it.
    const altered = Buffer.from(data)
    altered[0] = 0x41
    writeFileSync(join(scratch, 'five.gguf'), altered)
    expect(requireModelFile(c.byId.get(5)!, { root: scratch, check: 'size' })).toBe(join(scratch, 'five.gguf'))
    expect(() => requireModelFile(c.byId.get(5)!, { root: scratch })).toThrow(/has sha256 [0-9a-f]{64}, the catalog says/)
    writeFileSync(join(scratch, 'five.gguf'), data)
    expect(requireModelFile(c.byId.get(5)!, { root: scratch })).toBe(join(scratch, 'five.gguf'))
  })

  it('hashes in chunks exactly as a one-shot hash, across the 1 MiB chunk boundary', () => {
    for (const size of [0, 1, (1 << 20) - 1, 1 << 20, (1 << 20) + 17]) {
      const data = Buffer.alloc(size, size % 251)
      for (let i = 0; i < size; i += 4093) data[i] = i % 256
      const path = join(scratch, `hash-${size}.bin`)
      writeFileSync(path, data)
      expect(computeFileSha256(path), `${size} bytes`).toBe(sha256Of(data))
    }
  })
})

describe('what a node can serve', () => {
  it('lists only the entries whose files are present and intact', () => {
    expect(listServableModels(catalog).map((e) => e.id)).toEqual([STORIES_260K_MODEL_ID])
    expect(listServableModels(catalog, { root: scratch })).toEqual([])
    const data = Buffer.from('model five')
    const c = scratchCatalog('served.gguf', data)
    expect(listServableModels(c, { root: scratch })).toEqual([])
    writeFileSync(join(scratch, 'served.gguf'), data)
    expect(listServableModels(c, { root: scratch }).map((e) => e.id)).toEqual([5])
  })

  it('recognises a file by its catalog path, a copy by its sha256, and nothing else', () => {
    expect(identifyModelFile(catalog, STORIES_260K_GGUF)?.id).toBe(STORIES_260K_MODEL_ID)
    const copy = join(scratch, 'renamed.gguf')
    copyFileSync(STORIES_260K_GGUF, copy)
    expect(identifyModelFile(catalog, copy)?.id).toBe(STORIES_260K_MODEL_ID)
    // Same size as the test model, other bytes: not it.
    const impostor = readFileSync(STORIES_260K_GGUF)
    impostor[impostor.length - 1] ^= 0xff
    writeFileSync(join(scratch, 'impostor.gguf'), impostor)
    expect(identifyModelFile(catalog, join(scratch, 'impostor.gguf'))).toBeUndefined()
    writeFileSync(join(scratch, 'other.gguf'), 'short')
    expect(identifyModelFile(catalog, join(scratch, 'other.gguf'))).toBeUndefined()
    expect(codeOf(() => identifyModelFile(catalog, join(scratch, 'absent.gguf')))).toBe('ModelFileMissing')
  })

  it("resolves a miner's model choice to one catalog entry, or says why not", () => {
    const other = join(scratch, 'custom.gguf')
    writeFileSync(other, 'a custom model')
    expect(resolveServedModel(catalog, { path: null }).id).toBe(STORIES_260K_MODEL_ID)
    expect(resolveServedModel(catalog, { path: null, modelId: 4 }).id).toBe(4)
    expect(codeOf(() => resolveServedModel(catalog, { path: null, modelId: 9999 }))).toBe('UnknownModel')
    expect(resolveServedModel(catalog, { path: STORIES_260K_GGUF }).id).toBe(STORIES_260K_MODEL_ID)
    expect(resolveServedModel(catalog, { path: STORIES_260K_GGUF, modelId: STORIES_260K_MODEL_ID }).id).toBe(STORIES_260K_MODEL_ID)
    expect(() => resolveServedModel(catalog, { path: STORIES_260K_GGUF, modelId: 7 })).toThrow(/is catalog model 1000 \(stories260K\), not model 7 \(google_gemma-3-4b-it-Q6_K\)/)
    // The catalog has no file for model 4: the operator's word is taken.
    expect(resolveServedModel(catalog, { path: other, modelId: 4 }).id).toBe(4)
    expect(() => resolveServedModel(catalog, { path: other })).toThrow(/custom\.gguf matches no model in the catalog .*--model-id/)
    expect(() => resolveServedModel(catalog, { path: other, modelId: STORIES_260K_MODEL_ID })).toThrow(/is not the file of model 1000 \(stories260K\): the catalog lists models\/stories260K\/stories260K\.gguf/)
  })
})
