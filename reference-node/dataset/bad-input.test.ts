// Goal: bad input never leaves a round stuck. A miner announcing a model id the catalog does not
// know is refused before it registers (UnknownModel, naming the id) while the others' rounds go
// on; rounds with too few eligible miners are force-ended with a warning that says so and are
// requested again until enough miners are there; an embedder that fails to load at the first
// validation gets a clear error, the round is force-ended (its reveals still count) and the next
// one completes once the model file is in place; an embedder that cannot load at start stops the
// oracle's start with an error naming the path. Method: the roles' TestNetwork on a manual clock
// with FakeInference miners; a load-on-use llama.cpp embedder whose model file appears mid-test.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { Address } from '../../protocol/core/types.ts'
import type { RoundState } from '../../protocol/round/types.ts'
import { testParams } from '../chain/testkit.ts'
import { createEmbedder, type EmbedderSpec } from '../embedding/factory.ts'
import type { Embedder } from '../embedding/types.ts'
import { STORIES_260K_GGUF, requireModelPath } from '../inference/model-files.ts'
import { TestNetwork, minerAt, oracleAt } from '../roles/testing/network.ts'

requireModelPath(STORIES_260K_GGUF, 'stories260K (the test model)')
const scratch = mkdtempSync(join(tmpdir(), 'ctb-bad-input-'))
let net: TestNetwork | null = null
afterEach(async () => {
  await net?.dispose()
  net = null
})
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** Shared roles, no cooldown, a round every 20 s. */
const roundParams = (completers: number) =>
  testParams({ 'oracle.mode': 'strict', 'networkTask.completers': completers, 'networkTask.roleOverlap': 'shared', 'networkTask.minerCooldownRounds': 0, 'networkTask.intervalMs': 20_000 })

function rounds(n: TestNetwork): RoundState[] {
  return [...n.chain.world.rounds.values()].sort((a, b) => a.roundId - b.roundId)
}

/** No round is stuck: every round but the newest has ended, and the newest is younger than `maxAgeMs`. */
function expectNoStuckRound(n: TestNetwork, maxAgeMs: number): void {
  const all = rounds(n)
  for (const r of all.slice(0, -1)) expect(r.status, `round ${r.roundId}`).toBe('End')
  const last = all[all.length - 1]!
  if (last.status !== 'End') expect(n.chain.latestBlock.timestampMs - last.requestedAtMs).toBeLessThan(maxAgeMs)
}

/** Loads its embedder on first use, and again after a failed load: a node whose model file is not there yet. */
class LoadOnUseEmbedder implements Embedder {
  readonly id: string
  readonly dimensions = 64
  loadAttempts = 0
  private inner: Embedder | null = null

  constructor(private readonly spec: EmbedderSpec) {
    this.id = `load-on-use:${spec.kind}`
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    if (this.inner === null) {
      this.loadAttempts++
      this.inner = await createEmbedder(this.spec)
    }
    return this.inner.embed(texts)
  }

  async dispose(): Promise<void> {
    await this.inner?.dispose()
  }
}

describe('bad input leaves no stuck round', () => {
  it('refuses a miner with an unknown model id before it registers; the other miners\' rounds go on', async () => {
    net = await TestNetwork.create({ params: roundParams(2), oracleCount: 1 })
    const stranger = minerAt(9)
    await expect(net.addMiner(stranger, { config: { models: [1000, 4242] } })).rejects.toMatchObject({ code: 'UnknownModel', modelId: 4242, message: expect.stringMatching(/^unknown model id 4242: .*lists ids 0–65, 1000$/) })
    expect(net.sentBy(stranger)).toEqual([])
    expect(net.chain.world.nodes.get(stranger)).toBeUndefined()
    for (const m of [1, 2].map(minerAt)) await net.addMiner(m, { config: { models: [1000] } })
    await net.addOracle(net.oracles[0]!)
    await net.runUntil(() => rounds(net!).filter((r) => r.outcome?.result === 'completed').length >= 2, 120, 'two completed rounds')
    expectNoStuckRound(net, 60_000)
  })

  it('force-ends rounds short of eligible miners with a warning, retries them, and completes one once miners join', async () => {
    net = await TestNetwork.create({ params: roundParams(3), oracleCount: 1 })
    const oracle = net.oracles[0]!
    for (const m of [1, 2].map(minerAt)) await net.addMiner(m)
    await net.addOracle(oracle)
    await net.runUntil(() => rounds(net!).filter((r) => r.status === 'End').length >= 2, 120, 'two ended rounds')
    for (const r of rounds(net).filter((x) => x.status === 'End')) expect(r.outcome).toEqual({ result: 'failed', reason: 'forced', phase: 'Prepare' })
    const warnings = net.logged(oracle, 'too few eligible miners: force-ending the round')
    expect(warnings.length).toBeGreaterThanOrEqual(2)
    expect(warnings[0]).toMatchObject({ level: 'warn', role: 'completer', needed: 3, eligible: 2 })
    expectNoStuckRound(net, 60_000)
    await net.addMiner(minerAt(3))
    await net.runUntil(() => rounds(net!).some((r) => r.outcome?.result === 'completed'), 120, 'a completed round')
    expectNoStuckRound(net, 60_000)
  })

  it('force-ends a round whose embedder fails to load, with the loader\'s error, and completes the next once the model is there', async () => {
    net = await TestNetwork.create({ params: roundParams(2), oracleCount: 1 })
    const oracle = net.oracles[0]!
    const modelPath = join(scratch, 'arrives-later.gguf')
    const embedder = new LoadOnUseEmbedder({ kind: 'llama', modelPath, maxThreads: 1 })
    try {
      const miners = [1, 2].map(minerAt)
      for (const m of miners) await net.addMiner(m)
      await net.addOracle(oracle, { embedder })
      await net.runUntil(() => rounds(net!).some((r) => r.status === 'End'), 60, 'the first round ended')
      const first = rounds(net)[0]!
      expect(first.outcome).toEqual({ result: 'failed', reason: 'forced', phase: 'Commit' })
      const [failure] = net.logged(oracle, 'PoI embedder failed: force-ending the round')
      expect(failure).toMatchObject({ level: 'error', round: first.roundId, embedder: 'load-on-use:llama', code: 'ModelNotFound' })
      expect(String(failure!['error'])).toContain(modelPath)
      // The completers revealed: the forced end books their part as done, not as a failure.
      for (const slot of first.completers) expect(slot.state).toBe('Committed')
      for (const m of first.completers.map((c) => c.miner)) expect(net.chain.world.nodes.get(m as Address)!.reputation.cognitive.failureStreak).toBe(0)
      expectNoStuckRound(net, 60_000)

      copyFileSync(STORIES_260K_GGUF, modelPath)
      await net.runUntil(() => rounds(net!).some((r) => r.outcome?.result === 'completed'), 80, 'a validated round')
      const done = rounds(net).find((r) => r.outcome?.result === 'completed')!
      expect(done.completers.map((c) => c.state)).toEqual(['Valid', 'Valid'])
      expect(embedder.loadAttempts).toBe(2)
      expectNoStuckRound(net, 60_000)
    } finally {
      await embedder.dispose()
    }
  })

  it('stops an oracle whose embedder cannot load at start, naming the path', async () => {
    net = await TestNetwork.create({ params: roundParams(1), oracleCount: 1 })
    const missing = join(scratch, 'never-there.gguf')
    await expect(net.addOracle(oracleAt(5), { embedder: { kind: 'llama', modelPath: missing, maxThreads: 1 } })).rejects.toMatchObject({ name: 'EmbeddingError', code: 'ModelNotFound', path: missing })
    expect(net.sentBy(oracleAt(5))).toEqual([])
  })
})
