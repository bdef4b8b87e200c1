// Goal: the committed model catalog is Cortensor's §12 list (ids 0–65 with their names and
// engines) plus our test model under id 1000, whose file facts agree with the models:pull
// manifest; a broken catalog file is refused with an error naming the field; lookups by id, name
// and alias work and a missing id is an `UnknownModel` error that names the id and the ids there
// are. Method: the real file, the pull script's manifest (as text) as an independent source, table-driven
// broken documents, and fast-check over generated catalogs for lookups and `describeIds`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../inference/model-files.ts'
import { DEFAULT_CATALOG_PATH, STORIES_260K_MODEL_ID, describeIds, describeModel, findModel, findModelByName, getDefaultCatalog, loadCatalog, parseCatalog, requireModel } from './catalog.ts'
import { CatalogError, isCatalogError } from './types.ts'

const scratch = mkdtempSync(join(tmpdir(), 'ctb-catalog-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const valid = { version: 1, models: [{ id: 3, name: 'a', engine: 'ollama', quantization: null }] }

function errorOf(fn: () => unknown): CatalogError {
  try {
    fn()
  } catch (error) {
    if (error instanceof CatalogError) return error
    throw error
  }
  throw new Error('expected a CatalogError')
}

describe('the committed catalog', () => {
  const catalog = getDefaultCatalog()

  it('lists Cortensor ids 0–65 and the test model 1000, llamafile up to 11 and Ollama from 12', () => {
    expect(describeIds(catalog)).toBe('0–65, 1000')
    for (const e of catalog.entries) {
      if (e.id <= 11) expect(e.engine, `${e.id}`).toBe('llamafile')
      else if (e.id <= 65) expect(e.engine, `${e.id}`).toBe('ollama')
    }
    const names = Object.fromEntries(catalog.entries.map((e) => [e.id, e.name]))
    expect([names[0], names[4], names[11], names[12], names[37], names[56], names[65]]).toEqual([
      'llava-v1.5-7b-q4', 'Mistral-7B-Instruct-v0.3.Q4_0', 'Qwen2.5-Coder-14B-Instruct-Q4_K_M', 'gemma3:270m', 'tinyllama1.1b', 'nomic-embed-text:v1.5', 'glm-4.7-flash:q4_K_M',
    ])
    // Quantization is taken from the name where the name says it, and left unknown otherwise.
    for (const e of catalog.entries.filter((x) => x.id <= 65)) {
      const named = /q\d+(_k(_m)?|_0)?/i.exec(e.name)?.[0]?.toUpperCase() ?? null
      expect(e.quantization, e.name).toBe(named)
    }
    expect(findModelByName(catalog, 'DEFAULT')?.id).toBe(0)
  })

  it('records the test model with the same size and sha256 as the models:pull manifest', () => {
    const entry = requireModel(catalog, STORIES_260K_MODEL_ID)
    // The pull script's manifest, read as text: an independent record of the same file.
    const script = readFileSync(join(REPO_ROOT, 'scripts', 'models-pull.mjs'), 'utf8')
    const m = /name: 'stories260K\.gguf',\s*bytes: ([\d_]+),\s*sha256: '([0-9a-f]{64})'/.exec(script)!
    const pulled = { bytes: Number(m[1]!.replace(/_/g, '')), sha256: m[2]! }
    expect(entry).toMatchObject({ name: 'stories260K', engine: 'llama.cpp', quantization: 'F32' })
    expect(entry.file).toEqual({ path: 'models/stories260K/stories260K.gguf', sha256: pulled.sha256, bytes: pulled.bytes, contextTokens: 512 })
    expect(getDefaultCatalog()).toBe(catalog)
    expect(catalog.source).toBe(DEFAULT_CATALOG_PATH)
  })
})

describe('lookups', () => {
  const catalog = getDefaultCatalog()

  it('refuses an unknown id with UnknownModel naming it and the known ids', () => {
    const error = errorOf(() => requireModel(catalog, 4242))
    expect(error.code).toBe('UnknownModel')
    expect(error.modelId).toBe(4242)
    expect(error.message).toMatch(/^unknown model id 4242: .*lists ids 0–65, 1000$/)
    expect(findModel(catalog, 4242)).toBeUndefined()
    expect(describeModel(catalog, 4242)).toBe('4242 (not in the catalog)')
    expect(describeModel(catalog, 1000)).toBe('1000 stories260K')
    expect(isCatalogError(error, 'UnknownModel')).toBe(true)
    expect(isCatalogError(error, 'ModelNotServed')).toBe(false)
    expect(isCatalogError(new Error('x'))).toBe(false)
  })

  it('finds every entry of a generated catalog by id and by any-case name, and describes its ids as ranges', () => {
    const ids = fc.uniqueArray(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 40 })
    fc.assert(
      fc.property(ids, (list) => {
        const catalog = parseCatalog({ version: 1, models: list.map((id) => ({ id, name: `Model-${id}`, engine: 'ollama' })) }, 'generated')
        for (const id of list) {
          expect(requireModel(catalog, id).name).toBe(`Model-${id}`)
          expect(findModelByName(catalog, `model-${id}`)?.id).toBe(id)
        }
        // Expanding the ranges gives back exactly the ids, in order.
        const expanded = describeIds(catalog).split(', ').flatMap((part) => {
          const [a, b] = part.split('–').map(Number) as [number, number | undefined]
          return Array.from({ length: (b ?? a) - a + 1 }, (_, k) => a + k)
        })
        expect(expanded).toEqual([...list].sort((x, y) => x - y))
      }),
      { seed: 1000, numRuns: 100 },
    )
  })
})

describe('a broken catalog', () => {
  const entry = (patch: Record<string, unknown>) => ({ version: 1, models: [{ id: 1, name: 'm', engine: 'ollama', ...patch }] })
  const file = { path: 'x.gguf', sha256: 'a'.repeat(64), bytes: 10, contextTokens: 512 }
  const cases: [string, unknown, RegExp][] = [
    ['not an object', [], /\(root\) must be an object/],
    ['wrong version', { ...valid, version: 2 }, /version must be 1, got 2/],
    ['no models', { version: 1, models: [] }, /models must be a non-empty list/],
    ['entry not an object', { version: 1, models: [5] }, /models\[0\] must be an object/],
    ['unknown field', entry({ size: 1 }), /models\[0\]\.size is not a catalog field/],
    ['negative id', entry({ id: -1 }), /models\[0\]\.id must be a non-negative integer, got -1/],
    ['fractional id', entry({ id: 1.5 }), /models\[0\]\.id must be a non-negative integer/],
    ['empty name', entry({ name: '' }), /models\[0\]\.name must be a non-empty name/],
    ['padded name', entry({ name: ' m' }), /models\[0\]\.name must be a non-empty name/],
    ['bad engine', entry({ engine: 'vllm' }), /models\[0\]\.engine must be one of llamafile, ollama, llama\.cpp, got "vllm"/],
    ['bad quantization', entry({ quantization: 'Q4 K' }), /models\[0\]\.quantization must be null or a short name/],
    ['aliases not a list', entry({ aliases: 'x' }), /models\[0\]\.aliases must be a list/],
    ['bad alias', entry({ aliases: [7] }), /models\[0\]\.aliases\[0\] must be a non-empty name/],
    ['file not an object', entry({ file: 'x.gguf' }), /models\[0\]\.file must be an object/],
    ['file without path', entry({ file: { ...file, path: ' ' } }), /models\[0\]\.file\.path must be a non-empty path/],
    ['upper-case sha256', entry({ file: { ...file, sha256: 'A'.repeat(64) } }), /models\[0\]\.file\.sha256 must be 64 lower-case hex digits/],
    ['zero bytes', entry({ file: { ...file, bytes: 0 } }), /models\[0\]\.file\.bytes must be a positive integer/],
    ['tiny context', entry({ file: { ...file, contextTokens: 8 } }), /models\[0\]\.file\.contextTokens must be an integer of at least 16/],
    ['duplicate id', { version: 1, models: [{ id: 1, name: 'a', engine: 'ollama' }, { id: 1, name: 'b', engine: 'ollama' }] }, /models\[1\]\.id 1 appears twice/],
    ['duplicate name', { version: 1, models: [{ id: 1, name: 'a', engine: 'ollama' }, { id: 2, name: 'A', engine: 'ollama' }] }, /models\[1\] name or alias "A" is already used by model 1/],
    ['alias taken', { version: 1, models: [{ id: 1, name: 'a', engine: 'ollama' }, { id: 2, name: 'b', engine: 'ollama', aliases: ['a'] }] }, /alias "a" is already used by model 1/],
  ]

  it.each(cases)('refuses %s, naming the field', (_, doc, message) => {
    const error = errorOf(() => parseCatalog(doc, 'test.json'))
    expect(error.code).toBe('InvalidCatalog')
    expect(error.message).toMatch(/^model catalog test\.json: /)
    expect(error.message).toMatch(message)
  })

  it('refuses an unreadable file and one that is not JSON, and reads a good one', () => {
    expect(errorOf(() => loadCatalog(join(scratch, 'none.json'))).message).toMatch(/cannot read the model catalog .*none\.json: ENOENT/)
    writeFileSync(join(scratch, 'bad.json'), '{ nope')
    expect(errorOf(() => loadCatalog(join(scratch, 'bad.json'))).message).toMatch(/bad\.json is not JSON/)
    writeFileSync(join(scratch, 'good.json'), JSON.stringify(valid))
    expect(loadCatalog(join(scratch, 'good.json')).entries).toEqual([{ id: 3, name: 'a', engine: 'ollama', quantization: null, aliases: [], file: null }])
  })
})
