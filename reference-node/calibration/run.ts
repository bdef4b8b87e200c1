/**
 * A calibration with real models: checks the plan, digests the model files, loads llama.cpp
 * inference (`maxThreads: 1`, toolchain.md §3) and the embedder, runs `computeCalibration`, and
 * frees both. Load failures become `CalibrationError`s (`ModelUnavailable`, `EmbedderUnavailable`)
 * whose messages name the path and how to get the models.
 */
import { createHash } from 'node:crypto'
import { createReadStream, readdirSync, statSync } from 'node:fs'
import { basename, join, relative } from 'node:path'
import { createEmbedder, type EmbedderSpec } from '../embedding/factory.ts'
import type { Embedder } from '../embedding/types.ts'
import { LlamaInference } from '../inference/llama.ts'
import { DEFAULT_MAX_THREADS } from '../inference/llama-runtime.ts'
import { describeMissingModel } from '../inference/model-files.ts'
import { computeCalibration, type CalibrationOutput } from './calibrate.ts'
import { CalibrationError } from './errors.ts'
import type { FileDigest } from './file.ts'
import { assertValidPlan } from './plan.ts'
import type { CalibrationPlan, ProgressListener } from './types.ts'

export type CalibrationEmbedderChoice =
  | { readonly kind: 'lexical' }
  /** `modelPath` defaults to the inference model (a GGUF embeds with its own weights). */
  | { readonly kind: 'llama'; readonly modelPath?: string | undefined }
  /** A local transformers.js model folder (offline). */
  | { readonly kind: 'transformers'; readonly model: string }

export interface RunCalibrationOptions {
  readonly plan: CalibrationPlan
  /** The GGUF that answers the prompts. */
  readonly modelPath: string
  readonly embedder: CalibrationEmbedderChoice
  readonly packageVersion: string
  readonly onProgress?: ProgressListener | undefined
}

export async function runCalibration(options: RunCalibrationOptions): Promise<CalibrationOutput> {
  assertValidPlan(options.plan)
  const missing = describeMissingModel(options.modelPath, 'GGUF model')
  if (missing !== undefined) throw new CalibrationError('ModelUnavailable', missing)
  const model = await computeFileDigest(options.modelPath)
  const { spec, modelPath: embedderPath } = resolveEmbedderSpec(options.embedder, options.modelPath)
  const embedderModel = embedderPath === undefined ? undefined : await digestEmbedderModel(embedderPath)
  const backend = await loadInference(options.modelPath)
  try {
    const embedder = await loadEmbedder(spec)
    try {
      const meta = { packageVersion: options.packageVersion, model, maxThreads: DEFAULT_MAX_THREADS, embedderKind: spec.kind, embedderModel }
      return await computeCalibration(backend, embedder, options.plan, meta, options.onProgress)
    } finally {
      await embedder.dispose()
    }
  } finally {
    await backend.dispose()
  }
}

function resolveEmbedderSpec(choice: CalibrationEmbedderChoice, modelPath: string): { spec: EmbedderSpec; modelPath: string | undefined } {
  switch (choice.kind) {
    case 'lexical':
      return { spec: { kind: 'lexical' }, modelPath: undefined }
    case 'llama': {
      const path = choice.modelPath ?? modelPath
      return { spec: { kind: 'llama', modelPath: path }, modelPath: path }
    }
    case 'transformers':
      return { spec: { kind: 'transformers', model: choice.model }, modelPath: choice.model }
    default:
      throw new CalibrationError('EmbedderUnavailable', `unknown embedder kind ${JSON.stringify((choice as { kind: unknown }).kind)}`)
  }
}

async function loadInference(modelPath: string): Promise<LlamaInference> {
  try {
    return await LlamaInference.load({ modelPath, maxThreads: DEFAULT_MAX_THREADS })
  } catch (error) {
    throw new CalibrationError('ModelUnavailable', `cannot load the inference model: ${describeError(error)}`, { cause: error })
  }
}

async function loadEmbedder(spec: EmbedderSpec): Promise<Embedder> {
  try {
    return await createEmbedder(spec)
  } catch (error) {
    throw new CalibrationError('EmbedderUnavailable', `cannot load the ${spec.kind} embedder: ${describeError(error)}`, { cause: error })
  }
}

/** The embedder's model digest; a missing one is left to the embedder's own (typed) load error. */
async function digestEmbedderModel(path: string): Promise<FileDigest | undefined> {
  try {
    statSync(path)
  } catch {
    return undefined
  }
  return computeFileDigest(path)
}

/**
 * sha256 and size of a file; of a folder (a transformers.js model), the sha256 of the sorted list
 * of `relative path NUL file sha256` lines and the total size.
 */
export async function computeFileDigest(path: string): Promise<FileDigest> {
  if (!statSync(path).isDirectory()) return { file: basename(path), ...(await hashFile(path)) }
  const files = listFiles(path).sort()
  const listing = createHash('sha256')
  let bytes = 0
  for (const file of files) {
    const digest = await hashFile(file)
    listing.update(`${relative(path, file)}\0${digest.sha256}\n`)
    bytes += digest.bytes
  }
  return { file: basename(path), sha256: listing.digest('hex'), bytes }
}

async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256')
  let bytes = 0
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer)
    bytes += (chunk as Buffer).length
  }
  return { sha256: hash.digest('hex'), bytes }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? listFiles(path) : [path]
  })
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
