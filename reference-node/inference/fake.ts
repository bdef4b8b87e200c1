/**
 * FakeInference: a deterministic stand-in for an inference backend, for tests of the parts around
 * inference (miner role, router, benchmarks of protocol overhead) that need no real model. It is
 * NOT a language model: it strings together words from a fixed list, chosen by a seeded generator.
 *
 * It keeps the real backend's contract, so code tested against it behaves the same on llama.cpp:
 * requests are checked the same way; greedy requests (temperature 0) ignore the seed and sampled
 * ones depend on every sampling option; the same request always gives the same result, and a
 * different backend `id` gives different text (a stand-in for a different model). One word is one
 * token; the prompt costs one token per word plus a beginning-of-text token. `inferenceMs` is
 * simulated from `tokensPerSecond`, not measured, so results are reproducible to the bit.
 */
import { createChildRng, type Rng } from '../../protocol/core/rng.ts'
import { InferenceError } from './errors.ts'
import { assertValidRequest } from './request.ts'
import type { CompletionHooks, CompletionRequest, CompletionResult, InferenceBackend, StopReason } from './types.ts'

export interface FakeInferenceOptions {
  /** Default `fake`; the id seeds the text, so two ids answer differently. */
  readonly id?: string
  /** Simulated generation speed. Default 1000 tokens/s. */
  readonly tokensPerSecond?: number
  /** Prompt and output tokens together, like a real context. Default 512. */
  readonly contextSize?: number
}

const WORDS = [
  'once', 'upon', 'a', 'time', 'there', 'was', 'little', 'girl', 'named', 'lily', 'she', 'loved', 'to',
  'play', 'outside', 'in', 'the', 'park', 'one', 'day', 'saw', 'big', 'red', 'ball', 'wanted', 'with',
  'it', 'but', 'mom', 'said', 'happy', 'friend', 'tree', 'dog', 'sun', 'and', 'went', 'home', 'smiled',
] as const

/** Shortest and longest natural answer, in words, before `maxTokens` or the context cut it. */
const ANSWER_WORDS_MIN = 8
const ANSWER_WORDS_MAX = 64

export class FakeInference implements InferenceBackend {
  readonly id: string
  readonly tokensPerSecond: number
  readonly contextSize: number
  private disposed = false
  private completedCount = 0

  constructor(options: FakeInferenceOptions = {}) {
    this.id = options.id ?? 'fake'
    this.tokensPerSecond = options.tokensPerSecond ?? 1000
    this.contextSize = options.contextSize ?? 512
    if (!(this.tokensPerSecond > 0) || !Number.isFinite(this.tokensPerSecond)) {
      throw new InferenceError('InvalidOptions', `tokensPerSecond ${String(this.tokensPerSecond)} must be a finite number > 0`)
    }
    if (!Number.isSafeInteger(this.contextSize) || this.contextSize < 2) {
      throw new InferenceError('InvalidOptions', `contextSize ${String(this.contextSize)} must be an integer ≥ 2`)
    }
  }

  /** Completions answered so far. */
  get completed(): number {
    return this.completedCount
  }

  /** One token per whitespace-separated word, plus the beginning-of-text token. */
  countPromptTokens(prompt: string): number {
    const words = prompt.trim()
    return 1 + (words === '' ? 0 : words.split(/\s+/u).length)
  }

  async complete(request: CompletionRequest, hooks: CompletionHooks = {}): Promise<CompletionResult> {
    if (this.disposed) throw new InferenceError('Disposed', `inference backend ${this.id} was disposed`)
    assertValidRequest(request)
    const promptTokens = this.countPromptTokens(request.prompt)
    if (promptTokens >= this.contextSize) {
      throw new InferenceError('PromptTooLong', `prompt of ${promptTokens} tokens leaves no room for output in a context of ${this.contextSize} tokens`)
    }
    const rng = this.createAnswerRng(request)
    const naturalWords = ANSWER_WORDS_MIN + rng.nextInt(ANSWER_WORDS_MAX - ANSWER_WORDS_MIN + 1)
    const roomWords = this.contextSize - promptTokens
    const limit = Math.min(naturalWords, request.maxTokens, roomWords)
    let text = ''
    let outputTokens = 0
    let stopReason: StopReason = limit === naturalWords ? 'endOfText' : limit === request.maxTokens ? 'maxTokens' : 'contextFull'
    for (; outputTokens < limit; outputTokens++) {
      if (hooks.signal?.aborted === true) {
        stopReason = 'aborted'
        break
      }
      const chunk = ` ${WORDS[rng.nextInt(WORDS.length)]!}`
      text += chunk
      hooks.onTextChunk?.(chunk)
    }
    this.completedCount++
    return { text, outputTokens, promptTokens, inferenceMs: (outputTokens * 1000) / this.tokensPerSecond, stopReason }
  }

  async dispose(): Promise<void> {
    this.disposed = true
  }

  /** Greedy answers depend on the prompt only; sampled ones on every sampling option too. */
  private createAnswerRng(request: CompletionRequest): Rng {
    const sampling =
      request.temperature === 0
        ? 'greedy'
        : [request.seed, request.temperature, request.topP, request.topK, request.presencePenalty ?? 0, request.frequencyPenalty ?? 0].join('|')
    return createChildRng(0, this.id, request.prompt, sampling)
  }
}
