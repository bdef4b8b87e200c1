/**
 * Explores a machine with seeded random walks and keeps the walks that cover something new (a
 * table row and target, or a rejection code), so a small set of vectors covers every transition
 * and every rejection the driver can provoke. Pure: the caller passes the seed.
 */
import { createCtx, type Ctx } from '../core/context.ts'
import { createChildRng, type Rng } from '../core/rng.ts'
import { defaultParams, withParam } from '../params/validate.ts'
import type { ParamPath, Params } from '../params/spec.ts'
import type { MachineDriver, ParamOverrides } from './driver.ts'
import { VECTOR_FORMAT, type Coverage, type Vector, type VectorStep } from './format.ts'

export interface ExploreOptions {
  readonly seed: number
  /** Walks per parameter variant. */
  readonly walks: number
  /** Maximum steps per walk. */
  readonly maxSteps: number
}

export interface ExploreResult<S, E, I> {
  readonly vectors: readonly Vector<S, E, I>[]
  readonly coverage: Coverage
}

export function paramsFromOverrides(overrides: ParamOverrides): Params {
  let p = defaultParams()
  for (const [path, value] of Object.entries(overrides)) p = withParam(p, path as ParamPath, value as number | bigint | string)
  return p
}

export function exploreMachine<S, E, I>(driver: MachineDriver<S, E, I>, options: ExploreOptions): ExploreResult<S, E, I> {
  const rows = new Set<string>()
  const rejections = new Set<string>()
  const vectors: Vector<S, E, I>[] = []
  driver.paramVariants.forEach((overrides, variant) => {
    const params = paramsFromOverrides(overrides)
    for (let walk = 0; walk < options.walks; walk++) {
      const rng = createChildRng(options.seed, driver.table.machine, variant, walk)
      const vector = walkOnce(driver, params, overrides, rng, options.maxSteps, `${driver.table.machine}-v${variant}-w${walk}`)
      if (addsCoverage(driver, vector, rows, rejections)) vectors.push(vector)
    }
  })
  return { vectors, coverage: { rows, rejections } }
}

function walkOnce<S, E, I>(
  driver: MachineDriver<S, E, I>,
  params: Params,
  overrides: ParamOverrides,
  rng: Rng,
  maxSteps: number,
  name: string,
): Vector<S, E, I> {
  let nowMs = 0
  const ctxAt = (t: number): Ctx => createCtx(t, rng, params)
  const input = driver.initialInput(rng, ctxAt(nowMs))
  const created = driver.create(input, ctxAt(nowMs))
  let state = created.state
  const steps: VectorStep<S, E>[] = []
  for (let i = 0; i < maxSteps; i++) {
    if (driver.table.terminal.includes(driver.statusOf(state))) break
    const times = driver.timeSteps(state, nowMs, ctxAt(nowMs))
    nowMs = Math.max(nowMs, times[rng.nextInt(times.length)]!)
    const candidates = driver.candidates(state, rng, ctxAt(nowMs))
    if (candidates.length === 0) break
    const event = candidates[rng.nextInt(candidates.length)]!
    const result = driver.transition(state, event, ctxAt(nowMs))
    if (result.ok) {
      steps.push({ nowMs, event, pre: state, expect: { ok: true, post: result.state, effects: result.effects } })
      state = result.state
    } else {
      steps.push({ nowMs, event, pre: state, expect: { ok: false, code: result.code } })
    }
  }
  return {
    format: VECTOR_FORMAT,
    machine: driver.table.machine,
    name,
    params: overrides as Record<string, number | bigint | string>,
    initial: { nowMs: 0, input, state: created.state, effects: created.effects },
    steps,
  }
}

function addsCoverage<S, E, I>(driver: MachineDriver<S, E, I>, vector: Vector<S, E, I>, rows: Set<string>, rejections: Set<string>): boolean {
  let added = false
  for (const step of vector.steps) {
    if (step.expect.ok) {
      const key = `${driver.statusOf(step.pre)}|${driver.eventTypeOf(step.event)}|${driver.statusOf(step.expect.post)}`
      if (!rows.has(key)) {
        rows.add(key)
        added = true
      }
    } else if (!rejections.has(step.expect.code)) {
      rejections.add(step.expect.code)
      added = true
    }
  }
  return added
}

/** Every (from, event, to) the table allows, as coverage keys. */
export function tableRowKeys(driver: MachineDriver<unknown, unknown, unknown>): string[] {
  return driver.table.rows.flatMap((r) => r.to.map((to) => `${r.from}|${r.event}|${to}`))
}
