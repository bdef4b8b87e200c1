// Goal: `ctb node` takes the model id its miners serve from the catalog: the `--model` file's
// entry by default, an explicit `--model-id` only when the catalog has it (and, with a GGUF,
// only when it is that file's id), the fake stand-in under any catalog id; every refusal names
// the setting and its source. The memory network's owner refuses to create a session for a model
// outside the catalog or served by no registered node, before sending anything. Method:
// resolveNodeConfig over hand-built sources and scratch files; runOwnerSetup on a MemoryChain.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { COR } from '../../protocol/core/types.ts'
import { getDefaultCatalog } from '../catalog/catalog.ts'
import { ADMIN, OWNER, createTestChain, minerAt } from '../chain/testkit.ts'
import { STORIES_260K_GGUF, requireModelPath } from '../inference/model-files.ts'
import { NodeConfigError, resolveNodeConfig, type NodeSources } from './config.ts'
import { runOwnerSetup } from './memory-session.ts'

requireModelPath(STORIES_260K_GGUF, 'stories260K (the test model)')
const scratch = mkdtempSync(join(tmpdir(), 'ctb-node-catalog-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

function sources(flags: NodeSources['flags'], env: NodeSources['env'] = {}): NodeSources {
  return { flags: { role: 'miner', memory: true, ...flags }, env, dotenv: {}, cwd: scratch }
}

function refusal(s: NodeSources): string {
  try {
    resolveNodeConfig(s)
  } catch (error) {
    if (error instanceof NodeConfigError) return error.message
    throw error
  }
  throw new Error('expected a refusal')
}

describe('the served model id', () => {
  it('comes from the catalog entry of the model file, or the one asked for', () => {
    expect([resolveNodeConfig(sources({})).modelId, resolveNodeConfig(sources({})).modelName]).toEqual([1000, 'stories260K'])
    expect(resolveNodeConfig(sources({ modelId: '1000' })).modelId).toBe(1000)
    expect([resolveNodeConfig(sources({ model: 'fake' })).modelId, resolveNodeConfig(sources({ model: 'fake' })).modelName]).toEqual([1000, 'fake'])
    expect(resolveNodeConfig(sources({ model: 'fake', modelId: '7' })).modelId).toBe(7)
    expect(resolveNodeConfig(sources({ model: 'fake' }, { CTB_MODEL_ID: '12' })).modelId).toBe(12)
    // A GGUF the catalog has no file for may serve such an id on the operator's word.
    writeFileSync(join(scratch, 'mistral.gguf'), 'pretend weights')
    expect(resolveNodeConfig(sources({ model: 'mistral.gguf', modelId: '4' })).modelName).toBe('Mistral-7B-Instruct-v0.3.Q4_0')
  })

  it('refuses an unknown id, a file of another model and a file the catalog does not know, naming the setting', () => {
    expect(refusal(sources({ model: 'fake', modelId: '4242' }))).toMatch(/^--model-id: unknown model id 4242: .*lists ids 0–65, 1000$/)
    expect(refusal(sources({ model: 'fake' }, { CTB_MODEL_ID: '66' }))).toMatch(/^env CTB_MODEL_ID: unknown model id 66/)
    expect(refusal(sources({ modelId: '7' }))).toMatch(/^--model: .*stories260K\.gguf is catalog model 1000 \(stories260K\), not model 7/)
    writeFileSync(join(scratch, 'unknown.gguf'), 'other weights')
    expect(refusal(sources({ model: 'unknown.gguf' }))).toMatch(/^--model: .*unknown\.gguf matches no model in the catalog/)
    expect(refusal(sources({ model: 'fake', modelId: 'seven' }))).toMatch(/^--model-id: "seven" must be an integer/)
  })
})

describe('the memory network\'s session', () => {
  it('is refused for a model outside the catalog or served by nobody, and created for a served one', async () => {
    const { clock, chain } = createTestChain()
    const miner = minerAt(1)
    await chain.connect(miner).sendCommand({ type: 'registerNode', actor: miner, models: [1000] })
    chain.mineBlock()
    const setup = { miners: 1, redundant: 1, deposit: 10n * COR, catalog: getDefaultCatalog() }
    await expect(runOwnerSetup(chain, OWNER, ADMIN, { ...setup, modelId: 4 })).rejects.toMatchObject({ code: 'ModelNotServed', message: expect.stringMatching(/model 4 \(Mistral-7B-Instruct-v0\.3\.Q4_0\); registered nodes serve 1000$/) })
    await expect(runOwnerSetup(chain, OWNER, ADMIN, { ...setup, modelId: 4242 })).rejects.toMatchObject({ code: 'UnknownModel' })
    expect(chain.transactions.filter((t) => t.from === OWNER)).toEqual([])
    chain.start()
    const created = clock.track(() => runOwnerSetup(chain, OWNER, ADMIN, { ...setup, modelId: 1000 }))
    for (let i = 0; i < 5; i++) await clock.advance(chain.blockTimeMs)
    const sessionId = await created
    expect(chain.world.sessions.get(sessionId)!.config.modelIdentifier).toBe(1000)
    chain.stop()
  })
})
