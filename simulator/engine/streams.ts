/**
 * Seeded random streams, one per agent and one per subsystem, derived from the run's seed with
 * `createChildRng` (protocol/core/rng.ts). A stream is named by labels, not by its position in a
 * list, so adding a miner, an oracle or a subsystem never shifts anyone else's draws: miner 7
 * draws the same numbers in a run of 10 miners and in a run of 10,000.
 *
 * Streams are created once, when an agent is created, never per event.
 */
import { createChildRng, type Rng } from '../../protocol/core/rng.ts'
import { assert } from './assert.ts'

/** Agents that own a stream each. */
export type AgentRole = 'miner' | 'oracle' | 'client' | 'router'

/** Simulated subsystems that own a stream each. */
export type Subsystem = 'network' | 'chain' | 'inference' | 'embeddings' | 'faults' | 'workload' | 'scenario'

export interface RandomStreams {
  readonly seed: number
  /**
   * The stream of agent `index` of `role` (`createChildRng(seed, role, index)`); extra labels
   * split one agent's stream by purpose (e.g. `'inference'`), so one habit of an agent does not
   * shift the draws of another.
   */
  agent(role: AgentRole, index: number, ...purpose: readonly (string | number)[]): Rng
  /** The stream of a subsystem (`createChildRng(seed, 'subsystem', name, …labels)`). */
  subsystem(name: Subsystem, ...labels: readonly (string | number)[]): Rng
}

/** Streams of one run; `seed` is an unsigned 32-bit integer. */
export function createRandomStreams(seed: number): RandomStreams {
  assert(Number.isInteger(seed) && seed >= 0 && seed <= 0xffff_ffff, `seed must be an integer in [0, 2^32), got ${seed}`)
  return {
    seed,
    agent(role, index, ...purpose) {
      assert(Number.isInteger(index) && index >= 0 && index <= 0xffff_ffff, `agent index must be an integer in [0, 2^32), got ${index}`)
      return createChildRng(seed, role, index, ...purpose)
    },
    subsystem(name, ...labels) {
      return createChildRng(seed, 'subsystem', name, ...labels)
    },
  }
}
