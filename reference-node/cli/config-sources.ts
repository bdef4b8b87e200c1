/**
 * Where each `ctb node` setting comes from: a flag, the process environment or the `.env` file,
 * highest first (keys: config-keys.ts), and the typed readers every setting goes through. Each
 * value remembers its source, so an error names it: `--port`, `env ROUTER_REST_BIND_PORT`,
 * `.env NODE_PRIVATE_KEY`.
 */
import { findKey } from './config-keys.ts'

type Env = Readonly<Record<string, string | undefined>>

/** A bad setting: `key` names it and where its value came from. */
export class NodeConfigError extends Error {
  override readonly name = 'NodeConfigError'
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(`${key}: ${message}`)
  }
}

export interface NodeSources {
  /** Flag values by key name (config-keys.ts `name`), as given on the command line. */
  readonly flags: Readonly<Record<string, string | boolean | undefined>>
  readonly env: Env
  readonly dotenv: Env
  /** Where relative paths start. */
  readonly cwd: string
  /** Reads a key file (injected for tests). */
  readonly readFile?: (path: string) => string
}

export interface Picked {
  readonly value: string
  /** `--port`, `env ROUTER_REST_BIND_PORT` or `.env ROUTER_REST_BIND_PORT`. */
  readonly from: string
  /** 0 flag, 1 process environment, 2 `.env`: lower wins. */
  readonly level: 0 | 1 | 2
}

export function pick(s: NodeSources, name: string): Picked | undefined {
  const key = findKey(name)
  const flag = key.flag === undefined ? undefined : s.flags[name]
  if (flag !== undefined && flag !== false) return { value: flag === true ? '1' : flag, from: `--${key.flag}`, level: 0 }
  for (const [source, label, level] of [[s.env, 'env', 1], [s.dotenv, '.env', 2]] as const) {
    for (const envKey of key.env) {
      const raw = source[envKey]
      if (raw !== undefined && raw.trim() !== '') return { value: raw.trim(), from: `${label} ${envKey}`, level }
    }
  }
  return undefined
}

/** Of two settings that choose the same thing, the one from the higher source; both from one source is an error. */
export function pickOne(s: NodeSources, a: string, b: string, what: string): { readonly name: string; readonly picked: Picked } | undefined {
  const pa = pick(s, a)
  const pb = pick(s, b)
  if (pa === undefined) return pb === undefined ? undefined : { name: b, picked: pb }
  if (pb === undefined || pa.level < pb.level) return { name: a, picked: pa }
  if (pb.level < pa.level) return { name: b, picked: pb }
  throw new NodeConfigError(pa.from, `conflicts with ${pb.from}: both choose ${what}; use one`)
}

export function fail(p: Picked, message: string): never {
  throw new NodeConfigError(p.from, `${JSON.stringify(p.value.length > 80 ? `${p.value.slice(0, 80)}…` : p.value)} ${message}`)
}

export function readFlag(s: NodeSources, name: string): boolean {
  const p = pick(s, name)
  if (p === undefined) return false
  const v = p.value.toLowerCase()
  if (v === '1' || v === 'true' || v === 'yes') return true
  if (v === '0' || v === 'false' || v === 'no') return false
  return fail(p, 'is not 1/0, true/false or yes/no')
}

export function readInt(s: NodeSources, name: string, fallback: number, min: number, max: number): number {
  const p = pick(s, name)
  if (p === undefined) return fallback
  if (!/^\d{1,16}$/.test(p.value) || Number(p.value) < min || Number(p.value) > max) return fail(p, `must be an integer in [${min}, ${max}]`)
  return Number(p.value)
}
