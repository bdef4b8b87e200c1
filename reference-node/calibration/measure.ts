/**
 * Step 2 of a calibration: embed every output and measure two similarities per output.
 *
 * 1. **PoI similarity** — what the protocol's oracle computes: `computePoiOutcome` (protocol/poi,
 *    the one implementation of the rule) over the task's honest answers, plus the candidate for a
 *    cheat ("the cheater joins the honest miners of the task"); the sample is the verdict
 *    similarity of the output to the centre the rule chose. Honest samples come from the honest
 *    answers alone. The ROC, the error rates and the recommended τ are computed on these.
 * 2. **Anchor similarity** — what the simulator's embedding model samples
 *    (simulator/models/embeddings.ts): the similarity of a result to its *anchor*, the embedding of
 *    a correct answer for honest, truncated, cheap-model and random results, and the copied result
 *    for a copy. The correct answer is not observable, but the simulator's own model says two
 *    results at angles θ₁, θ₂ from it have similarity ≈ cos θ₁ · cos θ₂. Inverting that: with ā²
 *    the task's mean pairwise honest similarity, cos θ(x) ≈ mean_i sim(x, honestᵢ) / ā (honest
 *    answers leave themselves out of the numerator). A task whose honest answers share no
 *    direction (ā² ≤ 0) gives no anchor samples. A copy's anchor similarity is measured directly.
 *
 * Outputs with nothing to embed (empty text; or equal to the corpus mean after centring) are the
 * vectors PoI rejects as `InvalidEmbedding`: they are counted as excluded, not scored. A task with
 * fewer than two usable honest answers is skipped.
 */
import type { Address } from '../../protocol/core/types.ts'
import { computeSyntheticAddress } from '../../protocol/core/types.ts'
import type { Params } from '../../protocol/params/spec.ts'
import type { PoiResultInput } from '../../protocol/poi/types.ts'
import { computePoiOutcome } from '../../protocol/poi/validate.ts'
import { checkEmbeddings, clampCosine, computeDot, computeUnitVector } from '../../protocol/poi/vectors.ts'
import type { Embedder } from '../embedding/types.ts'
import { computeCorpusMean } from '../embedding/vectors.ts'
import { CHEAT_STRATEGIES, type CalibrationPlan, type CheatStrategy, type ProgressListener, type SampleKey, type TaskOutputs } from './types.ts'

/** Address tag of the measured miners (any fixed tag works; the cheat's address sorts after every honest one). */
const MINER_TAG = 0xca11b
const CHEAT_SLOT = 0xffff
/** Samples are stored (and every statistic computed) at this resolution, so a file is self-consistent. */
const SIMILARITY_DECIMALS = 1e6

export type SampleTable = { readonly [K in SampleKey]: number[] }

export interface MeasuredSimilarities {
  /** PoI similarity to the centre, per key, pooled over tasks in task order. */
  readonly poi: SampleTable
  /** The same samples split by temperature index. */
  readonly poiByTemperature: readonly SampleTable[]
  /** Anchor-similarity estimates for the simulator. */
  readonly anchor: SampleTable
  /** Outputs that could not be embedded, per key. */
  readonly excluded: { readonly [K in SampleKey]: number }
  /** Tasks with fewer than two usable honest answers (nothing measured for them). */
  readonly tasksSkipped: number
  /** Tasks whose honest answers share no direction (no anchor samples for them). */
  readonly anchorTasksSkipped: number
  /** The mean that was subtracted (meanCentre), else undefined. */
  readonly corpusMean: readonly number[] | undefined
}

export function emptySampleTable(): SampleTable {
  return { honest: [], truncated: [], cheapModel: [], random: [], copyEdit: [], otherPrompt: [] }
}

/** Rounds a similarity to the stored resolution. */
export function roundSimilarity(x: number): number {
  return Math.round(x * SIMILARITY_DECIMALS) / SIMILARITY_DECIMALS + 0 // + 0 turns -0 into 0
}

interface EmbeddedTask {
  readonly task: TaskOutputs
  readonly honest: readonly (readonly number[])[]
  readonly cheats: { readonly [S in CheatStrategy]: readonly (readonly number[])[] }
}

export async function measureSimilarities(tasks: readonly TaskOutputs[], embedder: Embedder, plan: CalibrationPlan, params: Params, onProgress?: ProgressListener): Promise<MeasuredSimilarities> {
  const embedded = await embedTasks(tasks, embedder, onProgress)
  const corpusMean = plan.meanCentre ? computeHonestMean(embedded) : undefined
  const result = {
    poi: emptySampleTable(),
    poiByTemperature: plan.temperatures.map(() => emptySampleTable()),
    anchor: emptySampleTable(),
    excluded: { honest: 0, truncated: 0, cheapModel: 0, random: 0, copyEdit: 0, otherPrompt: 0 },
    tasksSkipped: 0,
    anchorTasksSkipped: 0,
    corpusMean,
  }
  for (let i = 0; i < embedded.length; i++) {
    scoreTask(embedded[i]!, corpusMean, params, result)
    onProgress?.({ phase: 'score', done: i + 1, total: embedded.length })
  }
  return result
}

async function embedTasks(tasks: readonly TaskOutputs[], embedder: Embedder, onProgress?: ProgressListener): Promise<EmbeddedTask[]> {
  const out: EmbeddedTask[] = []
  for (let i = 0; i < tasks.length; i++) {
    const task = tasks[i]!
    const texts = [...task.honest.map((h) => h.text), ...CHEAT_STRATEGIES.flatMap((s) => task.cheats[s])]
    const vectors = await embedder.embed(texts)
    const k = task.honest.length
    const cheats = {} as { [S in CheatStrategy]: (readonly number[])[] }
    CHEAT_STRATEGIES.forEach((s, j) => {
      cheats[s] = vectors.slice(k + j * k, k + (j + 1) * k)
    })
    out.push({ task, honest: vectors.slice(0, k), cheats })
    onProgress?.({ phase: 'embed', done: i + 1, total: tasks.length })
  }
  return out
}

/** Mean of the honest vectors that have a direction (the corpus: what honest answers look like). */
function computeHonestMean(embedded: readonly EmbeddedTask[]): number[] | undefined {
  const usable = embedded.flatMap((e) => e.honest.filter((v) => isUsable(v, undefined)))
  return usable.length === 0 ? undefined : computeCorpusMean(usable)
}

/** Would PoI accept this vector (finite, non-zero after centring)? Asked of the protocol's own check. */
function isUsable(vector: readonly number[], corpusMean: readonly number[] | undefined): boolean {
  return checkEmbeddings([{ miner: minerAddress(0), vector }], corpusMean) === undefined
}

function minerAddress(slot: number): Address {
  return computeSyntheticAddress(MINER_TAG, slot)
}

interface MutableResult {
  readonly poi: SampleTable
  readonly poiByTemperature: readonly SampleTable[]
  readonly anchor: SampleTable
  readonly excluded: { [K in SampleKey]: number }
  tasksSkipped: number
  anchorTasksSkipped: number
}

function scoreTask(e: EmbeddedTask, corpusMean: readonly number[] | undefined, params: Params, result: MutableResult): void {
  const usableSlots = e.honest.map((_, k) => k).filter((k) => isUsable(e.honest[k]!, corpusMean))
  result.excluded.honest += e.honest.length - usableSlots.length
  if (usableSlots.length < 2) {
    result.tasksSkipped++
    for (const s of CHEAT_STRATEGIES) result.excluded[s] += e.cheats[s].length
    return
  }
  const honestInputs: PoiResultInput[] = usableSlots.map((k) => ({ miner: minerAddress(k), vector: e.honest[k]! }))
  const byTemperature = result.poiByTemperature[e.task.temperatureIndex]!
  const record = (key: SampleKey, similarity: number): void => {
    const rounded = roundSimilarity(similarity)
    result.poi[key].push(rounded)
    byTemperature[key].push(rounded)
  }
  for (const v of runPoi(honestInputs, corpusMean, params)) record('honest', v)
  for (const s of CHEAT_STRATEGIES) {
    for (const vector of e.cheats[s]) {
      if (!isUsable(vector, corpusMean)) {
        result.excluded[s]++
        continue
      }
      const similarities = runPoi([...honestInputs, { miner: minerAddress(CHEAT_SLOT), vector }], corpusMean, params)
      record(s, similarities[similarities.length - 1]!)
    }
  }
  recordAnchorSimilarities(e, usableSlots, corpusMean, result)
}

/** Each result's similarity to the PoI centre, in input order. */
function runPoi(results: readonly PoiResultInput[], corpusMean: readonly number[] | undefined, params: Params): number[] {
  const outcome = computePoiOutcome({ results, quorum: 1, corpusMean }, params)
  // Every vector passed the protocol's own check above, so a rejection here is a bug.
  if (!outcome.ok) throw new Error(`PoI rejected checked embeddings: ${outcome.code}: ${outcome.message}`)
  return outcome.outcome.verdicts.map((v) => v.similarity)
}

function recordAnchorSimilarities(e: EmbeddedTask, usableSlots: readonly number[], corpusMean: readonly number[] | undefined, result: MutableResult): void {
  const units = usableSlots.map((k) => computeUnitVector(e.honest[k]!, corpusMean))
  const pairMean = computeMeanPairSimilarity(units)
  if (!(pairMean > 0)) {
    result.anchorTasksSkipped++
    return
  }
  const scale = Math.sqrt(pairMean)
  const push = (key: SampleKey, x: number): void => {
    result.anchor[key].push(roundSimilarity(clampCosine(x)))
  }
  for (let i = 0; i < units.length; i++) push('honest', computeMeanSimilarity(units[i]!, units, i) / scale)
  for (const s of CHEAT_STRATEGIES) {
    e.cheats[s].forEach((vector, j) => {
      if (!isUsable(vector, corpusMean)) return
      const unit = computeUnitVector(vector, corpusMean)
      if (s !== 'copyEdit') return push(s, computeMeanSimilarity(unit, units, -1) / scale)
      const source = usableSlots.indexOf(e.task.copySources[j]!)
      if (source >= 0) push(s, computeDot(unit, units[source]!))
    })
  }
}

/** Mean similarity of `x` to `units`, leaving out index `skip` (−1: none). */
function computeMeanSimilarity(x: Float64Array, units: readonly Float64Array[], skip: number): number {
  let sum = 0
  let n = 0
  for (let i = 0; i < units.length; i++) {
    if (i === skip) continue
    sum += computeDot(x, units[i]!)
    n++
  }
  return sum / n
}

function computeMeanPairSimilarity(units: readonly Float64Array[]): number {
  let sum = 0
  let n = 0
  for (let i = 0; i < units.length; i++) {
    for (let j = i + 1; j < units.length; j++) {
      sum += computeDot(units[i]!, units[j]!)
      n++
    }
  }
  return sum / n
}
