/**
 * `ctb calibrate`: measures PoI similarity distributions on real llama.cpp output — honest
 * answers and five cheat strategies — and writes a calibration file the simulator loads
 * (reference-node/calibration/README.md). Progress goes to stderr; a missing model, an embedder
 * that fails to load and bad flags are one-line errors with exit code 2.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { CalibrationError } from '../../reference-node/calibration/errors.ts'
import { CALIBRATION_PROMPTS } from '../../reference-node/calibration/prompts.ts'
import { runCalibration, type CalibrationEmbedderChoice } from '../../reference-node/calibration/run.ts'
import { DEFAULT_PLAN, type CalibrationPlan, type CalibrationProgress, type PoiCentreRule } from '../../reference-node/calibration/types.ts'
import { disposeSharedLlamas } from '../../reference-node/inference/llama-runtime.ts'
import { UsageError, type ParsedArgs } from '../args.ts'
import { InputError, type CliIo, type Command } from '../command.ts'

const DEFAULT_MODEL = 'models/stories260K/stories260K.gguf'
/** Progress lines per phase (a line every quarter of the work). */
const PROGRESS_STEPS = 4

export const calibrateCommand: Command = {
  spec: {
    name: 'calibrate',
    summary: 'Measure PoI similarity of honest and cheating llama.cpp outputs; write ROC, error rates and a simulator calibration file.',
    description:
      'For each of the first N committed prompts and each temperature (a task), runs K honest completions (one seed each) and five cheats ' +
      '(truncated, cheapModel, random, copyEdit, otherPrompt), embeds everything, and scores each output with protocol/poi against the ' +
      "task's honest answers. Writes the samples, the ROC with Wilson 95% intervals, the threshold for --target-fpr and the provenance. " +
      'The same flags give a byte-identical file.',
    flags: [
      { name: 'model', type: 'string', placeholder: 'GGUF', default: DEFAULT_MODEL, description: 'model that answers the prompts' },
      { name: 'prompts', type: 'int', placeholder: 'N', default: DEFAULT_PLAN.promptCount, min: 2, description: `prompts to use, from the committed list of ${CALIBRATION_PROMPTS.length}` },
      { name: 'embedder', type: 'enum', values: ['lexical', 'llama', 'transformers'], default: 'lexical', description: 'embedding method' },
      { name: 'embedding-model', type: 'string', placeholder: 'PATH', description: 'llama: a GGUF (default: --model); transformers: a local model folder (required)' },
      { name: 'seeds', type: 'int', placeholder: 'K', default: DEFAULT_PLAN.seedCount, min: 2, description: 'honest miners (seeds) per task' },
      { name: 'temperatures', type: 'string', placeholder: 'LIST', default: DEFAULT_PLAN.temperatures.join(','), description: 'task temperatures, comma-separated, each in [0, 2]' },
      { name: 'max-tokens', type: 'int', placeholder: 'N', default: DEFAULT_PLAN.maxTokens, min: 1, description: 'output tokens of an honest answer' },
      { name: 'truncate-fraction', type: 'number', placeholder: 'F', default: DEFAULT_PLAN.truncateFraction, description: 'truncated: share of the honest tokens kept, in (0, 1)' },
      { name: 'edit-rate', type: 'number', placeholder: 'R', default: DEFAULT_PLAN.editRate, min: 0, description: 'copyEdit: per-word deletion/swap probability, in [0, 1]' },
      { name: 'centre', type: 'enum', values: ['medoid', 'mean'], default: DEFAULT_PLAN.centre, description: 'PoI cluster centre (poi.centre)' },
      { name: 'mean-centre', type: 'bool', description: 'subtract the mean honest embedding before comparing (tiny models embed everything in one cone)' },
      { name: 'target-fpr', type: 'number', placeholder: 'P', default: DEFAULT_PLAN.targetFpr, description: 'false-positive rate the recommended threshold keeps to, in (0, 1)' },
      { name: 'seed', type: 'int', placeholder: 'S', default: DEFAULT_PLAN.seed, min: 0, description: 'master seed (honest and cheat seeds, random words, edits)' },
      { name: 'out', type: 'string', placeholder: 'FILE', description: 'calibration file to write (required)' },
    ],
    positionals: [],
    examples: [
      'ctb calibrate --prompts 8 --embedder lexical --out /tmp/cal.json',
      'ctb calibrate --model models/stories260K/stories260K.gguf --prompts 48 --seeds 3 --embedder llama --out calibration/stories260K-llama.json',
      'ctb calibrate --embedder llama --mean-centre --temperatures 0.7 --out /tmp/cal-t07.json',
    ],
  },
  async run(args, io) {
    const out = args.flags['out'] as string | undefined
    if (out === undefined || out === '') throw new UsageError('--out FILE is required (where to write the calibration file)')
    const plan = readPlan(args)
    const embedder = readEmbedder(args)
    const modelPath = args.flags['model'] as string
    // A run takes minutes: find an unwritable destination before it, not after.
    prepareOutput(out)
    const version = (await import('../../package.json', { with: { type: 'json' } })).default.version
    io.err(`calibrate: ${plan.promptCount} prompts × ${plan.temperatures.length} temperatures × ${plan.seedCount} seeds, embedder ${embedder.kind}, model ${modelPath}`)
    try {
      const result = await runCalibration({ plan, modelPath, embedder, packageVersion: version, onProgress: createProgressPrinter(io) })
      writeOutput(out, result.text)
      const m = result.file.measurement
      io.out(`wrote ${out}: AUC ${m.overallAuc} overall; τ ${m.recommended.threshold} for FPR ≤ ${plan.targetFpr} (measured ${m.recommended.falsePositive.rate}), cheats accepted ${m.recommended.overallFalseNegative.rate}`)
      return 0
    } catch (error) {
      return reportCalibrationError(error, io)
    } finally {
      await disposeSharedLlamas()
    }
  },
}

/**
 * A model, embedder or plan the user gave that does not work is bad input (exit 2, via
 * InputError); a run whose outputs leave too few samples is a failed run (exit 1). Anything else is
 * a bug and keeps its stack.
 */
export function reportCalibrationError(error: unknown, io: CliIo): number {
  if (!(error instanceof CalibrationError)) throw error
  if (error.code !== 'TooFewSamples') throw new InputError(error.message)
  io.err(`ctb calibrate: ${error.message}`)
  return 1
}

function readPlan(args: ParsedArgs): CalibrationPlan {
  const f = args.flags
  return {
    ...DEFAULT_PLAN,
    promptCount: f['prompts'] as number,
    seedCount: f['seeds'] as number,
    temperatures: parseTemperatures(f['temperatures'] as string),
    maxTokens: f['max-tokens'] as number,
    truncateFraction: f['truncate-fraction'] as number,
    editRate: f['edit-rate'] as number,
    centre: f['centre'] as PoiCentreRule,
    meanCentre: f['mean-centre'] === true,
    targetFpr: f['target-fpr'] as number,
    seed: f['seed'] as number,
  }
}

/** `0,0.7,1.0` → [0, 0.7, 1]; anything that is not a list of numbers is a usage error (ranges: the plan check). */
export function parseTemperatures(text: string): number[] {
  const parts = text.split(',').map((s) => s.trim())
  const values = parts.map(Number)
  const bad = parts.findIndex((s, i) => s === '' || !Number.isFinite(values[i]!))
  if (bad >= 0) throw new UsageError(`flag --temperatures expects comma-separated numbers, got '${text}'`)
  return values
}

function readEmbedder(args: ParsedArgs): CalibrationEmbedderChoice {
  const kind = args.flags['embedder'] as 'lexical' | 'llama' | 'transformers'
  const model = args.flags['embedding-model'] as string | undefined
  switch (kind) {
    case 'lexical':
      if (model !== undefined) throw new UsageError('--embedding-model does not apply to the lexical embedder')
      return { kind }
    case 'llama':
      return { kind, modelPath: model }
    case 'transformers':
      if (model === undefined) throw new UsageError('--embedder transformers needs --embedding-model PATH (a local model folder)')
      return { kind, model }
  }
}

/** Prints a line when a phase starts and at every further quarter of it. */
function createProgressPrinter(io: CliIo): (p: CalibrationProgress) => void {
  let lastPhase = ''
  let lastStep = -1
  return (p) => {
    const stepNow = Math.floor((p.done * PROGRESS_STEPS) / p.total)
    if (p.phase === lastPhase && stepNow === lastStep) return
    lastPhase = p.phase
    lastStep = stepNow
    io.err(`calibrate: ${p.phase} ${p.done}/${p.total}`)
  }
}

/** Creates the destination folder and refuses a destination that is a folder. */
function prepareOutput(file: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true })
  } catch (error) {
    throw new InputError(`cannot write ${file}: ${describeError(error)}`)
  }
  if (existsSync(file) && statSync(file).isDirectory()) throw new InputError(`cannot write ${file}: it is a folder`)
}

function writeOutput(file: string, text: string): void {
  try {
    writeFileSync(file, text)
  } catch (error) {
    throw new InputError(`cannot write ${file}: ${describeError(error)}`)
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
