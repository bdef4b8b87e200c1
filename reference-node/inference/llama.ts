/**
 * Real inference over node-llama-cpp: a GGUF model, one context, one completion at a time.
 *
 * Determinism: each completion starts from an empty context (no KV-cache reuse between requests,
 * which could change floating-point paths) and sets every sampling option explicitly, so the same
 * request on the same model gives the same text, in one process or across processes. The prompt
 * is tokenised here exactly as node-llama-cpp's completion does (`trimLeadingSpace`, plus the
 * beginning-of-text token the model asks for), so `promptTokens` counts what the model read.
 *
 * The context never shifts: a prompt that leaves no room for one output token is refused
 * (`PromptTooLong`) instead of being silently cut from the front, and a generation that fills the
 * context stops with `contextFull`.
 */
import { basename } from 'node:path'
import { LlamaCompletion, LlamaVocabularyType, type LlamaCompletionGenerationOptions, type LlamaCompletionResponse, type LlamaContext, type LlamaContextSequence, type LlamaModel, type Token } from 'node-llama-cpp'
import { assertNever } from '../../protocol/core/result.ts'
import { InferenceError } from './errors.ts'
import { DEFAULT_MAX_THREADS, loadGgufModel } from './llama-runtime.ts'
import { SerialQueue } from './lock.ts'
import { assertValidRequest } from './request.ts'
import type { CompletionHooks, CompletionRequest, CompletionResult, InferenceBackend, StopReason } from './types.ts'

export interface LlamaInferenceOptions {
  readonly modelPath: string
  /** Tokens the context holds, prompt and output together (llama.cpp rounds small sizes up to 256). Default 512, Cortensor's `LLM_OPTION_CONTEXT_SIZE`. */
  readonly contextSize?: number
  /** Threads of the context. Default 1 (see llama-runtime.ts). */
  readonly threads?: number
  /** Cap on threads for the process's llama.cpp runtime. Default 1. */
  readonly maxThreads?: number
  /** How many recent output tokens the presence and frequency penalties look at. Default 64 (llama.cpp's). */
  readonly penaltyLastTokens?: number
}

export const DEFAULT_CONTEXT_SIZE = 512
export const DEFAULT_PENALTY_LAST_TOKENS = 64

interface Settings {
  readonly contextSize: number
  readonly threads: number
  readonly penaltyLastTokens: number
}

/** A loaded model and how many open contexts use it; the last one to close disposes it. */
interface SharedModel {
  readonly model: LlamaModel
  readonly path: string
  users: number
}

export class LlamaInference implements InferenceBackend {
  readonly id: string
  /** The context's real size (llama.cpp may round the requested size up). */
  readonly contextSize: number
  private readonly queue = new SerialQueue()
  private readonly completion: LlamaCompletion
  private readonly bosTokens: number
  private disposed = false

  private constructor(
    private readonly shared: SharedModel,
    private readonly context: LlamaContext,
    private readonly sequence: LlamaContextSequence,
    private readonly settings: Settings,
  ) {
    this.id = `llama:${basename(shared.path)}`
    this.contextSize = context.contextSize
    this.completion = new LlamaCompletion({ contextSequence: sequence })
    this.bosTokens = countBeginningTokens(shared.model)
  }

  /** Loads the GGUF at `options.modelPath` and opens one context on it. */
  static async load(options: LlamaInferenceOptions): Promise<LlamaInference> {
    const settings = resolveSettings(options)
    const maxThreads = options.maxThreads ?? DEFAULT_MAX_THREADS
    checkPositiveInteger('maxThreads', maxThreads)
    const model = await loadGgufModel(options.modelPath, maxThreads, (code, message, cause) => new InferenceError(code, message, options.modelPath, { cause }))
    const shared: SharedModel = { model, path: options.modelPath, users: 0 }
    try {
      return await LlamaInference.open(shared, settings)
    } catch (error) {
      await model.dispose()
      throw new InferenceError('ModelLoadFailed', `cannot create a context for ${options.modelPath}: ${String(error)}`, options.modelPath, { cause: error })
    }
  }

  private static async open(shared: SharedModel, settings: Settings): Promise<LlamaInference> {
    const context = await shared.model.createContext({ contextSize: settings.contextSize, threads: settings.threads })
    shared.users++
    return new LlamaInference(shared, context, context.getSequence(), settings)
  }

  /**
   * Another backend on the same loaded model, with its own context and queue: completions on the
   * two run independently (one per parallel task slot) without loading the model twice.
   */
  async openContext(): Promise<LlamaInference> {
    this.assertOpen()
    return LlamaInference.open(this.shared, this.settings)
  }

  /** Tokens the model reads for `prompt`, as `complete` counts them. */
  countPromptTokens(prompt: string): number {
    this.assertOpen()
    return this.tokenizePrompt(prompt).length + this.bosTokens
  }

  async complete(request: CompletionRequest, hooks: CompletionHooks = {}): Promise<CompletionResult> {
    this.assertOpen()
    assertValidRequest(request)
    return this.queue.run(() => this.generate(request, hooks))
  }

  async dispose(): Promise<void> {
    if (this.disposed) return
    this.disposed = true
    // Let a running completion finish before its context goes away.
    await this.queue.run(async () => {
      await this.context.dispose()
      this.shared.users--
      if (this.shared.users === 0) await this.shared.model.dispose()
    })
  }

  private async generate(request: CompletionRequest, hooks: CompletionHooks): Promise<CompletionResult> {
    this.assertOpen()
    const tokens = this.tokenizePrompt(request.prompt)
    const promptTokens = tokens.length + this.bosTokens
    if (promptTokens >= this.contextSize) {
      throw new InferenceError('PromptTooLong', `prompt of ${promptTokens} tokens leaves no room for output in a context of ${this.contextSize} tokens`, this.shared.path)
    }
    if (hooks.signal?.aborted === true) return { text: '', outputTokens: 0, promptTokens, inferenceMs: 0, stopReason: 'aborted' }
    await this.sequence.clearHistory()
    let outputTokens = 0
    const startMs = performance.now()
    const response = await this.completion.generateCompletionWithMeta(tokens, {
      ...buildSamplingOptions(request, this.settings.penaltyLastTokens),
      onToken: (chunk) => {
        outputTokens += chunk.length
      },
      ...(hooks.onTextChunk !== undefined ? { onTextChunk: hooks.onTextChunk } : {}),
      ...(hooks.signal !== undefined ? { signal: hooks.signal, stopOnAbortSignal: true } : {}),
      disableContextShift: true,
      // Only sizes the prompt fit here (context shifting is off): the whole context minus one token.
      contextShiftSize: 1,
    })
    const inferenceMs = performance.now() - startMs
    const stopReason = toStopReason(response.metadata.stopReason, outputTokens, request.maxTokens)
    return { text: response.response, outputTokens, promptTokens, inferenceMs, stopReason }
  }

  private tokenizePrompt(prompt: string): Token[] {
    return this.shared.model.tokenize(prompt, false, 'trimLeadingSpace')
  }

  private assertOpen(): void {
    if (this.disposed) throw new InferenceError('Disposed', `inference backend ${this.id} was disposed`, this.shared.path)
  }
}

/**
 * Every sampling option of node-llama-cpp's completion, set from the request (TigerStyle: no
 * library default decides an output). Options not listed are off by node-llama-cpp's contract:
 * XTC, token bias, grammar and custom stop triggers are unset; DRY is not applied by completions.
 */
export function buildSamplingOptions(request: CompletionRequest, penaltyLastTokens: number): LlamaCompletionGenerationOptions {
  return {
    maxTokens: request.maxTokens,
    temperature: request.temperature,
    topK: request.topK,
    topP: request.topP,
    minP: 0,
    seed: request.seed,
    trimWhitespaceSuffix: false,
    repeatPenalty: {
      lastTokens: penaltyLastTokens,
      // The multiplicative llama.cpp repeat penalty is not part of Cortensor's llmParams: neutral.
      penalty: 1,
      presencePenalty: request.presencePenalty ?? 0,
      frequencyPenalty: request.frequencyPenalty ?? 0,
      penalizeNewLine: false,
    },
  }
}

type LlamaStopReason = LlamaCompletionResponse['metadata']['stopReason']

/** node-llama-cpp's stop reason in our terms (exported for tests). */
export function toStopReason(reason: LlamaStopReason, outputTokens: number, maxTokens: number): StopReason {
  switch (reason) {
    case 'maxTokens':
      // With context shifting off, node-llama-cpp lowers maxTokens to the room left in the context.
      return outputTokens < maxTokens ? 'contextFull' : 'maxTokens'
    case 'abort':
      return 'aborted'
    case 'eogToken':
      return 'endOfText'
    // Only grammars and custom stop triggers produce these; neither is ever set here.
    case 'stopGenerationTrigger':
    case 'customStopTrigger':
      return 'endOfText'
    default:
      return assertNever(reason, 'node-llama-cpp stop reason')
  }
}

/** 1 when node-llama-cpp prepends a beginning-of-text token to this model's input, else 0 (its rule, restated). */
function countBeginningTokens(model: LlamaModel): number {
  const vocabulary = model.vocabularyType
  if (vocabulary === LlamaVocabularyType.rwkv || vocabulary === LlamaVocabularyType.ugm) return 0
  if (model.tokens.bos === null) return 0
  return vocabulary === LlamaVocabularyType.wpm || model.tokens.shouldPrependBosToken ? 1 : 0
}

function resolveSettings(options: LlamaInferenceOptions): Settings {
  const settings: Settings = {
    contextSize: options.contextSize ?? DEFAULT_CONTEXT_SIZE,
    threads: options.threads ?? 1,
    penaltyLastTokens: options.penaltyLastTokens ?? DEFAULT_PENALTY_LAST_TOKENS,
  }
  checkPositiveInteger('contextSize', settings.contextSize)
  checkPositiveInteger('threads', settings.threads)
  if (!Number.isSafeInteger(settings.penaltyLastTokens) || settings.penaltyLastTokens < 0) {
    throw new InferenceError('InvalidOptions', `penaltyLastTokens ${String(settings.penaltyLastTokens)} must be an integer ≥ 0`, options.modelPath)
  }
  return settings
}

function checkPositiveInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) throw new InferenceError('InvalidOptions', `${name} ${String(value)} must be an integer ≥ 1`)
}
