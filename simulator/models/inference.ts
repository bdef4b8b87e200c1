/**
 * How long a miner takes to answer: hardware tiers with a generation speed (tokens/s on the
 * reference model, an 8B Q4 model), models that run faster or slower than the reference and
 * need a minimum tier, and an output-length distribution.
 *
 * A node's speed is drawn once, when the node is created (`sampleNodeTokensPerSecond`); each task
 * then varies around it (`taskSpeedSigma`), so a slow machine stays slow.
 *
 * Defaults: the CPU tiers rest on the measurements collected in anchors.md §D (Llama-3.1-8B Q4_K_M
 * at 6.5 t/s on an i5-9500; ~31 t/s for a 3B model on a Ryzen 7950X, i.e. ~12 t/s for 8B; an ARM
 * board at ~39 t/s for a 1.1B model, i.e. ~3 t/s for 8B). The GPU tiers are ESTIMATES
 * (consumer GPU ~80 t/s, datacenter GPU ~150 t/s for an 8B Q4 model); the tier shares are a guess
 * at a testnet population. Model speed factors scale roughly with the inverse of parameter count.
 */
import type { Rng } from '../../protocol/core/rng.ts'
import { fail } from '../engine/assert.ts'
import { sampleCumulativeIndex, sampleLognormalByMedian } from '../engine/distributions.ts'
import { checkDistribution, createSampler, type DistributionSpec } from './distribution.ts'
import { Checker, joinPath, unwrapValidated, type Validated } from './validation.ts'

export interface HardwareTier {
  readonly name: string
  /** Share of the population with this tier (shares are normalised over all tiers). */
  readonly share: number
  /** Generation speed on the reference model (8B, Q4). */
  readonly tokensPerSecond: DistributionSpec
  /** Time before the first token (prompt processing, scheduling). */
  readonly prefillMs: DistributionSpec
}

export interface ModelProfile {
  /** Session model identifier (cortensor-protocol.md §12). */
  readonly id: number
  readonly name: string
  /** Speed relative to the reference model (2 = twice as fast). */
  readonly speedFactor: number
  /** Weakest tier that can serve the model (tiers are listed weakest first). */
  readonly minTier: string
}

export interface InferenceOptions {
  /** Weakest first; `minTier` compares positions in this list. */
  readonly tiers: readonly HardwareTier[]
  readonly models: readonly ModelProfile[]
  /** Tokens generated per answer before the task's `maxTokens` cap. */
  readonly outputTokens: DistributionSpec
  /** Sigma of the lognormal factor that varies a node's speed from task to task. */
  readonly taskSpeedSigma: number
}

const lognormal = (median: number, sigma: number): DistributionSpec => ({ kind: 'lognormal', median, sigma })

export const DEFAULT_INFERENCE_OPTIONS: InferenceOptions = {
  tiers: [
    { name: 'arm-board', share: 0.1, tokensPerSecond: lognormal(3, 0.3), prefillMs: lognormal(4000, 0.3) },
    { name: 'cpu', share: 0.5, tokensPerSecond: lognormal(8, 0.35), prefillMs: lognormal(1500, 0.3) },
    { name: 'gpu-consumer', share: 0.3, tokensPerSecond: lognormal(80, 0.25), prefillMs: lognormal(150, 0.3) },
    { name: 'gpu-datacenter', share: 0.1, tokensPerSecond: lognormal(150, 0.2), prefillMs: lognormal(60, 0.3) },
  ],
  models: [
    { id: 0, name: 'llava-v1.5-7b-q4', speedFactor: 1.1, minTier: 'arm-board' },
    { id: 2, name: 'Meta-Llama-3.1-8B-Instruct.Q4_K_M', speedFactor: 1, minTier: 'arm-board' },
    { id: 7, name: 'google_gemma-3-4b-it-Q6_K', speedFactor: 1.6, minTier: 'arm-board' },
    { id: 10, name: 'DeepSeek-R1-Distill-Qwen-14B-Q4_K_M', speedFactor: 0.55, minTier: 'cpu' },
    { id: 3, name: 'Qwen_QwQ-32B-Q4_K_M', speedFactor: 0.25, minTier: 'gpu-consumer' },
  ],
  outputTokens: lognormal(128, 0.7),
  taskSpeedSigma: 0.1,
}

export interface InferenceModel {
  readonly options: InferenceOptions
  tierIndex(name: string): number
  /** Index in `options.models` of the model with session identifier `id`. */
  modelIndex(id: number): number
  /** A tier drawn by population share (for creating nodes). */
  sampleTier(rng: Rng): number
  /** A node's lasting speed on the reference model, drawn once per node. */
  sampleNodeTokensPerSecond(rng: Rng, tier: number): number
  canServe(tier: number, model: number): boolean
  /** Output length in tokens, in [1, maxTokens]. */
  sampleOutputTokens(rng: Rng, maxTokens: number): number
  /** Integer ms from start to last token for a node of `tier` with speed `nodeTokensPerSecond`. */
  sampleInferenceMs(rng: Rng, tier: number, nodeTokensPerSecond: number, model: number, outputTokens: number): number
}

export function validateInferenceOptions(input: unknown): Validated<InferenceOptions> {
  const c = new Checker()
  if (!c.object('', input)) return c.result(input as unknown as InferenceOptions)
  c.knownKeys('', input, Object.keys(DEFAULT_INFERENCE_OPTIONS))
  const tierNames = new Set<string>()
  if (c.array('tiers', input['tiers'], 1)) {
    input['tiers'].forEach((tier, i) => {
      const path = joinPath('tiers', i)
      if (!c.object(path, tier)) return
      c.knownKeys(path, tier, ['name', 'share', 'tokensPerSecond', 'prefillMs'])
      if (c.string(joinPath(path, 'name'), tier['name'])) {
        if (tierNames.has(tier['name'])) c.add(joinPath(path, 'name'), `duplicate tier '${tier['name']}'`)
        tierNames.add(tier['name'])
      }
      c.number(joinPath(path, 'share'), tier['share'], { min: 0 })
      checkDistribution(c, joinPath(path, 'tokensPerSecond'), tier['tokensPerSecond'], { min: 0.01, max: 1e6 })
      checkDistribution(c, joinPath(path, 'prefillMs'), tier['prefillMs'])
    })
    const total = input['tiers'].reduce((sum: number, t) => sum + (typeof (t as { share?: unknown })?.share === 'number' ? (t as { share: number }).share : 0), 0)
    if (!(total > 0)) c.add('tiers', 'at least one tier needs a share above 0')
  }
  checkModels(c, input['models'], tierNames)
  checkDistribution(c, 'outputTokens', input['outputTokens'], { min: 1, max: 1e6 })
  c.number('taskSpeedSigma', input['taskSpeedSigma'], { min: 0, max: 5 })
  return c.result(input as unknown as InferenceOptions)
}

function checkModels(c: Checker, models: unknown, tierNames: ReadonlySet<string>): void {
  if (!c.array('models', models, 1)) return
  const ids = new Set<unknown>()
  models.forEach((model, i) => {
    const path = joinPath('models', i)
    if (!c.object(path, model)) return
    c.knownKeys(path, model, ['id', 'name', 'speedFactor', 'minTier'])
    if (c.number(joinPath(path, 'id'), model['id'], { min: 0, integer: true }) && ids.has(model['id'])) c.add(joinPath(path, 'id'), `duplicate model id ${model['id']}`)
    ids.add(model['id'])
    c.string(joinPath(path, 'name'), model['name'])
    c.number(joinPath(path, 'speedFactor'), model['speedFactor'], { min: 0, minExclusive: true, max: 1000 })
    if (c.string(joinPath(path, 'minTier'), model['minTier']) && !tierNames.has(model['minTier'])) c.add(joinPath(path, 'minTier'), `unknown tier '${model['minTier']}'`)
  })
}

/** Builds the model; invalid options throw `ModelValidationError` naming every bad field. */
export function createInferenceModel(options: InferenceOptions = DEFAULT_INFERENCE_OPTIONS): InferenceModel {
  const valid = unwrapValidated('inference', validateInferenceOptions(options))
  const tierIndexByName = new Map(valid.tiers.map((t, i) => [t.name, i]))
  const modelIndexById = new Map(valid.models.map((m, i) => [m.id, i]))
  const speedSamplers = valid.tiers.map((t) => createSampler(t.tokensPerSecond, { min: 0.01, max: 1e6 }))
  const prefillSamplers = valid.tiers.map((t) => createSampler(t.prefillMs))
  const cumulativeShares = new Float64Array(valid.tiers.length)
  valid.tiers.reduce((sum, t, i) => (cumulativeShares[i] = sum + t.share), 0)
  const speedFactors = Float64Array.from(valid.models, (m) => m.speedFactor)
  const minTiers = Int32Array.from(valid.models, (m) => tierIndexByName.get(m.minTier)!)
  const sampleLength = createSampler(valid.outputTokens, { min: 1, max: 1e6 })
  const checkTier = (tier: number): void => {
    if (!(tier >= 0 && tier < valid.tiers.length)) fail(`tier index ${tier} out of range`)
  }
  const checkModel = (model: number): void => {
    if (!(model >= 0 && model < valid.models.length)) fail(`model index ${model} out of range`)
  }
  return {
    options: valid,
    tierIndex(name) {
      const i = tierIndexByName.get(name)
      if (i === undefined) fail(`unknown tier '${name}'`)
      return i
    },
    modelIndex(id) {
      const i = modelIndexById.get(id)
      if (i === undefined) fail(`unknown model id ${id}`)
      return i
    },
    sampleTier: (rng) => sampleCumulativeIndex(rng, cumulativeShares),
    sampleNodeTokensPerSecond(rng, tier) {
      checkTier(tier)
      return speedSamplers[tier]!(rng)
    },
    canServe(tier, model) {
      checkTier(tier)
      checkModel(model)
      return tier >= minTiers[model]!
    },
    sampleOutputTokens(rng, maxTokens) {
      if (!(maxTokens >= 1)) fail(`maxTokens must be ≥ 1, got ${maxTokens}`)
      return Math.min(maxTokens, Math.max(1, Math.round(sampleLength(rng))))
    },
    sampleInferenceMs(rng, tier, nodeTokensPerSecond, model, outputTokens) {
      checkTier(tier)
      checkModel(model)
      if (!(nodeTokensPerSecond > 0 && outputTokens >= 0)) fail(`need tokens/s > 0 and outputTokens ≥ 0, got ${nodeTokensPerSecond}, ${outputTokens}`)
      const tokensPerSecond = sampleLognormalByMedian(rng, nodeTokensPerSecond * speedFactors[model]!, valid.taskSpeedSigma)
      return Math.round(prefillSamplers[tier]!(rng) + (outputTokens * 1000) / tokensPerSecond)
    },
  }
}
