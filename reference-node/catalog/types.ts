/**
 * The model catalog's shapes and its one error class.
 *
 * A session names its model by a number (`modelIdentifier`, Cortensor's model index, §12), and a
 * miner declares the numbers it serves when it registers. The catalog says what each number is —
 * name, engine, quantization — and, where this repository has the weights, which local GGUF file
 * holds them, so a miner can tell which ids it can really serve.
 */

/** How Cortensor runs the model (§12): llamafile (ids 0–11), Ollama (12+), or our node-llama-cpp. */
export const MODEL_ENGINES = ['llamafile', 'ollama', 'llama.cpp'] as const
export type ModelEngine = (typeof MODEL_ENGINES)[number]

/** A local GGUF file that holds an entry's weights. */
export interface ModelFile {
  /** Relative to the repository root, or absolute. */
  readonly path: string
  /** Lower-case hex sha256 of the file. */
  readonly sha256: string
  readonly bytes: number
  /** The context the node runs the model with, in tokens (LLM_OPTION_CONTEXT_SIZE). */
  readonly contextTokens: number
}

export interface ModelEntry {
  /** The session's `modelIdentifier` and the miner's registered model id. */
  readonly id: number
  /** Cortensor's model key (`LLM_SUBPROCESS_MODEL`), e.g. `Meta-Llama-3.1-8B-Instruct.Q4_K_M`, `gemma3:4b`. */
  readonly name: string
  readonly engine: ModelEngine
  /** GGUF quantization (`Q4_K_M`, `F32`, …); null where the documents do not say. */
  readonly quantization: string | null
  /** Other names the documents use for it (`default`, …). */
  readonly aliases: readonly string[]
  /** The weights, when this repository knows a local file for them. */
  readonly file: ModelFile | null
}

export interface ModelCatalog {
  /** Where it was read from (in error messages). */
  readonly source: string
  /** Sorted by id. */
  readonly entries: readonly ModelEntry[]
  readonly byId: ReadonlyMap<number, ModelEntry>
  /** By name and alias, lower-cased. */
  readonly byName: ReadonlyMap<string, ModelEntry>
}

export type CatalogErrorCode =
  /** The catalog file is unreadable or breaks its schema (names the field). */
  | 'InvalidCatalog'
  /** A model id (or name) the catalog does not list. */
  | 'UnknownModel'
  /** The entry has no local file this node could load. */
  | 'NoLocalFile'
  /** The entry's file is not where the catalog says. */
  | 'ModelFileMissing'
  /** A file's size or sha256 differs from the catalog's. */
  | 'ModelFileMismatch'
  /** A GGUF file that matches no catalog entry. */
  | 'UnknownModelFile'
  /** No registered node serves the model a session asks for. */
  | 'ModelNotServed'

export class CatalogError extends Error {
  override readonly name = 'CatalogError'
  constructor(
    readonly code: CatalogErrorCode,
    message: string,
    /** The model id involved, when there is one. */
    readonly modelId?: number,
  ) {
    super(message)
  }
}

export function isCatalogError(error: unknown, code?: CatalogErrorCode): error is CatalogError {
  return error instanceof CatalogError && (code === undefined || error.code === code)
}
