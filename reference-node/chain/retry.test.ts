// Goal: backoff delays grow as specified and stay capped (and within [d/2, d] with seeded jitter);
// withRetry retries only retryable errors, gives up after maxAttempts, stops on abort; the
// retrying client rides out a dropped connection on reads and receipt waits but never resends a
// transaction. Method: pure computations, a failing function with counted attempts, a MemoryChain
// connection dropped and restored by a timer on the manual clock.
import { describe, expect, it } from 'vitest'
import { createRng } from '../../protocol/core/rng.ts'
import { ManualClock } from './clock.ts'
import { ChainError, isChainError } from './errors.ts'
import { checkBackoffOptions, computeBackoffDelayMs, withRetry, type BackoffOptions } from './retry.ts'
import { RetryingChainClient } from './retrying-client.ts'
import { MODEL, createTestChain, minerAt } from './testkit.ts'

const BACKOFF: BackoffOptions = { initialDelayMs: 100, maxDelayMs: 1_000, factor: 3, maxAttempts: 4 }

describe('computeBackoffDelayMs', () => {
  it('grows by the factor and caps at maxDelayMs', () => {
    expect([1, 2, 3, 4, 5].map((a) => computeBackoffDelayMs(a, BACKOFF))).toEqual([100, 300, 900, 1_000, 1_000])
  })

  it('keeps jittered delays within [d/2, d] and repeats them for one seed', () => {
    const a = [1, 2, 3, 4].map((n) => computeBackoffDelayMs(n, { ...BACKOFF, jitter: createRng(5) }))
    const jitter = createRng(5)
    const b = [1, 2, 3, 4].map((n) => computeBackoffDelayMs(n, { ...BACKOFF, jitter }))
    const c = [1, 2, 3, 4].map((n) => computeBackoffDelayMs(n, { ...BACKOFF, jitter: createRng(5) }))
    expect(a).toEqual(c)
    b.forEach((d, i) => {
      const full = computeBackoffDelayMs(i + 1, BACKOFF)
      expect(d).toBeGreaterThanOrEqual(full / 2)
      expect(d).toBeLessThanOrEqual(full)
    })
  })

  it('names bad options', () => {
    expect(checkBackoffOptions(BACKOFF)).toBeUndefined()
    expect(checkBackoffOptions({ ...BACKOFF, initialDelayMs: -1 })).toMatch(/initialDelayMs/)
    expect(checkBackoffOptions({ ...BACKOFF, maxDelayMs: 50 })).toMatch(/maxDelayMs/)
    expect(checkBackoffOptions({ ...BACKOFF, factor: 0.5 })).toMatch(/factor/)
    expect(checkBackoffOptions({ ...BACKOFF, maxAttempts: 0 })).toMatch(/maxAttempts/)
  })
})

describe('withRetry', () => {
  it('retries retryable errors after each backoff and returns the first success', async () => {
    const clock = new ManualClock()
    const attempts: number[] = []
    const retries: string[] = []
    const result = withRetry(
      async (attempt) => {
        attempts.push(clock.nowMs())
        if (attempt < 3) throw new ChainError('ConnectionLost', 'down')
        return 'ok'
      },
      { clock, backoff: BACKOFF, onRetry: (_e, attempt, delayMs) => retries.push(`${attempt}:${delayMs}`) },
    )
    await clock.advance(1_000)
    await expect(result).resolves.toBe('ok')
    expect(attempts).toEqual([0, 100, 400])
    expect(retries).toEqual(['1:100', '2:300'])
  })

  it('gives up after maxAttempts, passes other errors through at once, and stops on abort', async () => {
    const clock = new ManualClock()
    let calls = 0
    const exhausted = withRetry(async () => {
      calls++
      throw new ChainError('Timeout', 'slow')
    }, { clock, backoff: BACKOFF })
    const check = expect(exhausted).rejects.toSatisfy((e: unknown) => isChainError(e, 'Timeout'))
    await clock.advance(5_000)
    await check
    expect(calls).toBe(4)

    let other = 0
    await expect(
      withRetry(async () => {
        other++
        throw new ChainError('TxRejected', 'no')
      }, { clock }),
    ).rejects.toSatisfy((e: unknown) => isChainError(e, 'TxRejected'))
    expect(other).toBe(1)

    const controller = new AbortController()
    const stopped = withRetry(async () => {
      throw new ChainError('ConnectionLost', 'down')
    }, { clock, backoff: BACKOFF, signal: controller.signal })
    await clock.settle()
    controller.abort()
    await expect(stopped).rejects.toSatisfy((e: unknown) => isChainError(e, 'Aborted'))
    await expect(withRetry(async () => 1, { clock, backoff: { ...BACKOFF, factor: 0 } })).rejects.toThrow(RangeError)
  })
})

describe('RetryingChainClient', () => {
  it('retries reads and receipt waits across a drop, but not sends', async () => {
    const { clock, chain } = createTestChain()
    chain.start()
    const raw = chain.connect(minerAt(1))
    const retriedCalls: string[] = []
    const client = new RetryingChainClient(raw, { clock, backoff: { initialDelayMs: 200, maxDelayMs: 200, factor: 1, maxAttempts: 20 }, onRetry: (what) => retriedCalls.push(what) })
    expect(client.account).toBe(minerAt(1))
    expect(client.chainId).toBe(31337)
    const hash = await client.sendCommand({ type: 'registerNode', actor: minerAt(1), models: [MODEL] })
    raw.faults.drop()
    clock.setTimer(900, () => raw.faults.restore())
    const receipt = client.waitForReceipt(hash)
    const block = client.getBlock()
    await expect(client.sendCommand({ type: 'ping', actor: minerAt(1) })).rejects.toSatisfy((e: unknown) => isChainError(e, 'ConnectionLost'))
    await clock.advance(1_500)
    expect((await receipt).status).toBe('success')
    expect((await block).number).toBeGreaterThanOrEqual(0n)
    expect(retriedCalls.filter((w) => w === 'waitForReceipt').length).toBeGreaterThanOrEqual(4)
    expect(retriedCalls).not.toContain('sendCommand')
    // Every read passes through to the connection.
    expect(await client.getReceipt(hash)).not.toBeNull()
    expect(await client.getTransactionCount('latest')).toBe(1)
    expect(await client.getLogs({ fromBlock: 0n })).toHaveLength(2)
    expect((await client.getParams()).oracle.mode).toBe('lenient')
    expect(await client.readSession(1)).toBeNull()
    expect(await client.readSessionAccount(1)).toBeNull()
    expect(await client.readTask(1, 0)).toBeNull()
    expect(await client.readTaskInput(1, 0)).toBeNull()
    expect((await client.readNode(minerAt(1)))?.status.kind).toBe('Registered')
    expect((await client.readNodeAccount(minerAt(1))).stake).toBe(0n)
    expect(await client.readLastPickedRound(minerAt(1))).toBeNull()
    expect(await client.readRound(1)).toBeNull()
    expect((await client.readOracleSet()).status).toBe('Active')
    expect(await client.readLeader()).not.toBeNull()
    const unwatch = client.watchBlocks({ onBlock: () => {}, onError: () => {} })
    unwatch()
    client.close()
    await expect(client.getBlock()).rejects.toSatisfy((e: unknown) => isChainError(e, 'Closed'))
  })
})
