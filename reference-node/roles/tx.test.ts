// Goal: a role's transactions go out at most once per action: not again while in flight or after
// success, after a revert only once the retry time passed, and after a send whose outcome is
// unknown only once the account's in-flight transactions were mined; the background job logs every
// outcome; jobs with one key never run twice at once and their failures are logged. Method: a
// TxSender on a MemoryChain connection with a manual clock and an in-memory log.
import { describe, expect, it } from 'vitest'
import { ChainError } from '../chain/errors.ts'
import { MODEL, createTestChain, minerAt } from '../chain/testkit.ts'
import { JobRunner } from './jobs.ts'
import { createMemoryLogger } from './log.ts'
import { TxSender } from './tx.ts'

const M1 = minerAt(1)

function setup(options: { settleTimeoutMs?: number } = {}) {
  const { clock, chain } = createTestChain()
  chain.start()
  const client = chain.connect(M1)
  const log = createMemoryLogger('test', clock)
  const controller = new AbortController()
  const jobs = new JobRunner(clock, log, controller.signal)
  const tx = new TxSender({ chain: client, clock, log, jobs, signal: controller.signal, nowMs: () => chain.latestBlock.timestampMs, pollMs: 200, ...options })
  const actions = () => log.lines.map((l) => JSON.parse(l) as Record<string, unknown>).map((e) => `${String(e['action'])}${e['code'] !== undefined ? `:${String(e['code'])}` : ''}`)
  return { clock, chain, client, log, controller, jobs, tx, actions }
}

const register = { type: 'registerNode', actor: M1, models: [MODEL] } as const
const ping = { type: 'ping', actor: M1 } as const

describe('TxSender', () => {
  it('sends an action once: not while in flight, never after success', async () => {
    const { clock, chain, tx, actions } = setup()
    expect(tx.wouldSend('node', 'register')).toBe(true)
    expect(await tx.send('node', 'register', register)).not.toBeNull()
    expect(tx.statusOf('node', 'register')).toBe('inFlight')
    expect(tx.wouldSend('node', 'register')).toBe(false)
    expect(await tx.send('node', 'register', register)).toBeNull()
    await clock.advance(1_000)
    expect(tx.statusOf('node', 'register')).toBe('done')
    expect(await tx.send('node', 'register', register)).toBeNull()
    expect(chain.transactions).toHaveLength(1)
    expect(actions()).toEqual(['sent', 'mined'])
    expect(tx.statusOf('node', 'other')).toBeNull()
  })

  it('retries a reverted action only after retryAfterMs of chain time, and never by default', async () => {
    const { clock, chain, tx, actions } = setup()
    const receipt = clock.track(() => tx.sendAndWait('node', 'ping', ping, { retryAfterMs: 3_000 }))
    await clock.advance(1_000)
    expect((await receipt)?.revert?.code).toBe('UnknownNode')
    expect(await tx.sendAndWait('node', 'ping', ping)).toBeNull()
    expect(tx.statusOf('node', 'ping')).toBe('failed')
    expect(actions()).toEqual(['sent', 'reverted:UnknownNode'])
    expect(tx.wouldSend('node', 'ping', { retryAfterMs: 3_000 })).toBe(false)
    expect(await tx.send('node', 'ping', ping, { retryAfterMs: 3_000 })).toBeNull()
    await clock.advance(3_000)
    expect(tx.wouldSend('node', 'ping')).toBe(false)
    expect(await tx.send('node', 'ping', ping)).toBeNull()
    expect(await tx.send('node', 'ping', ping, { retryAfterMs: 3_000 })).not.toBeNull()
    await clock.advance(1_000)
    expect(chain.transactions.map((t) => t.status)).toEqual(['reverted', 'reverted'])
  })

  it('calls onReceipt, forgets entities and keeps only the latest action', async () => {
    const { clock, tx } = setup()
    const seen: string[] = []
    await tx.send('node', 'register', register, { onReceipt: (r) => seen.push(r.status) })
    await clock.advance(1_000)
    expect(seen).toEqual(['success'])
    await tx.send('e', 'a', ping)
    await tx.send('e', 'b', ping)
    expect(tx.entityCount).toBe(2)
    tx.keepOnly('e', 'b')
    expect(tx.statusOf('e', 'a')).toBeNull()
    expect(tx.statusOf('e', 'b')).toBe('inFlight')
    tx.keepOnly('e', 'z')
    tx.keepOnly('missing', 'z')
    expect(tx.entityCount).toBe(1)
    tx.forget('node')
    expect(tx.entityCount).toBe(0)
  })

  it('treats a refused send as failed and a lost one as uncertain until the nonces settle', async () => {
    const { clock, chain, client, tx, actions } = setup()
    client.faults.failSends((c) => c.type === 'registerNode', 'refuse')
    expect(await tx.send('node', 'register', register)).toBeNull()
    expect(tx.statusOf('node', 'register')).toBe('failed')
    client.faults.failSends((c) => c.type === 'ping', 'lostAfterSend')
    expect(await tx.send('node', 'ping', ping)).toBeNull()
    expect(tx.statusOf('node', 'ping')).toBe('uncertain')
    expect(tx.wouldSend('node', 'ping')).toBe(true)
    // The lost ping is in the mempool: the next attempt waits for it to be mined and sends nothing.
    const again = clock.track(() => tx.send('node', 'ping', ping))
    await clock.advance(2_000)
    expect(await again).toBeNull()
    expect(tx.statusOf('node', 'ping')).toBeNull()
    expect(chain.transactions.map((t) => t.command.type)).toEqual(['ping'])
    expect(actions()).toEqual(['send refused:TxRejected', 'send outcome unknown'])
    expect(await tx.send('node', 'ping', ping)).not.toBeNull()
  })

  it('gives up waiting for in-flight transactions that are never mined', async () => {
    const { clock, chain, client, tx, actions } = setup({ settleTimeoutMs: 1_000 })
    chain.stop()
    await client.sendCommand(ping)
    const settling = clock.track(() => tx.settleInFlight())
    await clock.advance(2_000)
    await settling
    expect(actions()).toEqual(['in-flight transactions not mined; assuming dropped'])
  })

  it('marks an action uncertain when its receipt cannot be had, and sends nothing once stopped', async () => {
    const { clock, client, tx, controller } = setup()
    await tx.send('node', 'register', register)
    client.faults.drop()
    await clock.settle()
    expect(tx.statusOf('node', 'register')).toBe('uncertain')
    controller.abort()
    expect(tx.wouldSend('x', 'y')).toBe(false)
    expect(await tx.send('x', 'y', ping)).toBeNull()
  })
})

describe('JobRunner', () => {
  it('runs one job per key, logs failures, starts nothing after stop, and drains', async () => {
    const { clock, jobs, controller, log } = setup()
    let runs = 0
    const release: (() => void)[] = []
    const job = () =>
      clock.blocked(
        new Promise<void>((resolve) => {
          runs++
          release.push(resolve)
        }),
      )
    expect(jobs.spawn('a', job)).toBe(true)
    expect(jobs.spawn('a', job)).toBe(false)
    expect(jobs.isRunning('a')).toBe(true)
    expect(jobs.active).toEqual(['a'])
    jobs.spawn('bad', async () => {
      throw new ChainError('TxRejected', 'nope')
    })
    await clock.settle()
    expect(runs).toBe(1)
    release.forEach((r) => r())
    await jobs.drain()
    expect(jobs.isRunning('a')).toBe(false)
    expect(log.lines.map((l) => JSON.parse(l)).map((e: Record<string, unknown>) => [e['action'], e['job'], e['code']])).toEqual([['job failed', 'bad', 'TxRejected']])
    controller.abort()
    jobs.spawn('quiet', async () => {
      throw new ChainError('Aborted', 'stopped')
    })
    expect(jobs.spawn('late', job)).toBe(false)
    await jobs.drain()
    expect(log.lines).toHaveLength(1)
  })
})
