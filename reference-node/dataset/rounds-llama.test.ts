// Goal: PoUW rounds run end to end on real nodes: four miners on llama.cpp (stories260K, one
// thread) serving the catalog's test model, one oracle judging with llama.cpp embeddings. The
// creator's topic, the preparer's questions and every completer's answers are the model's own
// text; every reveal hashes to its on-chain precommit; pool membership and levels move as the
// (small, test-set) eligibility and level parameters say; a miner that misses the create deadline
// is replaced (requestNextCreator) and its round still completes; and the exported dataset traces
// back, row by row, to the precommit transactions on chain. Method: the roles' TestNetwork on a
// manual clock; the first creator's `create` is refused by its connection; a separate llama.cpp
// context recomputes every text the nodes wrote; the exporter reads only through a ChainClient.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { computeRoundPrecommitHash } from '../../protocol/core/commit.ts'
import type { Address } from '../../protocol/core/types.ts'
import { getMetricStats } from '../../protocol/reputation/stats.ts'
import type { RoundState } from '../../protocol/round/types.ts'
import type { WorldCommand } from '../../protocol/world/types.ts'
import { STORIES_260K_MODEL_ID } from '../catalog/catalog.ts'
import { testParams } from '../chain/testkit.ts'
import { LlamaInference } from '../inference/llama.ts'
import { STORIES_260K_GGUF, requireModelPath } from '../inference/model-files.ts'
import { DEFAULT_ROUND_WRITING } from '../roles/miner-rounds.ts'
import { buildAnswerRequest, buildChallengeRequest, buildSubdomainRequest, cleanText, encodeCompletion } from '../roles/prompts.ts'
import { TestNetwork, minerAt } from '../roles/testing/network.ts'
import { exportDataset } from './export.ts'
import type { DatasetRow } from './rows.ts'

let net: TestNetwork
let reference: LlamaInference
const MINERS = [1, 2, 3, 4].map(minerAt)

beforeAll(async () => {
  requireModelPath(STORIES_260K_GGUF, 'stories260K (the test model)')
  reference = await LlamaInference.load({ modelPath: STORIES_260K_GGUF, maxThreads: 1 })
  net = await TestNetwork.create({
    oracleCount: 1,
    params: testParams({
      'oracle.mode': 'strict', 'networkTask.completers': 3, 'networkTask.roleOverlap': 'shared', 'networkTask.minerCooldownRounds': 0, 'networkTask.intervalMs': 20_000,
      // Small on purpose: two rounds in the window, two successes in a row admit a miner; two in a row also lift it a level.
      'eligibility.minAttempts': 2, 'eligibility.minConsecutiveSuccesses': 2, 'levels.baseConsecutive': 2, 'levels.stepConsecutive': 1, 'levels.baseSuccessRate': 0.6,
    }),
  })
})

afterAll(async () => {
  await net?.dispose()
  await reference?.dispose()
})

async function greedy(request: Parameters<LlamaInference['complete']>[0]): Promise<string> {
  return (await reference.complete(request)).text
}

/** What an honest llama.cpp miner writes for each part of `round`, recomputed independently. */
async function expectModelText(round: RoundState): Promise<void> {
  const p = net.params.networkTask
  const w = DEFAULT_ROUND_WRITING
  const topic = await greedy(buildSubdomainRequest(round.roundId, round.domain!, w.topicMaxTokens))
  expect(round.subdomain).toBe(cleanText(topic, p.maxTopicBytes, '-'))
  for (let i = 0; i < round.challenges.length; i++) {
    const question = await greedy(buildChallengeRequest(round.roundId, round.domain!, round.subdomain!, i, w.challengeMaxTokens))
    expect(round.challenges[i]).toBe(cleanText(question, p.maxChallengeBytes, '-'))
  }
  const answers: string[] = []
  for (let i = 0; i < round.challenges.length; i++) answers.push((await greedy(buildAnswerRequest(round.roundId, round.challenges[i]!, i, w.answerMaxTokens))).trim())
  expect(answers.every((a) => a.length > 0)).toBe(true)
  for (const slot of round.completers) expect(slot.completion).toBe(encodeCompletion(answers, p.maxCompletionBytes))
}

/** The hash each miner precommitted for round `roundId`, as sent in its mined transaction. */
function precommitTxHash(roundId: number, miner: Address): string | undefined {
  const tx = net.chain.transactions.find((t) => t.from === miner && t.status === 'success' && t.command.type === 'round' && t.command.roundId === roundId && t.command.event.type === 'precommit')
  return tx === undefined ? undefined : (tx.command as Extract<WorldCommand, { type: 'round' }> & { event: { hash: string } }).event.hash
}

it('runs rounds on llama.cpp miners: real text, matching commits, pool and levels, a replaced creator', async () => {
  for (const m of MINERS) await net.addMiner(m, { model: { kind: 'llama', modelPath: STORIES_260K_GGUF, maxThreads: 1 }, config: { models: [STORIES_260K_MODEL_ID] } })
  // Whoever is asked to create round 1 first cannot send its `create`: it misses the deadline.
  let victim: Address | null = null
  const missCreate = (c: WorldCommand): boolean => c.type === 'round' && c.roundId === 1 && c.event.type === 'create' && (victim ??= c.event.actor) === c.event.actor
  for (const m of MINERS) net.client(m).faults.failSends(missCreate, 'refuse', 10)
  await net.addOracle(net.oracles[0]!, { embedder: { kind: 'llama', modelPath: STORIES_260K_GGUF, maxThreads: 1 } })

  const completed = (): RoundState[] => [...net.chain.world.rounds.values()].filter((r) => r.outcome?.result === 'completed')
  await net.runUntil(() => completed().length >= 3 && MINERS.every((m) => net.chain.world.nodes.get(m)!.status.kind === 'Available'), 400, 'three rounds and a full pool')

  // The missed creator was replaced, and round 1 completed with the replacement's topic.
  const first = net.chain.world.rounds.get(1)!
  expect(victim).not.toBeNull()
  expect(first.creators).toHaveLength(2)
  expect(first.creators[0]).toBe(victim)
  expect(first.outcome).toEqual({ result: 'completed' })
  expect(net.sentBy(net.oracles[0]!)).toContain('round.requestNextCreator')
  const victimNode = net.chain.world.nodes.get(victim!)!
  // Its missed create is on its record: one Request and one Create attempt without a point.
  for (const metric of ['Request', 'Create'] as const) {
    const stats = getMetricStats(victimNode.reputation, metric)
    expect(stats.counter - stats.points, metric).toBe(1)
  }

  // Every completed round: the model's own text, and reveals that hash to their precommits.
  for (const round of completed()) {
    await expectModelText(round)
    for (const slot of round.completers) {
      expect(slot.state).toBe('Valid')
      const hash = computeRoundPrecommitHash(net.params.networkTask.commitScheme, { miner: slot.miner, roundId: round.roundId, salt: slot.salt!, completion: slot.completion! })
      expect(hash).toBe(slot.precommitHash)
      expect(precommitTxHash(round.roundId, slot.miner)).toBe(hash)
    }
  }

  // Pool and levels, from the chain's own log of status and level changes.
  const logs = await net.chain.connect(minerAt(99)).getLogs({ fromBlock: 0n, names: ['NodeStatusChanged', 'NodeLevelChanged'] })
  for (const m of MINERS) {
    const moves = logs.filter((l) => l.args['node'] === m).map((l) => (l.name === 'NodeStatusChanged' ? `${String(l.args['from'])}>${String(l.args['to'])}` : `level ${String(l.args['previousLevel'])}>${String(l.args['newLevel'])}`))
    // Two rounds in the window and two successes in a row: never Available straight from Registered.
    expect(moves.slice(0, 2), m).toEqual(['Unregistered>Registered', 'Registered>Probation'])
    expect(moves, m).toContain('Probation>Available')
    expect(moves, m).toContain('level 0>1')
    const node = net.chain.world.nodes.get(m)!
    expect(node.reputation.level.level).toBeGreaterThanOrEqual(1)
    expect(node.models).toEqual([STORIES_260K_MODEL_ID])
  }
  // The victim's first round was a failure; it still made it into the pool later.
  expect(victimNode.reputation.cognitive.attempts).toBeGreaterThan(victimNode.reputation.cognitive.successes)

  // The dataset, read through a ChainClient only, traces back to the precommit transactions.
  const rows: DatasetRow[] = []
  const summary = await exportDataset(net.chain.connect(minerAt(98)), (row) => void rows.push(row))
  expect(summary.rows).toBe(rows.length)
  expect(rows.length).toBeGreaterThanOrEqual(3 * 3 * net.params.networkTask.maxPrompts)
  for (const row of rows) {
    const hash = computeRoundPrecommitHash(row.commitScheme, { miner: row.miner, roundId: row.roundId, salt: row.salt, completion: row.completion })
    expect(hash).toBe(row.precommitHash)
    expect(precommitTxHash(row.roundId, row.miner)).toBe(hash)
    expect(row.answer!.length).toBeGreaterThan(0)
  }
  expect(net.invariants()).toEqual([])
  expect(net.chain.panics).toEqual([])
})
