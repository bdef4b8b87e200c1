/**
 * Helpers for the selection tests (test-only; never imported by protocol code): candidates,
 * a Pearson chi-square statistic, and a scripted rng that makes a draw land on a chosen r.
 */
import type { Rng } from '../core/rng.ts'
import { COR, type Address } from '../core/types.ts'
import { miner } from '../testing/fixtures.ts'
import type { Candidate } from './weights.ts'

/**
 * Upper 0.1% points of the chi-square distribution (α = 0.001) by degrees of freedom: a correct
 * sampler exceeds them in one run out of a thousand, and the seeds below are fixed.
 */
export const CHI_SQUARE_CRITICAL_0_001: Readonly<Record<number, number>> = { 1: 10.828, 2: 13.816, 3: 16.266, 4: 18.467, 5: 20.515, 9: 27.877 }

export function candidate(i: number, reputation: number, stakeCor = 10_000n): Candidate {
  return { address: miner(i), reputation, stake: stakeCor * COR }
}

/** Σ (observed − expected)² / expected, with expected ∝ `weights`. */
export function chiSquare(observed: readonly number[], weights: readonly number[]): number {
  const n = observed.reduce((a, b) => a + b, 0)
  const total = weights.reduce((a, b) => a + b, 0)
  let chi = 0
  for (let i = 0; i < observed.length; i++) {
    const expected = (n * weights[i]!) / total
    chi += (observed[i]! - expected) ** 2 / expected
  }
  return chi
}

export function countPicks(picks: readonly Address[], addresses: readonly Address[]): number[] {
  const counts = addresses.map(() => 0)
  for (const p of picks) counts[addresses.indexOf(p)]!++
  return counts
}

/**
 * An rng whose successive uniform draws (as draw.ts makes them) return `targets` in order: a
 * small bound goes through `nextInt`, a bound above 2^32 through two `nextU32` calls.
 */
export function scriptedRng(targets: readonly number[]): Rng {
  const queue = [...targets]
  const words: number[] = []
  return {
    nextInt: () => queue.shift()!,
    nextU32: () => {
      if (words.length === 0) {
        const r = queue.shift()!
        words.push(Math.floor(r / 2 ** 32) * 2 ** 11, r % 2 ** 32)
      }
      return words.shift()!
    },
    nextFloat: () => 0,
    getState: () => [0, 0, 0, 0],
    setState: () => undefined,
  }
}
