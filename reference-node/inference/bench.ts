/**
 * Benchmark hook: raw inference speed for N prompts, with no protocol around it. The node
 * benchmark (bench/) runs the same prompts through a full miner and reports the protocol's overhead
 * as the ratio of the two; both numbers come from the same run, never from a stored baseline.
 *
 * Prompts run one after another on one context, as a miner serves them. Wall time covers the
 * whole call (tokenising, sampling, bookkeeping); `inferenceMs` sums what the backend reports.
 */
import { InferenceError } from './errors.ts'
import { LlamaInference, type LlamaInferenceOptions } from './llama.ts'
import { STORIES_260K_GGUF } from './model-files.ts'
import type { CompletionRequest, InferenceBackend } from './types.ts'

export interface RawInferenceBenchOptions {
  readonly prompts: readonly string[]
  readonly maxTokens: number
  /** Default 0 (greedy), so repeated runs do the same work. */
  readonly temperature?: number
  /** Default 1. */
  readonly seed?: number
  /** Untimed completions (the first prompt) before measuring, to warm caches. Default 1. */
  readonly warmupCount?: number
  /** Clock in ms; default `performance.now`. Tests pass a fake one. */
  readonly now?: () => number
}

export interface RawInferenceBenchResult {
  readonly backendId: string
  readonly promptCount: number
  readonly promptTokens: number
  readonly outputTokens: number
  readonly wallMs: number
  /** Sum of the backend's own `inferenceMs`. */
  readonly inferenceMs: number
  /** Output tokens per second of wall time. */
  readonly outputTokensPerSecond: number
  readonly medianPromptMs: number
}

/** Times `options.prompts` on `backend`, one after another. */
export async function measureRawInference(backend: InferenceBackend, options: RawInferenceBenchOptions): Promise<RawInferenceBenchResult> {
  if (options.prompts.length === 0) throw new InferenceError('InvalidOptions', 'the benchmark needs at least one prompt')
  const now = options.now ?? (() => performance.now())
  const request = (prompt: string): CompletionRequest => ({
    prompt,
    maxTokens: options.maxTokens,
    temperature: options.temperature ?? 0,
    topP: 1,
    topK: 0,
    seed: options.seed ?? 1,
  })
  for (let i = 0; i < (options.warmupCount ?? 1); i++) await backend.complete(request(options.prompts[0]!))
  const promptMs: number[] = []
  let promptTokens = 0
  let outputTokens = 0
  let inferenceMs = 0
  const startMs = now()
  for (const prompt of options.prompts) {
    const before = now()
    const result = await backend.complete(request(prompt))
    promptMs.push(now() - before)
    promptTokens += result.promptTokens
    outputTokens += result.outputTokens
    inferenceMs += result.inferenceMs
  }
  const wallMs = now() - startMs
  return {
    backendId: backend.id,
    promptCount: options.prompts.length,
    promptTokens,
    outputTokens,
    wallMs,
    inferenceMs,
    outputTokensPerSecond: wallMs > 0 ? (outputTokens * 1000) / wallMs : 0,
    medianPromptMs: computeMedian(promptMs),
  }
}

const SUBJECTS = ['a little girl', 'a small dog', 'a brave boy', 'an old cat', 'a happy bird', 'a big bear', 'a kind frog', 'a shy fish']
const PLACES = ['in the park', 'by the sea', 'in the forest', 'at school', 'in a garden', 'on a farm']

/** `count` distinct story prompts, the same on every run. */
export function createBenchPrompts(count: number): string[] {
  const prompts: string[] = []
  for (let i = 0; i < count; i++) {
    const round = Math.floor(i / (SUBJECTS.length * PLACES.length))
    const suffix = round === 0 ? '' : ` Day ${round + 1}.`
    prompts.push(`Once upon a time, ${SUBJECTS[i % SUBJECTS.length]!} lived ${PLACES[Math.floor(i / SUBJECTS.length) % PLACES.length]!}.${suffix}`)
  }
  return prompts
}

export interface LlamaBenchOptions extends Partial<Pick<LlamaInferenceOptions, 'contextSize' | 'threads' | 'maxThreads'>> {
  /** Default: models/stories260K/stories260K.gguf. */
  readonly modelPath?: string
  readonly promptCount: number
  readonly maxTokens: number
}

export interface LlamaBenchResult extends RawInferenceBenchResult {
  readonly loadMs: number
}

/** Loads a GGUF, times `promptCount` prompts of `createBenchPrompts`, and disposes the model. */
export async function benchmarkLlamaInference(options: LlamaBenchOptions): Promise<LlamaBenchResult> {
  const startMs = performance.now()
  const { promptCount, maxTokens, modelPath = STORIES_260K_GGUF, ...contextOptions } = options
  const backend = await LlamaInference.load({ modelPath, ...contextOptions })
  const loadMs = performance.now() - startMs
  try {
    return { ...(await measureRawInference(backend, { prompts: createBenchPrompts(promptCount), maxTokens })), loadMs }
  } finally {
    await backend.dispose()
  }
}

function computeMedian(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
