// Goal: llama.cpp embeddings from stories260K are 64-dimensional unit vectors, repeat exactly,
// and rank related text above unrelated text (ordering only: the model separates weakly,
// toolchain.md §3); long and empty texts are handled; load failures are typed. Method: one
// embedder loaded through the factory for the file; comparisons raw and after mean-centring.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requireModelPath, STORIES_260K_GGUF } from '../inference/model-files.ts'
import { createEmbedder } from './factory.ts'
import { LlamaEmbedder } from './llama.ts'
import type { Embedder } from './types.ts'
import { centreVectors, computeCosine } from './vectors.ts'

const ANCHOR = 'little girl played with her red ball'
const PARAPHRASE = 'small girl playing with a ball'
const UNRELATED = ['the stock market fell sharply today', 'quantum computers use qubits', 'taxes are due in april']

let embedder: Embedder
let scratch: string

beforeAll(async () => {
  requireModelPath(STORIES_260K_GGUF, 'stories260K (the test model)')
  embedder = await createEmbedder({ kind: 'llama', modelPath: STORIES_260K_GGUF })
  scratch = mkdtempSync(join(tmpdir(), 'ctb-llama-emb-'))
})

afterAll(async () => {
  await embedder?.dispose()
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true })
})

describe('LlamaEmbedder on stories260K', () => {
  it('gives 64-dimensional unit vectors that repeat exactly, alone or in a batch', async () => {
    expect(embedder.dimensions).toBe(64)
    expect(embedder.id).toBe('llama:stories260K.gguf')
    const batch = await embedder.embed([ANCHOR, PARAPHRASE, ANCHOR])
    expect(batch.every((v) => v.length === 64)).toBe(true)
    expect(Math.hypot(...batch[0]!)).toBeCloseTo(1, 9)
    expect(batch[2]).toEqual(batch[0])
    expect((await embedder.embed([PARAPHRASE]))[0]).toEqual(batch[1])
  })

  it('ranks a paraphrase above unrelated sentences, raw and after centring', async () => {
    const vectors = await embedder.embed([ANCHOR, PARAPHRASE, ...UNRELATED])
    const rawParaphrase = computeCosine(vectors[0]!, vectors[1]!)
    for (let i = 2; i < vectors.length; i++) expect(rawParaphrase).toBeGreaterThan(computeCosine(vectors[0]!, vectors[i]!))
    const centred = centreVectors(vectors)
    const paraphrase = computeCosine(centred[0]!, centred[1]!)
    for (let i = 2; i < centred.length; i++) expect(paraphrase).toBeGreaterThan(computeCosine(centred[0]!, centred[i]!))
  })

  it('cuts a text longer than the context to its first tokens, and gives zero for empty text', async () => {
    const small = await LlamaEmbedder.load({ modelPath: STORIES_260K_GGUF, contextSize: 256 })
    try {
      expect(small.maxTextTokens).toBeLessThan(256)
      const long = 'the dog ran to the park and played. '.repeat(60)
      const [cut, longer, empty] = await small.embed([long, `${long} then it rained all day long`, ''])
      expect(cut).toHaveLength(64)
      expect(longer).toEqual(cut)
      expect(empty).toEqual(new Array(64).fill(0))
    } finally {
      await small.dispose()
    }
  })

  it('rejects bad input, bad options and work after dispose', async () => {
    await expect(embedder.embed([1 as unknown as string])).rejects.toMatchObject({ code: 'InvalidInput' })
    await expect(LlamaEmbedder.load({ modelPath: STORIES_260K_GGUF, contextSize: 0 })).rejects.toMatchObject({ code: 'InvalidOptions' })
    const other = await LlamaEmbedder.load({ modelPath: STORIES_260K_GGUF })
    await other.dispose()
    await other.dispose()
    await expect(other.embed(['x'])).rejects.toMatchObject({ code: 'Disposed' })
  })
})

describe('createEmbedder llama failures', () => {
  it('a missing model is ModelNotFound; a corrupt one ModelLoadFailed; both name the path', async () => {
    const absent = join(scratch, 'absent.gguf')
    const missing = await createEmbedder({ kind: 'llama', modelPath: absent }).catch((e: unknown) => e)
    expect(missing).toMatchObject({ name: 'EmbeddingError', code: 'ModelNotFound', path: absent })
    expect((missing as Error).message).toContain('models:pull')
    const corrupt = join(scratch, 'corrupt.gguf')
    writeFileSync(corrupt, 'GGUF but not really'.repeat(8))
    const failed = await createEmbedder({ kind: 'llama', modelPath: corrupt }).catch((e: unknown) => e)
    expect(failed).toMatchObject({ code: 'ModelLoadFailed', path: corrupt })
    expect((failed as Error).message).toContain(corrupt)
  })
})
