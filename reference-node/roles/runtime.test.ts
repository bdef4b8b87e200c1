// Goal: NodeRuntime starts a role from options and stops it cleanly on its AbortSignal (client
// closed, created model and embedder disposed, one "stopped" line), refuses bad options before
// touching the chain, closes the client when the start fails, and works on the real clock too;
// the miner warns when banned and skips an empty withdrawal; an oracle outside the oracle set only
// watches. Method: MemoryChains on manual and system clocks, runtimes started while the clock
// advances, in-memory logs.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Address } from '../../protocol/core/types.ts'
import { SystemClock, type ManualClock } from '../chain/clock.ts'
import { isChainError } from '../chain/errors.ts'
import { MemoryChain } from '../chain/memory-chain.ts'
import { ADMIN, MODEL, ORACLE_A, createTestChain, minerAt, testParams } from '../chain/testkit.ts'
import { createMemoryLogger } from './log.ts'
import { NodeRuntime, type NodeRuntimeOptions } from './runtime.ts'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ctb-runtime-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Starts a runtime on a manual clock, mining blocks until the start is done. */
async function startOn(clock: ManualClock, options: NodeRuntimeOptions, signal: AbortSignal): Promise<NodeRuntime> {
  const outcome: { value?: NodeRuntime; error?: unknown } = {}
  void clock.track(() => NodeRuntime.start(options, signal)).then(
    (r) => (outcome.value = r),
    (e: unknown) => (outcome.error = e),
  )
  for (let n = 0; n < 20 && outcome.value === undefined && outcome.error === undefined; n++) await clock.advance(1_000)
  if (outcome.error !== undefined) throw outcome.error
  return outcome.value!
}

function actions(lines: readonly string[]): string[] {
  return lines.map((l) => (JSON.parse(l) as { action: string }).action)
}

describe('NodeRuntime', () => {
  it('starts a miner, then stops it on abort: client closed, one stopped line', async () => {
    const { clock, chain } = createTestChain()
    chain.start()
    const client = chain.connect(minerAt(1))
    const log = createMemoryLogger('m1', clock)
    const controller = new AbortController()
    const runtime = await startOn(clock, { role: 'miner', chain: client, clock, dataDir: join(dir, 'm1'), log, miner: { models: [MODEL], withdrawIntervalMs: 3_000 } }, controller.signal)
    expect(runtime.role).toBe('miner')
    expect(runtime.oracle).toBeNull()
    expect(chain.world.nodes.get(minerAt(1))?.status.kind).toBe('Registered')
    expect(chain.world.nodeAccounts.get(minerAt(1))?.stake).toBe(chain.params.selection.minStake)
    expect(runtime.miner?.followedTasks).toEqual([])
    expect(runtime.miner?.followedRounds).toEqual([])
    await clock.advance(5_000)
    // Nothing to withdraw: no withdrawal was sent.
    expect(chain.transactions.filter((t) => t.command.type === 'withdrawNodePayment')).toEqual([])
    controller.abort()
    await clock.track(() => runtime.stopped)
    expect(actions(log.lines).filter((a) => a === 'stopped')).toHaveLength(1)
    await expect(client.getBlock()).rejects.toSatisfy((e: unknown) => isChainError(e, 'Closed'))
  })

  it('starts an oracle with an embedder spec, and one outside the set only watches', async () => {
    const { clock, chain } = createTestChain()
    chain.start()
    const log = createMemoryLogger('o', clock)
    const controller = new AbortController()
    const oracle = await startOn(clock, { role: 'oracle', chain: chain.connect(ORACLE_A), clock, dataDir: join(dir, 'o'), log, embedder: { kind: 'lexical' }, oracle: { requestRounds: false } }, controller.signal)
    expect(oracle.oracle?.cursor).not.toBeNull()
    const outsiderLog = createMemoryLogger('x', clock)
    const outsider = await startOn(clock, { role: 'oracle', chain: chain.connect(minerAt(9)), clock, dataDir: join(dir, 'x'), log: outsiderLog }, controller.signal)
    await clock.advance(3_000)
    expect(actions(outsiderLog.lines).filter((a) => a === 'not a registered oracle; watching only')).toHaveLength(1)
    expect(chain.transactions.filter((t) => t.from === minerAt(9))).toEqual([])
    controller.abort()
    await clock.track(() => Promise.all([oracle.stopped, outsider.stopped]))
    expect(actions(log.lines)).toContain('stopped')
  })

  it('warns a banned miner and keeps it running', async () => {
    const { clock, chain } = createTestChain()
    chain.start()
    const m = minerAt(2)
    await chain.connect(m).sendCommand({ type: 'registerNode', actor: m, models: [MODEL] })
    await clock.advance(1_000)
    await chain.connect(ADMIN).sendCommand({ type: 'banNode', actor: ADMIN, node: m })
    await clock.advance(1_000)
    const log = createMemoryLogger('m2', clock)
    const controller = new AbortController()
    const runtime = await startOn(clock, { role: 'miner', chain: chain.connect(m), clock, dataDir: join(dir, 'm2'), log, miner: { models: [MODEL], stake: 1n } }, controller.signal)
    expect(actions(log.lines)).toContain('node is banned; it will get no work')
    controller.abort()
    await clock.track(() => runtime.stopped)
  })

  it('refuses bad options and closes the client when the start fails', async () => {
    const { clock, chain } = createTestChain()
    chain.start()
    const signal = new AbortController().signal
    const base = { chain: chain.connect(minerAt(3)), clock, dataDir: join(dir, 'm3') }
    await expect(NodeRuntime.start({ ...base, role: 'router' as never }, signal)).rejects.toThrow(/unknown role/)
    await expect(NodeRuntime.start({ ...base, role: 'miner', dataDir: '' }, signal)).rejects.toThrow(/dataDir/)
    await expect(NodeRuntime.start({ ...base, role: 'miner' }, signal)).rejects.toThrow(/miner.models/)
    await expect(NodeRuntime.start({ ...base, role: 'oracle', privateKey: generatePrivateKey() }, signal)).rejects.toThrow(/private key is for/)

    const refused = chain.connect(minerAt(3))
    refused.faults.failSends((c) => c.type === 'registerNode', 'refuse')
    await expect(startOn(clock, { ...base, chain: refused, role: 'miner', miner: { models: [MODEL] }, log: createMemoryLogger('m3') }, signal)).rejects.toThrow(/registration failed/)
    await expect(refused.getBlock()).rejects.toSatisfy((e: unknown) => isChainError(e, 'Closed'))

    const unstakable = chain.connect(minerAt(4))
    unstakable.faults.failSends((c) => c.type === 'stake', 'refuse')
    await expect(startOn(clock, { ...base, chain: unstakable, dataDir: join(dir, 'm4'), role: 'miner', miner: { models: [MODEL] }, log: createMemoryLogger('m4') }, signal)).rejects.toThrow(/staking failed/)
  })

  it('runs on the system clock with a key that matches the client', async () => {
    const key = generatePrivateKey()
    const address = privateKeyToAccount(key).address.toLowerCase() as Address
    const clock = new SystemClock()
    const chain = new MemoryChain({ params: testParams(), admin: ADMIN, oracles: [ORACLE_A], clock, blockTimeMs: 5 })
    chain.start()
    const controller = new AbortController()
    const lines: string[] = []
    try {
      const runtime = await NodeRuntime.start({ role: 'miner', chain: chain.connect(address), privateKey: key, dataDir: join(dir, 'k'), miner: { models: [MODEL] }, log: { json: false, sink: (l) => lines.push(l) } }, controller.signal)
      expect(chain.world.nodes.get(address)?.status.kind).toBe('Registered')
      controller.abort()
      await runtime.stopped
      expect(lines.some((l) => l.includes(' INFO  miner 0x') && l.endsWith('stopped'))).toBe(true)
    } finally {
      chain.stop()
    }
  })
})
