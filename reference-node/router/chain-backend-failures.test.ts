// Goal: a task that ends without consensus reaches the client as 502 TaskFailed with the chain's
// reason, every miner's part is still reported (the outliers with their verified hashes), and a
// miner whose output relay throws still does all its chain work. Method: RouterNet with one honest
// FakeInference miner and two lazy ones that reveal an empty text (PoI outliers), the third with a
// relay that throws; the router on real HTTP, the chain pumped during the request.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { taskKey } from '../../protocol/task/machine.ts'
import { LazyInference } from '../roles/testing/backends.ts'
import { NET_TOKEN, RouterNet } from './chain-backend-testing.ts'
import { errorOf, getJson, postJson } from './test-support.ts'

let rn: RouterNet

beforeAll(async () => {
  rn = await RouterNet.start({ miners: 3, model: (i) => (i === 1 ? { kind: 'fake' } : new LazyInference('')), brokenRelay: (i) => i === 3 })
}, 60_000)
afterAll(() => rn?.dispose())

it('answers 502 TaskFailed for a task without consensus, and reports every miner', async () => {
  const reply = await rn.pumping(() => postJson(rn.url, `/api/v1/completions/${rn.sessionId}`, { prompt: 'Once upon a time', max_tokens: 8 }, NET_TOKEN))
  expect(reply.status).toBe(502)
  const error = errorOf(reply)
  expect(error).toMatchObject({ code: 'TaskFailed', details: { failure_reason: 'noConsensus' } })
  const taskId = error.details!['task_id'] as number
  const chain = rn.net.chain.world.tasks.get(taskKey(rn.sessionId, taskId))!
  expect(chain.outcome).toEqual({ result: 'failed', reason: 'noConsensus' })
  const task = (await getJson(rn.url, `/api/v1/tasks/${rn.sessionId}/${taskId}`, NET_TOKEN)).json as { miners: { state: string; hash_verified: boolean; poi: { verdict: string } | null }[]; result: unknown }
  expect(task.result).toBeNull()
  expect(task.miners.map((m) => m.hash_verified)).toEqual([true, true, true])
  expect(task.miners.filter((m) => m.poi?.verdict === 'valid')).toHaveLength(1)
  const broken = rn.miners[2]!.address
  expect(chain.miners.find((s) => s.miner === broken)!.committedAtMs).not.toBeNull()
  expect(rn.net.logged(broken, 'task output relay failed').length).toBeGreaterThan(0)
  const metrics = (await getJson(rn.url, '/metrics', NET_TOKEN)).text
  expect(metrics).toContain('chain_backend_completions_total{outcome="failed"} 1')
  expect(rn.net.invariants()).toEqual([])
})
