/**
 * Errors of the inference backends. One class with stable codes, so callers (the miner role, the
 * benchmark, the CLI) can tell a missing model from a bad request without parsing messages.
 */

export type InferenceErrorCode =
  /** The model file does not exist (run `npm run models:pull`). */
  | 'ModelNotFound'
  /** The file exists but llama.cpp could not load it (corrupt, truncated, not a GGUF). */
  | 'ModelLoadFailed'
  /** A completion request with a missing or out-of-range field. */
  | 'InvalidRequest'
  /** A backend option (context size, threads, …) out of range. */
  | 'InvalidOptions'
  /** The prompt does not leave room for one output token in the context. */
  | 'PromptTooLong'
  /** The backend was disposed. */
  | 'Disposed'

export class InferenceError extends Error {
  override readonly name = 'InferenceError'
  constructor(
    readonly code: InferenceErrorCode,
    message: string,
    /** The model file involved, when there is one. */
    readonly path?: string,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options)
  }
}
