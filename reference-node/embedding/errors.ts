/** Errors of the embedders: one class with stable codes (the same scheme as InferenceError). */

export type EmbeddingErrorCode =
  /** The model file or folder does not exist (run `npm run models:pull`, or check the path). */
  | 'ModelNotFound'
  /** The model exists but could not be loaded (corrupt file, incomplete folder, runtime error). */
  | 'ModelLoadFailed'
  /** Input the embedder cannot take (not a list of strings; vectors of mixed dimensions). */
  | 'InvalidInput'
  /** An embedder option out of range, or an unknown embedder kind. */
  | 'InvalidOptions'
  /** The embedder was disposed. */
  | 'Disposed'

export class EmbeddingError extends Error {
  override readonly name = 'EmbeddingError'
  constructor(
    readonly code: EmbeddingErrorCode,
    message: string,
    /** The model file or folder involved, when there is one. */
    readonly path?: string,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options)
  }
}
