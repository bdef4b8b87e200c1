/**
 * Step 1 of a calibration: the texts. For every task (prompt × temperature) K honest answers, one
 * per seed, and K candidates of every cheat strategy:
 *
 * | strategy | how | stands for |
 * | --- | --- | --- |
 * | `truncated` | the honest request again with `maxTokens` cut to `truncateFraction` of the honest answer's tokens; sampling is seeded, so this is exactly the honest answer's first tokens | a lazy miner that stops early |
 * | `cheapModel` | the same prompt at `cheapTemperature` (2, the llmParams maximum) with top-k and top-p off, own seeds | a much smaller model: only one real model is available here, and a flattened next-token distribution is what a model with far fewer parameters gives (fluent words, little coherence) |
 * | `random` | as many words as the honest answer, drawn from RANDOM_VOCABULARY | filling the answer with plausible words |
 * | `copyEdit` | the next honest miner's answer with word deletions/swaps at `editRate` | copying another miner's revealed result |
 * | `otherPrompt` | the honest answer, same seed and temperature, to the next prompt | replaying a cached answer |
 *
 * Every request goes through `buildRequestFromLlmParams` with every sampling option set, and runs
 * on whatever `InferenceBackend` is passed (llama.cpp for measurements, FakeInference in tests).
 */
import { createChildRng, deriveSeed } from '../../protocol/core/rng.ts'
import type { LlmParams } from '../../protocol/session/types.ts'
import { buildRequestFromLlmParams } from '../inference/request.ts'
import type { InferenceBackend } from '../inference/types.ts'
import { RANDOM_VOCABULARY } from './prompts.ts'
import { makeCopyEdit, makeRandomText, splitWords } from './texts.ts'
import type { CalibrationPlan, CheatStrategy, HonestOutput, ProgressListener, TaskOutputs } from './types.ts'

/** Completions per honest slot: the answer, its truncation and the cheap-model answer. */
const COMPLETIONS_PER_SLOT = 3

/** The seed of honest miner `slot` (the same in every task, like a miner's own seed). */
export function deriveHonestSeed(plan: CalibrationPlan, slot: number): number {
  return deriveSeed(plan.seed, 'honest', slot)
}

export function buildHonestLlmParams(plan: CalibrationPlan, temperature: number): LlmParams {
  return { maxTokens: plan.maxTokens, temperature, topP: plan.topP, topK: plan.topK, presencePenalty: 0, frequencyPenalty: 0 }
}

/** The cheap-model proxy: no top-k or top-p filter, so the flattened distribution is sampled in full. */
export function buildCheapLlmParams(plan: CalibrationPlan): LlmParams {
  return { maxTokens: plan.maxTokens, temperature: plan.cheapTemperature, topP: 1, topK: 0, presencePenalty: 0, frequencyPenalty: 0 }
}

/** Tokens the `truncated` cheat keeps of an honest answer of `outputTokens` tokens (at least one, if there was one). */
export function computeTruncatedTokens(outputTokens: number, fraction: number): number {
  return outputTokens === 0 ? 0 : Math.max(1, Math.round(outputTokens * fraction))
}

interface ModelOutputs {
  readonly honest: HonestOutput[]
  readonly truncated: string[]
  readonly cheapModel: string[]
}

/**
 * The outputs of every task, in task order (prompt-major, then temperature). Completions run one
 * at a time, so the order — and with it every result — is fixed.
 */
export async function generateTaskOutputs(backend: InferenceBackend, plan: CalibrationPlan, prompts: readonly string[], onProgress?: ProgressListener): Promise<TaskOutputs[]> {
  const total = prompts.length * plan.temperatures.length * plan.seedCount * COMPLETIONS_PER_SLOT
  let done = 0
  const step = (n: number): void => {
    done += n
    onProgress?.({ phase: 'generate', done, total })
  }
  const model: ModelOutputs[][] = []
  for (let p = 0; p < prompts.length; p++) {
    const row: ModelOutputs[] = []
    for (let t = 0; t < plan.temperatures.length; t++) row.push(await runModelSlots(backend, plan, prompts[p]!, t, step))
    model.push(row)
  }
  const tasks: TaskOutputs[] = []
  for (let p = 0; p < prompts.length; p++) {
    for (let t = 0; t < plan.temperatures.length; t++) tasks.push(composeTask(plan, p, t, model[p]![t]!, model[(p + 1) % prompts.length]![t]!))
  }
  return tasks
}

/** Honest answers, truncations and cheap-model answers of one task. */
async function runModelSlots(backend: InferenceBackend, plan: CalibrationPlan, prompt: string, t: number, step: (n: number) => void): Promise<ModelOutputs> {
  const honestParams = buildHonestLlmParams(plan, plan.temperatures[t]!)
  const cheapParams = buildCheapLlmParams(plan)
  const out: ModelOutputs = { honest: [], truncated: [], cheapModel: [] }
  for (let k = 0; k < plan.seedCount; k++) {
    const seed = deriveHonestSeed(plan, k)
    const answer = await backend.complete(buildRequestFromLlmParams(prompt, honestParams, seed))
    out.honest.push({ text: answer.text, seed, outputTokens: answer.outputTokens })
    const keep = computeTruncatedTokens(answer.outputTokens, plan.truncateFraction)
    if (keep === 0) {
      out.truncated.push('')
    } else {
      const truncated = await backend.complete(buildRequestFromLlmParams(prompt, { ...honestParams, maxTokens: keep }, seed))
      out.truncated.push(truncated.text)
    }
    // Cheap seeds differ per temperature too: the proxy ignores the task temperature, and equal
    // seeds would repeat one cheap answer across a prompt's tasks.
    const cheap = await backend.complete(buildRequestFromLlmParams(prompt, cheapParams, deriveSeed(plan.seed, 'cheapModel', k, t)))
    out.cheapModel.push(cheap.text)
    step(COMPLETIONS_PER_SLOT)
  }
  return out
}

/** Adds the model-free cheats to a task's model outputs; `next` is the next prompt's task at the same temperature. */
function composeTask(plan: CalibrationPlan, p: number, t: number, own: ModelOutputs, next: ModelOutputs): TaskOutputs {
  const k = own.honest.length
  const random: string[] = []
  const copyEdit: string[] = []
  const copySources: number[] = []
  for (let slot = 0; slot < k; slot++) {
    const words = splitWords(own.honest[slot]!.text).length
    random.push(makeRandomText(createChildRng(plan.seed, 'random', p, t, slot), words, RANDOM_VOCABULARY))
    const source = (slot + 1) % k
    copySources.push(source)
    copyEdit.push(makeCopyEdit(createChildRng(plan.seed, 'copyEdit', p, t, slot), own.honest[source]!.text, plan.editRate))
  }
  const cheats: { [S in CheatStrategy]: string[] } = {
    truncated: own.truncated,
    cheapModel: own.cheapModel,
    random,
    copyEdit,
    otherPrompt: next.honest.map((h) => h.text),
  }
  return { promptIndex: p, temperatureIndex: t, honest: own.honest, cheats, copySources }
}
