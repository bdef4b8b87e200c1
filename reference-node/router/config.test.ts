// Goal: router options get Cortensor's defaults, every bad option is refused naming it, and the
// environment / .env readers map Cortensor's installer keys (and ours) onto options exactly.
// Method: resolve and read literal inputs; one case per check.
import { describe, expect, it } from 'vitest'
import { DEV_TOKEN, RouterConfigError, getRouterDefaults, resolveRouterOptions, type RouterOptionsInput } from './config.ts'
import { ROUTER_ENV_KEYS, parseDotEnv, readRouterEnv } from './config-env.ts'

const TOKEN = 'token-abcdefgh'

function refusedKey(input: RouterOptionsInput): string {
  try {
    resolveRouterOptions(input)
  } catch (error) {
    expect(error).toBeInstanceOf(RouterConfigError)
    return (error as RouterConfigError).key
  }
  throw new Error('accepted')
}

describe('resolveRouterOptions', () => {
  it('defaults follow the installer: REST 127.0.0.1:5010, miners on 9001, no CORS, rate limited', () => {
    const o = resolveRouterOptions({ apiTokens: [TOKEN] })
    expect(o).toMatchObject({ host: '127.0.0.1', port: 5010, wsPort: 9001, wsPath: '/ws', corsOrigins: [], devMode: false, publicMetrics: false })
    expect(o.rateLimitPerSecond).toBeGreaterThan(0)
  })

  it('the WebSocket binds where REST binds unless told otherwise', () => {
    expect(resolveRouterOptions({ apiTokens: [TOKEN], host: '0.0.0.0' }).wsHost).toBe('0.0.0.0')
    expect(resolveRouterOptions({ apiTokens: [TOKEN], host: '0.0.0.0', wsHost: '10.0.0.1' }).wsHost).toBe('10.0.0.1')
  })

  it('needs a token unless in dev mode, and takes the dev token only in dev mode', () => {
    expect(refusedKey({})).toBe('apiTokens')
    expect(resolveRouterOptions({ devMode: true }).apiTokens).toEqual([])
    expect(refusedKey({ apiTokens: [DEV_TOKEN] })).toBe('apiTokens')
    expect(resolveRouterOptions({ devMode: true, apiTokens: [DEV_TOKEN] }).apiTokens).toEqual([DEV_TOKEN])
    expect(refusedKey({ apiTokens: ['short'] })).toBe('apiTokens')
    expect(refusedKey({ apiTokens: ['has a space in it'] })).toBe('apiTokens')
    expect(refusedKey({ apiTokens: [TOKEN], minerTokens: ['x'] })).toBe('minerTokens')
  })

  it.each<[RouterOptionsInput, string]>([
    [{ port: 70_000 }, 'port'],
    [{ port: 1.5 }, 'port'],
    [{ wsPort: -1 }, 'wsPort'],
    [{ port: 6000, wsPort: 6000 }, 'wsPort'],
    [{ wsPath: 'ws' }, 'wsPath'],
    [{ host: '' }, 'host'],
    [{ wsHost: '' }, 'wsHost'],
    [{ devMode: 'yes' as unknown as boolean }, 'devMode'],
    [{ publicMetrics: 1 as unknown as boolean }, 'publicMetrics'],
    [{ heartbeatMs: 0 }, 'heartbeatMs'],
    [{ helloTimeoutMs: 1 }, 'helloTimeoutMs'],
    [{ wsMessageMaxBytes: 10 }, 'wsMessageMaxBytes'],
    [{ bodyMaxBytes: 10 }, 'bodyMaxBytes'],
    [{ rateLimitPerSecond: -1 }, 'rateLimitPerSecond'],
    [{ rateLimitPerSecond: Number.NaN }, 'rateLimitPerSecond'],
    [{ rateLimitBurst: 0 }, 'rateLimitBurst'],
    [{ rateLimitKey: 'user' as 'ip' }, 'rateLimitKey'],
    [{ rateLimitMaxClients: 0 }, 'rateLimitMaxClients'],
    [{ corsOrigins: ['app.example'] }, 'corsOrigins'],
    [{ corsOrigins: 'https://a.example' as unknown as string[] }, 'corsOrigins'],
    [{ maxTimeoutS: 0 }, 'maxTimeoutS'],
    [{ maxConcurrentCompletions: 0 }, 'maxConcurrentCompletions'],
    [{ chatTemplate: 'llama3' as 'plain' }, 'chatTemplate'],
    [{ requestReceiveTimeoutMs: 5 }, 'requestReceiveTimeoutMs'],
    [{ closeGraceMs: -1 }, 'closeGraceMs'],
    [{ sseHeartbeatMs: 1 }, 'sseHeartbeatMs'],
    [{ nowMs: 5 as unknown as () => number }, 'nowMs'],
    [{ params: null as unknown as ReturnType<typeof getRouterDefaults>['params'] }, 'params'],
    [{ apiTokens: 'x' as unknown as string[] }, 'apiTokens'],
    [{ bogus: 1 } as RouterOptionsInput, 'bogus'],
  ])('refuses %o naming %s', (input, key) => {
    expect(refusedKey({ apiTokens: [TOKEN], ...input })).toBe(key)
  })

  it('accepts wsPort null (miners on the REST port) and * for CORS', () => {
    const o = resolveRouterOptions({ apiTokens: [TOKEN], wsPort: null, corsOrigins: ['*', 'http://localhost:3000'] })
    expect(o.wsPort).toBeNull()
    expect(o.corsOrigins).toEqual(['*', 'http://localhost:3000'])
  })
})

describe('readRouterEnv', () => {
  it('maps every key to its option', () => {
    const env = {
      ROUTER_REST_BIND_IP: '0.0.0.0', ROUTER_REST_BIND_PORT: '5011', ROUTER_DEV_MODE: '1', ROUTER_API_TOKENS: ' a-token-123 , b-token-456 ,',
      ROUTER_WS_BIND_IP: '10.1.1.1', ROUTER_WS_BIND_PORT: 'shared', ROUTER_WS_PATH: '/miners', ROUTER_MINER_TOKENS: 'm-token-123',
      ROUTER_WS_HEARTBEAT_MS: '1000', ROUTER_WS_MESSAGE_MAX_BYTES: '2048', ROUTER_BODY_LIMIT_BYTES: '4096', ROUTER_RATE_LIMIT_PER_SECOND: '2.5',
      ROUTER_RATE_LIMIT_BURST: '5', ROUTER_RATE_LIMIT_KEY: 'token', ROUTER_CORS_ORIGINS: 'https://a.example', ROUTER_PUBLIC_METRICS: 'false',
      ROUTER_MAX_TIMEOUT_SECONDS: '600', ROUTER_MAX_CONCURRENT_COMPLETIONS: '8', ROUTER_CHAT_TEMPLATE: 'chatml', UNRELATED: 'x',
    }
    const input = readRouterEnv(env)
    expect(Object.keys(input).sort()).toEqual(Object.values(ROUTER_ENV_KEYS).sort())
    expect(input).toMatchObject({ host: '0.0.0.0', port: 5011, devMode: true, apiTokens: ['a-token-123', 'b-token-456'], wsPort: null, rateLimitPerSecond: 2.5, publicMetrics: false })
    const o = resolveRouterOptions(input)
    expect(o.wsHost).toBe('10.1.1.1')
    expect(o.chatTemplate).toBe('chatml')
  })

  it('leaves unset and blank keys out, and reads a numeric WS port', () => {
    expect(readRouterEnv({ ROUTER_REST_BIND_PORT: '  ', ROUTER_WS_BIND_PORT: '9002' })).toEqual({ wsPort: 9002 })
  })

  it.each([
    ['ROUTER_REST_BIND_PORT', 'abc'],
    ['ROUTER_REST_BIND_PORT', '-1'],
    ['ROUTER_DEV_MODE', 'maybe'],
    ['ROUTER_RATE_LIMIT_PER_SECOND', '1e3'],
    ['ROUTER_WS_BIND_PORT', 'none'],
  ])('refuses %s=%s naming the key', (key, value) => {
    expect(() => readRouterEnv({ [key]: value })).toThrow(expect.objectContaining({ key }))
  })

  it('reads yes/no flags', () => {
    expect(readRouterEnv({ ROUTER_DEV_MODE: 'YES', ROUTER_PUBLIC_METRICS: 'no' })).toEqual({ devMode: true, publicMetrics: false })
  })
})

describe('parseDotEnv', () => {
  it('reads comments, export, quotes, escapes and inline comments', () => {
    const text = [
      '# router',
      '',
      'export ROUTER_REST_BIND_PORT=5010',
      "ROUTER_API_TOKENS='a#b c'",
      'ROUTER_CHAT_TEMPLATE="chat\\"ml\\n"',
      'ROUTER_WS_PATH=/ws # the path',
      'EMPTY=',
      'WINDOWS=1\r',
    ].join('\n')
    expect(parseDotEnv(text)).toEqual({ ROUTER_REST_BIND_PORT: '5010', ROUTER_API_TOKENS: 'a#b c', ROUTER_CHAT_TEMPLATE: 'chat"ml\n', ROUTER_WS_PATH: '/ws', EMPTY: '', WINDOWS: '1' })
  })

  it('names the line of a bad entry', () => {
    expect(() => parseDotEnv('A=1\nnot a pair')).toThrow(/line 2/)
    expect(() => parseDotEnv('A="open')).toThrow(/unterminated/)
  })
})
