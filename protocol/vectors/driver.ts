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
  /**
   * Interesting times for the next event in `state` (e.g. just before and after a deadline). The
   * walk's clock never goes back: a time before `nowMs` is used only when `probesPastTimes` is set,
   * and then only for that one event (a probe of the machine's own clock checks).
   */
  timeSteps(state: S, nowMs: number, ctx: Ctx): readonly number[]
  /** The machine checks event times itself (e.g. the oracle set's `TimeWentBackwards`). */
  readonly probesPastTimes?: boolean
  /** Rejection codes this machine can produce (coverage target). */
  readonly reachableRejections: readonly string[]
}
