/**
 * From what a user gives (command-line counts, a population file, a params file) to a complete,
 * checked run configuration: seed, resolved `Scenario` and `Params`. Every problem is reported
 * with the path of its field — `population.miners[1].count`, `params.session.redundant`, `--nodes`
 * — all at once, as a `SimulationInputError`.
 */
import type { Params } from '../../protocol/params/spec.ts'
import { DEFAULT_CHAIN_OPTIONS, validateChainOptions } from '../models/chain.ts'
import { DEFAULT_EMBEDDING_OPTIONS, loadCalibration, validateEmbeddingOptions, type EmbeddingCalibration } from '../models/embeddings.ts'
import { DEFAULT_FAULT_OPTIONS, validateFaultOptions } from '../models/faults.ts'
import { DEFAULT_INFERENCE_OPTIONS, validateInferenceOptions } from '../models/inference.ts'
import { DEFAULT_NETWORK_OPTIONS, validateNetworkOptions } from '../models/network.ts'
import { Checker, type ModelError, type Validated } from '../models/validation.ts'
import { MINER_KNOB_DEFAULTS, ORACLE_KNOB_DEFAULTS } from './behaviours.ts'
import { DEFAULT_WORKLOAD, LARGE_NETWORK_CHECK_EVERY_MS, SMALL_NETWORK_MINERS, WARM_UP_ROUND_INTERVAL_MS, computeSampleEveryMs, computeWarmUpMs } from './defaults.ts'
import { resolveSimulationParams } from './params.ts'
import { allocateGroups, checkCrossFields } from './cross.ts'
import { SCENARIO_FORMAT_VERSION, type MinerGroup, type OracleGroup, type Scenario } from './types.ts'
import { checkInvariantChecks, checkMinerGroups, checkOracleGroups, checkWarmUp, checkWorkload } from './validate.ts'

export interface SimulationInput {
  readonly seed: number
  /** Total miners (`--nodes`); required unless the population gives counts. */
  readonly miners?: number
  /** Total oracles (`--oracles`). */
  readonly oracles?: number
  /** Simulated time (`--hours`), including genesis. */
  readonly durationMs?: number
  /** A population / scenario file: any `Scenario` fields (groups may use `share`). */
  readonly scenario?: unknown
  /** A params file: overrides of protocol parameters. */
  readonly params?: unknown
  /** Use the keccak commit scheme (conformance mode). */
  readonly conformance?: boolean
  /** Check invariants after every N commands (overrides the scenario). */
  readonly checkEveryCommands?: number
}

export interface SimulationConfig {
  readonly seed: number
  readonly scenario: Scenario
  readonly params: Params
}

export interface InputProblem {
  /** Where: `--nodes`, `population.miners[0].count`, `params.session.redundant`. */
  readonly path: string
  readonly message: string
}

export class SimulationInputError extends Error {
  override readonly name = 'SimulationInputError'
  constructor(readonly problems: readonly InputProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('\n'))
  }
}

const SCENARIO_KEYS = [
  'formatVersion',
  'durationMs',
  'miners',
  'oracles',
  'workload',
  'warmUp',
  'network',
  'chainRegion',
  'chain',
  'inference',
  'embeddings',
  'calibration',
  'faults',
  'commitScheme',
  'invariants',
  'sampleEveryMs',
]
const DAY_MS = 86_400_000

/** Resolves and checks `input`; throws `SimulationInputError` listing every problem. */
export function resolveSimulation(input: SimulationInput): SimulationConfig {
  const problems: InputProblem[] = []
  const add = (prefix: string, errors: readonly ModelError[]): void => {
    for (const e of errors) problems.push({ path: e.path === '' ? prefix : `${prefix}.${e.path}`, message: e.message })
  }
  checkTopLevel(input, problems)
  const file = (input.scenario ?? {}) as Record<string, unknown>
  const c = new Checker()
  if (c.object('', file)) c.knownKeys('', file, SCENARIO_KEYS)
  if (problems.length > 0 || c.errors.length > 0) {
    add('population', c.errors)
    throw new SimulationInputError(problems)
  }
  const scenario = mergeScenario(file, input, add)
  if (problems.length > 0) throw new SimulationInputError(problems)
  const minerTotal = scenario.miners.reduce((n, g) => n + g.count, 0)
  const params = resolveSimulationParams(minerTotal, input.params)
  if (!params.ok) {
    for (const e of params.errors) problems.push({ path: e.path === '(root)' ? 'params' : `params.${e.path}`, message: e.message.replace(`${e.path}: `, '') })
    throw new SimulationInputError(problems)
  }
  const resolved = finishScenario(scenario, params.params, input)
  checkCrossFields(resolved, params.params, problems)
  if (problems.length > 0) throw new SimulationInputError(problems)
  return { seed: input.seed, scenario: resolved, params: params.params }
}

function checkTopLevel(input: SimulationInput, problems: InputProblem[]): void {
  if (!Number.isSafeInteger(input.seed) || input.seed < 0 || input.seed > 0xffff_ffff) problems.push({ path: '--seed', message: `must be an integer in [0, 2^32), got ${String(input.seed)}` })
  if (input.miners !== undefined && (!Number.isSafeInteger(input.miners) || input.miners < 0)) problems.push({ path: '--nodes', message: `must be a non-negative integer, got ${String(input.miners)}` })
  if (input.oracles !== undefined && (!Number.isSafeInteger(input.oracles) || input.oracles < 1)) problems.push({ path: '--oracles', message: `must be a positive integer, got ${String(input.oracles)}` })
  if (input.durationMs !== undefined && !(Number.isSafeInteger(input.durationMs) && input.durationMs > 0 && input.durationMs <= 365 * DAY_MS)) {
    problems.push({ path: '--hours', message: `must give a positive duration of at most 365 days, got ${String(input.durationMs)} ms` })
  }
}

type AddErrors = (prefix: string, errors: readonly ModelError[]) => void

/** The scenario with every part merged over its defaults and validated (counts not yet final). */
function mergeScenario(file: Record<string, unknown>, input: SimulationInput, add: AddErrors): Scenario {
  const c = new Checker()
  const minersIn = file['miners'] ?? [{ behaviour: 'honest', share: 1 }]
  const oraclesIn = file['oracles'] ?? [{ behaviour: 'honest', share: 1 }]
  checkMinerGroups(c, 'miners', minersIn)
  checkOracleGroups(c, 'oracles', oraclesIn)
  const workload = { ...DEFAULT_WORKLOAD, ...(file['workload'] as object | undefined) }
  checkWorkload(c, 'workload', workload)
  if (file['warmUp'] !== undefined) checkWarmUp(c, 'warmUp', { durationMs: 0, roundIntervalMs: WARM_UP_ROUND_INTERVAL_MS, ...(file['warmUp'] as object) })
  if (file['invariants'] !== undefined) checkInvariantChecks(c, 'invariants', { everyCommands: 0, everyMs: 0, ...(file['invariants'] as object) })
  if (file['durationMs'] !== undefined) c.number('durationMs', file['durationMs'], { min: 1, max: 365 * DAY_MS, integer: true })
  if (file['sampleEveryMs'] !== undefined) c.number('sampleEveryMs', file['sampleEveryMs'], { min: 0, integer: true })
  if (file['commitScheme'] !== undefined) c.oneOf('commitScheme', file['commitScheme'], ['fast', 'keccak'])
  if (file['formatVersion'] !== undefined && file['formatVersion'] !== SCENARIO_FORMAT_VERSION) c.add('formatVersion', `must be ${SCENARIO_FORMAT_VERSION}, got ${JSON.stringify(file['formatVersion'])}`)
  add('population', c.errors)
  const network = modelPart('network', DEFAULT_NETWORK_OPTIONS, file['network'], validateNetworkOptions, add)
  const chain = modelPart('chain', DEFAULT_CHAIN_OPTIONS, file['chain'], validateChainOptions, add)
  const inference = modelPart('inference', DEFAULT_INFERENCE_OPTIONS, file['inference'], validateInferenceOptions, add)
  const embeddings = modelPart('embeddings', { ...DEFAULT_EMBEDDING_OPTIONS, dimension: 32 }, file['embeddings'], validateEmbeddingOptions, add)
  const faults = modelPart('faults', DEFAULT_FAULT_OPTIONS, file['faults'], validateFaultOptions, add)
  let calibration: EmbeddingCalibration | null = null
  if (file['calibration'] !== undefined && file['calibration'] !== null) {
    const loaded = loadCalibration(file['calibration'])
    if (loaded.ok) calibration = loaded.value
    else add('population.calibration', loaded.errors)
  }
  const allocation = allocateGroups(minersIn as never[], input.miners, '--nodes', 'population.miners', add)
  const oracleAllocation = allocateGroups(oraclesIn as never[], input.oracles ?? (file['oracles'] === undefined ? 5 : undefined), '--oracles', 'population.oracles', add)
  return {
    formatVersion: SCENARIO_FORMAT_VERSION,
    durationMs: input.durationMs ?? (file['durationMs'] as number | undefined) ?? 3_600_000,
    miners: allocation.map((g): MinerGroup => ({ ...MINER_KNOB_DEFAULTS, region: null, tier: null, stakeCor: null, ...stripSize(g.group), count: g.count }) as MinerGroup),
    oracles: oracleAllocation.map((g): OracleGroup => ({ ...ORACLE_KNOB_DEFAULTS, region: null, ...stripSize(g.group), count: g.count }) as OracleGroup),
    workload,
    warmUp: { durationMs: -1, roundIntervalMs: WARM_UP_ROUND_INTERVAL_MS, ...(file['warmUp'] as object | undefined) },
    network,
    chainRegion: (file['chainRegion'] as string | undefined) ?? network.regions[0]!,
    chain,
    inference,
    embeddings,
    calibration,
    faults,
    commitScheme: input.conformance ? 'keccak' : ((file['commitScheme'] as 'fast' | 'keccak' | undefined) ?? 'fast'),
    invariants: { everyCommands: -1, everyMs: -1, ...(file['invariants'] as object | undefined) },
    sampleEveryMs: (file['sampleEveryMs'] as number | undefined) ?? 0,
  }
}

function stripSize(group: Record<string, unknown>): Record<string, unknown> {
  const { share: _share, count: _count, ...rest } = group
  return rest
}

/** A model's options: the file's fields over the defaults (shallow), checked by the model's validator. */
function modelPart<T>(name: string, defaults: T, given: unknown, validate: (input: unknown) => Validated<T>, add: AddErrors): T {
  if (given === undefined) return defaults
  if (given === null || typeof given !== 'object' || Array.isArray(given)) {
    add(`population.${name}`, [{ path: '', message: 'must be an object' }])
    return defaults
  }
  const merged = { ...defaults, ...(given as object) }
  const result = validate(merged)
  if (!result.ok) add(`population.${name}`, result.errors)
  return merged
}

/** Fills the defaults that depend on the network's size and the parameters. */
function finishScenario(s: Scenario, params: Params, input: SimulationInput): Scenario {
  const miners = s.miners.reduce((n, g) => n + g.count, 0)
  const warmUpMs =
    s.warmUp.durationMs >= 0
      ? s.warmUp.durationMs
      : Math.min(s.durationMs, computeWarmUpMs(miners, params.networkTask.completers, params.eligibility.minAttempts, s.warmUp.roundIntervalMs))
  const small = miners <= SMALL_NETWORK_MINERS
  const invariants = {
    everyCommands: input.checkEveryCommands ?? (s.invariants.everyCommands >= 0 ? s.invariants.everyCommands : small ? 1 : 0),
    everyMs: s.invariants.everyMs >= 0 ? s.invariants.everyMs : small ? 0 : LARGE_NETWORK_CHECK_EVERY_MS,
  }
  return {
    ...s,
    warmUp: { ...s.warmUp, durationMs: warmUpMs },
    invariants,
    sampleEveryMs: s.sampleEveryMs > 0 ? s.sampleEveryMs : computeSampleEveryMs(s.durationMs),
  }
}
