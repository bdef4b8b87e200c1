/**
 * Building, validating and loading parameters. Invalid values are reported with the field's
 * dotted path and the allowed range; nothing is ever clamped silently.
 */
import { fromJsonValue } from '../core/json.ts'
import { PARAM_PATHS, PARAM_SPECS, type ParamPath, type ParamSpec, type Params } from './spec.ts'

export interface ParamError {
  /** Dotted path of the offending field, e.g. `session.redundant`. */
  readonly path: string
  readonly message: string
}

export type ParamsResult =
  | { readonly ok: true; readonly params: Params }
  | { readonly ok: false; readonly errors: readonly ParamError[] }

/** The default parameters (every default of the catalog). */
export function defaultParams(): Params {
  const out: Record<string, Record<string, unknown>> = {}
  for (const path of PARAM_PATHS) {
    const [group, field] = splitPath(path)
    ;(out[group] ??= {})[field] = PARAM_SPECS[path].default
  }
  return out as unknown as Params
}

/** Reads one parameter by dotted path. */
export function getParam(params: Params, path: ParamPath): number | bigint | string {
  const [group, field] = splitPath(path)
  return (params as unknown as Record<string, Record<string, number | bigint | string>>)[group]![field]!
}

/** A copy of `params` with one field replaced (not validated; call `validateParams` after). */
export function withParam(params: Params, path: ParamPath, value: number | bigint | string): Params {
  const [group, field] = splitPath(path)
  const groups = params as unknown as Record<string, Record<string, unknown>>
  return { ...groups, [group]: { ...groups[group], [field]: value } } as unknown as Params
}

/**
 * Checks a complete parameter object: every field present, of the right type and within range,
 * no unknown field, and the cross-field rules (shares sum to 100%, min ≤ max, …).
 */
export function validateParams(candidate: unknown): ParamsResult {
  const errors: ParamError[] = []
  if (!isPlainObject(candidate)) {
    return { ok: false, errors: [{ path: '(root)', message: `(root): expected an object, got ${describe(candidate)}` }] }
  }
  errors.push(...unknownKeys(candidate))
  for (const path of PARAM_PATHS) {
    const [group, field] = splitPath(path)
    const groupValue = candidate[group]
    const value = isPlainObject(groupValue) ? groupValue[field] : undefined
    const problem = checkValue(PARAM_SPECS[path], value)
    if (problem) errors.push({ path, message: `${path}: ${problem}` })
  }
  if (errors.length === 0) errors.push(...crossFieldErrors(candidate as unknown as Params))
  return errors.length === 0 ? { ok: true, params: candidate as unknown as Params } : { ok: false, errors }
}

/**
 * Applies a partial override (as parsed from a JSON file) on top of `base` and validates the
 * result. Amounts may be given as decimal strings, `{ "#bigint": "…" }` or safe integers.
 */
export function loadParams(overrides: unknown, base: Params = defaultParams()): ParamsResult {
  const decoded = fromJsonValue(overrides)
  if (!isPlainObject(decoded)) {
    return { ok: false, errors: [{ path: '(root)', message: `(root): parameter overrides must be an object, got ${describe(decoded)}` }] }
  }
  const unknown = unknownKeys(decoded)
  if (unknown.length > 0) return { ok: false, errors: unknown }
  let merged = base
  for (const [group, fields] of Object.entries(decoded)) {
    for (const [field, raw] of Object.entries(fields as Record<string, unknown>)) {
      const path = `${group}.${field}` as ParamPath
      merged = withParam(merged, path, coerceAmount(PARAM_SPECS[path], raw) as number | bigint | string)
    }
  }
  return validateParams(merged)
}

/** Formats errors one per line, for CLI output. */
export function formatParamErrors(errors: readonly ParamError[]): string {
  return errors.map((e) => e.message).join('\n')
}

function unknownKeys(candidate: Record<string, unknown>): ParamError[] {
  const errors: ParamError[] = []
  const groups = new Set(PARAM_PATHS.map((p) => splitPath(p)[0]))
  for (const [group, fields] of Object.entries(candidate)) {
    if (!groups.has(group)) {
      errors.push({ path: group, message: `${group}: unknown parameter group (known: ${[...groups].join(', ')})` })
      continue
    }
    if (!isPlainObject(fields)) {
      errors.push({ path: group, message: `${group}: expected an object of parameters, got ${describe(fields)}` })
      continue
    }
    for (const field of Object.keys(fields)) {
      if (!(`${group}.${field}` in PARAM_SPECS)) {
        errors.push({ path: `${group}.${field}`, message: `${group}.${field}: unknown parameter` })
      }
    }
  }
  return errors
}

function checkValue(spec: ParamSpec, value: unknown): string | undefined {
  if (value === undefined) return 'is missing'
  switch (spec.type) {
    case 'int':
    case 'float': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `expected a number (${spec.unit}), got ${describe(value)}`
      if (spec.type === 'int' && !Number.isInteger(value)) return `${value} is not an integer`
      if (value < spec.min) return `${value} is below minimum ${spec.min}`
      if (value > spec.max) return `${value} is above maximum ${spec.max}`
      return undefined
    }
    case 'amount': {
      if (typeof value !== 'bigint') return `expected an amount in ${spec.unit} (bigint or decimal string), got ${describe(value)}`
      if (value < spec.min) return `${value} is below minimum ${spec.min}`
      return undefined
    }
    case 'enum':
      if (typeof value !== 'string' || !spec.values.includes(value)) {
        return `${describe(value)} is not one of ${spec.values.map((v) => `'${v}'`).join(', ')}`
      }
      return undefined
  }
}

function crossFieldErrors(p: Params): ParamError[] {
  const errors: ParamError[] = []
  const add = (path: string, message: string): void => {
    errors.push({ path, message: `${path}: ${message}` })
  }
  if (p.session.minNumOfNodes > p.session.maxNumOfNodes) {
    add('session.minNumOfNodes', `${p.session.minNumOfNodes} exceeds session.maxNumOfNodes ${p.session.maxNumOfNodes}`)
  }
  if (p.session.redundant > p.session.maxNumOfNodes) {
    add('session.redundant', `${p.session.redundant} exceeds session.maxNumOfNodes ${p.session.maxNumOfNodes}`)
  }
  if (p.session.reservePeriodMs > p.session.maxReservePeriodMs) {
    add('session.reservePeriodMs', `${p.session.reservePeriodMs} exceeds session.maxReservePeriodMs ${p.session.maxReservePeriodMs}`)
  }
  if (p.session.maxTaskExecutionCount > p.session.maxTaskExecutionCountCap) {
    add('session.maxTaskExecutionCount', `${p.session.maxTaskExecutionCount} exceeds session.maxTaskExecutionCountCap ${p.session.maxTaskExecutionCountCap}`)
  }
  if (p.session.defaultMaxTokens > p.session.maxTokensCap) {
    add('session.defaultMaxTokens', `${p.session.defaultMaxTokens} exceeds session.maxTokensCap ${p.session.maxTokensCap}`)
  }
  if (p.session.maxNumOfNodes > p.session.maxNodesPerSession) {
    add('session.maxNumOfNodes', `${p.session.maxNumOfNodes} exceeds session.maxNodesPerSession ${p.session.maxNodesPerSession}`)
  }
  if (p.networkTask.minCompleters > p.networkTask.completers) {
    add('networkTask.minCompleters', `${p.networkTask.minCompleters} exceeds networkTask.completers ${p.networkTask.completers}`)
  }
  const shares = p.payments.minerShareBps + p.payments.validatorShareBps + p.payments.routerShareBps + p.payments.treasuryShareBps
  if (shares !== 10_000) add('payments.minerShareBps', `payment shares sum to ${shares} bps, must be exactly 10000`)
  const weights = p.reputation.weightPrecommit + p.reputation.weightCommit + p.reputation.weightCorrectness
  if (Math.abs(weights - 1) > 1e-9) add('reputation.weightPrecommit', `reputation weights sum to ${weights}, must be 1`)
  if (p.oracle.failoverRule === 'grace' && p.oracle.heartbeatMs >= p.oracle.graceMs) {
    add('oracle.heartbeatMs', `${p.oracle.heartbeatMs} must be below oracle.graceMs ${p.oracle.graceMs}, or a healthy idle leader is rotated out`)
  }
  if (p.oracle.graceMs >= p.oracle.windowMs) {
    add('oracle.graceMs', `${p.oracle.graceMs} must be below oracle.windowMs ${p.oracle.windowMs}`)
  }
  return errors
}

function coerceAmount(spec: ParamSpec, raw: unknown): unknown {
  if (spec.type !== 'amount') return raw
  if (typeof raw === 'string' && /^[0-9]+$/.test(raw)) return BigInt(raw)
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) return BigInt(raw)
  return raw
}

function splitPath(path: string): [string, string] {
  const dot = path.indexOf('.')
  return [path.slice(0, dot), path.slice(dot + 1)]
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Map)
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (typeof value === 'string') return `'${value}'`
  if (typeof value === 'bigint') return `${value}n`
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`
}
