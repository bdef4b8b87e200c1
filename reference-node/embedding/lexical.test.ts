// Goal: the lexical embedder is a deterministic, model-free similarity on word and spelling
// overlap: identical text → cosine 1, disjoint vocabulary → about 0, more overlap → higher.
// Method: fast-check properties (fixed seeds) over generated word lists, plus targeted cases for
// normalisation, term-frequency weighting, the n-gram switch and the error paths.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EmbeddingError } from './errors.ts'
import { LexicalEmbedder } from './lexical.ts'
import { computeCosine } from './vectors.ts'

const embedder = new LexicalEmbedder()
const wordOf = (letters: string): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...letters.split('')), minLength: 3, maxLength: 8 })
const textOf = (letters: string): fc.Arbitrary<string> => fc.array(wordOf(letters), { minLength: 3, maxLength: 12 }).map((w) => w.join(' '))
const norm = (v: readonly number[]): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0))

describe('LexicalEmbedder properties', () => {
  it('identical text gives cosine 1 and the same vector in another instance', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }).filter((t) => /[\p{L}\p{N}]/u.test(t)), (text) => {
        const a = embedder.embedText(text)
        expect(new LexicalEmbedder().embedText(text)).toEqual(a)
        expect(computeCosine(a, embedder.embedText(text))).toBeCloseTo(1, 12)
        expect(norm(a)).toBeCloseTo(1, 12)
      }),
      { seed: 384, numRuns: 200 },
    )
  })

  it('texts with disjoint vocabularies (and letters) are nearly orthogonal', () => {
    const cosines: number[] = []
    fc.assert(
      fc.property(textOf('abcdefghijklm'), textOf('nopqrstuvwxyz'), (left, right) => {
        const cosine = computeCosine(embedder.embedText(left), embedder.embedText(right))
        cosines.push(Math.abs(cosine))
        expect(Math.abs(cosine)).toBeLessThan(0.4)
      }),
      { seed: 7, numRuns: 200 },
    )
    // Collisions in 384 buckets leave small residues that average out near zero.
    expect(cosines.reduce((s, c) => s + c, 0) / cosines.length).toBeLessThan(0.1)
  })

  it('adding shared words raises the similarity', () => {
    fc.assert(
      fc.property(textOf('abcdefghijklm'), textOf('nopqrstuvwxyz'), textOf('abcdefghijklmnopqrstuvwxyz'), (left, right, shared) => {
        const apart = computeCosine(embedder.embedText(left), embedder.embedText(right))
        const together = computeCosine(embedder.embedText(`${left} ${shared}`), embedder.embedText(`${right} ${shared}`))
        expect(together).toBeGreaterThan(apart)
      }),
      { seed: 21, numRuns: 100 },
    )
  })
})

describe('LexicalEmbedder cases', () => {
  it('ignores case, punctuation and word order', () => {
    const a = embedder.embedText('Hello, World! The cat sat.')
    expect(computeCosine(a, embedder.embedText('sat cat the world hello'))).toBeCloseTo(1, 12)
  })

  it('ranks a paraphrase above an unrelated sentence', async () => {
    const [anchor, paraphrase, unrelated] = await embedder.embed(['little girl played with her red ball', 'small girl playing with a ball', 'the stock market fell sharply'])
    expect(computeCosine(anchor!, paraphrase!)).toBeGreaterThan(computeCosine(anchor!, unrelated!) + 0.2)
  })

  it('weights repeated words sublinearly', () => {
    const once = embedder.embedText('cat dog')
    const thrice = embedder.embedText('cat cat cat dog')
    const dogOnly = embedder.embedText('dog')
    expect(computeCosine(once, thrice)).toBeLessThan(0.999)
    // Raw counts would make "cat" 3× "dog"; 1 + ln 3 ≈ 2.1 keeps dog's share larger than that.
    expect(computeCosine(thrice, dogOnly)).toBeGreaterThan(1 / Math.sqrt(1 + 9) - 0.05)
  })

  it('n-grams link word forms; words-only mode does not', () => {
    const words = new LexicalEmbedder({ charNgram: 0 })
    expect(words.id).not.toBe(embedder.id)
    expect(Math.abs(computeCosine(words.embedText('playing'), words.embedText('played')))).toBeLessThan(0.2)
    // Shared grams #pl, pla, lay at weight 0.5: 0.75 / √(2.75 · 2.5) ≈ 0.29 before collisions.
    expect(computeCosine(embedder.embedText('playing'), embedder.embedText('played'))).toBeGreaterThan(0.2)
    expect(new LexicalEmbedder({ charNgramWeight: 0 }).embedText('a b')).toEqual(new LexicalEmbedder({ charNgram: 0 }).embedText('a b'))
  })

  it('embeds a word shorter than the n-gram as one padded gram', () => {
    const five = new LexicalEmbedder({ charNgram: 5, charNgramWeight: 1 })
    const vector = five.embedText('a')
    expect(vector.filter((x) => x !== 0).length).toBeGreaterThan(0)
    expect(vector.filter((x) => x !== 0).length).toBeLessThanOrEqual(2)
  })

  it('gives the zero vector for text without words, and the configured width', async () => {
    expect(embedder.embedText(' ,.! ')).toEqual(new Array(384).fill(0))
    const small = new LexicalEmbedder({ dimensions: 16 })
    const [v] = await small.embed(['some words here'])
    expect(v).toHaveLength(16)
    expect(small.dimensions).toBe(16)
  })

  it('rejects bad options, bad input and work after dispose', async () => {
    expect(() => new LexicalEmbedder({ dimensions: 0 })).toThrow(EmbeddingError)
    expect(() => new LexicalEmbedder({ charNgram: -1 })).toThrow(/charNgram/)
    expect(() => new LexicalEmbedder({ charNgramWeight: Number.NaN })).toThrow(/charNgramWeight/)
    const local = new LexicalEmbedder()
    await expect(local.embed(['ok', 3 as unknown as string])).rejects.toMatchObject({ code: 'InvalidInput' })
    await expect(local.embed('text' as unknown as string[])).rejects.toMatchObject({ code: 'InvalidInput' })
    await local.dispose()
    await expect(local.embed(['x'])).rejects.toMatchObject({ code: 'Disposed' })
  })
})
