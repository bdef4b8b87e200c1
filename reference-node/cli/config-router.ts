/**
 * The router's settings of `ctb node`: the router's own `ROUTER_*` keys (router/config-env.ts)
 * with ours over them (`--host`, `--port`, `--ws-port`, `--api-token` and the installer's keys),
 * checked by the router's own rules before anything starts; and, for a miner, where its router is.
 */
import { ROUTER_ENV_KEYS, readRouterEnv } from '../router/config-env.ts'
import { RouterConfigError, resolveRouterOptions, type RouterOptionsInput } from '../router/config.ts'
import { NODE_KEYS } from './config-keys.ts'
import { NodeConfigError, fail, pick, readInt, type NodeSources } from './config-sources.ts'

export type NodeRole = 'miner' | 'oracle' | 'router'

/**
 * The router's own `ROUTER_*` keys, then ours over them; memory mode without tokens runs in dev
 * mode. Checked in full only when this process runs a router.
 */
export function readRouter(s: NodeSources, memory: boolean, runsRouter: boolean): RouterOptionsInput {
  let base: RouterOptionsInput
  try {
    base = readRouterEnv({ ...s.dotenv, ...s.env })
  } catch (error) {
    if (error instanceof RouterConfigError) throw new NodeConfigError(`env ${error.key}`, error.message.slice(error.key.length + 2))
    throw error
  }
  const out: Record<string, unknown> = { ...base }
  const host = pick(s, 'host')
  if (host !== undefined) out['host'] = host.value
  if (pick(s, 'port') !== undefined) out['port'] = readInt(s, 'port', 0, 0, 65_535)
  const ws = pick(s, 'wsPort')
  if (ws !== undefined) out['wsPort'] = ws.value === 'shared' ? null : readInt(s, 'wsPort', 0, 0, 65_535)
  const tokens = pick(s, 'apiTokens')
  if (tokens !== undefined) out['apiTokens'] = tokens.value.split(',').map((t) => t.trim()).filter((t) => t !== '')
  const apiTokens = out['apiTokens'] as readonly string[] | undefined
  if (memory && (apiTokens === undefined || apiTokens.length === 0) && out['devMode'] === undefined) out['devMode'] = true
  if (runsRouter) checkRouterOptions(out as RouterOptionsInput)
  return out as RouterOptionsInput
}

/** The router's own checks, now rather than after the network started; the error names the flag and key. */
function checkRouterOptions(options: RouterOptionsInput): void {
  try {
    resolveRouterOptions(options)
  } catch (error) {
    if (!(error instanceof RouterConfigError)) throw error
    const envKey = Object.entries(ROUTER_ENV_KEYS).find(([, option]) => option === error.key)?.[0]
    const flag = NODE_KEYS.find((k) => k.name === error.key && k.flag !== undefined)?.flag
    const names = [flag === undefined ? null : `--${flag}`, envKey ?? null].filter((n) => n !== null).join(' / ')
    throw new NodeConfigError(names === '' ? error.key : `${names} (${error.key})`, error.message.slice(error.key.length + 2))
  }
}

export function readRouterUrl(s: NodeSources, role: NodeRole, chain: 'memory' | 'rpc'): string | null {
  if (role !== 'miner' || chain === 'memory') return null
  const url = pick(s, 'routerUrl')
  if (url !== undefined) {
    if (!/^wss?:\/\/[^\s/]+/.test(url.value)) fail(url, 'is not a ws:// or wss:// URL')
    return url.value
  }
  const host = pick(s, 'routerHost')
  if (host === undefined) throw new NodeConfigError('--router-url', 'a miner needs its router: --router-url ws://HOST:PORT/ws (or WS_HOST_ROUTER and WS_PORT_ROUTER)')
  const port = readInt(s, 'wsPort', 9001, 1, 65_535)
  return `ws://${host.value}:${port}/ws`
}
