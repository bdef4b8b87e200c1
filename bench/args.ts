/** Command-line parsing of `npm run bench`: benchmark names and a few numeric options. */
import type { BenchOptions } from './harness.ts'

export const BENCH_USAGE = 'Usage: npm run bench -- [NAME…] [--events N] [--pending N] [--repeats N] [--seed N] [--out DIR]'

export class BenchUsageError extends Error {
  override readonly name = 'BenchUsageError'
}

export interface BenchArgs {
  readonly names: readonly string[]
  readonly options: BenchOptions
  readonly outDir: string
  readonly help: boolean
}

/** Allowed range of each numeric flag. */
const NUMERIC_FLAGS = {
  events: [1, 1e10],
  pending: [1, 1 << 26],
  repeats: [1, 1000],
  seed: [0, 0xffff_ffff],
} as const satisfies Record<keyof BenchOptions, readonly [number, number]>

export function parseBenchArgs(argv: readonly string[], known: readonly string[], defaults: BenchOptions): BenchArgs {
  const names: string[] = []
  const options: Record<keyof BenchOptions, number> = { ...defaults }
  let outDir = 'artifacts/bench'
  let help = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--help' || arg === '-h') help = true
    else if (arg.startsWith('--')) {
      const flag = arg.slice(2)
      const value = argv[++i]
      if (value === undefined) throw new BenchUsageError(`--${flag} needs a value`)
      if (flag === 'out') outDir = value
      else if (flag in NUMERIC_FLAGS) options[flag as keyof BenchOptions] = parseCount(flag, value, NUMERIC_FLAGS[flag as keyof BenchOptions])
      else throw new BenchUsageError(`unknown flag --${flag}`)
    } else if (known.includes(arg)) names.push(arg)
    else throw new BenchUsageError(`unknown benchmark '${arg}' (known: ${known.join(', ')})`)
  }
  return { names: names.length > 0 ? names : [...known], options, outDir, help }
}

function parseCount(flag: string, raw: string, [min, max]: readonly [number, number]): number {
  const n = Number(raw)
  if (!/^[0-9]+$/.test(raw) || n < min || n > max) throw new BenchUsageError(`--${flag} expects an integer in [${min}, ${max}], got '${raw}'`)
  return n
}
