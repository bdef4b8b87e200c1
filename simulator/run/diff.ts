/**
 * Where two JSON values differ, as short lines (`tasks.succeeded: 120 → 119`), for `ctb replay`
 * when a re-run does not reproduce its recording. Walks both values in key order and stops after
 * `max` differences; arrays are compared element by element.
 */

export function diffJson(a: unknown, b: unknown, max = 20): string[] {
  const out: string[] = []
  walk(a, b, '', out, max)
  return out
}

function walk(a: unknown, b: unknown, path: string, out: string[], max: number): void {
  if (out.length >= max) return
  if (Object.is(a, b)) return
  if (typeof a === 'bigint' && typeof b === 'bigint' && a === b) return
  const bothObjects = a !== null && b !== null && typeof a === 'object' && typeof b === 'object'
  if (!bothObjects || Array.isArray(a) !== Array.isArray(b)) {
    out.push(`${path === '' ? '(root)' : path}: ${show(a)} → ${show(b)}`)
    return
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${path}: ${a.length} entries → ${b.length} entries`)
    const n = Math.min(a.length, b.length)
    for (let i = 0; i < n && out.length < max; i++) walk(a[i], b[i], `${path}[${i}]`, out, max)
    return
  }
  const ao = a as Record<string, unknown>
  const bo = b as Record<string, unknown>
  const keys = [...new Set([...Object.keys(ao), ...Object.keys(bo)])].sort()
  for (const key of keys) {
    if (out.length >= max) return
    walk(ao[key], bo[key], path === '' ? key : `${path}.${key}`, out, max)
  }
}

function show(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`
  if (v === undefined) return 'absent'
  const text = JSON.stringify(v, (_, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x))
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}
