/**
 * The catalog's local files: where an entry's GGUF is, whether the file there is the one the
 * catalog describes (size always; sha256 when asked — it reads the whole file), which entry a
 * given file is, and which entries a node can serve because it has their files.
 *
 * Hashing is synchronous and chunked, so configuration code (which is synchronous) can call it
 * and a multi-gigabyte file never sits in memory.
 */
import { createHash } from 'node:crypto'
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import { REPO_ROOT } from '../inference/model-files.ts'
import { STORIES_260K_MODEL_ID, requireModel } from './catalog.ts'
import { CatalogError, type ModelCatalog, type ModelEntry } from './types.ts'

export type FileCheck = 'size' | 'sha256'

export interface FileOptions {
  /** Relative catalog paths are resolved against this folder. Default: the repository root. */
  readonly root?: string
  /** How closely to compare a file with the catalog. Default `sha256`. */
  readonly check?: FileCheck
}

const HASH_CHUNK_BYTES = 1 << 20

/** The absolute path of the entry's file (null when the catalog lists none). */
export function resolveModelPath(entry: ModelEntry, root: string = REPO_ROOT): string | null {
  if (entry.file === null) return null
  return isAbsolute(entry.file.path) ? entry.file.path : resolve(root, entry.file.path)
}

/** The lower-case hex sha256 of a file, read in 1 MiB chunks. */
export function computeFileSha256(path: string): string {
  const hash = createHash('sha256')
  const buffer = Buffer.allocUnsafe(HASH_CHUNK_BYTES)
  const fd = openSync(path, 'r')
  try {
    for (;;) {
      const n = readSync(fd, buffer, 0, HASH_CHUNK_BYTES, null)
      if (n === 0) break
      hash.update(buffer.subarray(0, n))
    }
  } finally {
    closeSync(fd)
  }
  return hash.digest('hex')
}

/**
 * The absolute path of the entry's file once it checks out, else a `CatalogError`: `NoLocalFile`
 * (the catalog lists no file), `ModelFileMissing`, `ModelFileMismatch` (size or sha256).
 */
export function requireModelFile(entry: ModelEntry, options: FileOptions = {}): string {
  const path = resolveModelPath(entry, options.root)
  const label = `model ${entry.id} (${entry.name})`
  if (path === null || entry.file === null) throw new CatalogError('NoLocalFile', `${label} has no local file in the model catalog; this node cannot load it`, entry.id)
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new CatalogError('ModelFileMissing', `${label}: its file ${path} does not exist. Run \`npm run models:pull\` (offline: \`npm run models:pull -- --from ../shared/models\`).`, entry.id)
  }
  const bytes = statSync(path).size
  if (bytes !== entry.file.bytes) throw new CatalogError('ModelFileMismatch', `${label}: ${path} has ${bytes} bytes, the catalog says ${entry.file.bytes}`, entry.id)
  if ((options.check ?? 'sha256') === 'sha256') {
    const sha256 = computeFileSha256(path)
    if (sha256 !== entry.file.sha256) throw new CatalogError('ModelFileMismatch', `${label}: ${path} has sha256 ${sha256}, the catalog says ${entry.file.sha256}`, entry.id)
  }
  return path
}

/** Entries whose files this node has, checked as `options.check` says, in id order. */
export function listServableModels(catalog: ModelCatalog, options: FileOptions = {}): ModelEntry[] {
  const servable: ModelEntry[] = []
  for (const entry of catalog.entries) {
    if (entry.file === null) continue
    try {
      requireModelFile(entry, options)
      servable.push(entry)
    } catch (error) {
      if (!(error instanceof CatalogError)) throw error
    }
  }
  return servable
}

/**
 * The entry whose weights `path` holds: the entry listing that very path (its size must match), or
 * else the entry with the file's sha256 (a copy elsewhere); undefined when none does.
 */
export function identifyModelFile(catalog: ModelCatalog, path: string, options: FileOptions = {}): ModelEntry | undefined {
  const wanted = resolve(path)
  if (!existsSync(wanted) || !statSync(wanted).isFile()) throw new CatalogError('ModelFileMissing', `model file ${wanted} does not exist`)
  const bytes = statSync(wanted).size
  for (const entry of catalog.entries) {
    if (resolveModelPath(entry, options.root) === wanted && entry.file!.bytes === bytes) return entry
  }
  const candidates = catalog.entries.filter((e) => e.file !== null && e.file.bytes === bytes)
  if (candidates.length === 0) return undefined
  const sha256 = computeFileSha256(wanted)
  return candidates.find((e) => e.file!.sha256 === sha256)
}

/** What a miner loads and declares: a GGUF file and the catalog id it serves. */
export interface MinerModelChoice {
  /** The file to load, or null for the deterministic fake backend. */
  readonly path: string | null
  /** The id asked for explicitly (`--model-id`), if any. */
  readonly modelId?: number
}

/**
 * The catalog entry a miner serves. A fake backend stands in for `modelId` (default: our test
 * model). A file serves the entry it is (`identifyModelFile`); an explicit `modelId` must agree
 * with that — unless the catalog lists no file for that id, so the operator's word is all there is.
 */
export function resolveServedModel(catalog: ModelCatalog, choice: MinerModelChoice, options: FileOptions = {}): ModelEntry {
  const asked = choice.modelId === undefined ? undefined : requireModel(catalog, choice.modelId)
  if (choice.path === null) return asked ?? requireModel(catalog, STORIES_260K_MODEL_ID)
  const found = identifyModelFile(catalog, choice.path, options)
  if (asked === undefined) {
    if (found !== undefined) return found
    throw new CatalogError('UnknownModelFile', `${resolve(choice.path)} matches no model in the catalog (${catalog.source}); name the catalog id it serves (--model-id) or add it to the catalog`)
  }
  if (found !== undefined && found.id !== asked.id) {
    throw new CatalogError('ModelFileMismatch', `${resolve(choice.path)} is catalog model ${found.id} (${found.name}), not model ${asked.id} (${asked.name})`, asked.id)
  }
  if (found === undefined && asked.file !== null) {
    throw new CatalogError('ModelFileMismatch', `${resolve(choice.path)} is not the file of model ${asked.id} (${asked.name}): the catalog lists ${asked.file.path} with sha256 ${asked.file.sha256}`, asked.id)
  }
  return asked
}
