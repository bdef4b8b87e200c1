/**
 * Reading and querying the model catalog (`models.json` beside this file).
 *
 * The file is checked field by field when it is read: a wrong type, a duplicate id or name, a bad
 * checksum is an `InvalidCatalog` error naming the field (`models[3].file.sha256`), never a
 * half-read catalog. Lookups that fail name the id and the ids the catalog does have.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CatalogError, MODEL_ENGINES, type ModelCatalog, type ModelEngine, type ModelEntry, type ModelFile } from './types.ts'

/** The catalog committed with the code. */
export const DEFAULT_CATALOG_PATH = join(dirname(fileURLToPath(import.meta.url)), 'models.json')

/** Our test model's id: above Cortensor's 0–65, so it can never be taken for one of theirs. */
export const STORIES_260K_MODEL_ID = 1000

const CATALOG_VERSION = 1
/** Longest model name or alias, in characters (Cortensor's keys are ~40). */
const NAME_MAX = 200
const SHA256_PATTERN = /^[0-9a-f]{64}$/

let defaultCatalog: ModelCatalog | null = null

/** The committed catalog, read once per process. */
export function getDefaultCatalog(): ModelCatalog {
  defaultCatalog ??= loadCatalog(DEFAULT_CATALOG_PATH)
  return defaultCatalog
}

/** Reads and checks a catalog file. */
export function loadCatalog(path: string): ModelCatalog {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new CatalogError('InvalidCatalog', `cannot read the model catalog ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new CatalogError('InvalidCatalog', `the model catalog ${path} is not JSON: ${(error as Error).message}`)
  }
  return parseCatalog(json, path)
}

/** Checks a parsed catalog document; `source` names it in errors. */
export function parseCatalog(json: unknown, source: string): ModelCatalog {
  const fail = (field: string, problem: string): never => {
    throw new CatalogError('InvalidCatalog', `model catalog ${source}: ${field} ${problem}`)
  }
  if (!isObject(json)) return fail('(root)', 'must be an object')
  if (json['version'] !== CATALOG_VERSION) fail('version', `must be ${CATALOG_VERSION}, got ${JSON.stringify(json['version'])}`)
  const models = json['models']
  if (!Array.isArray(models) || models.length === 0) return fail('models', 'must be a non-empty list')
  const entries = models.map((m, i) => parseEntry(m, `models[${i}]`, fail))
  const byId = new Map<number, ModelEntry>()
  const byName = new Map<string, ModelEntry>()
  entries.forEach((e, i) => {
    if (byId.has(e.id)) fail(`models[${i}].id`, `${e.id} appears twice`)
    byId.set(e.id, e)
    for (const name of [e.name, ...e.aliases]) {
      const key = name.toLowerCase()
      if (byName.has(key)) fail(`models[${i}]`, `name or alias ${JSON.stringify(name)} is already used by model ${byName.get(key)!.id}`)
      byName.set(key, e)
    }
  })
  return { source, entries: [...entries].sort((a, b) => a.id - b.id), byId, byName }
}

function parseEntry(m: unknown, at: string, fail: (field: string, problem: string) => never): ModelEntry {
  if (!isObject(m)) return fail(at, 'must be an object')
  const known = new Set(['id', 'name', 'engine', 'quantization', 'aliases', 'file'])
  for (const key of Object.keys(m)) if (!known.has(key)) fail(`${at}.${key}`, 'is not a catalog field')
  const id = m['id']
  if (!isIndex(id)) fail(`${at}.id`, `must be a non-negative integer, got ${JSON.stringify(id)}`)
  const name = readName(m['name'], `${at}.name`, fail)
  const engine = m['engine']
  if (!MODEL_ENGINES.includes(engine as ModelEngine)) fail(`${at}.engine`, `must be one of ${MODEL_ENGINES.join(', ')}, got ${JSON.stringify(engine)}`)
  const quantization = m['quantization'] ?? null
  if (quantization !== null && !(typeof quantization === 'string' && /^[A-Za-z0-9_]{1,16}$/.test(quantization))) fail(`${at}.quantization`, 'must be null or a short name like Q4_K_M')
  const rawAliases = m['aliases'] ?? []
  if (!Array.isArray(rawAliases)) return fail(`${at}.aliases`, 'must be a list of names')
  const aliases = rawAliases.map((a, k) => readName(a, `${at}.aliases[${k}]`, fail))
  const file = m['file'] === undefined || m['file'] === null ? null : parseFile(m['file'], `${at}.file`, fail)
  return { id: id as number, name, engine: engine as ModelEngine, quantization: quantization as string | null, aliases, file }
}

function parseFile(f: unknown, at: string, fail: (field: string, problem: string) => never): ModelFile {
  if (!isObject(f)) return fail(at, 'must be an object')
  const { path, sha256, bytes, contextTokens } = f
  if (typeof path !== 'string' || path.trim() === '') fail(`${at}.path`, 'must be a non-empty path')
  if (typeof sha256 !== 'string' || !SHA256_PATTERN.test(sha256)) fail(`${at}.sha256`, 'must be 64 lower-case hex digits')
  if (!isIndex(bytes) || bytes === 0) fail(`${at}.bytes`, 'must be a positive integer')
  if (!isIndex(contextTokens) || contextTokens < 16) fail(`${at}.contextTokens`, 'must be an integer of at least 16')
  return { path: path as string, sha256: sha256 as string, bytes: bytes as number, contextTokens: contextTokens as number }
}

function readName(value: unknown, at: string, fail: (field: string, problem: string) => never): string {
  if (typeof value !== 'string' || value.trim() !== value || value === '' || value.length > NAME_MAX) {
    return fail(at, `must be a non-empty name without surrounding spaces, at most ${NAME_MAX} characters`)
  }
  return value
}

// ---- lookups -----------------------------------------------------------------------------------

export function findModel(catalog: ModelCatalog, id: number): ModelEntry | undefined {
  return catalog.byId.get(id)
}

/** The entry of `id`, or an `UnknownModel` error naming the ids the catalog has. */
export function requireModel(catalog: ModelCatalog, id: number): ModelEntry {
  const entry = catalog.byId.get(id)
  if (entry === undefined) {
    throw new CatalogError('UnknownModel', `unknown model id ${String(id)}: the model catalog (${catalog.source}) lists ids ${describeIds(catalog)}`, typeof id === 'number' ? id : undefined)
  }
  return entry
}

/** The entry named `name` (or one of its aliases, any case), or undefined. */
export function findModelByName(catalog: ModelCatalog, name: string): ModelEntry | undefined {
  return catalog.byName.get(name.toLowerCase())
}

/** `label` for a model id: `1000 stories260K`, or `9999 (unknown)`. */
export function describeModel(catalog: ModelCatalog, id: number): string {
  const entry = catalog.byId.get(id)
  return entry === undefined ? `${id} (not in the catalog)` : `${id} ${entry.name}`
}

/** The catalog's ids as ranges: `0–65, 1000`. */
export function describeIds(catalog: ModelCatalog): string {
  const parts: string[] = []
  const ids = catalog.entries.map((e) => e.id)
  for (let i = 0; i < ids.length; ) {
    let j = i
    while (j + 1 < ids.length && ids[j + 1] === ids[j]! + 1) j++
    parts.push(j === i ? `${ids[i]}` : `${ids[i]}–${ids[j]}`)
    i = j + 1
  }
  return parts.join(', ')
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
}
