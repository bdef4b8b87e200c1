// Goal: the catalog is honoured end to end on a running network. Miners announce the catalog ids
// they serve; the pool gives a session only miners that declared its model (the protocol's
// `checkSelectable`, exercised through the oracle's real reservations), its tasks run only on
// those; and a session for a model nobody serves never gets a node — which is why session
// creation checks it first (`ModelNotServed`, naming the model). Method: the roles' TestNetwork
// on a manual clock with FakeInference miners declaring different models, one oracle.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { taskKey } from '../../protocol/task/machine.ts'
import { TEST_SESSION, testParams } from '../chain/testkit.ts'
import { TestNetwork, minerAt } from '../roles/testing/network.ts'
import { STORIES_260K_MODEL_ID, getDefaultCatalog } from './catalog.ts'
import { checkModelServedOnChain } from './served.ts'

let net: TestNetwork
const STORIES = [1, 2, 3].map(minerAt)
const GEMMA = minerAt(4)
const GEMMA_ID = 7

beforeAll(async () => {
  net = await TestNetwork.create({ oracleCount: 1, params: testParams({ 'oracle.mode': 'strict', 'networkTask.completers': 2, 'networkTask.roleOverlap': 'shared', 'networkTask.intervalMs': 10_000 }) })
  for (const m of STORIES) await net.addMiner(m, { config: { models: [STORIES_260K_MODEL_ID] } })
  await net.addMiner(GEMMA, { config: { models: [GEMMA_ID] } })
  await net.addOracle(net.oracles[0]!)
  await net.waitForPool([...STORIES, GEMMA], 300)
})

afterAll(() => net?.dispose())

it('reserves and assigns only miners that serve the session\'s model, and refuses a model nobody serves', async () => {
  const reader = net.chain.connect(minerAt(99))
  const catalog = getDefaultCatalog()
  expect((await checkModelServedOnChain(catalog, STORIES_260K_MODEL_ID, reader)).map((n) => n.address)).toEqual(STORIES)
  expect((await checkModelServedOnChain(catalog, GEMMA_ID, reader)).map((n) => n.address)).toEqual([GEMMA])
  await expect(checkModelServedOnChain(catalog, 4, reader)).rejects.toThrow(/^ModelNotServed: no registered node serves model 4 \(Mistral-7B-Instruct-v0\.3\.Q4_0\); registered nodes serve 7, 1000$/)

  // Sessions asking for more nodes than serve their model get exactly the ones that do.
  const gemma = await net.createSession({ ...TEST_SESSION, modelIdentifier: GEMMA_ID, minNumOfNodes: 1, maxNumOfNodes: 4, redundant: 1 })
  const stories = await net.createSession({ ...TEST_SESSION, modelIdentifier: STORIES_260K_MODEL_ID, minNumOfNodes: 1, maxNumOfNodes: 4, redundant: 3 })
  // The session nobody could serve, created anyway (the chain does not know the catalog).
  const nobody = await net.createSession({ ...TEST_SESSION, modelIdentifier: 4, minNumOfNodes: 1, maxNumOfNodes: 4, redundant: 1 })
  const nodesOf = (id: number) => [...net.chain.world.sessions.get(id)!.ephemeralNodes].sort()
  await net.runUntil(() => nodesOf(gemma).length === 1 && nodesOf(stories).length === 3, 40, 'sessions filled')
  await net.step(30)
  expect(nodesOf(gemma)).toEqual([GEMMA])
  expect(nodesOf(stories)).toEqual(STORIES)
  expect(nodesOf(nobody)).toEqual([])
  expect(net.chain.world.sessions.get(nobody)!.status).not.toBe('Ready')

  // A task of the stories session runs on stories miners only.
  const taskId = await net.submit(stories, 'Once upon a time')
  await net.runUntil(() => net.chain.world.tasks.get(taskKey(stories, taskId))!.status === 'Ended', 60, 'task ended')
  const task = net.chain.world.tasks.get(taskKey(stories, taskId))!
  expect(task.miners.map((s) => s.miner).sort()).toEqual(STORIES)
  expect(task.outcome).toMatchObject({ result: 'success' })
  expect(net.invariants()).toEqual([])
})
