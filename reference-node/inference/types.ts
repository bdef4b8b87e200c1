/**
 * What an inference backend is asked and what it answers. A request is plain data (it can be
 * recorded, hashed and replayed); runtime hooks (streaming, cancellation) travel separately.
 */

/**
 * One completion. Every sampling option is required, so no library default decides an output:
 * two miners given the same request and model must be able to reproduce each other's answer.
 */
export interface CompletionRequest {
  readonly prompt: string
  /** Most tokens to generate, ≥ 1. */
  readonly maxTokens: number
  /** 0 = greedy (the seed and the top-k/top-p filters then do not matter). */
  readonly temperature: number
  /** Nucleus filter in [0, 1]; 1 disables it. */
  readonly topP: number
  /** Keep the k most likely tokens, integer ≥ 0; 0 disables the filter. */
  readonly topK: number
  /** Sampler seed, an integer in [0, 2^32). */
  readonly seed: number
  /** Subtracted once from every token seen in the recent output, in [-2, 2]; default 0. */
  readonly presencePenalty?: number
  /** Subtracted per occurrence of a token in the recent output, in [-2, 2]; default 0. */
  readonly frequencyPenalty?: number
}

export type StopReason =
  /** `maxTokens` tokens were generated. */
  | 'maxTokens'
  /** The model ended the text (end-of-generation token). */
  | 'endOfText'
  /** The context filled up before `maxTokens`. */
  | 'contextFull'
  /** The caller's signal aborted the generation; the text so far is returned. */
  | 'aborted'

export interface CompletionResult {
  /** The generated continuation (without the prompt). */
  readonly text: string
  readonly outputTokens: number
  /** Tokens the model read for the prompt, including a beginning-of-text token it prepends. */
  readonly promptTokens: number
  /** Time spent in generation, from the first prompt token evaluated to the last output token. */
  readonly inferenceMs: number
  readonly stopReason: StopReason
}

export interface CompletionHooks {
  /** Called with each piece of text as it is generated (the pieces concatenate to `text`). */
  readonly onTextChunk?: (chunk: string) => void
  /** Stops the generation; the result then has `stopReason: 'aborted'` and the text so far. */
  readonly signal?: AbortSignal
}

export interface InferenceBackend {
  /** Names the backend and model, e.g. `llama:stories260K.gguf`; recorded next to results. */
  readonly id: string
  complete(request: CompletionRequest, hooks?: CompletionHooks): Promise<CompletionResult>
  /** Frees the model and context; later calls fail with `Disposed`. Safe to call twice. */
  dispose(): Promise<void>
}
