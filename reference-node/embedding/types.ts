/** What every embedder offers; the oracle's PoI step and `ctb calibrate` depend only on this. */

export interface Embedder {
  /**
   * Names the method, model and settings (e.g. `lexical:v1:d384:n3:w0.5`,
   * `llama:stories260K.gguf`, `transformers:gather32`). Vectors from embedders with different
   * ids are not comparable; PoI must use one id for every result of a task.
   */
  readonly id: string
  /** Length of every vector `embed` returns. */
  readonly dimensions: number
  /**
   * One vector per text, in input order, each of length `dimensions` and unit length — or all
   * zeros for a text with nothing to embed (no words, empty), which PoI rejects as
   * `InvalidEmbedding` rather than comparing. The same texts always give the same vectors.
   */
  embed(texts: readonly string[]): Promise<number[][]>
  /** Frees the model; later calls fail with `Disposed`. Safe to call twice. */
  dispose(): Promise<void>
}

/** Undefined when `texts` is an array of strings, else what is wrong (checked at every embedder's boundary). */
export function describeInvalidTexts(texts: unknown): string | undefined {
  if (!Array.isArray(texts)) return 'texts must be an array of strings'
  for (let i = 0; i < texts.length; i++) {
    if (typeof texts[i] !== 'string') return `texts[${i}] is not a string`
  }
  return undefined
}
