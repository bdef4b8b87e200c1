/**
 * The plan of a PoI calibration run and the names of what it measures. A *task* is one prompt at
 * one temperature (a Cortensor task fixes its llmParams, so its honest miners share the
 * temperature); its honest miners differ only by sampling seed, our stand-in for the
 * miner-to-miner nondeterminism of real deployments (quantisations, CPUs). Every cheat strategy
 * produces one candidate per honest slot of every task, so all strategies have the same sample
 * count as honest outputs.
 */

/** How a miner can avoid doing the real inference (anchors.md §F item 4). */
export const CHEAT_STRATEGIES = ['truncated', 'cheapModel', 'random', 'copyEdit', 'otherPrompt'] as const
export type CheatStrategy = (typeof CHEAT_STRATEGIES)[number]

/** Honest outputs plus every cheat: the keys of the measured samples. */
export const SAMPLE_KEYS = ['honest', ...CHEAT_STRATEGIES] as const
export type SampleKey = (typeof SAMPLE_KEYS)[number]

/** What `poi.centre` may be (protocol/params/spec.ts). */
export type PoiCentreRule = 'medoid' | 'mean'

export interface CalibrationPlan {
  /** Prompts taken from the start of CALIBRATION_PROMPTS (≥ 2: `otherPrompt` needs a neighbour). */
  readonly promptCount: number
  /** Honest miners per task, each with its own seed (≥ 2). */
  readonly seedCount: number
  /** Task temperatures, each in [0, 2] (the protocol's llmParams range). */
  readonly temperatures: readonly number[]
  /** Output tokens of an honest answer. */
  readonly maxTokens: number
  /** Nucleus and top-k filters of honest sampling (every sampling option is explicit). */
  readonly topP: number
  readonly topK: number
  /** Master seed: every honest seed, cheat seed and random choice derives from it. */
  readonly seed: number
  /** `truncated`: the share of the honest answer's tokens kept, in (0, 1). */
  readonly truncateFraction: number
  /** `copyEdit`: probability per word of an edit (half deletions, half swaps with the next word), in [0, 1]. */
  readonly editRate: number
  /** `cheapModel` proxy: sampling temperature (flatter than any honest one). */
  readonly cheapTemperature: number
  /** Subtract the corpus mean (the honest outputs' mean embedding) before comparing. */
  readonly meanCentre: boolean
  /** The PoI cluster centre rule, `poi.centre`. */
  readonly centre: PoiCentreRule
  /** False-positive rate the recommended threshold must not exceed, in (0, 1). */
  readonly targetFpr: number
}

export const DEFAULT_PLAN: CalibrationPlan = {
  promptCount: 16,
  seedCount: 3,
  temperatures: [0, 0.7, 1],
  maxTokens: 48,
  topP: 1,
  topK: 40,
  seed: 1,
  // The simulator's lazy miner keeps this share of its tokens (simulator/scenario/behaviours.ts).
  truncateFraction: 0.15,
  editRate: 0.1,
  // The highest temperature Cortensor's llmParams allow (§4.3 decoding, protocol/session/llm.ts).
  cheapTemperature: 2,
  meanCentre: false,
  centre: 'medoid',
  targetFpr: 0.05,
}

/** One honest answer. */
export interface HonestOutput {
  readonly text: string
  readonly seed: number
  readonly outputTokens: number
}

/** All outputs of one task: K honest answers and K candidates per cheat strategy. */
export interface TaskOutputs {
  readonly promptIndex: number
  readonly temperatureIndex: number
  readonly honest: readonly HonestOutput[]
  readonly cheats: { readonly [S in CheatStrategy]: readonly string[] }
  /** For each `copyEdit` candidate, the index of the honest answer it copied. */
  readonly copySources: readonly number[]
}

export type ProgressPhase = 'generate' | 'embed' | 'score'

/** Progress of a long phase; `done` counts up to `total`. */
export interface CalibrationProgress {
  readonly phase: ProgressPhase
  readonly done: number
  readonly total: number
}

export type ProgressListener = (progress: CalibrationProgress) => void
