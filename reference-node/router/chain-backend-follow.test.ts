// Goal: the router's chain index serves exactly the sessions it may submit to — those it owns or
// that list it, until removed, handed over or deactivated — learns registered nodes, hands task
// events on, and reads a session again at the next block when a read failed. Method: a MemoryChain
// on a manual clock driven by owner commands; the router's client wrapped so that chosen reads fail.
import { describe, expect, it } from 'vitest'
import type { Address, SessionId } from '../../protocol/core/types.ts'
import type { WorldCommand } from '../../protocol/world/types.ts'
import { ChainError } from '../chain/errors.ts'
import { MODEL, OWNER, TEST_SESSION, createTestChain, minerAt } from '../chain/testkit.ts'
import type { ChainClient } from '../chain/types.ts'
import { ChainIndex, type TaskLog } from './chain-backend-follow.ts'

const ROUTER = minerAt(900)

async function setup() {
  const { clock, chain } = createTestChain()
  chain.start()
  const owner = chain.connect(OWNER)
  const failReads = new Set<SessionId>()
  const inner = chain.connect(ROUTER)
  const client = new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'readSession') {
        return async (id: SessionId) => {
          if (failReads.delete(id)) throw new ChainError('ConnectionLost', 'injected')
          return target.readSession(id)
        }
      }
      const value = Reflect.get(target, prop, receiver) as unknown
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    },
  }) as ChainClient
  const taskLogs: string[] = []
  const errors: string[] = []
  const controller = new AbortController()
  const index = new ChainIndex({
    chain: client, clock, routerAddress: ROUTER, fromBlock: 0n, signal: controller.signal,
    onTaskLog: (s, t, log: TaskLog) => taskLogs.push(`${log.name} ${s}/${t}`), onError: (e, context) => errors.push(`${context}: ${String(e)}`),
  })
  index.start()
  await index.ready()
  const send = async (command: WorldCommand): Promise<void> => {
    await owner.sendCommand(command)
    await clock.advance(1000)
  }
  return { chain, clock, index, send, failReads, taskLogs, errors, stop: () => { controller.abort(); chain.stop() } }
}

const session = (sessionId: SessionId, event: Extract<WorldCommand, { type: 'session' }>['event']): WorldCommand => ({ type: 'session', sessionId, event })

describe('ChainIndex', () => {
  it('serves the sessions that list the router or that it owns, until they stop', async () => {
    const t = await setup()
    await t.send({ type: 'createSession', actor: OWNER, config: { ...TEST_SESSION, modelIdentifier: MODEL } })
    const id = t.chain.world.nextSessionId - 1
    expect(t.index.served.size).toBe(0)
    await t.send(session(id, { type: 'addRouter', actor: OWNER, router: ROUTER, metadata: '' }))
    expect([...t.index.served.keys()]).toEqual([id])
    expect(t.index.sortedServed().map((s) => s.sessionId)).toEqual([id])
    await t.send(session(id, { type: 'removeRouter', actor: OWNER, router: ROUTER }))
    expect(t.index.served.size).toBe(0)
    await t.send(session(id, { type: 'updateOwner', actor: OWNER, newOwner: ROUTER }))
    expect([...t.index.served.keys()]).toEqual([id])
    const routerClient = t.chain.connect(ROUTER)
    await routerClient.sendCommand(session(id, { type: 'deactivate', actor: ROUTER }))
    await t.clock.advance(1000)
    expect(t.index.served.size).toBe(0)
    expect(t.index.head?.number).toBe(t.chain.latestBlock.number)
    t.stop()
  })

  it('reads a session again at the next block when its read failed, and learns nodes', async () => {
    const t = await setup()
    await t.send({ type: 'createSession', actor: OWNER, config: TEST_SESSION })
    const id = t.chain.world.nextSessionId - 1
    t.failReads.add(id)
    await t.send(session(id, { type: 'addRouter', actor: OWNER, router: ROUTER, metadata: '' }))
    expect(t.index.served.size).toBe(0)
    expect(t.errors.some((e) => e.startsWith('handler: ChainError'))).toBe(true)
    await t.clock.advance(1000)
    expect([...t.index.served.keys()]).toEqual([id])
    const node: Address = minerAt(1)
    await t.chain.connect(node).sendCommand({ type: 'registerNode', actor: node, models: [MODEL] })
    await t.clock.advance(1000)
    expect([...t.index.nodes]).toEqual([node])
    t.stop()
  })
})
