/**
 * Test-only inference backends for dishonest miners. `LazyInference` answers round work honestly
 * (so it reaches the pool) but returns junk for user tasks: the cheap strategy PoI must catch.
 */
import { FakeInference } from '../../inference/fake.ts'
import type { CompletionHooks, CompletionRequest, CompletionResult, InferenceBackend } from '../../inference/types.ts'

/** Round prompts start like this (prompts.ts); anything else is a user task. */
const ROUND_PROMPT = /^(A topic in |Question \d+ about |Q: )/u

export class LazyInference implements InferenceBackend {
  readonly id = 'lazy'
  private readonly honest = new FakeInference()

  constructor(private readonly junk = '') {}

  complete(request: CompletionRequest, hooks?: CompletionHooks): Promise<CompletionResult> {
    if (ROUND_PROMPT.test(request.prompt)) return this.honest.complete(request, hooks)
    return Promise.resolve({ text: this.junk, outputTokens: 1, promptTokens: 1, inferenceMs: 0, stopReason: 'endOfText' })
  }

  dispose(): Promise<void> {
    return this.honest.dispose()
  }
}
