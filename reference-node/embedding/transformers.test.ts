// Goal: the transformers.js embedder works fully offline from a local folder: mean-pooled,
// normalised vectors that repeat exactly and follow lexical overlap; it never touches the
// network unless allowed; load failures are typed. Method: a tiny ONNX model generated at run time
// (a Gather over a seeded random table, toolchain.md §4) with the shared BERT tokenizer, in a
// temp folder; `globalThis.fetch` replaced by a function that throws and counts its calls.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DISTILBERT_TOKENIZER_DIR, requireModelPath } from '../inference/model-files.ts'
import { createEmbedder } from './factory.ts'
import { encodeGatherModel, writeGatherModel } from './testing/gather-model.ts'
import { TransformersEmbedder } from './transformers.ts'
import type { Embedder } from './types.ts'
import { computeCosine } from './vectors.ts'

const realFetch = globalThis.fetch
let fetchCalls = 0
let scratch: string
let modelDir: string
let embedder: Embedder

beforeAll(async () => {
  requireModelPath(DISTILBERT_TOKENIZER_DIR, 'the shared BERT tokenizer', 'folder')
  globalThis.fetch = (async () => {
    fetchCalls++
    throw new Error('network access is forbidden in this test')
  }) as typeof fetch
  scratch = mkdtempSync(join(tmpdir(), 'ctb-transformers-'))
  modelDir = writeGatherModel({ parentDir: scratch, modelId: 'gather32', tokenizerDir: DISTILBERT_TOKENIZER_DIR, dimensions: 32, seed: 5 })
  embedder = await createEmbedder({ kind: 'transformers', model: modelDir })
})

afterAll(async () => {
  await embedder?.dispose()
  globalThis.fetch = realFetch
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true })
})

describe('TransformersEmbedder offline', () => {
  it('loads from the local folder without any network call', () => {
    expect(embedder.dimensions).toBe(32)
    expect(embedder.id).toBe('transformers:gather32')
    expect(fetchCalls).toBe(0)
  })

  it('gives unit vectors that repeat exactly, whatever the batching', async () => {
    const texts = ['the cat sat', 'a dog ran home', 'the cat sat', 'birds sing', 'one more text']
    const all = await embedder.embed(texts)
    expect(all).toHaveLength(5)
    expect(all.every((v) => v.length === 32 && Math.abs(Math.hypot(...v) - 1) < 1e-5)).toBe(true)
    expect(all[2]).toEqual(all[0])
    const small = await TransformersEmbedder.load({ model: modelDir, batchSize: 2 })
    try {
      const batched = await small.embed(texts)
      for (let i = 0; i < texts.length; i++) expect(computeCosine(batched[i]!, all[i]!)).toBeCloseTo(1, 5)
    } finally {
      await small.dispose()
    }
    expect(await embedder.embed([])).toEqual([])
  })

  it('ranks shared-token text above unrelated text (lexical only: the table is random)', async () => {
    const [anchor, related, unrelated] = await embedder.embed(['little girl played with her red ball', 'small girl playing with a ball', 'the stock market fell sharply'])
    expect(computeCosine(anchor!, related!)).toBeGreaterThan(computeCosine(anchor!, unrelated!))
    expect(fetchCalls).toBe(0)
  })

  it('the fixture is reproducible: same seed, same bytes; another seed, other bytes', () => {
    const a = encodeGatherModel(50, 4, 9)
    expect(encodeGatherModel(50, 4, 9)).toEqual(a)
    expect(encodeGatherModel(50, 4, 10)).not.toEqual(a)
  })
})

describe('TransformersEmbedder failures', () => {
  it('a missing folder is ModelNotFound and says the network is off', async () => {
    const absent = join(scratch, 'no-such-model')
    const error = await createEmbedder({ kind: 'transformers', model: absent }).catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'EmbeddingError', code: 'ModelNotFound', path: absent })
    expect((error as Error).message).toMatch(/network is off/)
    expect(fetchCalls).toBe(0)
  })

  it('a folder without config.json, or with a corrupt ONNX file, is ModelLoadFailed', async () => {
    const empty = join(scratch, 'empty-model')
    mkdirSync(empty)
    await expect(createEmbedder({ kind: 'transformers', model: empty })).rejects.toMatchObject({ code: 'ModelLoadFailed', path: empty })
    const broken = writeGatherModel({ parentDir: scratch, modelId: 'broken', tokenizerDir: DISTILBERT_TOKENIZER_DIR, vocabSize: 100, dimensions: 4 })
    writeFileSync(join(broken, 'onnx', 'model.onnx'), 'not an onnx graph')
    const error = await createEmbedder({ kind: 'transformers', model: broken }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'ModelLoadFailed', path: broken })
    expect((error as Error).message).toContain(broken)
    expect(fetchCalls).toBe(0)
  })

  it('with the network allowed, an unknown id is tried remotely and fails to load', async () => {
    const error = await createEmbedder({ kind: 'transformers', model: 'nobody/no-such-model-xyz', allowNetwork: true, cacheDir: join(scratch, 'cache') }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'ModelLoadFailed' })
    expect(fetchCalls).toBeGreaterThan(0)
  })

  it('rejects bad options, bad input and work after dispose', async () => {
    await expect(TransformersEmbedder.load({ model: modelDir, batchSize: 0 })).rejects.toMatchObject({ code: 'InvalidOptions' })
    await expect(embedder.embed([null as unknown as string])).rejects.toMatchObject({ code: 'InvalidInput' })
    const other = await TransformersEmbedder.load({ model: modelDir })
    await other.dispose()
    await other.dispose()
    await expect(other.embed(['x'])).rejects.toMatchObject({ code: 'Disposed' })
  })
})
