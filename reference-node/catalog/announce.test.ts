// Goal: a miner announces the catalog ids it can serve. Started on a GGUF with no `models`, it
// registers the catalog entry of that file (found by path, or by sha256 for a copy); a GGUF the
// catalog does not know, an unknown id, an empty list or a fake model without ids are refused
// before anything is sent. Method: NodeRuntime on a MemoryChain with a manual clock, the real
// stories260K file and a renamed copy; the chain's transactions show what was (not) sent.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createTestChain, minerAt } from '../chain/testkit.ts'
import { STORIES_260K_GGUF, requireModelPath } from '../inference/model-files.ts'
import { createMemoryLogger } from '../roles/log.ts'
import { NodeRuntime, type NodeRuntimeOptions } from '../roles/runtime.ts'
import { STORIES_260K_MODEL_ID } from './catalog.ts'

requireModelPath(STORIES_260K_GGUF, 'stories260K (the test model)')
const scratch = mkdtempSync(join(tmpdir(), 'ctb-announce-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))
let started = 0

/** Starts a miner with `model`/`models`, mining blocks until it runs; returns its registered models. */
async function announce(model: NodeRuntimeOptions['model'], models?: readonly number[]): Promise<readonly number[]> {
  const { clock, chain } = createTestChain()
  chain.start()
  const address = minerAt(1)
  const controller = new AbortController()
  const outcome: { runtime?: NodeRuntime; error?: unknown } = {}
  const options: NodeRuntimeOptions = {
    role: 'miner', chain: chain.connect(address), clock, dataDir: join(scratch, `m-${++started}`), log: createMemoryLogger('m', clock),
    ...(model === undefined ? {} : { model }), miner: { withdrawIntervalMs: 0, ...(models === undefined ? {} : { models }) },
  }
  void clock.track(() => NodeRuntime.start(options, controller.signal)).then((r) => (outcome.runtime = r), (e: unknown) => (outcome.error = e))
  for (let n = 0; n < 20 && outcome.runtime === undefined && outcome.error === undefined; n++) await clock.advance(1_000)
  try {
    if (outcome.error !== undefined) {
      expect(chain.transactions.filter((t) => t.from === address)).toEqual([])
      throw outcome.error
    }
    return chain.world.nodes.get(address)!.models
  } finally {
    controller.abort()
    if (outcome.runtime !== undefined) await clock.track(() => outcome.runtime!.stopped)
    chain.stop()
  }
}

describe('what a miner announces', () => {
  it('registers the catalog entry of its GGUF when no models are given, also for a renamed copy', async () => {
    expect(await announce({ kind: 'llama', modelPath: STORIES_260K_GGUF, maxThreads: 1 })).toEqual([STORIES_260K_MODEL_ID])
    const copy = join(scratch, 'my-model.gguf')
    copyFileSync(STORIES_260K_GGUF, copy)
    expect(await announce({ kind: 'llama', modelPath: copy, maxThreads: 1 })).toEqual([STORIES_260K_MODEL_ID])
    expect(await announce({ kind: 'fake' }, [7, 1000])).toEqual([7, 1000])
  })

  it('refuses, before sending anything, a GGUF the catalog does not know, an unknown id, no ids at all', async () => {
    const stranger = join(scratch, 'stranger.gguf')
    writeFileSync(stranger, 'not in the catalog')
    await expect(announce({ kind: 'llama', modelPath: stranger })).rejects.toMatchObject({ code: 'UnknownModelFile' })
    await expect(announce({ kind: 'fake' }, [4242])).rejects.toMatchObject({ code: 'UnknownModel', modelId: 4242 })
    await expect(announce({ kind: 'fake' }, [])).rejects.toThrow(/a miner needs miner\.models/)
    await expect(announce({ kind: 'fake' })).rejects.toThrow(/a miner needs miner\.models \(the catalog ids it serves\), or a GGUF model/)
  })
})
