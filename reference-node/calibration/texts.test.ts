// Goal: the model-free cheats are what they claim — random text has the requested length and only
// vocabulary words; copy edits delete and swap words at the given rate; both repeat for a seed and
// refuse bad arguments. Method: fixed-seed streams, hand-checked small cases, and a fast-check
// property that every edit keeps the multiset of kept words a sub-multiset of the original.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRng } from '../../protocol/core/rng.ts'
import { CALIBRATION_PROMPTS, RANDOM_VOCABULARY } from './prompts.ts'
import { makeCopyEdit, makeRandomText, splitWords } from './texts.ts'

describe('splitWords', () => {
  it('splits on any whitespace and ignores the ends', () => {
    expect(splitWords('  a  big\n\tdog ')).toEqual(['a', 'big', 'dog'])
    expect(splitWords(' \n ')).toEqual([])
  })
})

describe('makeRandomText', () => {
  it('draws the requested number of vocabulary words, the same for a seed', () => {
    const text = makeRandomText(createRng(5), 30, RANDOM_VOCABULARY)
    const words = splitWords(text)
    expect(words).toHaveLength(30)
    expect(words.every((w) => RANDOM_VOCABULARY.includes(w))).toBe(true)
    expect(makeRandomText(createRng(5), 30, RANDOM_VOCABULARY)).toBe(text)
    expect(makeRandomText(createRng(6), 30, RANDOM_VOCABULARY)).not.toBe(text)
    expect(makeRandomText(createRng(5), 0, RANDOM_VOCABULARY)).toBe('')
  })

  it('refuses a bad length or an empty vocabulary', () => {
    expect(() => makeRandomText(createRng(1), -1, RANDOM_VOCABULARY)).toThrow(/word count -1/)
    expect(() => makeRandomText(createRng(1), 2.5, RANDOM_VOCABULARY)).toThrow(/word count 2.5/)
    expect(() => makeRandomText(createRng(1), 3, [])).toThrow(/vocabulary is empty/)
  })
})

describe('makeCopyEdit', () => {
  const source = 'one two three four five six seven eight nine ten'

  it('keeps the words at rate 0 and edits every visited word at rate 1', () => {
    expect(makeCopyEdit(createRng(1), ' one  two\nthree ', 0)).toBe('one two three')
    // Every word is deleted or swapped, so no two neighbours of the source follow each other in order.
    const next = new Map(splitWords(source).map((w, i, ws) => [w, ws[i + 1]]))
    for (const seed of [1, 2, 3, 4, 5]) {
      const words = splitWords(makeCopyEdit(createRng(seed), source, 1))
      expect(words.length).toBeLessThanOrEqual(10)
      for (let i = 0; i + 1 < words.length; i++) expect(next.get(words[i]!)).not.toBe(words[i + 1])
    }
  })

  it('swaps neighbours or deletes words, repeatably for a seed', () => {
    const edited = makeCopyEdit(createRng(11), source, 0.5)
    expect(makeCopyEdit(createRng(11), source, 0.5)).toBe(edited)
    expect(edited).not.toBe(source)
  })

  it('only removes or reorders words: the result is a sub-multiset of the original', () => {
    const words = fc.array(fc.constantFrom(...RANDOM_VOCABULARY), { maxLength: 60 })
    fc.assert(
      fc.property(words, fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 1000 }), (ws, rate, seed) => {
        const counts = new Map<string, number>()
        for (const w of ws) counts.set(w, (counts.get(w) ?? 0) + 1)
        for (const w of splitWords(makeCopyEdit(createRng(seed), ws.join(' '), rate))) {
          const left = (counts.get(w) ?? 0) - 1
          expect(left).toBeGreaterThanOrEqual(0)
          counts.set(w, left)
        }
      }),
      { seed: 31, numRuns: 200 },
    )
  })

  it('edits about `rate` of the words over a long text', () => {
    const long = CALIBRATION_PROMPTS.join(' ')
    const n = splitWords(long).length
    const kept = splitWords(makeCopyEdit(createRng(2), long, 0.2)).length
    // Deletions are half the edits, so about 10% of the words disappear.
    expect(Math.abs((n - kept) / n - 0.1)).toBeLessThan(0.04)
  })

  it('refuses a rate outside [0, 1]', () => {
    expect(() => makeCopyEdit(createRng(1), source, 1.1)).toThrow(/edit rate 1.1/)
    expect(() => makeCopyEdit(createRng(1), source, Number.NaN)).toThrow(/edit rate NaN/)
  })
})
