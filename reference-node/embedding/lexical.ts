/**
 * A lexical embedder in pure TypeScript: no model, no native code, the same vectors everywhere.
 *
 * Each text becomes a bag of features — its words, and (optionally) the character n-grams of each
 * word padded with `#` so prefixes and suffixes count ("#ca", "cat", "at#") — hashed into a fixed
 * number of buckets with a hashed sign (the "hashing trick": collisions cancel on average instead
 * of piling up). Feature weights are sublinear term frequencies, 1 + ln(count), with n-grams
 * scaled by `charNgramWeight`; the vector is L2-normalised. Similarity is word and spelling
 * overlap only — no meaning — which is what PoI needs to tell a copied or truncated answer from an
 * honest one when no embedding model is available (toolchain.md §4, fallback 2).
 *
 * Text is NFKC-normalised and lower-cased; words are runs of letters and digits (any script).
 */
import { hashLabel, mix32 } from '../../protocol/core/rng.ts'
import { EmbeddingError } from './errors.ts'
import { describeInvalidTexts, type Embedder } from './types.ts'
import { normalizeInPlace } from './vectors.ts'

export interface LexicalEmbedderOptions {
  /** Number of hash buckets. Default 384. */
  readonly dimensions?: number
  /** Length of character n-grams; 0 for words only. Default 3. */
  readonly charNgram?: number
  /** Weight of n-gram features relative to words. Default 0.5. */
  readonly charNgramWeight?: number
}

export const LEXICAL_DEFAULTS = { dimensions: 384, charNgram: 3, charNgramWeight: 0.5 } as const

const WORD_PATTERN = /[\p{L}\p{N}]+/gu

export class LexicalEmbedder implements Embedder {
  readonly id: string
  readonly dimensions: number
  readonly charNgram: number
  readonly charNgramWeight: number
  private disposed = false

  constructor(options: LexicalEmbedderOptions = {}) {
    this.dimensions = options.dimensions ?? LEXICAL_DEFAULTS.dimensions
    this.charNgram = options.charNgram ?? LEXICAL_DEFAULTS.charNgram
    this.charNgramWeight = options.charNgramWeight ?? LEXICAL_DEFAULTS.charNgramWeight
    if (!Number.isSafeInteger(this.dimensions) || this.dimensions < 1) throw new EmbeddingError('InvalidOptions', `dimensions ${String(this.dimensions)} must be an integer ≥ 1`)
    if (!Number.isSafeInteger(this.charNgram) || this.charNgram < 0) throw new EmbeddingError('InvalidOptions', `charNgram ${String(this.charNgram)} must be an integer ≥ 0`)
    if (!Number.isFinite(this.charNgramWeight) || this.charNgramWeight < 0) throw new EmbeddingError('InvalidOptions', `charNgramWeight ${String(this.charNgramWeight)} must be a finite number ≥ 0`)
    this.id = `lexical:v1:d${this.dimensions}:n${this.charNgram}:w${this.charNgramWeight}`
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    if (this.disposed) throw new EmbeddingError('Disposed', `embedder ${this.id} was disposed`)
    const invalid = describeInvalidTexts(texts)
    if (invalid !== undefined) throw new EmbeddingError('InvalidInput', invalid)
    return texts.map((text) => this.embedText(text))
  }

  /** The vector of one text (synchronous; for callers that embed in a loop). */
  embedText(text: string): number[] {
    const vector = new Array<number>(this.dimensions).fill(0)
    for (const [feature, count] of this.countFeatures(text)) {
      const weight = (1 + Math.log(count)) * (feature.charCodeAt(0) === 0x63 /* 'c' */ ? this.charNgramWeight : 1)
      const hash = hashLabel(feature)
      // The bucket and the sign come from independent mixes of the one hash.
      const sign = (mix32(hash) & 1) === 0 ? 1 : -1
      vector[hash % this.dimensions]! += sign * weight
    }
    return normalizeInPlace(vector)
  }

  async dispose(): Promise<void> {
    this.disposed = true
  }

  /** Feature → occurrences. Words are `w:<word>`, n-grams `c:<gram>`. */
  private countFeatures(text: string): Map<string, number> {
    const counts = new Map<string, number>()
    const add = (feature: string): void => {
      counts.set(feature, (counts.get(feature) ?? 0) + 1)
    }
    const n = this.charNgram
    for (const match of text.normalize('NFKC').toLowerCase().matchAll(WORD_PATTERN)) {
      const word = match[0]
      add(`w:${word}`)
      if (n === 0 || this.charNgramWeight === 0) continue
      const padded = `#${word}#`
      if (padded.length < n) add(`c:${padded}`)
      for (let i = 0; i + n <= padded.length; i++) add(`c:${padded.slice(i, i + n)}`)
    }
    return counts
  }
}
