/**
 * The route table: path patterns with `{param}` segments, the handler per method, and who may
 * call them. Matching is by segments, literal before parameter, with no regular expressions built
 * from input. The pattern doubles as the `route` label of the metrics, so the label set is the
 * table (plus `unmatched`), whatever paths clients try.
 */
import type { RequestContext } from './context.ts'
import { RouterHttpError } from './errors.ts'

export type Handler = (ctx: RequestContext) => Promise<void>

/** api: bearer token; public: nobody's; metrics: a token unless `publicMetrics`. */
export type RouteAuth = 'api' | 'public' | 'metrics'

export type RouteMethod = 'GET' | 'POST'

export interface RouteSpec {
  readonly pattern: string
  readonly auth: RouteAuth
  readonly handlers: Readonly<Partial<Record<RouteMethod, Handler>>>
}

type Segment = { readonly kind: 'literal'; readonly value: string } | { readonly kind: 'param'; readonly name: string }

export interface CompiledRoute extends RouteSpec {
  readonly segments: readonly Segment[]
  /** The `Allow` header for a 405. */
  readonly allow: string
}

export interface RouteMatch {
  readonly route: CompiledRoute
  readonly params: Readonly<Record<string, string>>
}

export function compileRoutes(specs: readonly RouteSpec[]): CompiledRoute[] {
  return specs.map((spec) => ({
    ...spec,
    segments: splitPath(spec.pattern).map((s): Segment => (s.startsWith('{') && s.endsWith('}') ? { kind: 'param', name: s.slice(1, -1) } : { kind: 'literal', value: s })),
    allow: Object.keys(spec.handlers).join(', '),
  }))
}

/** The route for `pathname` (one trailing slash tolerated), or undefined. */
export function matchRoute(routes: readonly CompiledRoute[], pathname: string): RouteMatch | undefined {
  const parts = splitPath(pathname)
  let best: RouteMatch | undefined
  let bestLiterals = -1
  for (const route of routes) {
    if (route.segments.length !== parts.length) continue
    const params: Record<string, string> = {}
    let literals = 0
    let ok = true
    for (let i = 0; i < parts.length && ok; i++) {
      const segment = route.segments[i]!
      if (segment.kind === 'literal') {
        ok = segment.value === parts[i]
        literals++
      } else params[segment.name] = parts[i]!
    }
    // Prefer the most literal match, so `/v1/models` beats a hypothetical `/v1/{x}`.
    if (ok && literals > bestLiterals) {
      best = { route, params }
      bestLiterals = literals
    }
  }
  if (best === undefined) return undefined
  // Decode only the winner's parameters: a bad escape in a path that matches nothing stays a 404.
  const decoded: Record<string, string> = {}
  for (const [name, raw] of Object.entries(best.params)) decoded[name] = decodeSegment(raw, name)
  return { route: best.route, params: decoded }
}

function splitPath(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path
  return trimmed.split('/').slice(1)
}

function decodeSegment(raw: string, name: string): string {
  try {
    return decodeURIComponent(raw)
  } catch {
    throw new RouterHttpError('InvalidPathParameter', `${name} is not valid percent-encoding`, { field: name })
  }
}
