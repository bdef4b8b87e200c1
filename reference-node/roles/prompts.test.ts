// Goal: what a miner feeds its model depends only on what the chain says (so honest miners agree),
// template rules hold, texts respect the contracts' byte limits without splitting characters, and
// completions always fit. Method: fixed inputs, fast-check properties over arbitrary strings.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { computeUtf8ByteLength } from '../../protocol/core/bytes.ts'
import { ROUND_DOMAINS, buildAnswerRequest, buildChallengeRequest, buildSubdomainRequest, buildTaskPrompt, cleanText, computeTaskSeed, encodeCompletion, pickRoundDomain, truncateUtf8 } from './prompts.ts'

describe('task prompts and seeds', () => {
  it('places the task data in the template', () => {
    expect(buildTaskPrompt({ taskData: 'hi', promptTemplate: '' })).toBe('hi')
    expect(buildTaskPrompt({ taskData: 'hi', promptTemplate: 'Say: {prompt}! {prompt}' })).toBe('Say: hi! hi')
    expect(buildTaskPrompt({ taskData: 'hi', promptTemplate: 'You are kind.' })).toBe('You are kind.\nhi')
  })

  it('derives one seed per task, the same for every miner, within 32 bits', () => {
    expect(computeTaskSeed(1, 2)).toBe(computeTaskSeed(1, 2))
    expect(computeTaskSeed(1, 2)).not.toBe(computeTaskSeed(1, 3))
    expect(computeTaskSeed(1, 2)).not.toBe(computeTaskSeed(2, 2))
    fc.assert(fc.property(fc.nat(), fc.nat(), (s, t) => Number.isInteger(computeTaskSeed(s, t)) && computeTaskSeed(s, t) >= 0 && computeTaskSeed(s, t) < 2 ** 32), { seed: 7, numRuns: 200 })
  })
})

describe('round prompts', () => {
  it('picks domains from the list, deterministically, and builds greedy requests', () => {
    const domains = new Set(Array.from({ length: 50 }, (_, i) => pickRoundDomain(i + 1)))
    for (const d of domains) expect(ROUND_DOMAINS).toContain(d)
    expect(domains.size).toBeGreaterThan(3)
    expect(pickRoundDomain(9)).toBe(pickRoundDomain(9))
    const requests = [buildSubdomainRequest(3, 'science', 8), buildChallengeRequest(3, 'science', 'physics', 1, 16), buildAnswerRequest(3, 'Why?', 0, 32)]
    expect(requests.map((r) => r.prompt)).toEqual(['A topic in science:', 'Question 2 about physics in science:', 'Q: Why?\nA:'])
    for (const r of requests) expect(r.temperature).toBe(0)
    expect(buildAnswerRequest(3, 'Why?', 0, 32).seed).not.toBe(buildAnswerRequest(3, 'Why?', 1, 32).seed)
  })
})

describe('byte limits', () => {
  it('cleans text onto one line within the limit, with a fallback for nothing', () => {
    expect(cleanText('  a\n b\t c ', 100, 'x')).toBe('a b c')
    expect(cleanText(' \n ', 100, 'fallback')).toBe('fallback')
    expect(cleanText('abcdef', 3, 'x')).toBe('abc')
    expect(truncateUtf8('é€😀', 4)).toBe('é')
    expect(truncateUtf8('é€😀', 5)).toBe('é€')
    expect(truncateUtf8('é€😀', 8)).toBe('é€')
    expect(truncateUtf8('é€😀', 9)).toBe('é€😀')
  })

  it('never exceeds the limit nor splits a character', () => {
    fc.assert(
      // One to four UTF-8 bytes per character, and lone surrogates (three bytes, as U+FFFD).
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', 'é', '€', '😀', '\ud800', '\udc00'), maxLength: 30 }), fc.nat({ max: 40 }), (text, max) => {
        const cut = truncateUtf8(text, max)
        // A surrogate pair is one character: never keep its first half without the second.
        const splitPair = /[\ud800-\udbff]$/.test(cut) && /^[\udc00-\udfff]/.test(text.slice(cut.length))
        return computeUtf8ByteLength(cut) <= max && text.startsWith(cut) && !splitPair
      }),
      { seed: 11, numRuns: 500 },
    )
  })

  it('encodes completions as a JSON array that fits', () => {
    expect(JSON.parse(encodeCompletion(['a', 'b'], 100))).toEqual(['a', 'b'])
    const long = encodeCompletion(['x'.repeat(500), 'y'.repeat(50)], 120)
    expect(computeUtf8ByteLength(long)).toBeLessThanOrEqual(120)
    expect(JSON.parse(long)).toHaveLength(2)
    expect(computeUtf8ByteLength(encodeCompletion(['', '', ''], 5))).toBeLessThanOrEqual(5)
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 5 }), fc.integer({ min: 40, max: 300 }), (answers, max) => computeUtf8ByteLength(encodeCompletion(answers, max)) <= max),
      { seed: 3, numRuns: 300 },
    )
  })
})
