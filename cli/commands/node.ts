/**
 * `ctb node`: runs a reference node — miner, oracle or router — from flags, the environment and a
 * `.env` file (reference-node/cli/); `ctb node status` prints every node's standing on a chain
 * instead (a short memory run, or `--rpc`). `--memory` runs a whole in-process network for local
 * experiments; `--rpc` is checked and then refused until the viem chain client exists. Ctrl-C (or
 * SIGTERM) stops cleanly: running work ends, journals close, models are freed; a second Ctrl-C
 * exits at once. Bad settings are one line naming the key, exit code 2; an unreachable RPC, exit 1.
 */
import { ROUTER_ENV_KEYS } from '../../reference-node/router/config-env.ts'
import { BOOLEAN_KEYS, NODE_KEYS } from '../../reference-node/cli/config-keys.ts'
import { NodeConfigError, readDotEnv, resolveNodeConfig } from '../../reference-node/cli/config.ts'
import { RpcUnreachableError } from '../../reference-node/cli/deployment.ts'
import { NotSupportedError, launchNode } from '../../reference-node/cli/launch.ts'
import { InferenceError } from '../../reference-node/inference/errors.ts'
import { EmbeddingError } from '../../reference-node/embedding/errors.ts'
import { CatalogError } from '../../reference-node/catalog/types.ts'
import { getDefaultCatalog } from '../../reference-node/catalog/catalog.ts'
import { formatStandingsText, standingToJson } from '../../reference-node/dataset/format.ts'
import { readNodeStandings } from '../../reference-node/dataset/standing.ts'
import { UsageError, type FlagSpec, type ParsedArgs } from '../args.ts'
import { InputError, type CliIo, type Command } from '../command.ts'
import { SOURCE_FLAGS, readSourceChoice, withChainSource } from './dataset.ts'

const FLAGS: readonly FlagSpec[] = [
  ...NODE_KEYS.filter((k) => k.flag !== undefined).map((k): FlagSpec => ({
    name: k.flag!, type: BOOLEAN_KEYS.has(k.name) ? 'bool' : 'string', description: k.description, placeholder: placeholderOf(k.name),
  })),
  { name: 'env-file', type: 'string', placeholder: 'FILE', description: 'read settings from this .env file (default: ./.env when present)' },
  ...SOURCE_FLAGS.map((f) => ({ ...f, description: `status: ${f.description}` })),
  { name: 'json', type: 'bool', description: 'status: print the standings as JSON' },
]

/** Flags `ctb node status` reads; the others run a node and are refused with it. */
const STATUS_FLAGS: ReadonlySet<string> = new Set([...SOURCE_FLAGS.map((f) => f.name), 'json', 'rpc', 'contracts', 'chain-id', 'miners', 'model', 'model-id', 'embedder'])
/** Flags that only `ctb node status` takes. */
const STATUS_ONLY_FLAGS: readonly string[] = [...SOURCE_FLAGS.map((f) => f.name), 'json']

export const nodeCommand: Command = {
  spec: {
    name: 'node',
    summary: 'run a reference node (miner, oracle or router); --memory runs a local in-process network',
    description: describeKeys(),
    flags: FLAGS,
    positionals: [{ name: 'action', description: "status: print every node's standing (pool state, level, per-metric counters, online, stake) instead of running a node", required: false }],
    examples: [
      'ctb node status --memory-run --rounds 3                 # play 3 rounds with 4 miners on stories260K, then print every node\'s standing',
      'ctb node status --memory-run --model fake --miners 6 --rounds 8 --json',
      'ctb node --role router --memory                      # local network: router on :5010, 3 miners on stories260K, 1 oracle',
      'ctb node --role router --memory --model fake --port 0 --ws-port 0 --block-ms 200',
      'ctb node --role miner --memory --key-file node.key --data-dir data',
      'ctb node --role miner --rpc http://127.0.0.1:8545 --contracts deployment.json --key-file node.key   # checked, then: not yet supported',
    ],
  },
  run: (args, io) => (args.positionals.length > 0 ? runNodeStatus(args, io, process.cwd()) : runNode(args, io, { env: process.env, cwd: process.cwd() })),
}

/** `ctb node status`: every registered node's standing on the chain read (a memory run, or --rpc). */
export async function runNodeStatus(args: ParsedArgs, io: CliIo, cwd: string): Promise<number> {
  if (args.positionals[0] !== 'status') throw new UsageError(`unknown action '${args.positionals[0]}': 'ctb node' runs a node, 'ctb node status' prints the standings`)
  for (const [name, value] of Object.entries(args.flags)) {
    if (value !== undefined && !STATUS_FLAGS.has(name)) throw new UsageError(`--${name} does not apply to 'ctb node status'`)
  }
  const choice = readSourceChoice(args)
  return withChainSource(choice, io, cwd, async (source) => {
    const standings = await readNodeStandings(source.reader, getDefaultCatalog())
    io.out(args.flags['json'] === true ? JSON.stringify(standings.map(standingToJson), null, 2) : formatStandingsText(standings))
    return 0
  })
}

export interface NodeDeps {
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
  /** Stops the node (tests); the command also stops on SIGINT and SIGTERM. */
  readonly signal?: AbortSignal
  /** Told once the node runs (tests). */
  readonly onStarted?: (node: Awaited<ReturnType<typeof launchNode>>) => void
}

export async function runNode(args: ParsedArgs, io: CliIo, deps: NodeDeps): Promise<number> {
  for (const name of STATUS_ONLY_FLAGS) if (args.flags[name] !== undefined) throw new UsageError(`--${name} only applies to 'ctb node status'`)
  const config = configure(args, deps)
  const controller = new AbortController()
  deps.signal?.addEventListener('abort', () => controller.abort(), { once: true })
  let signals = 0
  const onSignal = (name: string): void => {
    if (++signals > 1) {
      io.err(`ctb node: ${name} again: exiting without a clean stop`)
      process.exit(130)
    }
    io.err(`ctb node: ${name}: stopping (press Ctrl-C again to exit at once)`)
    controller.abort()
  }
  const onInt = (): void => onSignal('SIGINT')
  const onTerm = (): void => onSignal('SIGTERM')
  process.on('SIGINT', onInt)
  process.on('SIGTERM', onTerm)
  try {
    const version = (await import('../../package.json', { with: { type: 'json' } })).default.version
    const node = await launchNode(config, { signal: controller.signal, sink: io.err, say: io.out, version })
    deps.onStarted?.(node)
    await node.stopped
    io.out('ctb node: stopped')
    return 0
  } catch (error) {
    return reportLaunchError(error, io)
  } finally {
    process.off('SIGINT', onInt)
    process.off('SIGTERM', onTerm)
  }
}

function configure(args: ParsedArgs, deps: NodeDeps) {
  const flags: Record<string, string | boolean | undefined> = {}
  for (const key of NODE_KEYS) if (key.flag !== undefined) flags[key.name] = args.flags[key.flag] as string | boolean | undefined
  try {
    const dotenv = readDotEnv(deps.cwd, args.flags['env-file'] as string | undefined)
    return resolveNodeConfig({ flags, env: deps.env, dotenv, cwd: deps.cwd })
  } catch (error) {
    if (error instanceof NodeConfigError) throw new InputError(error.message)
    throw error
  }
}

/** Bad settings and unusable models are the user's input (exit 2); an unreachable chain is exit 1; the rest are bugs. */
function reportLaunchError(error: unknown, io: CliIo): number {
  if (error instanceof NodeConfigError || error instanceof NotSupportedError) throw new InputError(error.message)
  if (error instanceof InferenceError || error instanceof EmbeddingError) throw new InputError(`cannot load the model: ${error.message}`)
  if (error instanceof CatalogError) throw new InputError(error.message)
  if (error instanceof RpcUnreachableError) {
    io.err(`ctb node: ${error.message}`)
    return 1
  }
  throw error
}

function placeholderOf(name: string): string {
  const known: Record<string, string> = { rpc: 'URL', key: 'HEX', keyFile: 'FILE', dataDir: 'DIR', model: 'PATH', contracts: 'FILE|0xADDR', routerUrl: 'URL', role: 'miner|oracle|router', embedder: 'lexical|llama' }
  return known[name] ?? 'N'
}

/** The key table for `--help`: every setting, its flag and environment keys, and the router's own keys. */
function describeKeys(): string {
  const lines = [
    'Settings come from flags, then the process environment, then the .env file, then defaults (highest first).',
    'Keys marked * are Cortensor installer keys (dist/.env-example); the others are ours.',
    '',
    'Keys:',
  ]
  for (const k of NODE_KEYS) {
    const env = k.env.join(' / ') + (k.installer ? ' *' : '')
    const flag = k.flag === undefined ? '' : `--${k.flag}`
    lines.push(`  ${flag.padEnd(16)} ${env.padEnd(44)} ${k.description}${k.defaultText === undefined ? '' : ` (default: ${k.defaultText})`}`)
  }
  lines.push('', 'Router keys (environment or .env; see reference-node/router/README.md):')
  for (const [env, option] of Object.entries(ROUTER_ENV_KEYS)) lines.push(`  ${''.padEnd(16)} ${env.padEnd(44)} router option ${option}`)
  return lines.join('\n')
}
