// Goal: the roles run a user task with real inference: three miners on llama.cpp (stories260K,
// one thread each) sample the task's prompt with its llmParams and the task-derived seed, write
// the same text, reveal it, and two oracles judge it with llama.cpp embeddings; the result is the
// model's own output, every miner is valid and paid, and every invariant holds. Method: the
// network harness with model and embedder specs (so the runtime loads and disposes them), and a
// direct completion of the same request for comparison.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { decodeLlmParams } from '../../protocol/session/llm.ts'
import { taskKey } from '../../protocol/task/machine.ts'
import { TEST_SESSION, testParams } from '../chain/testkit.ts'
import { LlamaInference } from '../inference/llama.ts'
import { STORIES_260K_GGUF, requireModelPath } from '../inference/model-files.ts'
import { buildRequestFromLlmParams } from '../inference/request.ts'
import { buildTaskPrompt, computeTaskSeed } from './prompts.ts'
import { TestNetwork, minerAt } from './testing/network.ts'

let net: TestNetwork
let reference: LlamaInference

beforeAll(async () => {
  requireModelPath(STORIES_260K_GGUF, 'stories260K (the test model)')
  reference = await LlamaInference.load({ modelPath: STORIES_260K_GGUF, maxThreads: 1 })
  net = await TestNetwork.create({ params: testParams({ 'oracle.mode': 'strict', 'networkTask.completers': 1, 'networkTask.intervalMs': 10_000 }) })
})

afterAll(async () => {
  await net?.dispose()
  await reference?.dispose()
})

it('runs a task on llama.cpp miners and llama.cpp embeddings end to end', async () => {
  const miners = [minerAt(1), minerAt(2), minerAt(3)]
  for (const m of miners) await net.addMiner(m, { model: { kind: 'llama', modelPath: STORIES_260K_GGUF, maxThreads: 1 } })
  for (const o of net.oracles) await net.addOracle(o, { embedder: { kind: 'llama', modelPath: STORIES_260K_GGUF, maxThreads: 1 } })
  await net.waitForPool(miners, 200)
  const sessionId = await net.createSession({ ...TEST_SESSION, maxNumOfNodes: 3, redundant: 3 })
  await net.runUntil(() => net.chain.world.sessions.get(sessionId)!.status === 'Ready', 20, 'session ready')
  // Sampled, not greedy: the shared seed is what makes the miners agree.
  const llmParams = [24, 70, 95, 40, 0, 0]
  const taskId = await net.submit(sessionId, 'Once upon a time', llmParams)
  const key = taskKey(sessionId, taskId)
  await net.runUntil(() => net.chain.world.tasks.get(key)!.status === 'Ended', 80, 'task ended')

  const input = net.chain.taskInputs.get(key)!
  const decoded = decodeLlmParams(input.llmParams, net.params)
  if (!decoded.ok) throw new Error(decoded.message)
  const expected = await reference.complete(buildRequestFromLlmParams(buildTaskPrompt(input), decoded.llm, computeTaskSeed(sessionId, taskId)))
  expect(expected.text.length).toBeGreaterThan(0)
  const task = net.chain.world.tasks.get(key)!
  expect(task.outcome).toMatchObject({ result: 'success' })
  for (const slot of task.miners) {
    expect(slot.result).toBe(expected.text)
    expect(slot.state).toBe('Valid')
    expect(net.chain.world.nodeAccounts.get(slot.miner)!.earned).toBeGreaterThan(0n)
  }
  expect(net.logged(miners[0]!, 'inferred').some((e) => e['backend'] === 'llama:stories260K.gguf')).toBe(true)
  expect(net.invariants()).toEqual([])
})
