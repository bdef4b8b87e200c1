/**
 * `ctb dataset export`: writes the synthetic dataset the PoUW rounds left on chain — every ended
 * round's questions and each completer's answers, with miner, precommit hash, salt and PoI
 * verdict, invalid answers marked — as JSON lines (reference-node/dataset/). It reads a short
 * in-process memory run (`--memory-run`), or a real chain (`--rpc`, checked and then refused
 * until the viem client exists). Bad flags are exit code 2, an unreachable chain or a run that
 * did not finish exit code 1.
 */
import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { openChainSource, type ChainSource, type ChainSourceChoice } from '../../reference-node/cli/chain-source.ts'
import { NodeConfigError } from '../../reference-node/cli/config-sources.ts'
import { RpcUnreachableError } from '../../reference-node/cli/deployment.ts'
import { NotSupportedError } from '../../reference-node/cli/launch.ts'
import { CatalogError } from '../../reference-node/catalog/types.ts'
import { exportDatasetToFile } from '../../reference-node/dataset/export.ts'
import { MemoryRunIncomplete } from '../../reference-node/dataset/memory-run.ts'
import { EmbeddingError } from '../../reference-node/embedding/errors.ts'
import { InferenceError } from '../../reference-node/inference/errors.ts'
import { STORIES_260K_GGUF } from '../../reference-node/inference/model-files.ts'
import { UsageError, type FlagSpec, type ParsedArgs } from '../args.ts'
import { InputError, type CliIo, type Command } from '../command.ts'

/** Flags choosing and shaping the chain to read (shared with `ctb node status`, which has some of them already). */
export const SOURCE_FLAGS: readonly FlagSpec[] = [
  { name: 'memory-run', type: 'bool', description: 'run miners and an oracle in-process for --rounds rounds, then read that chain' },
  { name: 'rounds', type: 'int', min: 1, placeholder: 'N', description: 'memory run: rounds to play to their end (default 3)' },
  { name: 'seed', type: 'int', min: 0, placeholder: 'N', description: 'memory run: seeds the oracle\'s picks and the chain (default 1)' },
  { name: 'params', type: 'string', placeholder: 'FILE', description: 'memory run: JSON parameter overrides on the run\'s defaults (see ctb params)' },
]

const FLAGS: readonly FlagSpec[] = [
  { name: 'out', type: 'string', placeholder: 'FILE', description: 'the JSON-lines file to write (required)' },
  ...SOURCE_FLAGS,
  { name: 'miners', type: 'int', min: 1, placeholder: 'N', description: 'memory run: miners (default 4)' },
  { name: 'model', type: 'string', placeholder: 'PATH|fake', description: 'memory run: the miners\' GGUF, or fake (default models/stories260K/stories260K.gguf)' },
  { name: 'model-id', type: 'int', min: 0, placeholder: 'N', description: 'memory run: the catalog id the miners serve (default: the model file\'s)' },
  { name: 'embedder', type: 'enum', values: ['lexical', 'llama'], description: 'memory run: the oracle\'s PoI embedder (default lexical)' },
  { name: 'rpc', type: 'string', placeholder: 'URL', description: 'read a real chain (checked, then: not yet supported)' },
  { name: 'contracts', type: 'string', placeholder: 'FILE|0xADDR', description: 'with --rpc: the deployment\'s addresses' },
  { name: 'chain-id', type: 'int', min: 1, placeholder: 'N', description: 'with --rpc: the chain id it must be on' },
  { name: 'json', type: 'bool', description: 'print the summary as JSON' },
]

export const datasetCommand: Command = {
  spec: {
    name: 'dataset',
    summary: 'export the synthetic question–answer dataset the PoUW rounds produced, as JSON lines',
    description: [
      'One line per (round, completer, question): roundId, roundOutcome, domain, subdomain, creator, preparer, challengeIndex,',
      'question, miner, answer, completion (as revealed), precommitHash, salt, commitScheme, completerState, verdict, similarity,',
      'valid, invalidReason. Ended rounds only, in round / completer / question order. See reference-node/dataset/README.md.',
    ].join('\n'),
    flags: FLAGS,
    positionals: [{ name: 'action', description: 'export', required: true }],
    examples: ['ctb dataset export --out data.jsonl --memory-run --rounds 3', 'ctb dataset export --out data.jsonl --memory-run --model fake --miners 6 --rounds 10 --json'],
  },
  run: (args, io) => runDataset(args, io, process.cwd()),
}

export async function runDataset(args: ParsedArgs, io: CliIo, cwd: string): Promise<number> {
  if (args.positionals[0] !== 'export') throw new UsageError(`unknown action '${args.positionals[0]}': the only action is 'export'`)
  const out = args.flags['out'] as string | undefined
  if (out === undefined || out === '') throw new UsageError('--out FILE is required')
  const choice = readSourceChoice(args)
  const path = resolve(cwd, out)
  // Checked before the run, which may take a while.
  if (!existsSync(dirname(path))) throw new InputError(`cannot write ${path}: the folder ${dirname(path)} does not exist`)
  return withChainSource(choice, io, cwd, async (source) => {
    let summary
    try {
      summary = await exportDatasetToFile(source.reader, path)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw new InputError(`cannot write ${path}: ${code}`)
      throw error
    }
    if (args.flags['json'] === true) io.out(JSON.stringify({ file: path, ...summary }))
    else io.out(`wrote ${summary.rows} rows (${summary.invalidRows} marked invalid) from ${summary.endedRounds} ended rounds (${summary.openRounds} still open, left out) of ${source.description} to ${path}`)
    return 0
  })
}

/** Where to read, from the flags: exactly one of --memory-run and --rpc. Flag values may be strings (ctb node's flags are). */
export function readSourceChoice(args: ParsedArgs): ChainSourceChoice {
  const f = args.flags
  const rpc = f['rpc'] as string | undefined
  const memory = f['memory-run'] === true
  if (memory === (rpc !== undefined)) throw new UsageError('choose what to read: --memory-run (a local run) or --rpc URL (a real chain)')
  if (rpc !== undefined) {
    for (const name of ['rounds', 'seed', 'params', 'miners', 'model', 'model-id', 'embedder']) if (f[name] !== undefined) throw new UsageError(`--${name} applies to --memory-run, not --rpc`)
    const contracts = f['contracts'] as string | undefined
    if (contracts === undefined) throw new UsageError('--rpc needs --contracts FILE|0xADDR (the deployment\'s addresses)')
    const chainId = f['chain-id'] === undefined ? null : readInt(f['chain-id'], 'chain-id', 1, Number.MAX_SAFE_INTEGER)
    return { kind: 'rpc', url: rpc, contracts, chainId }
  }
  for (const name of ['contracts', 'chain-id']) if (f[name] !== undefined) throw new UsageError(`--${name} applies to --rpc, not --memory-run`)
  const embedder = (f['embedder'] as string | undefined) ?? 'lexical'
  if (embedder !== 'lexical' && embedder !== 'llama') throw new UsageError(`--embedder must be lexical or llama, got '${embedder}'`)
  return {
    kind: 'memoryRun',
    rounds: f['rounds'] === undefined ? 3 : readInt(f['rounds'], 'rounds', 1, 10_000),
    miners: f['miners'] === undefined ? 4 : readInt(f['miners'], 'miners', 1, 64),
    model: (f['model'] as string | undefined) ?? STORIES_260K_GGUF,
    ...(f['model-id'] === undefined ? {} : { modelId: readInt(f['model-id'], 'model-id', 0, Number.MAX_SAFE_INTEGER) }),
    embedder,
    seed: f['seed'] === undefined ? 1 : readInt(f['seed'], 'seed', 0, 2 ** 32 - 1),
    ...(f['params'] === undefined ? {} : { paramsFile: f['params'] as string }),
  }
}

function readInt(value: unknown, name: string, min: number, max: number): number {
  const n = typeof value === 'number' ? value : /^\d{1,16}$/.test(String(value)) ? Number(value) : NaN
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got '${String(value)}'`)
  return n
}

/**
 * Opens the source, runs `use`, closes it; maps the source's failures to exit codes: bad
 * settings and models are input errors (2), an unreachable chain or an unfinished run is 1.
 */
export async function withChainSource(choice: ChainSourceChoice, io: CliIo, cwd: string, use: (source: ChainSource) => Promise<number>): Promise<number> {
  let source: ChainSource
  try {
    source = await openChainSource(choice, { say: io.err, sink: io.err, cwd })
  } catch (error) {
    if (error instanceof NodeConfigError || error instanceof NotSupportedError || error instanceof CatalogError) throw new InputError(error.message)
    if (error instanceof InferenceError || error instanceof EmbeddingError) throw new InputError(`cannot load the model: ${error.message}`)
    if (error instanceof RpcUnreachableError || error instanceof MemoryRunIncomplete) {
      io.err(error.message)
      return 1
    }
    throw error
  }
  try {
    return await use(source)
  } finally {
    await source.close()
  }
}
