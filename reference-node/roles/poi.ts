/**
 * The oracle's Proof-of-Inference step: embed the revealed texts with the configured embedder and
 * judge them with `computePoiOutcome`, which decides every verdict.
 *
 * One case the protocol leaves to the host: a text with nothing to embed (empty, no words) gives
 * the zero vector, which `computePoiOutcome` refuses for the whole batch (`InvalidEmbedding`)
 * rather than compare. A miner revealing such junk must not be able to block validation of the
 * others, so its result is judged an outlier with similarity 0, and the rest are judged among
 * themselves.
 */
import type { Address } from '../../protocol/core/types.ts'
import type { Params } from '../../protocol/params/spec.ts'
import { computePoiOutcome } from '../../protocol/poi/validate.ts'
import type { PoiVerdict } from '../../protocol/task/types.ts'
import type { Embedder } from '../embedding/types.ts'

export interface RevealedText {
  readonly miner: Address
  readonly text: string
}

/** Verdicts for `results`, in their order, ready for a `validate` event. */
export async function judgeTexts(embedder: Embedder, results: readonly RevealedText[], params: Params, corpusMean?: readonly number[]): Promise<PoiVerdict[]> {
  if (results.length === 0) return []
  const vectors = await embedder.embed(results.map((r) => r.text))
  const usable: number[] = []
  for (let i = 0; i < results.length; i++) if (isUsable(vectors[i]!, corpusMean)) usable.push(i)
  const verdicts: PoiVerdict[] = results.map((r) => ({ miner: r.miner, verdict: 'outlier', similarity: 0 }))
  if (usable.length === 0) return verdicts
  // The quorum only sets `consensus`, which the task machine decides for itself at the end.
  const outcome = computePoiOutcome({ results: usable.map((i) => ({ miner: results[i]!.miner, vector: vectors[i]! })), quorum: 1, corpusMean }, params)
  if (!outcome.ok) throw new Error(`PoI refused the embeddings of ${embedder.id}: ${outcome.code} ${outcome.message}`)
  outcome.outcome.verdicts.forEach((v, k) => (verdicts[usable[k]!] = v))
  return verdicts
}

/** Finite, and not the zero vector (after subtracting the corpus mean, when there is one). */
function isUsable(vector: readonly number[], corpusMean: readonly number[] | undefined): boolean {
  let normSquared = 0
  for (let k = 0; k < vector.length; k++) {
    const x = vector[k]! - (corpusMean?.[k] ?? 0)
    if (!Number.isFinite(x)) return false
    normSquared += x * x
  }
  return normSquared > 0 && Number.isFinite(normSquared)
}
