/**
 * A toy world for engine tests: agents that send each other messages with small integer delays
 * (so many events share a millisecond and the tie-breakers decide), re-arm timers, and reply at
 * random. It uses every engine part a real host uses (kinds, per-agent streams, distributions,
 * the simulation loop, the run writer) and nothing of the protocol. Test-only code.
 */
import { defineEventKinds } from '../engine/kinds.ts'
import { sampleBernoulli, sampleExponential } from '../engine/distributions.ts'
import { Simulation } from '../engine/simulation.ts'
import { createRandomStreams } from '../engine/streams.ts'
import type { RunWriter } from '../output/writer.ts'
import type { Rng } from '../../protocol/core/rng.ts'

export const TOY_KINDS = defineEventKinds(['message', 'timer'])

export interface ToyPayload {
  readonly to: number
  readonly hop: number
}

export interface ToyWorldOptions {
  readonly seed: number
  readonly agentCount: number
  readonly endMs: number
  /** Receives every event as a trace record. */
  readonly writer?: RunWriter
}

export interface ToyMetrics {
  readonly messagesDelivered: number
  readonly timersFired: number
  readonly receivedByAgent: readonly number[]
}

export function runToyWorld(options: ToyWorldOptions): { readonly simulation: Simulation<ToyPayload>; readonly metrics: ToyMetrics } {
  const streams = createRandomStreams(options.seed)
  const rngs: Rng[] = []
  for (let i = 0; i < options.agentCount; i++) rngs.push(streams.agent('miner', i))
  const simulation = new Simulation<ToyPayload>()
  const received = new Array<number>(options.agentCount).fill(0)
  let messagesDelivered = 0
  let timersFired = 0
  const { message, timer } = TOY_KINDS.rank
  for (let i = 0; i < options.agentCount; i++) simulation.schedule(rngs[i]!.nextInt(20), timer, i, { to: i, hop: 0 })

  simulation.runUntil(options.endMs, (kind, sourceId, payload) => {
    options.writer?.trace({ t: simulation.nowMs, kind: TOY_KINDS.nameOf(kind), src: sourceId, seq: simulation.eventSeq, to: payload.to, hop: payload.hop })
    const self = payload.to
    const rng = rngs[self]!
    if (kind === timer) {
      timersFired++
      const peer = rng.nextInt(options.agentCount)
      simulation.scheduleAfter(rng.nextInt(4), message, self, { to: peer, hop: 1 })
      simulation.scheduleAfter(1 + Math.round(sampleExponential(rng, 25)), timer, self, { to: self, hop: 0 })
      return
    }
    messagesDelivered++
    received[self]!++
    if (payload.hop < 4 && sampleBernoulli(rng, 0.3)) simulation.scheduleAfter(rng.nextInt(4), message, self, { to: sourceId, hop: payload.hop + 1 })
  })
  return { simulation, metrics: { messagesDelivered, timersFired, receivedByAgent: received } }
}
