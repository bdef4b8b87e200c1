/**
 * `ctb simulate`: one simulation run into a run folder (run.json, metrics.json, optional
 * trace.jsonl). Bad flags or files exit 2 naming the bad field; a broken invariant exits 1 with
 * its statement and a repro line; Ctrl-C stops after the current event, writes run.json marked
 * incomplete and exits 130.
 */
import { stringifyJson } from '../../protocol/core/json.ts'
import { RunWriteError } from '../../simulator/output/writer.ts'
import { describeViolation } from '../../simulator/host/checks.ts'
import { createProgressPrinter, formatDuration, formatRate } from '../../simulator/run/progress.ts'
import { runSimulationToFolder, type SimulationResult } from '../../simulator/run/run.ts'
import { resolveSimulation, SimulationInputError, type SimulationInput } from '../../simulator/scenario/resolve.ts'
import type { ParsedArgs } from '../args.ts'
import { InputError, type CliIo, type Command } from '../command.ts'
import { readJsonFile } from './params.ts'

const HOUR_MS = 3_600_000

export const simulateCommand: Command = {
  spec: {
    name: 'simulate',
    summary: 'Run the protocol with simulated miners, oracles and clients; write a run folder.',
    description:
      'Every protocol state change goes through the executable spec (protocol/). The population file may set any scenario field ' +
      '(miners and oracles by behaviour, workload, network, chain, inference, embeddings, faults, invariants); see simulator/README.md.',
    flags: [
      { name: 'nodes', type: 'int', min: 0, placeholder: 'N', description: 'miners (required unless the population file gives counts)' },
      { name: 'oracles', type: 'int', min: 1, placeholder: 'N', description: 'oracles (default 5, or the population file\'s counts)' },
      { name: 'hours', type: 'number', placeholder: 'H', description: 'simulated hours, genesis included (default 1)' },
      { name: 'seed', type: 'int', min: 0, default: 1, placeholder: 'S', description: 'the run\'s seed' },
      { name: 'params', type: 'string', placeholder: 'FILE', description: 'JSON file of protocol parameter overrides' },
      { name: 'population', type: 'string', placeholder: 'FILE', description: 'JSON file of scenario fields (behaviours, workload, faults, models)' },
      { name: 'calibration', type: 'string', placeholder: 'FILE', description: 'embedding calibration file (ctb calibrate) for the PoI similarity model' },
      { name: 'out', type: 'string', placeholder: 'DIR', description: 'run folder (default runs/seed<S>-n<N>-h<H>)' },
      { name: 'overwrite', type: 'bool', description: 'replace an existing run folder' },
      { name: 'trace', type: 'bool', description: 'also write trace.jsonl (one line per event; large)' },
      { name: 'conformance', type: 'bool', description: 'use the real keccak commit scheme instead of the fast stand-in' },
      { name: 'check-every', type: 'int', min: 1, placeholder: 'N', description: 'check invariants after every N commands (1 = every step)' },
      { name: 'json', type: 'bool', description: 'print a machine-readable summary on stdout' },
    ],
    positionals: [],
    examples: ['ctb simulate --nodes 200 --hours 2 --seed 7 --out runs/small', 'ctb simulate --nodes 10000 --oracles 5 --hours 24 --seed 1 --out runs/day', 'ctb simulate --population cheaters.json --nodes 500 --hours 6'],
  },
  async run(args, io) {
    const input = buildInput(args)
    let config
    try {
      config = resolveSimulation(input)
    } catch (error) {
      if (error instanceof SimulationInputError) throw new InputError(`invalid simulation input:\n${error.problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`)
      throw error
    }
    const miners = config.scenario.miners.reduce((n, g) => n + g.count, 0)
    const hours = config.scenario.durationMs / HOUR_MS
    const outDir = (args.flags['out'] as string | undefined) ?? `runs/seed${config.seed}-n${miners}-h${hours}`
    const repro = reproLine(args, config.seed)
    const progress = io.isTty ? createProgressPrinter((t) => process.stderr.write(t), () => performance.now()) : null
    let result: SimulationResult
    try {
      result = await runSimulationToFolder(config, {
        outDir,
        trace: Boolean(args.flags['trace']),
        overwrite: Boolean(args.flags['overwrite']),
        repro,
        progressEveryEvents: 50_000,
        ...(progress ? { onProgress: (p) => progress.update(p) } : {}),
      })
    } catch (error) {
      if (error instanceof RunWriteError) throw new InputError(error.message)
      throw error
    } finally {
      progress?.done()
    }
    report(io, result, outDir, Boolean(args.flags['json']))
    return result.status === 'completed' ? 0 : result.status === 'violation' ? 1 : 130
  },
}

function buildInput(args: ParsedArgs): SimulationInput {
  const f = args.flags
  const hours = f['hours'] as number | undefined
  if (hours !== undefined && !(hours > 0)) throw new InputError(`--hours must be above 0, got ${hours}`)
  return {
    seed: f['seed'] as number,
    ...(f['nodes'] !== undefined ? { miners: f['nodes'] as number } : {}),
    ...(f['oracles'] !== undefined ? { oracles: f['oracles'] as number } : {}),
    ...(hours !== undefined ? { durationMs: Math.round(hours * HOUR_MS) } : {}),
    ...(f['population'] !== undefined || f['calibration'] !== undefined ? { scenario: scenarioInput(f['population'] as string | undefined, f['calibration'] as string | undefined) } : {}),
    ...(f['params'] !== undefined ? { params: readJsonFile(f['params'] as string) } : {}),
    ...(f['conformance'] ? { conformance: true } : {}),
    ...(f['check-every'] !== undefined ? { checkEveryCommands: f['check-every'] as number } : {}),
  }
}

/** The population file's fields, with the calibration file's content under `calibration`. */
function scenarioInput(population: string | undefined, calibration: string | undefined): unknown {
  const base = population === undefined ? {} : readJsonFile(population)
  if (calibration === undefined) return base
  if (base === null || typeof base !== 'object' || Array.isArray(base)) return base
  return { ...base, calibration: readJsonFile(calibration) }
}

/** The command line that reproduces this run (its flags, minus output options). */
function reproLine(args: ParsedArgs, seed: number): string {
  const parts = ['ctb simulate', `--seed ${seed}`]
  for (const name of ['nodes', 'oracles', 'hours', 'params', 'population', 'calibration']) {
    if (args.flags[name] !== undefined) parts.push(`--${name} ${String(args.flags[name])}`)
  }
  if (args.flags['conformance']) parts.push('--conformance')
  parts.push(`--out runs/repro-${seed} --overwrite`)
  return parts.join(' ')
}

function report(io: CliIo, r: SimulationResult, outDir: string, json: boolean): void {
  const m = r.metrics
  const wallMs = r.header.wallTimeMs ?? 0
  if (json) {
    io.out(
      stringifyJson({
        out: outDir,
        status: r.status,
        seed: r.config.seed,
        simulatedMs: m.run.simulatedMs,
        eventsProcessed: m.run.eventsProcessed,
        wallTimeMs: wallMs,
        resultHash: r.resultHash,
        commitScheme: m.run.commitScheme,
        tasks: { submitted: m.tasks.submitted, succeeded: m.tasks.succeeded, failed: m.tasks.failed },
        violations: m.invariants.violations,
      }),
    )
  } else {
    io.out(
      [
        `run ${r.status}: ${outDir}`,
        `  simulated ${formatDuration(m.run.simulatedMs)} in ${formatDuration(wallMs)} wall, ${m.run.eventsProcessed} events (${formatRate((m.run.eventsProcessed * 1000) / Math.max(1, wallMs))} ev/s)`,
        `  tasks: ${m.tasks.submitted} submitted, ${m.tasks.succeeded} succeeded, ${m.tasks.ended - m.tasks.succeeded} failed; rounds: ${m.rounds.completed}/${m.rounds.requested} completed`,
        `  invariants: ${m.invariants.checks} checks; result ${r.resultHash}`,
      ].join('\n'),
    )
  }
  for (const v of m.invariants.violations) io.err(describeViolation(v))
  if (r.status === 'interrupted') io.err(`interrupted: ${outDir}/run.json is marked incomplete`)
}
