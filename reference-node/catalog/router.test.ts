// Goal: the router honours the model catalog and shows each node's standing. `/api/v1/miners`
// reports, per miner, its pool state, level, liveness, stake and per-metric counters exactly as
// the chain holds them; `/v1/models` names a session's model from the catalog; a completion for a
// session whose model id is not in the catalog is a 404 `ModelNotFound`, and one for a model no
// registered node serves is a 409 `ModelNotServed`, both naming the id — instead of a task that
// would wait in the queue until its timeout. Method: the router over a MemoryChain network of
// FakeInference miners (`RouterNet`), real HTTP on 127.0.0.1.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { getMetricStats } from '../../protocol/reputation/stats.ts'
import { TEST_SESSION } from '../chain/testkit.ts'
import { NET_TOKEN, RouterNet } from '../router/chain-backend-testing.ts'
import { errorOf, getJson, postJson } from '../router/test-support.ts'
import { getDefaultCatalog } from './catalog.ts'

let rn: RouterNet

beforeAll(async () => {
  // No name override for model 7: the catalog names it.
  rn = await RouterNet.start({ miners: 3, backend: { catalog: getDefaultCatalog(), models: {} } })
})
afterAll(() => rn?.dispose())

/** Creates a funded session for `modelId` that lists the router, and lets the router see it. */
async function sessionFor(modelId: number): Promise<number> {
  const id = await rn.net.createSession({ ...TEST_SESSION, modelIdentifier: modelId, minNumOfNodes: 1, maxNumOfNodes: 1, redundant: 1 })
  await rn.addRouter(id)
  await rn.net.step(2)
  return id
}

it('lists every miner with its standing as the chain holds it', async () => {
  const r = await getJson(rn.url, '/api/v1/miners', NET_TOKEN)
  expect(r.status).toBe(200)
  const miners = (r.json as { miners: Record<string, unknown>[] }).miners
  expect(miners.map((m) => m['address'])).toEqual(rn.miners.map((m) => m.address).sort())
  for (const m of miners) {
    const node = rn.net.chain.world.nodes.get(m['address'] as `0x${string}`)!
    const standing = m['standing'] as Record<string, unknown> & { metrics: Record<string, { counter: number; points: number; success_rate: number | null }> }
    expect(standing).toMatchObject({
      status: node.status.kind, level: node.reputation.level.level, online: true, model_ids: [7], pool_ineligibility: null,
      stake: rn.net.chain.world.nodeAccounts.get(node.address)!.stake.toString(),
    })
    for (const metric of ['Start', 'Precommit', 'Commit', 'Correctness', 'Ping'] as const) {
      const s = getMetricStats(node.reputation, metric)
      expect(standing.metrics[metric]).toMatchObject({ counter: s.counter, points: s.points, success_rate: s.counter === 0 ? null : s.points / s.counter })
    }
    expect(Object.keys(standing.metrics)).toHaveLength(10)
  }
  const models = await getJson(rn.url, '/v1/models', NET_TOKEN)
  expect((models.json as { data: { id: string }[] }).data.map((d) => d.id)).toEqual(['google_gemma-3-4b-it-Q6_K'])
})

it('refuses a completion for a model outside the catalog (404) or served by no node (409), naming the id', async () => {
  const unknown = await sessionFor(4242)
  const r1 = await postJson(rn.url, `/api/v1/completions/${unknown}`, { prompt: 'Once upon a time', max_tokens: 8 }, NET_TOKEN)
  expect(r1.status).toBe(404)
  expect(errorOf(r1)).toMatchObject({ code: 'ModelNotFound', message: expect.stringMatching(new RegExp(`^session ${unknown} uses model id 4242, which is not in the model catalog \\(ids 0–65, 1000\\)$`)) })

  const unserved = await sessionFor(4)
  const r2 = await postJson(rn.url, `/api/v1/completions/${unserved}`, { prompt: 'Once upon a time', max_tokens: 8 }, NET_TOKEN)
  expect(r2.status).toBe(409)
  expect(errorOf(r2)).toMatchObject({ code: 'ModelNotServed', message: `session ${unserved}: no registered node serves its model 4 (Mistral-7B-Instruct-v0.3.Q4_0)` })
  // Nothing was submitted for either.
  expect(rn.net.chain.world.sessions.get(unknown)!.nextTaskId).toBe(0)
  expect(rn.net.chain.world.sessions.get(unserved)!.nextTaskId).toBe(0)
})
