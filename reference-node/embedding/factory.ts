/**
 * One entry point for every embedder, chosen by `kind` (config files and CLI flags name it). The
 * model-backed kinds are imported on demand, so a lexical-only user never loads llama.cpp or
 * ONNX Runtime. Every failure is an `EmbeddingError` naming the kind and the model.
 */
import { EmbeddingError } from './errors.ts'
import { LexicalEmbedder, type LexicalEmbedderOptions } from './lexical.ts'
import type { LlamaEmbedderOptions } from './llama.ts'
import type { TransformersEmbedderOptions } from './transformers.ts'
import type { Embedder } from './types.ts'

export type EmbedderSpec =
  | ({ readonly kind: 'lexical' } & LexicalEmbedderOptions)
  | ({ readonly kind: 'llama' } & LlamaEmbedderOptions)
  | ({ readonly kind: 'transformers' } & TransformersEmbedderOptions)

export const EMBEDDER_KINDS = ['lexical', 'llama', 'transformers'] as const

export async function createEmbedder(spec: EmbedderSpec): Promise<Embedder> {
  const kind: unknown = spec?.kind
  switch (spec?.kind) {
    case 'lexical':
      return new LexicalEmbedder(spec)
    case 'llama': {
      const { LlamaEmbedder } = await import('./llama.ts')
      return LlamaEmbedder.load(spec)
    }
    case 'transformers': {
      const { TransformersEmbedder } = await import('./transformers.ts')
      return TransformersEmbedder.load(spec)
    }
    default:
      throw new EmbeddingError('InvalidOptions', `unknown embedder kind ${JSON.stringify(kind)}; expected one of ${EMBEDDER_KINDS.join(', ')}`)
  }
}
