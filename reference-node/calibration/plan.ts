/** Checks a calibration plan before any model is loaded; every problem is a `InvalidPlan` naming the field. */
import { CalibrationError } from './errors.ts'
import { CALIBRATION_PROMPTS } from './prompts.ts'
import type { CalibrationPlan } from './types.ts'

/** The protocol's llmParams bound on temperature (temperature×100 ≤ 200, protocol/session/llm.ts). */
export const MAX_TEMPERATURE = 2
/** Sampler seeds are 32-bit (inference/request.ts). */
const SEED_LIMIT = 2 ** 32

/** Undefined when `plan` is usable, else what is wrong with it. */
export function describeInvalidPlan(plan: CalibrationPlan): string | undefined {
  const promptMax = CALIBRATION_PROMPTS.length
  if (!isIntegerIn(plan.promptCount, 2, promptMax)) return `prompt count ${String(plan.promptCount)} must be an integer in [2, ${promptMax}] (otherPrompt needs a second prompt)`
  if (!isIntegerIn(plan.seedCount, 2, 64)) return `seed count ${String(plan.seedCount)} must be an integer in [2, 64] (a task needs two honest answers to have a cluster)`
  if (!Array.isArray(plan.temperatures) || plan.temperatures.length === 0) return 'at least one temperature is needed'
  for (const t of plan.temperatures) {
    if (!(typeof t === 'number' && t >= 0 && t <= MAX_TEMPERATURE)) return `temperature ${String(t)} must lie in [0, ${MAX_TEMPERATURE}]`
  }
  if (new Set(plan.temperatures).size !== plan.temperatures.length) return `temperatures ${plan.temperatures.join(', ')} repeat a value`
  if (!isIntegerIn(plan.maxTokens, 1, 4096)) return `max tokens ${String(plan.maxTokens)} must be an integer in [1, 4096]`
  if (!(plan.topP >= 0 && plan.topP <= 1)) return `topP ${String(plan.topP)} must lie in [0, 1]`
  if (!isIntegerIn(plan.topK, 0, 100_000)) return `topK ${String(plan.topK)} must be an integer ≥ 0`
  if (!isIntegerIn(plan.seed, 0, SEED_LIMIT - 1)) return `seed ${String(plan.seed)} must be an integer in [0, 2^32)`
  if (!(plan.truncateFraction > 0 && plan.truncateFraction < 1)) return `truncate fraction ${String(plan.truncateFraction)} must lie in (0, 1)`
  if (!(plan.editRate >= 0 && plan.editRate <= 1)) return `edit rate ${String(plan.editRate)} must lie in [0, 1]`
  if (!(plan.cheapTemperature > 0 && plan.cheapTemperature <= MAX_TEMPERATURE)) return `cheap-model temperature ${String(plan.cheapTemperature)} must lie in (0, ${MAX_TEMPERATURE}]`
  if (plan.centre !== 'medoid' && plan.centre !== 'mean') return `centre ${String(plan.centre)} must be medoid or mean`
  if (!(plan.targetFpr > 0 && plan.targetFpr < 1)) return `target FPR ${String(plan.targetFpr)} must lie in (0, 1)`
  return undefined
}

export function assertValidPlan(plan: CalibrationPlan): void {
  const problem = describeInvalidPlan(plan)
  if (problem !== undefined) throw new CalibrationError('InvalidPlan', problem)
}

function isIntegerIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max
}
