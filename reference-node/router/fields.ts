/**
 * Reading fields of parsed JSON with exact, named failures. One reader serves the HTTP bodies and
 * the WebSocket messages, so both reject the same way: a `FieldError` naming the field path
 * (`messages[2].role`) and what was wrong with it. Callers turn it into an HTTP error or a WS
 * `error` message.
 *
 * Only own properties count (a body with `constructor` or `__proto__` keys reads nothing from the
 * prototype), and `null` means "not given", as OpenAI clients send it for unset options.
 */
import { computeUtf8ByteLength } from '../../protocol/core/bytes.ts'

export type FieldErrorCode = 'MissingField' | 'InvalidField' | 'UnknownField' | 'Unsupported'

export class FieldError extends Error {
  override readonly name = 'FieldError'
  constructor(
    readonly code: FieldErrorCode,
    /** Path of the field, '' for the whole value. */
    readonly field: string,
    message: string,
  ) {
    super(message)
  }
}

export type JsonObject = { readonly [key: string]: unknown }

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A name for the JSON type of `value`, for messages ("got array"). */
export function describeJsonType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

export interface StringRule {
  readonly maxBytes: number
  readonly minBytes?: number
}

/** Reads the fields of one JSON object; `prefix` is the object's own path (`''` for a body). */
export class FieldReader {
  readonly obj: JsonObject

  constructor(
    value: unknown,
    readonly prefix = '',
  ) {
    if (!isJsonObject(value)) {
      throw new FieldError('InvalidField', prefix, `${prefix === '' ? 'the body' : prefix} must be a JSON object, got ${describeJsonType(value)}`)
    }
    this.obj = value
  }

  path(name: string): string {
    return this.prefix === '' ? name : `${this.prefix}.${name}`
  }

  /** Rejects the first key not in `allowed` (strict bodies catch typos such as `max_token`). */
  onlyKnown(allowed: ReadonlySet<string>): void {
    for (const key of Object.keys(this.obj)) {
      if (!allowed.has(key)) throw new FieldError('UnknownField', this.path(key), `unknown field ${this.path(key)}`)
    }
  }

  /** The raw value of an own property; undefined when absent or null. */
  get(name: string): unknown {
    if (!Object.hasOwn(this.obj, name)) return undefined
    const value = this.obj[name]
    return value === null ? undefined : value
  }

  has(name: string): boolean {
    return this.get(name) !== undefined
  }

  string(name: string, rule: StringRule): string | undefined {
    const value = this.get(name)
    if (value === undefined) return undefined
    if (typeof value !== 'string') throw this.typeError(name, 'a string', value)
    const limit = rule.maxBytes
    const bytes = computeUtf8ByteLength(value, limit)
    if (bytes > limit) throw new FieldError('InvalidField', this.path(name), `${this.path(name)} is longer than ${limit} bytes`)
    const min = rule.minBytes ?? 0
    if (bytes < min) throw new FieldError('InvalidField', this.path(name), `${this.path(name)} must be at least ${min} byte${min === 1 ? '' : 's'} long`)
    return value
  }

  requiredString(name: string, rule: StringRule): string {
    return this.required(name, this.string(name, rule))
  }

  integer(name: string, min: number, max: number): number | undefined {
    const value = this.get(name)
    if (value === undefined) return undefined
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw this.typeError(name, 'an integer', value)
    if (value < min || value > max) throw this.rangeError(name, value, min, max)
    return value
  }

  requiredInteger(name: string, min: number, max: number): number {
    return this.required(name, this.integer(name, min, max))
  }

  number(name: string, min: number, max: number): number | undefined {
    const value = this.get(name)
    if (value === undefined) return undefined
    if (typeof value !== 'number' || !Number.isFinite(value)) throw this.typeError(name, 'a finite number', value)
    if (value < min || value > max) throw this.rangeError(name, value, min, max)
    return value
  }

  requiredNumber(name: string, min: number, max: number): number {
    return this.required(name, this.number(name, min, max))
  }

  boolean(name: string): boolean | undefined {
    const value = this.get(name)
    if (value === undefined) return undefined
    if (typeof value !== 'boolean') throw this.typeError(name, 'a boolean', value)
    return value
  }

  oneOf<V extends string>(name: string, values: readonly V[]): V | undefined {
    const value = this.get(name)
    if (value === undefined) return undefined
    if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
      throw new FieldError('InvalidField', this.path(name), `${this.path(name)} must be one of ${values.join(', ')}`)
    }
    return value as V
  }

  requiredOneOf<V extends string>(name: string, values: readonly V[]): V {
    return this.required(name, this.oneOf(name, values))
  }

  /** An array of at most `maxItems` entries (entries are checked by the caller). */
  array(name: string, maxItems: number): readonly unknown[] | undefined {
    const value = this.get(name)
    if (value === undefined) return undefined
    if (!Array.isArray(value)) throw this.typeError(name, 'an array', value)
    if (value.length > maxItems) throw new FieldError('InvalidField', this.path(name), `${this.path(name)} has ${value.length} entries, at most ${maxItems}`)
    return value
  }

  requiredArray(name: string, maxItems: number): readonly unknown[] {
    return this.required(name, this.array(name, maxItems))
  }

  /** Rejects a field the router knows but cannot honour, unless it holds the neutral value. */
  unsupportedUnless(name: string, isNeutral: (value: unknown) => boolean, why: string): void {
    const value = this.get(name)
    if (value !== undefined && !isNeutral(value)) throw new FieldError('Unsupported', this.path(name), `${this.path(name)} is not supported: ${why}`)
  }

  private required<T>(name: string, value: T | undefined): T {
    if (value === undefined) throw new FieldError('MissingField', this.path(name), `${this.path(name)} is required`)
    return value
  }

  private typeError(name: string, expected: string, value: unknown): FieldError {
    return new FieldError('InvalidField', this.path(name), `${this.path(name)} must be ${expected}, got ${describeJsonType(value)}`)
  }

  private rangeError(name: string, value: number, min: number, max: number): FieldError {
    return new FieldError('InvalidField', this.path(name), `${this.path(name)} ${value} is outside [${min}, ${max}]`)
  }
}
