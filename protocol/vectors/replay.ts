/**
 * Replaying conformance vectors against the TypeScript machines: the "node replays vectors" path.
 * Every step is applied to its recorded `pre` state and must give exactly the recorded post-state
 * and effects, or the recorded rejection code; the steps must also chain (each `pre` is what the
 * step before left), and the initial state must be what the constructor makes of the input.
 * States and effects are compared through their canonical JSON, so a vector read from a file
 * compares exactly like one still in memory.
 */
import { createCtx } from '../core/context.ts'
import { parseJson, stringifyJson, toJsonValue, type Json } from '../core/json.ts'
import { createRng } from '../core/rng.ts'
import type { MachineDriver } from './driver.ts'
import { paramsFromOverrides } from './explore.ts'
import { VECTOR_FORMAT, type Vector } from './format.ts'

export interface ReplayMismatch {
  readonly vector: string
  /** Index of the step, or null for the vector as a whole (format, params, initial state). */
  readonly step: number | null
  readonly message: string
}

export type AnyVector = Vector<unknown, unknown, unknown>

/**
 * Parses one vector file. Throws a TypeError naming what is missing when the text is not a
 * `ctb-vector/1` vector (the caller reports the file).
 */
export function decodeVector(text: string): AnyVector {
  const value = parseJson(text) as Partial<AnyVector> | null
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new TypeError('not a JSON object')
  if (value.format !== VECTOR_FORMAT) throw new TypeError(`format is ${JSON.stringify(value.format)}, expected ${VECTOR_FORMAT}`)
  for (const field of ['machine', 'name'] as const) {
    if (typeof value[field] !== 'string') throw new TypeError(`field '${field}' is missing or not a string`)
  }
  if (value.params === null || typeof value.params !== 'object') throw new TypeError("field 'params' is missing")
  if (value.initial === null || typeof value.initial !== 'object') throw new TypeError("field 'initial' is missing")
  if (!Array.isArray(value.steps)) throw new TypeError("field 'steps' is missing or not a list")
  return value as AnyVector
}

/** The canonical file text of a vector (sorted keys, bigints as `{ "#bigint": … }`, final newline). */
export function encodeVector(vector: AnyVector): string {
  return `${stringifyJson(vector)}\n`
}

/** Replays `vector` on `driver`'s machine; an empty list means it conforms. */
export function replayVector(driver: MachineDriver<unknown, unknown, unknown>, vector: AnyVector): ReplayMismatch[] {
  const mismatches: ReplayMismatch[] = []
  const report = (step: number | null, message: string): void => {
    mismatches.push({ vector: vector.name, step, message })
  }
  if (vector.machine !== driver.table.machine) {
    report(null, `vector is for machine '${vector.machine}', not '${driver.table.machine}'`)
    return mismatches
  }
  let params
  try {
    params = paramsFromOverrides(vector.params)
  } catch (error) {
    report(null, (error as Error).message)
    return mismatches
  }
  const ctxAt = (nowMs: number) => createCtx(nowMs, createRng(0), params)
  try {
    const created = driver.create(vector.initial.input, ctxAt(vector.initial.nowMs))
    const problem = compare('initial state', created.state, vector.initial.state) ?? compare('initial effects', created.effects, vector.initial.effects)
    if (problem !== undefined) report(null, problem)
  } catch (error) {
    report(null, `the constructor threw on the recorded input: ${(error as Error).message}`)
  }
  let expectedPre: unknown = vector.initial.state
  vector.steps.forEach((step, index) => {
    const chained = compare('pre-state', step.pre, expectedPre)
    if (chained !== undefined) report(index, `${chained} (steps must chain from the initial state)`)
    expectedPre = step.expect.ok ? step.expect.post : step.pre
    const problem = replayStep(driver, step, ctxAt(step.nowMs))
    if (problem !== undefined) report(index, problem)
  })
  return mismatches
}

function replayStep(driver: MachineDriver<unknown, unknown, unknown>, step: AnyVector['steps'][number], ctx: ReturnType<typeof createCtx>): string | undefined {
  let result
  try {
    result = driver.transition(step.pre, step.event, ctx)
  } catch (error) {
    return `the machine threw: ${(error as Error).message}`
  }
  const expect = step.expect
  if (!expect.ok) return result.ok ? `expected rejection ${expect.code}, the machine accepted` : result.code === expect.code ? undefined : `expected rejection ${expect.code}, got ${result.code}`
  if (!result.ok) return `expected acceptance, got rejection ${result.code}: ${result.message}`
  return compare('post-state', result.state, expect.post) ?? compare('effects', result.effects, expect.effects)
}

/** Undefined when `actual` and `expected` encode to the same JSON, else where they first differ. */
function compare(what: string, actual: unknown, expected: unknown): string | undefined {
  const a = toJsonValue(actual)
  const e = toJsonValue(expected)
  if (JSON.stringify(a) === JSON.stringify(e)) return undefined
  const at = findFirstDifference(a, e, '$')
  return `${what} differs at ${at.path}: got ${preview(at.actual)}, expected ${preview(at.expected)}`
}

interface Difference {
  readonly path: string
  readonly actual: Json | undefined
  readonly expected: Json | undefined
}

function findFirstDifference(actual: Json | undefined, expected: Json | undefined, path: string): Difference {
  const bothObjects = isObject(actual) && isObject(expected)
  if (Array.isArray(actual) && Array.isArray(expected)) {
    for (let i = 0; i < Math.max(actual.length, expected.length); i++) {
      if (JSON.stringify(actual[i]) !== JSON.stringify(expected[i])) return findFirstDifference(actual[i], expected[i], `${path}[${i}]`)
    }
  } else if (bothObjects) {
    const keys = [...new Set([...Object.keys(actual), ...Object.keys(expected)])].sort()
    for (const key of keys) {
      if (JSON.stringify(actual[key]) !== JSON.stringify(expected[key])) return findFirstDifference(actual[key], expected[key], `${path}.${key}`)
    }
  }
  return { path, actual, expected }
}

function isObject(value: Json | undefined): value is { readonly [key: string]: Json } {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function preview(value: Json | undefined): string {
  if (value === undefined) return 'nothing'
  const text = JSON.stringify(value)
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}
