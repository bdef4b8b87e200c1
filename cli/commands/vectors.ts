/**
 * `ctb vectors`: writes the protocol's conformance vectors (one JSON file per vector and an
 * index with the coverage of every machine's table and rejections), or with `--check DIR` replays
 * every vector file in DIR against the TypeScript machines and reports each mismatch.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { stringifyJson } from '../../protocol/core/json.ts'
import { exploreMachine } from '../../protocol/vectors/explore.ts'
import { VECTOR_FORMAT } from '../../protocol/vectors/format.ts'
import { DEFAULT_VECTOR_SEED, VECTOR_MACHINES, findVectorMachine, isCoverageComplete, summarizeCoverage, type CoverageSummary, type VectorMachine } from '../../protocol/vectors/machines.ts'
import { decodeVector, encodeVector, replayVector, type AnyVector } from '../../protocol/vectors/replay.ts'
import { UsageError } from '../args.ts'
import { InputError, type CliIo, type Command } from '../command.ts'

const MACHINE_NAMES = VECTOR_MACHINES.map((m) => m.driver.table.machine)
const INDEX_FILE = 'index.json'

export interface VectorIndexEntry {
  readonly files: readonly string[]
  readonly vectors: number
  readonly steps: number
  readonly paramVariants: number
  readonly coverage: CoverageSummary
}

export interface VectorIndex {
  readonly format: typeof VECTOR_FORMAT
  readonly seed: number
  readonly machines: Readonly<Record<string, VectorIndexEntry>>
}

export const vectorsCommand: Command = {
  spec: {
    name: 'vectors',
    summary: 'Write the protocol conformance vectors (JSON, with coverage), or replay a directory of them.',
    description:
      'Explores every machine with seeded random walks and keeps the walks that cover a new table row or rejection code. ' +
      'Writes DIR/<machine>/<name>.json per vector and DIR/index.json; exit 1 if any row or rejection is left uncovered. ' +
      'With --check DIR, replays every vector file under DIR on the TypeScript machines; exit 1 on any mismatch.',
    flags: [
      { name: 'out', type: 'string', placeholder: 'DIR', default: 'out/vectors', description: 'directory to write the vectors to' },
      { name: 'seed', type: 'int', placeholder: 'N', default: DEFAULT_VECTOR_SEED, min: 0, description: 'exploration seed (the same seed gives byte-identical files)' },
      { name: 'machine', type: 'string', placeholder: 'NAME', description: `only this machine (${MACHINE_NAMES.join(', ')})` },
      { name: 'check', type: 'string', placeholder: 'DIR', description: 'replay the vector files under DIR instead of writing' },
    ],
    positionals: [],
    examples: ['ctb vectors', 'ctb vectors --machine task --out /tmp/v', 'ctb vectors --check out/vectors'],
  },
  async run(args, io) {
    const machines = selectMachines(args.flags['machine'] as string | undefined)
    const checkDir = args.flags['check'] as string | undefined
    if (checkDir !== undefined) return checkVectors(checkDir, machines, io)
    const seed = args.flags['seed'] as number
    if (seed > 0xffff_ffff) throw new UsageError(`flag --seed: ${seed} does not fit in 32 bits`)
    return writeVectors(args.flags['out'] as string, seed, machines, io)
  },
}

function selectMachines(only: string | undefined): readonly VectorMachine[] {
  if (only === undefined) return VECTOR_MACHINES
  const found = findVectorMachine(only)
  if (found === undefined) throw new UsageError(`unknown machine '${only}' (known: ${MACHINE_NAMES.join(', ')})`)
  return [found]
}

// ---- writing -----------------------------------------------------------------------------------

function writeVectors(outDir: string, seed: number, machines: readonly VectorMachine[], io: CliIo): number {
  makeDir(outDir)
  const entries: Record<string, VectorIndexEntry> = {}
  let complete = true
  for (const machine of machines) {
    const name = machine.driver.table.machine
    const result = exploreMachine(machine.driver, { seed, walks: machine.walks, maxSteps: machine.maxSteps })
    const dir = join(outDir, name)
    makeDir(dir)
    removeOldVectors(dir)
    const files = result.vectors.map((vector) => {
      const file = `${name}/${vector.name}.json`
      writeFile(join(outDir, file), encodeVector(vector as AnyVector))
      return file
    })
    const coverage = summarizeCoverage(machine.driver, result.coverage)
    const steps = result.vectors.reduce((sum, v) => sum + v.steps.length, 0)
    entries[name] = { files, vectors: files.length, steps, paramVariants: machine.driver.paramVariants.length, coverage }
    complete &&= isCoverageComplete(coverage)
    io.err(
      `vectors: ${name}: ${files.length} vectors, ${steps} steps, rows ${coverage.rows.covered.length}/${coverage.rows.total}, ` +
        `rejections ${coverage.rejections.covered.length}/${coverage.rejections.total} → ${dir}`,
    )
    if (!isCoverageComplete(coverage)) io.err(`vectors: ${name}: NOT covered: ${describeGaps(coverage)}`)
  }
  const index: VectorIndex = { format: VECTOR_FORMAT, seed, machines: entries }
  writeFile(join(outDir, INDEX_FILE), `${stringifyJson(index, 2)}\n`)
  io.out(`wrote ${Object.values(entries).reduce((n, e) => n + e.vectors, 0)} vectors of ${machines.length} machine(s) to ${outDir} (seed ${seed})`)
  return complete ? 0 : 1
}

function describeGaps(coverage: CoverageSummary): string {
  return [
    ...coverage.rows.missing.map((r) => `row ${r}`),
    ...coverage.rejections.missing.map((c) => `rejection ${c}`),
    ...coverage.unexpected.map((c) => `unlisted rejection ${c}`),
  ].join(', ')
}

function makeDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true })
  } catch (error) {
    throw new InputError(`cannot create directory ${dir}: ${describeError(error)}`)
  }
}

function writeFile(file: string, text: string): void {
  try {
    writeFileSync(file, text)
  } catch (error) {
    throw new InputError(`cannot write ${file}: ${describeError(error)}`)
  }
}

/** Vectors of an earlier run (another seed) would otherwise linger beside the new ones. */
function removeOldVectors(dir: string): void {
  for (const entry of readdirSync(dir)) if (entry.endsWith('.json')) rmSync(join(dir, entry))
}

function describeError(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error)
}

// ---- checking ----------------------------------------------------------------------------------

function checkVectors(dir: string, machines: readonly VectorMachine[], io: CliIo): number {
  const files = listVectorFiles(dir)
  if (files.length === 0) throw new InputError(`no vector files (*.json) under ${dir}`)
  const wanted = new Set(machines.map((m) => m.driver.table.machine))
  const problems: string[] = [...checkIndex(dir)]
  const counts = new Map<string, { vectors: number; steps: number }>()
  for (const file of files) {
    const name = relative(dir, file)
    let vector: AnyVector
    try {
      vector = decodeVector(readFileSync(file, 'utf8'))
    } catch (error) {
      problems.push(`${name}: not a ${VECTOR_FORMAT} vector: ${(error as Error).message}`)
      continue
    }
    if (!wanted.has(vector.machine)) {
      if (findVectorMachine(vector.machine) === undefined) problems.push(`${name}: unknown machine '${vector.machine}'`)
      continue
    }
    for (const m of replayVector(findVectorMachine(vector.machine)!.driver, vector)) {
      problems.push(`${name}: ${m.step === null ? 'vector' : `step ${m.step}`}: ${m.message}`)
    }
    const count = counts.get(vector.machine) ?? { vectors: 0, steps: 0 }
    counts.set(vector.machine, { vectors: count.vectors + 1, steps: count.steps + vector.steps.length })
  }
  for (const [machine, c] of counts) io.err(`vectors: ${machine}: replayed ${c.vectors} vectors, ${c.steps} steps`)
  for (const p of problems) io.out(p)
  const total = [...counts.values()].reduce((n, c) => n + c.vectors, 0)
  io.out(problems.length === 0 ? `${total} vectors conform` : `${problems.length} mismatch(es) in ${total} vectors`)
  return problems.length === 0 ? 0 : 1
}

/** Every `*.json` under `dir` except the index, in a stable order. */
function listVectorFiles(dir: string): string[] {
  let entries: string[]
  try {
    if (!statSync(dir).isDirectory()) throw new InputError(`${dir} is not a directory`)
    entries = readdirSync(dir, { recursive: true }) as string[]
  } catch (error) {
    if (error instanceof InputError) throw error
    throw new InputError(`cannot read ${dir}: ${describeError(error)}`)
  }
  return entries
    .filter((e) => e.endsWith('.json') && e !== INDEX_FILE)
    .sort()
    .map((e) => join(dir, e))
}

/** Files the index lists but the directory lacks (a partial copy would otherwise pass). */
function checkIndex(dir: string): string[] {
  let text: string
  try {
    text = readFileSync(join(dir, INDEX_FILE), 'utf8')
  } catch {
    return []
  }
  let index: Partial<VectorIndex>
  try {
    index = JSON.parse(text) as Partial<VectorIndex>
  } catch (error) {
    return [`${INDEX_FILE}: not valid JSON: ${(error as Error).message}`]
  }
  const problems: string[] = []
  for (const entry of Object.values(index.machines ?? {})) {
    for (const file of entry.files ?? []) {
      try {
        statSync(join(dir, file))
      } catch {
        problems.push(`${INDEX_FILE}: lists ${file}, which is missing`)
      }
    }
  }
  return problems
}
