// Goal: PoI verdicts on hand-built vectors (clear majority, two clusters, single result, identical
// vectors, the threshold boundary, mean centre, corpus-mean centring), every invalid-embedding
// rejection, order independence, and that the verdicts are accepted by the task machine as is.
// Method: vectors whose cosines are known exactly (e.g. (1,0) against (3,4) is 3/5); fast-check
// permutations of random vectors (ties included, since the tie-break is by address) compared
// miner by miner; a task driven to Committed and validated with the computed verdicts.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Address } from '../core/types.ts'
import { ORACLE, ctxAt, miner, paramsWith, precommitFor, salt } from '../testing/fixtures.ts'
import { createTask, transitionTask } from '../task/machine.ts'
import type { TaskEvent, TaskState } from '../task/types.ts'
import type { PoiInput, PoiOutcome } from './types.ts'
import { computePoiOutcome } from './validate.ts'

const params = paramsWith()

function outcome(vectors: readonly (readonly number[])[], quorum = 1, p = params, corpusMean?: readonly number[]): PoiOutcome {
  const r = computePoiOutcome({ results: vectors.map((vector, i) => ({ miner: miner(i + 1), vector })), quorum, corpusMean }, p)
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`)
  return r.outcome
}

const verdictsOf = (o: PoiOutcome): string[] => o.verdicts.map((v) => v.verdict)

describe('computePoiOutcome: verdicts', () => {
  it('accepts a clear majority and flags the outlier, centred on a majority medoid', () => {
    // (1, 0, 0) sits between (1, ±0.1, 0); (0, 0, 1) is orthogonal to all three.
    const o = outcome([[1, 0.1, 0], [1, 0, 0], [0, 0, 1], [1, -0.1, 0]], 2)
    expect(verdictsOf(o)).toEqual(['valid', 'valid', 'outlier', 'valid'])
    expect(o.centre).toEqual({ kind: 'medoid', index: 1, miner: miner(2) })
    expect(o.verdicts[1]!.similarity).toBe(1)
    expect(o.verdicts[0]!.similarity).toBeCloseTo(1 / Math.sqrt(1.01), 12)
    expect(o.verdicts[2]!.similarity).toBe(0)
    expect([o.validCount, o.consensus]).toEqual([3, true])
    expect(o.scores.map((s) => s.miner)).toEqual([1, 2, 3, 4].map(miner))
    expect(o.scores[2]!.score).toBe(Math.max(0, o.verdicts[2]!.similarity))
  })

  it('picks the larger of two clusters, and reports noConsensus (still judging all) when it is below quorum', () => {
    const vectors = [[0, 1], [1, 0], [0.02, 1], [1, 0.01], [1, 0.02]]
    expect(verdictsOf(outcome(vectors, 3))).toEqual(['outlier', 'valid', 'outlier', 'valid', 'valid'])
    const short = outcome(vectors, 4)
    expect([short.consensus, short.validCount, short.verdicts.length]).toEqual([false, 3, 5])
  })

  it('breaks an exact medoid tie by the lowest miner address, whatever the input order (two clusters of two)', () => {
    const a = [1, 0]
    const b = [0, 1]
    expect(verdictsOf(outcome([a, b, a, b]))).toEqual(['valid', 'outlier', 'valid', 'outlier'])
    expect(verdictsOf(outcome([b, a, b, a]))).toEqual(['valid', 'outlier', 'valid', 'outlier'])
    const shuffled = computePoiOutcome({ results: [3, 2, 1, 0].map((i) => ({ miner: miner(i + 1), vector: i % 2 === 0 ? a : b })), quorum: 1 }, params)
    expect(shuffled).toMatchObject({ ok: true, outcome: { centre: { kind: 'medoid', index: 3, miner: miner(1) } } })
  })

  it('judges a single result valid with similarity 1; consensus only for quorum 1', () => {
    expect(outcome([[0.3, -2, 5]], 1)).toMatchObject({ consensus: true, verdicts: [{ miner: miner(1), verdict: 'valid', similarity: 1 }] })
    expect(outcome([[0.3, -2, 5]], 2).consensus).toBe(false)
  })

  it('judges identical vectors all valid, with similarities within [-1, 1]', () => {
    const v = [0.1, 0.7, -0.3, 0.2]
    const o = outcome([v, v, v], 3)
    expect(verdictsOf(o)).toEqual(['valid', 'valid', 'valid'])
    for (const { similarity } of o.verdicts) {
      expect(similarity).toBeCloseTo(1, 12)
      expect(similarity).toBeLessThanOrEqual(1)
    }
  })

  it('counts a similarity exactly at the threshold as valid, and a hair below as an outlier', () => {
    const vectors = [[1, 0], [1, 0], [3, 4]] // cos((1,0), (3,4)) = 3/5
    expect(outcome(vectors, 1, paramsWith({ 'poi.cosineThreshold': 0.6 })).verdicts[2]).toEqual({ miner: miner(3), verdict: 'valid', similarity: 0.6 })
    expect(outcome(vectors, 1, paramsWith({ 'poi.cosineThreshold': 0.6000000000000001 })).verdicts[2]!.verdict).toBe('outlier')
  })

  it('uses the normalised mean as centre when poi.centre is mean, and the medoid when the mean vanishes', () => {
    const p = paramsWith({ 'poi.centre': 'mean' })
    const o = outcome([[1, 0], [0, 1], [1, 1]], 1, p)
    expect(o.centre).toEqual({ kind: 'mean' })
    expect(o.verdicts[2]!.similarity).toBeCloseTo(1, 12)
    expect(o.verdicts[0]!.similarity).toBeCloseTo(Math.SQRT1_2, 12)
    expect(outcome([[1, 0], [-1, 0]], 1, p).centre).toEqual({ kind: 'medoid', index: 0, miner: miner(1) })
  })

  it('separates an outlier that only corpus-mean centring reveals (tiny-model embeddings)', () => {
    const mean = [10, 10, 10, 10]
    const vectors = [[10.5, 10, 10, 10], [10.5, 10.02, 10, 10], [10.49, 10, 10.02, 10], [10, 10, 10, 10.5]]
    expect(verdictsOf(outcome(vectors))).toEqual(['valid', 'valid', 'valid', 'valid'])
    expect(verdictsOf(outcome(vectors, 1, params, mean))).toEqual(['valid', 'valid', 'valid', 'outlier'])
  })
})

describe('computePoiOutcome: invalid input', () => {
  const ok = [1, 0, 0]
  const cases: [string, PoiInput, string][] = [
    ['no results', { results: [], quorum: 1 }, 'MalformedEvent'],
    ['results not a list', { results: 'x' as never, quorum: 1 }, 'MalformedEvent'],
    ['quorum 0', { results: [{ miner: miner(1), vector: ok }], quorum: 0 }, 'MalformedEvent'],
    ['fractional quorum', { results: [{ miner: miner(1), vector: ok }], quorum: 1.5 }, 'MalformedEvent'],
    ['bad miner address', { results: [{ miner: 'm' as Address, vector: ok }], quorum: 1 }, 'MalformedEvent'],
    ['null result', { results: [null as never], quorum: 1 }, 'MalformedEvent'],
    ['duplicate miner', { results: [{ miner: miner(1), vector: ok }, { miner: miner(1), vector: ok }], quorum: 1 }, 'DuplicateMiner'],
    ['dimension mismatch', { results: [{ miner: miner(1), vector: ok }, { miner: miner(2), vector: [1, 0] }], quorum: 1 }, 'InvalidEmbedding'],
    ['empty vector', { results: [{ miner: miner(1), vector: [] }], quorum: 1 }, 'InvalidEmbedding'],
    ['vector not a list', { results: [{ miner: miner(1), vector: 'v' as never }], quorum: 1 }, 'InvalidEmbedding'],
    ['NaN entry', { results: [{ miner: miner(1), vector: [1, Number.NaN, 0] }], quorum: 1 }, 'InvalidEmbedding'],
    ['infinite entry', { results: [{ miner: miner(1), vector: [Number.POSITIVE_INFINITY, 0, 0] }], quorum: 1 }, 'InvalidEmbedding'],
    ['string entry', { results: [{ miner: miner(1), vector: ['1' as never, 0, 0] }], quorum: 1 }, 'InvalidEmbedding'],
    ['zero vector', { results: [{ miner: miner(1), vector: ok }, { miner: miner(2), vector: [0, 0, 0] }], quorum: 1 }, 'InvalidEmbedding'],
    ['overflowing norm', { results: [{ miner: miner(1), vector: [1e200, 1e200, 0] }], quorum: 1 }, 'InvalidEmbedding'],
    ['zero after centring', { results: [{ miner: miner(1), vector: ok }], quorum: 1, corpusMean: ok }, 'InvalidEmbedding'],
    ['corpus mean of another dimension', { results: [{ miner: miner(1), vector: ok }], quorum: 1, corpusMean: [0, 0] }, 'InvalidEmbedding'],
    ['non-finite corpus mean', { results: [{ miner: miner(1), vector: ok }], quorum: 1, corpusMean: [0, Number.NaN, 0] }, 'InvalidEmbedding'],
  ]
  for (const [name, input, code] of cases) {
    it(`rejects ${name} as ${code}`, () => {
      expect(computePoiOutcome(input, params)).toMatchObject({ ok: false, code })
    })
  }
})

describe('computePoiOutcome: determinism', () => {
  // Small integers make exact ties and cancelling means frequent; doubles cover the general case.
  const entry = fc.oneof(fc.integer({ min: -2, max: 2 }), fc.double({ min: -1, max: 1, noNaN: true }))
  const vectorSet = fc.integer({ min: 1, max: 6 }).chain((d) => fc.array(fc.array(entry, { minLength: d, maxLength: d }), { minLength: 1, maxLength: 7 }))

  function byMiner(o: ReturnType<typeof computePoiOutcome>): unknown {
    if (!o.ok) return o.code
    return Object.fromEntries(o.outcome.verdicts.map((v) => [v.miner, v]))
  }

  for (const centre of ['medoid', 'mean'] as const) {
    it(`gives every miner the same verdict and similarity under any input order (${centre}, property)`, () => {
      const p = paramsWith({ 'poi.centre': centre, 'poi.cosineThreshold': 0.3 })
      fc.assert(
        fc.property(vectorSet.chain((vs) => fc.tuple(fc.constant(vs), fc.shuffledSubarray(vs.map((_, i) => i), { minLength: vs.length }))), ([vectors, perm]) => {
          const results = vectors.map((vector, i) => ({ miner: miner(i + 1), vector }))
          const a = computePoiOutcome({ results, quorum: 2 }, p)
          const b = computePoiOutcome({ results: perm.map((i) => results[i]!), quorum: 2 }, p)
          expect(byMiner(b)).toEqual(byMiner(a))
        }),
        { seed: 99, numRuns: 300 },
      )
    })
  }
})

describe('PoI verdicts drive the task machine', () => {
  it('are accepted as a validate event and decide the task', () => {
    const miners = [miner(1), miner(2), miner(3)]
    const step = (t: TaskState, e: TaskEvent, now: number): TaskState => {
      const r = transitionTask(t, e, ctxAt(now, params))
      if (!r.ok) throw new Error(r.message)
      return r.state
    }
    let t = createTask({ sessionId: 1, taskId: 2, gid: 3, redundant: 3, modelId: 0, maxTokens: 8, escrow: 10n ** 18n, router: null }, ctxAt(0, params)).state
    t = step(t, { type: 'assign', actor: ORACLE, miners }, 1)
    for (const m of miners) t = step(t, { type: 'ack', actor: m }, 2)
    t = step(t, { type: 'endAck', actor: ORACLE }, 3)
    miners.forEach((m, i) => (t = step(t, { type: 'precommit', actor: m, hash: precommitFor(params, m, 1, 2, salt(i), `r${i}`) }, 4)))
    t = step(t, { type: 'endPrecommit', actor: ORACLE }, 5)
    miners.forEach((m, i) => (t = step(t, { type: 'commit', actor: m, result: `r${i}`, salt: salt(i), outputTokens: 3 }, 6)))
    t = step(t, { type: 'endCommit', actor: ORACLE }, 7)
    const poi = computePoiOutcome({ results: miners.map((m, i) => ({ miner: m, vector: i === 2 ? [0, 1] : [1, 0.01 * i] })), quorum: t.quorum }, params)
    if (!poi.ok) throw new Error(poi.message)
    t = step(t, { type: 'validate', actor: ORACLE, verdicts: poi.outcome.verdicts }, 8)
    expect(t.miners.map((s) => s.state)).toEqual(['Valid', 'Valid', 'Outlier'])
    expect(step(t, { type: 'end', actor: ORACLE, forceEnd: false }, 9).outcome).toMatchObject({ result: 'success', validMiners: [miner(1), miner(2)] })
  })
})
