/**
 * Embeddings from a GGUF model through llama.cpp (`model.createEmbeddingContext`). With
 * stories260K this is a real but weak model: 64 dimensions, deterministic, and related text
 * scores only a little above unrelated text, so compare after mean-centring (vectors.ts).
 *
 * A text longer than the context is cut to its first tokens, as sentence-embedding libraries do,
 * so a long answer still gets a vector; an empty text gets the zero vector (llama.cpp has nothing
 * to evaluate). Texts are embedded one at a time through one queue: the context is one KV cache.
 */
import { basename } from 'node:path'
import type { LlamaEmbeddingContext, LlamaModel } from 'node-llama-cpp'
import { DEFAULT_MAX_THREADS, loadGgufModel } from '../inference/llama-runtime.ts'
import { SerialQueue } from '../inference/lock.ts'
import { EmbeddingError } from './errors.ts'
import { describeInvalidTexts, type Embedder } from './types.ts'
import { normalizeInPlace } from './vectors.ts'

export interface LlamaEmbedderOptions {
  readonly modelPath: string
  /** Tokens per text, including the special tokens the model adds. Default 512. */
  readonly contextSize?: number
  /** Threads of the embedding context. Default 1 (node-llama-cpp's own default here is 6). */
  readonly threads?: number
  /** Cap on threads for the process's llama.cpp runtime. Default 1. */
  readonly maxThreads?: number
}

export class LlamaEmbedder implements Embedder {
  readonly id: string
  readonly dimensions: number
  /** Most tokens of a text that are embedded; the rest is cut. */
  readonly maxTextTokens: number
  private readonly queue = new SerialQueue()
  private disposed = false

  private constructor(
    private readonly model: LlamaModel,
    private readonly context: LlamaEmbeddingContext,
    readonly modelPath: string,
    contextSize: number,
  ) {
    this.id = `llama:${basename(modelPath)}`
    this.dimensions = model.embeddingVectorSize
    // The model adds its own tokens (beginning, maybe end); llama.cpp needs the input below the context size.
    const probe = model.tokenize('a')
    const specialTokens = context.calculateInputLength([...probe]) - probe.length
    this.maxTextTokens = contextSize - 1 - specialTokens
  }

  static async load(options: LlamaEmbedderOptions): Promise<LlamaEmbedder> {
    const contextSize = options.contextSize ?? 512
    const threads = options.threads ?? 1
    const maxThreads = options.maxThreads ?? DEFAULT_MAX_THREADS
    for (const [name, value] of [['contextSize', contextSize], ['threads', threads], ['maxThreads', maxThreads]] as const) {
      if (!Number.isSafeInteger(value) || value < 1) throw new EmbeddingError('InvalidOptions', `${name} ${String(value)} must be an integer ≥ 1`, options.modelPath)
    }
    const model = await loadGgufModel(options.modelPath, maxThreads, (code, message, cause) => new EmbeddingError(code, message, options.modelPath, { cause }))
    try {
      const context = await model.createEmbeddingContext({ contextSize, threads })
      return new LlamaEmbedder(model, context, options.modelPath, contextSize)
    } catch (error) {
      await model.dispose()
      throw new EmbeddingError('ModelLoadFailed', `cannot create an embedding context for ${options.modelPath}: ${String(error)}`, options.modelPath, { cause: error })
    }
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    if (this.disposed) throw new EmbeddingError('Disposed', `embedder ${this.id} was disposed`, this.modelPath)
    const invalid = describeInvalidTexts(texts)
    if (invalid !== undefined) throw new EmbeddingError('InvalidInput', invalid)
    return this.queue.run(async () => {
      const vectors: number[][] = []
      for (const text of texts) vectors.push(await this.embedOne(text))
      return vectors
    })
  }

  async dispose(): Promise<void> {
    if (this.disposed) return
    this.disposed = true
    await this.queue.run(async () => {
      await this.context.dispose()
      await this.model.dispose()
    })
  }

  private async embedOne(text: string): Promise<number[]> {
    const tokens = this.model.tokenize(text).slice(0, this.maxTextTokens)
    if (tokens.length === 0) return new Array<number>(this.dimensions).fill(0)
    const embedding = await this.context.getEmbeddingFor(tokens)
    return normalizeInPlace([...embedding.vector])
  }
}
