// Goal: one seed reproduces one protocol run byte for byte — metrics and trace — for 20 seeds;
// the seed matters; and an agent added at the end of the population changes no other agent's
// profile or random streams. Method: run small networks twice per seed with a trace sink and
// compare canonical JSON; build populations of N and N+1 agents and compare per-agent draws.
import { describe, expect, it } from 'vitest'
import { stringifyJson } from '../../protocol/core/json.ts'
import { createRandomStreams } from '../engine/streams.ts'
import { createInferenceModel } from '../models/inference.ts'
import { buildClients, buildMiners } from '../host/population.ts'
import { resolveSimulation } from '../scenario/resolve.ts'
import { runSimulation } from './run.ts'

function runOnce(seed: number): { metrics: string; trace: string; hash: string } {
  const lines: string[] = []
  const r = runSimulation(
    { seed, miners: 8, oracles: 3, durationMs: 6 * 60_000, scenario: { warmUp: { durationMs: 120_000 }, invariants: { everyCommands: 0, everyMs: 60_000 } } },
    { traceSink: (record) => lines.push(stringifyJson(record)) },
  )
  return { metrics: stringifyJson(r.metrics), trace: lines.join('\n'), hash: r.resultHash }
}

describe('determinism', () => {
  const seeds = Array.from({ length: 20 }, (_, i) => 17 + i * 7919)

  it('gives byte-identical metrics and traces for the same seed, for 20 seeds', () => {
    const hashes = new Set<string>()
    for (const seed of seeds) {
      const a = runOnce(seed)
      const b = runOnce(seed)
      expect(a.trace.length).toBeGreaterThan(10_000)
      expect(a.metrics).toBe(b.metrics)
      expect(a.trace).toBe(b.trace)
      expect(a.hash).toBe(b.hash)
      hashes.add(a.hash)
    }
    expect(hashes.size).toBe(seeds.length)
  })

  it('gives every miner and client the same profile and streams when an agent is added at the end', () => {
    const small = resolveSimulation({ seed: 9, miners: 30 })
    const large = resolveSimulation({ seed: 9, miners: 31 })
    const inference = createInferenceModel(small.scenario.inference)
    const a = buildMiners(small.scenario, small.params, createRandomStreams(9), inference, () => 0)
    const b = buildMiners(large.scenario, large.params, createRandomStreams(9), inference, () => 0)
    for (let i = 0; i < a.count; i++) {
      expect([b.address[i], b.region[i], b.tier[i], b.tokensPerSecond[i], b.salt[i]]).toEqual([a.address[i], a.region[i], a.tier[i], a.tokensPerSecond[i], a.salt[i]])
      expect([b.rngWork[i]!.nextU32(), b.rngNet[i]!.nextU32(), b.rngBehaviour[i]!.nextU32()]).toEqual([a.rngWork[i]!.nextU32(), a.rngNet[i]!.nextU32(), a.rngBehaviour[i]!.nextU32()])
    }
    const ca = buildClients({ ...small.scenario, workload: { ...small.scenario.workload, clients: 4 } }, createRandomStreams(9), 30)
    const cb = buildClients({ ...small.scenario, workload: { ...small.scenario.workload, clients: 5 } }, createRandomStreams(9), 30)
    for (let i = 0; i < ca.count; i++) {
      expect([cb.profile[i], cb.region[i], cb.rngArrival[i]!.nextU32()]).toEqual([ca.profile[i], ca.region[i], ca.rngArrival[i]!.nextU32()])
    }
  })
})
