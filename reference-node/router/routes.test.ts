// Goal: the route matcher picks the right route and parameters, prefers literal segments,
// tolerates one trailing slash, and reports bad percent-escapes only for a matching route.
// Method: match literal paths against a small table and the router's real table.
import { describe, expect, it } from 'vitest'
import { RouterHttpError } from './errors.ts'
import { ROUTER_ROUTES } from './route-table.ts'
import { compileRoutes, matchRoute } from './routes.ts'

const noop = async (): Promise<void> => undefined
const table = compileRoutes([
  { pattern: '/v1/{x}', auth: 'api', handlers: { GET: noop } },
  { pattern: '/v1/models', auth: 'api', handlers: { GET: noop, POST: noop } },
  { pattern: '/t/{a}/{b}', auth: 'public', handlers: { GET: noop } },
])

describe('matchRoute', () => {
  it('prefers the most literal route and lists its methods', () => {
    const m = matchRoute(table, '/v1/models')!
    expect(m.route.pattern).toBe('/v1/models')
    expect(m.route.allow).toBe('GET, POST')
    expect(matchRoute(table, '/v1/other')!.params).toEqual({ x: 'other' })
  })

  it('decodes parameters, tolerates one trailing slash, and needs the exact segment count', () => {
    expect(matchRoute(table, '/t/a%20b/%C3%A9/')!.params).toEqual({ a: 'a b', b: 'é' })
    expect(matchRoute(table, '/t/a')).toBeUndefined()
    expect(matchRoute(table, '/t/a/b/c')).toBeUndefined()
    expect(matchRoute(table, '/')).toBeUndefined()
  })

  it('a bad escape is InvalidPathParameter only on a route that matches', () => {
    expect(() => matchRoute(table, '/t/%E0%A4%A/b')).toThrow(RouterHttpError)
    expect(matchRoute(table, '/zzz/%E0%A4%A')).toBeUndefined()
  })

  it('the router table: each documented route resolves to itself', () => {
    for (const route of ROUTER_ROUTES) {
      const path = route.pattern.replace(/\{(\w+)\}/g, '7')
      expect(matchRoute(ROUTER_ROUTES, path)!.route.pattern).toBe(route.pattern)
    }
  })
})
