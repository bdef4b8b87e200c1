/**
 * JSON with explicit bigints: `{ "#bigint": "123" }`, as in the Informal Trace Format, so
 * amounts survive a round trip through files, vectors and reports without losing precision.
 */

export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json }

/** Converts a value containing bigints into plain JSON data (objects with sorted keys). */
export function toJsonValue(value: unknown): Json {
  if (value === null || value === undefined) return null
  switch (typeof value) {
    case 'bigint':
      return { '#bigint': value.toString() }
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`cannot encode non-finite number ${value}`)
      return value
    case 'string':
    case 'boolean':
      return value
    case 'object': {
      if (Array.isArray(value)) return value.map((v) => toJsonValue(v))
      if (value instanceof Map) {
        return { '#map': [...value.entries()].map(([k, v]) => [toJsonValue(k), toJsonValue(v)]) }
      }
      const out: Record<string, Json> = {}
      for (const key of Object.keys(value).sort()) {
        const v = (value as Record<string, unknown>)[key]
        if (v !== undefined) out[key] = toJsonValue(v)
      }
      return out
    }
    default:
      throw new TypeError(`cannot encode a ${typeof value} as JSON`)
  }
}

/** Reverses `toJsonValue`: `{ "#bigint": "…" }` becomes a bigint, `{ "#map": … }` a Map. */
export function fromJsonValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => fromJsonValue(v))
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>
    const keys = Object.keys(obj)
    if (keys.length === 1 && keys[0] === '#bigint' && typeof obj['#bigint'] === 'string') {
      return BigInt(obj['#bigint'])
    }
    if (keys.length === 1 && keys[0] === '#map' && Array.isArray(obj['#map'])) {
      return new Map((obj['#map'] as unknown[][]).map(([k, v]) => [fromJsonValue(k), fromJsonValue(v)]))
    }
    const out: Record<string, unknown> = {}
    for (const key of keys) out[key] = fromJsonValue(obj[key])
    return out
  }
  return value
}

/** Stable, bigint-safe serialisation (sorted keys, no whitespace unless `indent`). */
export function stringifyJson(value: unknown, indent?: number): string {
  return JSON.stringify(toJsonValue(value), null, indent)
}

export function parseJson(text: string): unknown {
  return fromJsonValue(JSON.parse(text))
}
