/**
 * The cheats that need no model: random words, and another miner's answer with small edits. Both
 * take a seeded `Rng` (protocol/core/rng.ts), so a calibration run is reproducible to the byte.
 */
import type { Rng } from '../../protocol/core/rng.ts'

const WHITESPACE = /\s+/u

/** The whitespace-separated words of `text`. */
export function splitWords(text: string): string[] {
  const trimmed = text.trim()
  return trimmed === '' ? [] : trimmed.split(WHITESPACE)
}

/**
 * `wordCount` words drawn uniformly (with replacement) from `vocabulary`, joined by spaces. The
 * caller passes the honest answer's word count, so length alone does not give the cheat away.
 */
export function makeRandomText(rng: Rng, wordCount: number, vocabulary: readonly string[]): string {
  if (!Number.isSafeInteger(wordCount) || wordCount < 0) throw new RangeError(`word count ${String(wordCount)} must be an integer ≥ 0`)
  if (vocabulary.length === 0) throw new RangeError('the vocabulary is empty')
  const words: string[] = []
  for (let i = 0; i < wordCount; i++) words.push(vocabulary[rng.nextInt(vocabulary.length)]!)
  return words.join(' ')
}

/**
 * `text` with small edits, as a copier would make to hide a copied answer: each word, with
 * probability `rate`, is either deleted or swapped with the word after it (even odds). A swapped
 * pair is not edited again. Rate 0 returns the words unchanged (re-joined by single spaces).
 */
export function makeCopyEdit(rng: Rng, text: string, rate: number): string {
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`edit rate ${String(rate)} must lie in [0, 1]`)
  const words = splitWords(text)
  const out: string[] = []
  for (let i = 0; i < words.length; i++) {
    // One draw per word visited (a swapped pair takes one), so the same seed gives the same edits.
    const u = rng.nextFloat()
    if (u >= rate) {
      out.push(words[i]!)
    } else if (u < rate / 2 || i + 1 === words.length) {
      continue // deleted (the last word has no neighbour to swap with)
    } else {
      out.push(words[i + 1]!, words[i]!)
      i++
    }
  }
  return out.join(' ')
}
