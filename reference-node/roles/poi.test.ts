// Goal: the oracle's PoI step gives one verdict per revealed text, in order: alike texts valid,
// an unrelated text an outlier, a text with nothing to embed an outlier with similarity 0 without
// blocking the others, and a mismatched corpus mean is reported. Method: the lexical embedder and
// a stub embedder returning chosen vectors.
import { describe, expect, it } from 'vitest'
import { computeSyntheticAddress } from '../../protocol/core/types.ts'
import { defaultParams } from '../../protocol/params/validate.ts'
import { LexicalEmbedder } from '../embedding/lexical.ts'
import type { Embedder } from '../embedding/types.ts'
import { judgeTexts } from './poi.ts'

const params = defaultParams()
const m = (i: number) => computeSyntheticAddress(0x3113e4, i)

function stub(vectors: number[][]): Embedder {
  return { id: 'stub', dimensions: vectors[0]!.length, embed: async () => vectors, dispose: async () => {} }
}

describe('judgeTexts', () => {
  it('marks alike texts valid and an unrelated one an outlier', async () => {
    const story = 'once upon a time there was a little girl named lily who loved the park'
    const verdicts = await judgeTexts(new LexicalEmbedder(), [
      { miner: m(1), text: story },
      { miner: m(2), text: story },
      { miner: m(3), text: 'quantum chromodynamics lattice gauge theory' },
    ], params)
    expect(verdicts.map((v) => [v.miner, v.verdict])).toEqual([
      [m(1), 'valid'],
      [m(2), 'valid'],
      [m(3), 'outlier'],
    ])
    expect(verdicts[0]!.similarity).toBeCloseTo(1, 12)
  })

  it('judges a text with nothing to embed an outlier at 0 and the rest among themselves', async () => {
    const verdicts = await judgeTexts(new LexicalEmbedder(), [
      { miner: m(1), text: 'the same answer' },
      { miner: m(2), text: '' },
      { miner: m(3), text: 'the same answer' },
    ], params)
    expect(verdicts).toEqual([
      { miner: m(1), verdict: 'valid', similarity: 1 },
      { miner: m(2), verdict: 'outlier', similarity: 0 },
      { miner: m(3), verdict: 'valid', similarity: expect.closeTo(1, 12) },
    ])
    expect(await judgeTexts(new LexicalEmbedder(), [{ miner: m(1), text: '' }], params)).toEqual([{ miner: m(1), verdict: 'outlier', similarity: 0 }])
    expect(await judgeTexts(new LexicalEmbedder(), [], params)).toEqual([])
  })

  it('treats non-finite vectors as unusable, centres on the corpus mean, and reports a bad mean', async () => {
    const verdicts = await judgeTexts(stub([[1, 0], [Number.NaN, 0], [0.9, 0.1]]), [
      { miner: m(1), text: 'a' },
      { miner: m(2), text: 'b' },
      { miner: m(3), text: 'c' },
    ], params)
    expect(verdicts.map((v) => v.verdict)).toEqual(['valid', 'outlier', 'valid'])
    // Centred on [1, 0], the first vector vanishes and the others point apart.
    const centred = await judgeTexts(stub([[1, 0], [1, 1], [1, -1]]), [
      { miner: m(1), text: 'a' },
      { miner: m(2), text: 'b' },
      { miner: m(3), text: 'c' },
    ], params, [1, 0])
    expect(centred[0]).toEqual({ miner: m(1), verdict: 'outlier', similarity: 0 })
    await expect(judgeTexts(stub([[1, 0], [0, 1]]), [{ miner: m(1), text: 'a' }, { miner: m(2), text: 'b' }], params, [1, 0, 0])).rejects.toThrow(/PoI refused/)
  })
})
