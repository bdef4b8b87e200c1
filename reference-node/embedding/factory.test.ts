// Goal: createEmbedder builds the kind asked for with its options and refuses unknown kinds with
// a typed error. (The model-backed kinds are exercised end to end in llama.test.ts and
// transformers.test.ts.) Method: direct calls.
import { describe, expect, it } from 'vitest'
import { EmbeddingError } from './errors.ts'
import { createEmbedder, EMBEDDER_KINDS, type EmbedderSpec } from './factory.ts'
import * as embeddingApi from './index.ts'
import { LexicalEmbedder } from './lexical.ts'

describe('createEmbedder', () => {
  it('builds a lexical embedder with the given options', async () => {
    const embedder = await createEmbedder({ kind: 'lexical', dimensions: 64, charNgram: 4 })
    expect(embedder).toBeInstanceOf(LexicalEmbedder)
    expect(embedder.dimensions).toBe(64)
    expect(embedder.id).toBe(new LexicalEmbedder({ dimensions: 64, charNgram: 4 }).id)
  })

  it('refuses an unknown kind, naming the known ones', async () => {
    const error = await createEmbedder({ kind: 'word2vec' } as unknown as EmbedderSpec).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(EmbeddingError)
    expect(error).toMatchObject({ code: 'InvalidOptions' })
    for (const kind of EMBEDDER_KINDS) expect((error as Error).message).toContain(kind)
    await expect(createEmbedder(undefined as unknown as EmbedderSpec)).rejects.toMatchObject({ code: 'InvalidOptions' })
  })

  it('is exported, with every embedder, from the folder index', () => {
    expect(embeddingApi.createEmbedder).toBe(createEmbedder)
    for (const name of ['LexicalEmbedder', 'LlamaEmbedder', 'TransformersEmbedder', 'centreVectors', 'computeCorpusMean', 'EmbeddingError']) {
      expect(typeof (embeddingApi as Record<string, unknown>)[name]).toBe('function')
    }
  })
})
