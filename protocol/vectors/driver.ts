/**
 * A machine driver tells the vector explorer how to build an initial state, which events to try
 * in a given state (valid ones and deliberately bad ones), and how to apply them. Drivers live in
 * `drivers/`; the explorer is generic.
 */
import type { Ctx } from '../core/context.ts'
import type { Effect } from '../core/effects.ts'
import type { MachineTable } from '../core/machine.ts'
import type { Transition } from '../core/result.ts'
import type { Rng } from '../core/rng.ts'
import type { ParamPath } from '../params/spec.ts'

export type ParamOverrides = Readonly<Partial<Record<ParamPath, number | bigint | string>>>

export interface MachineDriver<S, E, I> {
  readonly table: MachineTable<string, string>
  /** Parameter variants to explore (the first is usually the defaults: `{}`). */
  readonly paramVariants: readonly ParamOverrides[]
  initialInput(rng: Rng, ctx: Ctx): I
  create(input: I, ctx: Ctx): { state: S; effects: readonly Effect[] }
  transition(state: S, event: E, ctx: Ctx): Transition<S>
  statusOf(state: S): string
  eventTypeOf(event: E): string
  /** Candidate events for `state` at `nowMs`: a mix of valid and invalid ones. */
  candidates(state: S, rng: Rng, ctx: Ctx): readonly E[]
  /** Interesting time steps from `nowMs` in `state` (e.g. just before and after a deadline). */
  timeSteps(state: S, nowMs: number, ctx: Ctx): readonly number[]
  /** Rejection codes this machine can produce (coverage target). */
  readonly reachableRejections: readonly string[]
}
