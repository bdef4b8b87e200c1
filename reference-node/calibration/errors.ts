/** Errors of a calibration run: one class with stable codes (the scheme of InferenceError and EmbeddingError). */

export type CalibrationErrorCode =
  /** A plan value out of range (prompt count, seeds, temperatures, rates, target FPR). */
  | 'InvalidPlan'
  /** The GGUF model for inference is missing or cannot be loaded. */
  | 'ModelUnavailable'
  /** The embedder could not be created (missing or broken model, unknown kind). */
  | 'EmbedderUnavailable'
  /** Too few usable outputs to measure a distribution (every strategy needs ≥ 2 samples). */
  | 'TooFewSamples'

export class CalibrationError extends Error {
  override readonly name = 'CalibrationError'
  constructor(
    readonly code: CalibrationErrorCode,
    message: string,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options)
  }
}
