// Goal: the leader's pool duties and bookkeeping: it releases nodes whose reserve period ended and
// refills the session once they re-validate, books missed pings of a dead node, leaves dedicated
// sessions alone, stops serving a deactivated session, and drops tasks and rounds the chain no
// longer knows. Method: ready networks on a manual clock; assertions on the leader's mined
// transactions, node states and the oracle's tracking.
import { afterEach, expect, it } from 'vitest'
import { TEST_SESSION, OWNER } from '../chain/testkit.ts'
import { startReadyNetwork, type ReadyNetwork } from './testing/scenario.ts'

let ready: ReadyNetwork | null = null
afterEach(async () => {
  await ready?.net.dispose()
  ready = null
})

it('releases nodes at the end of their reserve period and fills the session again', async () => {
  ready = await startReadyNetwork({ miners: 3, session: { reservePeriodMs: 20_000 } })
  const { net, sessionId } = ready
  const released = () => net.chain.transactions.filter((t) => t.command.type === 'releaseNode' && t.status === 'success')
  await net.runUntil(() => released().length === 3, 40, 'three releases')
  expect(released().map((t) => (t.command as { reason: string }).reason)).toEqual(['period', 'period', 'period'])
  expect(released().every((t) => net.oracles.includes(t.from))).toBe(true)
  // Released nodes re-validate in rounds, go back to the pool and are reserved again.
  await net.runUntil(() => net.chain.world.sessions.get(sessionId)!.ephemeralNodes.length === 3 && net.chain.transactions.filter((t) => t.command.type === 'session' && t.command.event.type === 'assignNodes').length >= 2, 200, 'session refilled')
  expect(net.invariants()).toEqual([])
})

it('books the missed pings of a dead node and releases it from its session', async () => {
  ready = await startReadyNetwork({ miners: 3, params: { 'node.pingIntervalMs': 10_000 } })
  const { net, miners, sessionId } = ready
  const dead = miners[2]!
  await net.kill(dead)
  await net.runUntil(() => !net.chain.world.nodes.get(dead)!.online, 80, 'dead node offline')
  const checks = net.chain.transactions.filter((t) => t.command.type === 'checkLiveness' && (t.command as { node: string }).node === dead)
  expect(checks.length).toBeGreaterThan(0)
  expect(checks.every((t) => net.oracles.includes(t.from))).toBe(true)
  await net.runUntil(() => !net.chain.world.sessions.get(sessionId)!.ephemeralNodes.includes(dead), 20, 'dead node released')
  const release = net.chain.transactions.find((t) => t.command.type === 'releaseNode' && (t.command as { node: string }).node === dead)!
  expect((release.command as { reason: string }).reason).toBe('manual')
  expect(net.invariants()).toEqual([])
})

it('leaves dedicated sessions alone, drops deactivated ones and entities the chain does not know', async () => {
  ready = await startReadyNetwork({ miners: 3 })
  const { net, sessionId } = ready
  const leader = net.chain.world.oracle.leader!
  const oracle = net.runtime(leader).oracle!
  const dedicated = await net.createSession({ ...TEST_SESSION, mode: 1 })
  await net.asOwner({ type: 'session', sessionId, event: { type: 'deactivate', actor: OWNER } })
  oracle.tracking.tasks.set('99/0', { sessionId: 99, taskId: 0 })
  oracle.tracking.rounds.add(999)
  await net.step(3)
  expect(net.chain.world.sessions.get(dedicated)!.ephemeralNodes).toEqual([])
  expect(oracle.tracking.sessions.has(sessionId)).toBe(false)
  expect(oracle.tracking.sessions.has(dedicated)).toBe(true)
  expect(oracle.tracking.tasks.has('99/0')).toBe(false)
  expect(oracle.tracking.rounds.has(999)).toBe(false)
  // A session the chain forgot is dropped as well.
  oracle.tracking.sessions.add(77)
  await net.step(2)
  expect(oracle.tracking.sessions.has(77)).toBe(false)
})
