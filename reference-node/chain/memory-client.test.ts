// Goal: a MemoryChain connection fails the way a real RPC connection does and no other way:
// dropped (every call, pending receipt wait and block watch fails with ConnectionLost until
// restored), slow (answers late by the injected delay of chain time), sends refused or lost after
// reaching the mempool, receipt waits that time out, and a closed client. Method: a manual clock,
// one client with faults, assertions on error codes and on what the chain mined.
import { describe, expect, it } from 'vitest'
import { isChainError } from './errors.ts'
import { MODEL, createTestChain, minerAt } from './testkit.ts'
import type { BlockInfo } from './types.ts'

const M1 = minerAt(1)
const lost = (e: unknown): boolean => isChainError(e, 'ConnectionLost')

describe('MemoryChainClient faults', () => {
  it('fails every call, pending wait and watch while dropped, and works again once restored', async () => {
    const { clock, chain } = createTestChain()
    chain.start()
    const client = chain.connect(M1)
    const errors: string[] = []
    const blocks: bigint[] = []
    client.watchBlocks({ onBlock: (b) => blocks.push(b.number), onError: (e) => errors.push((e as { code?: string }).code ?? '?') })
    const hash = await client.sendCommand({ type: 'registerNode', actor: M1, models: [MODEL] })
    const waiting = client.waitForReceipt(hash)
    client.faults.drop()
    client.faults.drop() // idempotent
    expect(client.faults.connected).toBe(false)
    await expect(waiting).rejects.toSatisfy(lost)
    expect(errors).toEqual(['ConnectionLost'])
    await expect(client.getBlock()).rejects.toSatisfy(lost)
    await expect(client.sendCommand({ type: 'ping', actor: M1 })).rejects.toSatisfy(lost)
    const dead: string[] = []
    client.watchBlocks({ onBlock: () => dead.push('block'), onError: (e) => dead.push((e as { code?: string }).code ?? '?') })
    await clock.advance(1_000)
    expect(dead).toEqual(['ConnectionLost'])
    expect(blocks).toEqual([])
    // The transaction sent before the drop was mined anyway.
    expect(chain.getReceipt(hash)?.status).toBe('success')
    client.faults.restore()
    expect((await client.waitForReceipt(hash)).status).toBe('success')
    expect((await client.getBlock()).number).toBe(1n)
  })

  it('answers late by the injected delay and delivers blocks late', async () => {
    const { clock, chain } = createTestChain()
    chain.start()
    const client = chain.connect(M1)
    client.faults.delayMs = 300
    const blocks: BlockInfo[] = []
    client.watchBlocks({ onBlock: (b) => blocks.push(b), onError: () => {} })
    let answered = false
    void client.getBlock().then(() => (answered = true))
    await clock.advance(299)
    expect(answered).toBe(false)
    await clock.advance(1)
    expect(answered).toBe(true)
    await clock.advance(1_000)
    expect(blocks.map((b) => [b.number, clock.nowMs()])).toEqual([[1n, 1_300]])
    const late = client.getBlock()
    client.faults.drop()
    await expect(late).rejects.toSatisfy(lost)
  })

  it('refuses chosen sends, or loses the answer after the transaction reached the mempool', async () => {
    const { clock, chain } = createTestChain()
    chain.start()
    const client = chain.connect(M1)
    client.faults.failSends((c) => c.type === 'registerNode', 'refuse')
    await expect(client.sendCommand({ type: 'registerNode', actor: M1, models: [MODEL] })).rejects.toSatisfy((e: unknown) => isChainError(e, 'TxRejected'))
    expect(chain.pendingTransactions).toEqual([])
    client.faults.failSends((c) => c.type === 'registerNode', 'lostAfterSend', 2)
    await expect(client.sendCommand({ type: 'registerNode', actor: M1, models: [MODEL] })).rejects.toSatisfy(lost)
    expect(await client.getTransactionCount('pending')).toBe(1)
    expect(await client.getTransactionCount('latest')).toBe(0)
    await clock.advance(1_000)
    expect(await client.getTransactionCount('latest')).toBe(1)
    expect(chain.transactions.map((t) => t.status)).toEqual(['success'])
    // The second fault of the pair is still armed; other commands pass.
    await client.sendCommand({ type: 'ping', actor: M1 })
    await expect(client.sendCommand({ type: 'registerNode', actor: M1, models: [MODEL] })).rejects.toSatisfy(lost)
    await client.sendCommand({ type: 'registerNode', actor: M1, models: [MODEL] })
  })

  it('times out a receipt wait, aborts on the caller signal, and refuses everything once closed', async () => {
    const { clock, chain } = createTestChain()
    const client = chain.connect(M1)
    const hash = await client.sendCommand({ type: 'registerNode', actor: M1, models: [MODEL] })
    const timing = client.waitForReceipt(hash, { timeoutMs: 500 })
    const check = expect(timing).rejects.toSatisfy((e: unknown) => isChainError(e, 'Timeout'))
    await clock.advance(500)
    await check
    const controller = new AbortController()
    const aborted = client.waitForReceipt(hash, { signal: controller.signal })
    controller.abort()
    await expect(aborted).rejects.toSatisfy((e: unknown) => isChainError(e, 'Aborted'))
    await expect(client.getBlock()).resolves.toBeDefined()
    await expect(client.sendCommand({ type: 'ping', actor: M1 }, { signal: controller.signal })).rejects.toSatisfy((e: unknown) => isChainError(e, 'Aborted'))
    const stillWaiting = client.waitForReceipt(hash)
    const errors: unknown[] = []
    client.watchBlocks({ onBlock: () => {}, onError: (e) => errors.push(e) })
    client.close()
    client.close()
    await expect(stillWaiting).rejects.toSatisfy((e: unknown) => isChainError(e, 'Closed'))
    await expect(client.readNode(M1)).rejects.toSatisfy((e: unknown) => isChainError(e, 'Closed'))
    client.watchBlocks({ onBlock: () => {}, onError: (e) => errors.push(e) })
    await clock.settle()
    expect(errors.map((e) => (e as { code?: string }).code)).toEqual(['Closed', 'Closed'])
  })
})
