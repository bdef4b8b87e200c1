/**
 * `queue`: the cost of the event engine itself, in the "hold model" of anchors.md §C3 — a queue
 * holding `pending` events (one per simulated agent) where each step pops the earliest event and
 * schedules one new event a random time later. Three variants, same workload:
 *
 * - `bareHeap` (baseline): a typed-array heap ordered by time alone (bare-heap.ts);
 * - `eventQueue`: our queue with the total order (time, kind, source, sequence) and its checks;
 * - `simulation`: the whole loop — payload slab, per-source sequence numbers, clock assertions,
 *   dispatch to a handler — with a handler that only reschedules.
 *
 * The `sim` benchmark (the protocol in the loop) will reuse `createBareHeapVariant` so its ratio
 * is also taken against a baseline measured in the same run.
 */
import { createRng } from '../protocol/core/rng.ts'
import { EventQueue } from '../simulator/engine/queue.ts'
import { Simulation } from '../simulator/engine/simulation.ts'
import { BareHeap } from './bare-heap.ts'
import { measureVariants, type BenchOptions, type Benchmark, type Variant } from './harness.ts'

const INCREMENT_TABLE_SIZE = 1 << 16

/**
 * Time increments of the hold model, drawn once from a seeded stream so the timed loops do not
 * pay for random numbers: integers in [1, 2 × pending], mean ≈ pending, which keeps same-time
 * ties frequent enough to exercise the tie-breakers.
 */
export function createIncrements(seed: number, pending: number): Int32Array {
  const rng = createRng(seed)
  const increments = new Int32Array(INCREMENT_TABLE_SIZE)
  for (let i = 0; i < increments.length; i++) increments[i] = 1 + rng.nextInt(2 * pending)
  return increments
}

export function createBareHeapVariant(options: BenchOptions, increments: Int32Array): Variant {
  return {
    name: 'bareHeap',
    description: 'typed-array binary heap ordered by time only (baseline)',
    run(events) {
      const heap = new BareHeap(options.pending + 1)
      for (let i = 0; i < options.pending; i++) heap.push(increments[i & 0xffff]!, i)
      for (let i = 0; i < events; i++) {
        const id = heap.pop()
        heap.push(heap.poppedTime + increments[i & 0xffff]!, id)
      }
      return events
    },
  }
}

function createEventQueueVariant(options: BenchOptions, increments: Int32Array): Variant {
  return {
    name: 'eventQueue',
    description: 'EventQueue: total order (time, kind, source, seq), tie assertion, handle payloads',
    run(events) {
      const queue = new EventQueue({ capacityInitial: options.pending + 1 })
      const seqs = new Float64Array(options.pending)
      for (let i = 0; i < options.pending; i++) queue.push(increments[i & 0xffff]!, i & 3, i, seqs[i]++, i)
      for (let i = 0; i < events; i++) {
        const handle = queue.pop()
        const source = queue.poppedSourceId
        queue.push(queue.poppedTimeMs + increments[i & 0xffff]!, i & 3, source, seqs[source]++, handle)
      }
      return events
    },
  }
}

function createSimulationVariant(options: BenchOptions, increments: Int32Array): Variant {
  return {
    name: 'simulation',
    description: 'Simulation loop: slab payloads, per-source sequences, clock checks, handler dispatch',
    run(events) {
      const simulation = new Simulation<number>({ sourceCountMax: options.pending })
      for (let i = 0; i < options.pending; i++) simulation.schedule(increments[i & 0xffff]!, i & 3, i, i)
      let remaining = events
      simulation.runUntil(Number.POSITIVE_INFINITY, (kind, sourceId, payload) => {
        if (--remaining === 0) simulation.requestStop()
        simulation.schedule(simulation.nowMs + increments[remaining & 0xffff]!, kind, sourceId, payload)
      })
      return simulation.eventsProcessed
    },
  }
}

export const queueBenchmark: Benchmark = {
  name: 'queue',
  description: 'Event engine overhead in the hold model: bare heap (baseline), EventQueue, Simulation loop',
  async run(options) {
    const increments = createIncrements(options.seed, options.pending)
    const variants = [createBareHeapVariant(options, increments), createEventQueueVariant(options, increments), createSimulationVariant(options, increments)]
    return {
      baseline: 'bareHeap',
      measurements: measureVariants(variants, options),
      targets: [
        { kind: 'eventsPerSecond', measurement: 'simulation', min: 3_000_000, source: 'anchors.md §D: ≥ 3 M events/s in "fast" mode (no protocol work)' },
        { kind: 'ratio', ratio: 'simulation/bareHeap', min: 0.2, source: 'anchors.md §D: the full simulator keeps ≥ 0.2 of the bare queue; the engine alone must stay well above' },
      ],
    }
  },
}
