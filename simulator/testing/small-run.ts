/**
 * Small protocol runs for tests: a handful of miners, three oracles, a short genesis and a few
 * simulated minutes, every invariant checked after every command. Test-only code.
 */
import type { EmittedEvent } from '../../protocol/core/effects.ts'
import type { WorldState } from '../../protocol/world/types.ts'
import type { TestHooks } from '../host/host.ts'
import { runSimulation, type SimulationResult } from '../run/run.ts'

export interface SmallRunOptions {
  readonly seed?: number
  /** Scenario fields (population file shape): miners, faults, workload, … */
  readonly scenario?: Record<string, unknown>
  readonly params?: Record<string, unknown>
  readonly minutes?: number
  readonly oracles?: number
  readonly hooks?: TestHooks
}

/** Sessions of three nodes running every task on all three (redundancy 3). */
export const THREE_NODE_SESSIONS = [
  { weight: 1, redundancy: 3, minNodes: 3, maxNodes: 3, modelId: 7, sla: 0, reservePeriodMs: 3_600_000, maxTaskExecutionCount: 500, maxTokens: 128 },
]

export function smallRun(options: SmallRunOptions = {}): SimulationResult {
  const scenario: Record<string, unknown> = { warmUp: { durationMs: 150_000 }, miners: [{ behaviour: 'honest', count: 9 }], ...options.scenario }
  return runSimulation(
    {
      seed: options.seed ?? 1,
      ...(options.oracles !== undefined || scenario['oracles'] === undefined ? { oracles: options.oracles ?? 3 } : {}),
      durationMs: (options.minutes ?? 12) * 60_000,
      scenario,
      ...(options.params !== undefined ? { params: options.params } : {}),
    },
    options.hooks !== undefined ? { hooks: options.hooks } : {},
  )
}

/** Collects emitted events by name, with the time and a read of the world taken at that moment. */
export function recordEvents<T>(names: readonly string[], read: (event: EmittedEvent, world: WorldState, nowMs: number) => T): { hooks: TestHooks; seen: T[] } {
  const seen: T[] = []
  return { seen, hooks: { onEvent: (event, world, nowMs) => (names.includes(event.name) ? void seen.push(read(event, world, nowMs)) : undefined) } }
}
