/**
 * The conformance-vector format (`ctb-vector/1`). A vector is a named sequence of steps from a
 * machine's initial state; each step records the time, the event, the state before, and either
 * the state after plus the effects, or the rejection code. Replayers:
 *  - TypeScript (reference node, simulator): start from `pre`, apply `event`, compare.
 *  - Solidity (forge tests): replay the events in order from a fresh deployment and compare the
 *    observable projection of `post`, or expect the custom error mapped from `code`.
 * Bigints are encoded as `{ "#bigint": "…" }` (core/json.ts).
 */
import type { Effect } from '../core/effects.ts'
import type { RejectionCode } from '../core/result.ts'

export const VECTOR_FORMAT = 'ctb-vector/1'

export interface VectorStep<S, E> {
  readonly nowMs: number
  readonly event: E
  readonly pre: S
  readonly expect:
    | { readonly ok: true; readonly post: S; readonly effects: readonly Effect[] }
    | { readonly ok: false; readonly code: RejectionCode }
}

export interface Vector<S, E, I> {
  readonly format: typeof VECTOR_FORMAT
  readonly machine: string
  readonly name: string
  /** Parameter overrides on top of the defaults (paths as in params/spec.ts). */
  readonly params: Readonly<Record<string, number | bigint | string>>
  /** How the initial state was made (machine-specific constructor input) and when. */
  readonly initial: { readonly nowMs: number; readonly input: I; readonly state: S; readonly effects: readonly Effect[] }
  readonly steps: readonly VectorStep<S, E>[]
}

/** What a set of vectors exercised: table rows (`from|event|to`) and rejection codes. */
export interface Coverage {
  readonly rows: ReadonlySet<string>
  readonly rejections: ReadonlySet<string>
}
