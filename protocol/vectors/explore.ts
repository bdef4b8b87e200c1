/**
 * Explores a machine with seeded random walks and keeps the walks that cover something new (a
 * table row and target, or a rejection code), so a small set of vectors covers every transition
 * and every rejection the driver can provoke. Pure: the caller passes the seed.
 */
import { createCtx, type Ctx } from '../core/context.ts'
import { createChildRng, type Rng } from '../core/rng.ts'
import { defaultParams, formatParamErrors, validateParams, withParam } from '../params/validate.ts'
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

/**
 * The defaults with `overrides` applied, validated: a vector made under parameters the catalog
 * forbids would describe a network nobody can deploy, so an invalid variant is a driver bug.
 */
export function paramsFromOverrides(overrides: ParamOverrides): Params {
  let p = defaultParams()
  for (const [path, value] of Object.entries(overrides)) p = withParam(p, path as ParamPath, value as number | bigint | string)
  const checked = validateParams(p)
  if (!checked.ok) throw new RangeError(`invalid vector parameters: ${formatParamErrors(checked.errors)}`)
  return checked.params
}

/**
 * Walks every parameter variant `options.walks` times. A walk is kept when it covers something new
 * *for its variant*, so each enum alternative gets its own covering set (a contract configured
 * with `plain` commits is tested on `plain` vectors); the coverage returned is the union.
 */
export function exploreMachine<S, E, I>(driver: MachineDriver<S, E, I>, options: ExploreOptions): ExploreResult<S, E, I> {
  const rows = new Set<string>()
  const rejections = new Set<string>()
  const vectors: Vector<S, E, I>[] = []
  driver.paramVariants.forEach((overrides, variant) => {
    const params = paramsFromOverrides(overrides)
    const variantRows = new Set<string>()
    const variantRejections = new Set<string>()
    for (let walk = 0; walk < options.walks; walk++) {
      const rng = createChildRng(options.seed, driver.table.machine, variant, walk)
      const vector = walkOnce(driver, params, overrides, rng, options.maxSteps, `${driver.table.machine}-v${variant}-w${walk}`)
      const lastNew = findLastNewStep(driver, vector, variantRows, variantRejections)
      // Steps after the last one that covered something new add bytes, not coverage.
      if (lastNew >= 0) vectors.push({ ...vector, steps: vector.steps.slice(0, lastNew + 1) })
    }
    for (const row of variantRows) rows.add(row)
    for (const code of variantRejections) rejections.add(code)
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
    // A terminal state gets one probe, so the vectors also pin down what an ended entity refuses.
    const terminal = driver.table.terminal.includes(driver.statusOf(state))
    const times = terminal ? [nowMs] : driver.timeSteps(state, nowMs, ctxAt(nowMs))
    const pickedMs = times[rng.nextInt(times.length)]!
    const stepMs = driver.probesPastTimes === true ? pickedMs : Math.max(nowMs, pickedMs)
    nowMs = Math.max(nowMs, pickedMs)
    const candidates = driver.candidates(state, rng, ctxAt(stepMs))
    if (candidates.length === 0) break
    const event = candidates[rng.nextInt(candidates.length)]!
    const result = driver.transition(state, event, ctxAt(stepMs))
    if (result.ok) {
      steps.push({ nowMs: stepMs, event, pre: state, expect: { ok: true, post: result.state, effects: result.effects } })
      state = result.state
    } else {
      steps.push({ nowMs: stepMs, event, pre: state, expect: { ok: false, code: result.code } })
    }
    if (terminal) break
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

/** Records what `vector` covers; returns the index of its last step that covered something new, or -1. */
function findLastNewStep<S, E, I>(driver: MachineDriver<S, E, I>, vector: Vector<S, E, I>, rows: Set<string>, rejections: Set<string>): number {
  let lastNew = -1
  vector.steps.forEach((step, index) => {
    if (step.expect.ok) {
      const key = `${driver.statusOf(step.pre)}|${driver.eventTypeOf(step.event)}|${driver.statusOf(step.expect.post)}`
      if (!rows.has(key)) {
        rows.add(key)
        lastNew = index
      }
    } else if (!rejections.has(step.expect.code)) {
      rejections.add(step.expect.code)
      lastNew = index
    }
  })
  return lastNew
}

/** Every (from, event, to) the table allows, as coverage keys. */
export function tableRowKeys(driver: MachineDriver<unknown, unknown, unknown>): string[] {
  return driver.table.rows.flatMap((r) => r.to.map((to) => `${r.from}|${r.event}|${to}`))
}
