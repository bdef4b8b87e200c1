/** Inputs and outputs of Proof-of-Inference validation (§5). */
import type { Rejection } from '../core/result.ts'
import type { Address } from '../core/types.ts'
import type { PoiVerdict } from '../task/types.ts'

/** One revealed result, embedded by the network's single embedding model. */
export interface PoiResultInput {
  readonly miner: Address
  readonly vector: readonly number[]
}

export interface PoiInput {
  readonly results: readonly PoiResultInput[]
  /** Valid results needed for consensus (the task's quorum). */
  readonly quorum: number
  /**
   * Mean embedding of a reference corpus, subtracted from every vector before comparing. Tiny
   * models embed all text in one narrow cone (cosines of 0.93–0.96 for unrelated sentences, see
   * toolchain.md §3); centring removes the shared component so the threshold can separate.
   */
  readonly corpusMean?: readonly number[] | undefined
}

/** The centre every result was compared with. */
export type PoiCentre =
  /** The result with the highest summed similarity to the others (`index` into the input; exact ties → lowest miner address). */
  | { readonly kind: 'medoid'; readonly index: number; readonly miner: Address }
  /** The normalised mean of the unit vectors. */
  | { readonly kind: 'mean' }

/** Continuous correctness for reputation models: the similarity to the centre, floored at 0. */
export interface PoiScore {
  readonly miner: Address
  readonly score: number
}

export interface PoiOutcome {
  /** One verdict per result, in input order: ready to send as a task's `validate` event. */
  readonly verdicts: readonly PoiVerdict[]
  /** One score per result, in input order. */
  readonly scores: readonly PoiScore[]
  readonly validCount: number
  readonly quorum: number
  /** validCount ≥ quorum; when false the task ends with `noConsensus`, but every result is still judged. */
  readonly consensus: boolean
  readonly centre: PoiCentre
}

export type PoiResult = { readonly ok: true; readonly outcome: PoiOutcome } | Rejection
