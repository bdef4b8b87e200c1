// Goal: "who serves model X" is answered from registrations: banned and unregistered nodes do not
// count, a model nobody serves is `ModelNotServed` naming the id, its name and what is served, an
// id outside the catalog is `UnknownModel`, and the chain scan finds every registered node (also
// across several `getLogs` chunks). Method: node states built through the node machine; a
// MemoryChain on a manual clock with registrations spread over more blocks than one chunk.
import { describe, expect, it } from 'vitest'
import { availableNode, registeredNode, step } from '../../protocol/node/testkit.ts'
import { createNode } from '../../protocol/node/state.ts'
import { ctxAt, paramsWith } from '../../protocol/testing/fixtures.ts'
import { ADMIN, createTestChain, minerAt } from '../chain/testkit.ts'
import { getDefaultCatalog } from './catalog.ts'
import { LOG_CHUNK_BLOCKS, checkModelServedOnChain, findServingNodes, listRegisteredNodes, requireModelServed } from './served.ts'

const catalog = getDefaultCatalog()
const params = paramsWith({})

describe('serving nodes', () => {
  const serves7 = registeredNode(params, 0, [7, 1000])
  const pooled = availableNode(params)
  const banned = step(registeredNode(params, 0, [4]), { type: 'ban', actor: ADMIN }, 1, params)
  const fresh = createNode(minerAt(9), ctxAt(0, params))

  it('counts registered, unbanned nodes that declared the model', () => {
    expect(findServingNodes(7, [serves7, pooled, banned, fresh]).length).toBe(2)
    expect(findServingNodes(1000, [serves7, pooled])).toEqual([serves7])
    expect(findServingNodes(4, [serves7, pooled, banned, fresh])).toEqual([])
    expect(requireModelServed(catalog, 1000, [serves7, banned])).toEqual([serves7])
  })

  it('refuses a model nobody serves with ModelNotServed, naming it and what is served', () => {
    expect(() => requireModelServed(catalog, 4, [serves7, banned])).toThrow(/^ModelNotServed: no registered node serves model 4 \(Mistral-7B-Instruct-v0\.3\.Q4_0\); registered nodes serve 7, 1000$/)
    expect(() => requireModelServed(catalog, 4, [])).toThrow(/model 4 .*; no node is registered$/)
    expect(() => requireModelServed(catalog, 4242, [serves7])).toThrow(/^unknown model id 4242/)
    try {
      requireModelServed(catalog, 4, [])
    } catch (error) {
      expect(error).toMatchObject({ code: 'ModelNotServed', modelId: 4 })
    }
  })
})

describe('registered nodes on a chain', () => {
  it('finds every registration, across log chunks, sorted by address', async () => {
    const { clock, chain } = createTestChain()
    const reader = chain.connect(minerAt(99))
    expect(await listRegisteredNodes(reader)).toEqual([])
    await expect(checkModelServedOnChain(catalog, 1000, reader)).rejects.toThrow(/no node is registered/)
    // One registration at the start and one past the first chunk of blocks.
    await chain.connect(minerAt(2)).sendCommand({ type: 'registerNode', actor: minerAt(2), models: [1000] })
    chain.mineBlock()
    for (let n = 0n; n < LOG_CHUNK_BLOCKS; n++) chain.mineBlock()
    await chain.connect(minerAt(1)).sendCommand({ type: 'registerNode', actor: minerAt(1), models: [7] })
    chain.mineBlock()
    const nodes = await listRegisteredNodes(reader)
    expect(nodes.map((n) => [n.address, n.models])).toEqual([[minerAt(1), [7]], [minerAt(2), [1000]]])
    expect((await checkModelServedOnChain(catalog, 7, reader)).map((n) => n.address)).toEqual([minerAt(1)])
    await expect(checkModelServedOnChain(catalog, 4, reader)).rejects.toThrow(/serves model 4 .*registered nodes serve 7, 1000/)
    await expect(checkModelServedOnChain(catalog, 77_777, reader)).rejects.toMatchObject({ code: 'UnknownModel' })
    expect(clock.nowMs()).toBe(0)
  })
})
