/**
 * Where the small models live: `models/` at the repository root (ignored by git; filled by
 * `npm run models:pull`, or in CI by copying ../shared/models). Paths are derived from this file's
 * location, so tests work from any checkout and never name a machine path.
 */
import { existsSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const MODELS_DIR = join(REPO_ROOT, 'models')

/** The 260K-parameter TinyStories Llama (GGUF, 64-dim embeddings, 512-token vocabulary). */
export const STORIES_260K_GGUF = join(MODELS_DIR, 'stories260K', 'stories260K.gguf')

/** The bert-base-uncased WordPiece tokenizer (tokenizer.json + tokenizer_config.json), no weights. */
export const DISTILBERT_TOKENIZER_DIR = join(MODELS_DIR, 'distilbert-base-uncased-tokenizer')

const PULL_HINT = 'Run `npm run models:pull` (offline: `npm run models:pull -- --from ../shared/models`).'

/**
 * Undefined when `path` is an existing file (or folder, when `kind` says so), else a message that
 * names the path and says how to get the models.
 */
export function describeMissingModel(path: string, what: string, kind: 'file' | 'folder' = 'file'): string | undefined {
  if (existsSync(path)) {
    const isFolder = statSync(path).isDirectory()
    if (isFolder === (kind === 'folder')) return undefined
    return `${what} at ${path} is a ${isFolder ? 'folder' : 'file'}, expected a ${kind}`
  }
  return `${what} not found at ${path}. ${PULL_HINT}`
}

/** `path` when it exists, else throws a plain Error with `describeMissingModel`'s message (for tests and scripts). */
export function requireModelPath(path: string, what: string, kind: 'file' | 'folder' = 'file'): string {
  const missing = describeMissingModel(path, what, kind)
  if (missing !== undefined) throw new Error(missing)
  return path
}
