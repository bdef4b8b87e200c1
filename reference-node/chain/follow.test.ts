// Goal: a follower delivers every log from its start block exactly once and in chain order, one
// head at a time, also across dropped connections (it backs off, reconnects and catches up), skips
// a failing handler without losing later logs, and stops on abort or when the client closes.
// Method: a MemoryChain on a manual clock with one sender producing logs every block; the
// follower's connection is dropped and restored while logs keep coming.
import { describe, expect, it } from 'vitest'
import { COR } from '../../protocol/core/types.ts'
import { followChain } from './follow.ts'
import { MODEL, createTestChain, minerAt } from './testkit.ts'
import type { ChainLog } from './types.ts'

const M1 = minerAt(1)

async function setup() {
  const { clock, chain } = createTestChain()
  chain.start()
  const sender = chain.connect(M1)
  await sender.sendCommand({ type: 'registerNode', actor: M1, models: [MODEL] })
  await clock.advance(1_000)
  /** One `Staked` log per block from now on. */
  const stakeEachBlock = (): void => {
    chain.onBlock(() => void sender.sendCommand({ type: 'stake', actor: M1, amount: COR }))
  }
  return { clock, chain, sender, stakeEachBlock }
}

describe('followChain', () => {
  it('delivers the logs since fromBlock, then each new head with its logs', async () => {
    const { clock, chain, stakeEachBlock } = await setup()
    stakeEachBlock()
    await clock.advance(3_000)
    const delivered: ChainLog[] = []
    const heads: bigint[] = []
    const controller = new AbortController()
    const follower = followChain({
      client: chain.connect(minerAt(2)),
      clock,
      fromBlock: 0n,
      names: ['NodeRegistered', 'Staked'],
      signal: controller.signal,
      onBlock: (block, logs) => {
        heads.push(block.number)
        delivered.push(...logs)
      },
    })
    await clock.settle()
    expect(heads).toEqual([4n])
    expect(delivered.map((l) => l.name)).toEqual(['NodeRegistered', 'Staked', 'Staked'])
    await clock.advance(2_000)
    expect(heads).toEqual([4n, 5n, 6n])
    expect(follower.cursor).toBe(7n)
    expect(follower.head?.number).toBe(6n)
    controller.abort()
    await clock.advance(2_000)
    expect(heads).toEqual([4n, 5n, 6n])
    const blocks = delivered.map((l) => l.blockNumber)
    expect(blocks).toEqual([...blocks].sort((a, b) => (a < b ? -1 : 1)))
  })

  it('reconnects with backoff after a drop and delivers what it missed exactly once', async () => {
    const { clock, chain, stakeEachBlock } = await setup()
    stakeEachBlock()
    const client = chain.connect(minerAt(2))
    const stakedBlocks: bigint[] = []
    const problems: string[] = []
    followChain({
      client,
      clock,
      fromBlock: 2n,
      signal: new AbortController().signal,
      backoff: { initialDelayMs: 400, maxDelayMs: 1_000, factor: 2, maxAttempts: Number.POSITIVE_INFINITY },
      onError: (_e, context, retryInMs) => problems.push(`${context}:${retryInMs}`),
      onBlock: (_block, logs) => {
        for (const l of logs) if (l.name === 'Staked') stakedBlocks.push(l.blockNumber)
      },
    })
    await clock.advance(2_000)
    client.faults.drop()
    await clock.advance(3_000)
    expect(problems).toEqual(['connection:400', 'connection:800', 'connection:1000', 'connection:1000'])
    client.faults.restore()
    await clock.advance(2_000)
    const expected = Array.from({ length: Number(chain.latestBlock.number) - 2 }, (_, i) => BigInt(i + 3))
    expect(stakedBlocks).toEqual(expected)
  })

  it('reconnects when the log fetch itself loses the connection', async () => {
    const { clock, chain, stakeEachBlock } = await setup()
    stakeEachBlock()
    const client = chain.connect(minerAt(2))
    client.faults.delayMs = 300
    const staked: bigint[] = []
    const problems: string[] = []
    followChain({
      client,
      clock,
      fromBlock: 0n,
      signal: new AbortController().signal,
      onError: (_e, context) => problems.push(context),
      onBlock: (_b, logs) => {
        for (const l of logs) if (l.name === 'Staked') staked.push(l.blockNumber)
      },
    })
    await clock.advance(1_450) // block 2 reaches the follower at 2 300 ms; its log fetch would be answered at 2 600 ms
    client.faults.drop()
    client.faults.restore()
    await clock.advance(5_000)
    expect(problems[0]).toBe('connection')
    // Every block's log from block 3 on, once each and in order, despite the failed fetch.
    expect(staked.length).toBeGreaterThanOrEqual(3)
    expect(staked).toEqual(Array.from({ length: staked.length }, (_, i) => BigInt(i + 3)))
  })

  it('skips a failing handler call and keeps following; a closed client ends the follow', async () => {
    const { clock, chain, stakeEachBlock } = await setup()
    stakeEachBlock()
    const client = chain.connect(minerAt(2))
    const heads: bigint[] = []
    const problems: string[] = []
    followChain({
      client,
      clock,
      fromBlock: 0n,
      signal: new AbortController().signal,
      onError: (_e, context) => problems.push(context),
      onBlock: (block) => {
        heads.push(block.number)
        if (block.number === 3n) throw new Error('handler bug')
      },
    })
    await clock.advance(3_000)
    expect(heads).toEqual([1n, 2n, 3n, 4n])
    expect(problems).toEqual(['handler'])
    // A drop between blocks: the reconnect reads the head it already delivered and skips it.
    client.faults.drop()
    client.faults.restore()
    await clock.advance(500)
    expect(heads).toEqual([1n, 2n, 3n, 4n])
    await clock.advance(500)
    expect(heads).toEqual([1n, 2n, 3n, 4n, 5n])
    client.close()
    await clock.advance(3_000)
    expect(heads).toEqual([1n, 2n, 3n, 4n, 5n])
    expect(problems).toEqual(['handler', 'connection', 'connection'])
  })
})
