/**
 * Validation of model options. Options come from scenario files, so they are checked as unknown
 * input: every problem is reported with the dotted path of the field (`links[2].latencyMs.sigma`)
 * and what was expected, all problems at once, and nothing is clamped silently.
 */

export interface ModelError {
  /** Dotted path of the offending field, e.g. `tiers[1].share`. */
  readonly path: string
  readonly message: string
}

export type Validated<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly ModelError[] }

/** Thrown when a model is created from invalid options; lists every problem. */
export class ModelValidationError extends Error {
  override readonly name = 'ModelValidationError'
  constructor(
    readonly model: string,
    readonly errors: readonly ModelError[],
  ) {
    super(`invalid ${model} options:\n${formatModelErrors(errors)}`)
  }
}

export function formatModelErrors(errors: readonly ModelError[]): string {
  return errors.map((e) => `  ${e.path === '' ? '(top level)' : e.path}: ${e.message}`).join('\n')
}

/** Returns the value of a validation or throws `ModelValidationError`. */
export function unwrapValidated<T>(model: string, result: Validated<T>): T {
  if (!result.ok) throw new ModelValidationError(model, result.errors)
  return result.value
}

export interface NumberRule {
  readonly min?: number
  readonly max?: number
  /** The value must be strictly greater than `min`. */
  readonly minExclusive?: boolean
  readonly integer?: boolean
}

/** Collects errors while a validator walks unknown input. */
export class Checker {
  readonly errors: ModelError[] = []

  add(path: string, message: string): void {
    this.errors.push({ path, message })
  }

  object(path: string, value: unknown): value is Record<string, unknown> {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return true
    this.add(path, `must be an object, got ${describeValue(value)}`)
    return false
  }

  array(path: string, value: unknown, minLength = 0): value is unknown[] {
    if (!Array.isArray(value)) {
      this.add(path, `must be an array, got ${describeValue(value)}`)
      return false
    }
    if (value.length < minLength) {
      this.add(path, `must have at least ${minLength} entries, got ${value.length}`)
      return false
    }
    return true
  }

  string(path: string, value: unknown): value is string {
    if (typeof value === 'string' && value.length > 0) return true
    this.add(path, `must be a non-empty string, got ${describeValue(value)}`)
    return false
  }

  oneOf<V extends string>(path: string, value: unknown, values: readonly V[]): value is V {
    if (typeof value === 'string' && (values as readonly string[]).includes(value)) return true
    this.add(path, `must be one of ${values.join(', ')}, got ${describeValue(value)}`)
    return false
  }

  number(path: string, value: unknown, rule: NumberRule = {}): value is number {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.add(path, `must be a finite number, got ${describeValue(value)}`)
      return false
    }
    if (rule.integer && !Number.isSafeInteger(value)) {
      this.add(path, `must be an integer, got ${value}`)
      return false
    }
    const { min, max } = rule
    if (min !== undefined && (rule.minExclusive ? value <= min : value < min)) {
      this.add(path, `${value} must be ${rule.minExclusive ? 'above' : 'at least'} ${min}`)
      return false
    }
    if (max !== undefined && value > max) {
      this.add(path, `${value} must be at most ${max}`)
      return false
    }
    return true
  }

  /** A probability in [0, 1]. */
  probability(path: string, value: unknown): value is number {
    return this.number(path, value, { min: 0, max: 1 })
  }

  /** Flags keys of `value` that are not in `known` (a typo in a scenario file should not pass). */
  knownKeys(path: string, value: Record<string, unknown>, known: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) this.add(path === '' ? key : `${path}.${key}`, `unknown field (known: ${known.join(', ')})`)
    }
  }

  result<T>(value: T): Validated<T> {
    return this.errors.length === 0 ? { ok: true, value } : { ok: false, errors: this.errors }
  }
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (typeof value === 'string') return `'${value}'`
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`
}

/** `base.key`, or `key` at the top level. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`
  return base === '' ? key : `${base}.${key}`
}
