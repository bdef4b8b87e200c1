/**
 * Embeddings with @huggingface/transformers (ONNX Runtime on CPU): the `feature-extraction`
 * pipeline with mean pooling over the attention mask, then L2 normalisation — the
 * sentence-transformers recipe.
 *
 * Offline by default. The model is a local folder (`config.json`, `tokenizer.json`,
 * `tokenizer_config.json`, `onnx/model.onnx`); remote models are forbidden unless the caller sets
 * `allowNetwork: true`, in which case `model` may also be a Hugging Face id, downloaded once into
 * `cacheDir`. transformers.js keeps these switches in one global `env`, so loads are serialised
 * and each sets every switch it relies on.
 *
 * ONNX Runtime runs with one thread, so sums happen in one order and vectors repeat exactly.
 */
import { existsSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import type { FeatureExtractionPipeline } from '@huggingface/transformers'
import { SerialQueue } from '../inference/lock.ts'
import { describeMissingModel, MODELS_DIR } from '../inference/model-files.ts'
import { EmbeddingError } from './errors.ts'
import { describeInvalidTexts, type Embedder } from './types.ts'

export interface TransformersEmbedderOptions {
  /** A local model folder; with `allowNetwork`, a Hugging Face model id also works. */
  readonly model: string
  /** Allow downloads from the Hugging Face hub. Default false: only local files are read. */
  readonly allowNetwork?: boolean
  /** Where downloads are cached when the network is allowed. Default models/.transformers-cache. */
  readonly cacheDir?: string
  /** Weights file variant: `fp32` reads onnx/model.onnx. Default fp32. */
  readonly dtype?: 'fp32' | 'fp16' | 'q8' | 'int8' | 'uint8' | 'q4'
  /** Texts per ONNX call (each call pads to its longest text). Default 32. */
  readonly batchSize?: number
}

/** transformers.js's `env` is global: one load at a time sets it and reads it. */
const envQueue = new SerialQueue()

export class TransformersEmbedder implements Embedder {
  readonly id: string
  private readonly queue = new SerialQueue()
  private disposed = false

  private constructor(
    private readonly extractor: FeatureExtractionPipeline,
    readonly dimensions: number,
    modelName: string,
    private readonly batchSize: number,
  ) {
    this.id = `transformers:${modelName}`
  }

  static async load(options: TransformersEmbedderOptions): Promise<TransformersEmbedder> {
    const batchSize = options.batchSize ?? 32
    if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new EmbeddingError('InvalidOptions', `batchSize ${String(batchSize)} must be an integer ≥ 1`)
    const source = resolveSource(options)
    let extractor: FeatureExtractionPipeline
    try {
      extractor = await envQueue.run(() => loadPipeline(source, options))
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      throw new EmbeddingError('ModelLoadFailed', `cannot load transformers model ${source.path ?? source.id}: ${reason}`, source.path, { cause: error })
    }
    // The width is whatever the model produces; one probe text tells it for any architecture.
    const probe = await runExtractor(extractor, ['dimension probe'])
    return new TransformersEmbedder(extractor, probe[0]!.length, source.path === undefined ? source.id : basename(source.path), batchSize)
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    if (this.disposed) throw new EmbeddingError('Disposed', `embedder ${this.id} was disposed`)
    const invalid = describeInvalidTexts(texts)
    if (invalid !== undefined) throw new EmbeddingError('InvalidInput', invalid)
    return this.queue.run(async () => {
      const vectors: number[][] = []
      for (let start = 0; start < texts.length; start += this.batchSize) {
        vectors.push(...(await runExtractor(this.extractor, texts.slice(start, start + this.batchSize))))
      }
      return vectors
    })
  }

  async dispose(): Promise<void> {
    if (this.disposed) return
    this.disposed = true
    await this.queue.run(() => this.extractor.dispose())
  }
}

interface ModelSource {
  /** The id transformers.js resolves (folder name under `localModelPath`, or a hub id). */
  readonly id: string
  /** The local folder, when the model is local. */
  readonly path?: string
}

function resolveSource(options: TransformersEmbedderOptions): ModelSource {
  const local = resolve(options.model)
  if (existsSync(local)) {
    const missing = describeMissingModel(join(local, 'config.json'), 'config.json of the transformers model')
    if (missing !== undefined) throw new EmbeddingError('ModelLoadFailed', `${local} is not a transformers model folder: ${missing}`, local)
    return { id: basename(local), path: local }
  }
  if (options.allowNetwork !== true) {
    const hint = describeMissingModel(local, 'transformers model folder', 'folder')
    throw new EmbeddingError('ModelNotFound', `${hint} The network is off (allowNetwork: false), so no hub model is fetched.`, local)
  }
  return { id: options.model }
}

async function loadPipeline(source: ModelSource, options: TransformersEmbedderOptions): Promise<FeatureExtractionPipeline> {
  const { env, pipeline } = await import('@huggingface/transformers')
  const allowNetwork = options.allowNetwork === true
  env.allowLocalModels = source.path !== undefined
  if (source.path !== undefined) env.localModelPath = `${dirname(source.path)}/`
  env.allowRemoteModels = allowNetwork
  env.useBrowserCache = false
  env.useFSCache = allowNetwork
  env.cacheDir = options.cacheDir ?? join(MODELS_DIR, '.transformers-cache')
  return pipeline('feature-extraction', source.id, {
    dtype: options.dtype ?? 'fp32',
    device: 'cpu',
    local_files_only: !allowNetwork,
    session_options: { intraOpNumThreads: 1, interOpNumThreads: 1 },
  })
}

async function runExtractor(extractor: FeatureExtractionPipeline, texts: readonly string[]): Promise<number[][]> {
  const output = await extractor([...texts], { pooling: 'mean', normalize: true })
  return output.tolist() as number[][]
}
