// Goal: dishonest miners are caught by the protocol as the reference nodes run it: a miner that
// reveals another text than it precommitted is refused on chain (RevealMismatch) and times out in
// the commit phase, a miner that returns junk is judged a PoI outlier, neither is paid, and the
// task still succeeds on the honest majority. Method: five miners (three honest, one with an
// altered reveal, one lazy backend that writes junk for user tasks but does round work honestly,
// so it reaches the pool), strict oracles, one task of redundancy 5 (quorum 3).
import { afterEach, expect, it } from 'vitest'
import { LazyInference } from './testing/backends.ts'
import { startReadyNetwork, taskOf, taskTxs, validMinersOf, type ReadyNetwork } from './testing/scenario.ts'

let ready: ReadyNetwork | null = null
afterEach(async () => {
  await ready?.net.dispose()
  ready = null
})

it('refuses a mismatched reveal, marks junk an outlier and pays only the honest miners', async () => {
  ready = await startReadyNetwork({
    miners: 5,
    session: { redundant: 5 },
    minerOptions: (i) => (i === 4 ? { config: { hooks: { alterReveal: (r) => `${r} (edited)` } } } : i === 5 ? { model: new LazyInference('xq zv kkk wrt ppp') } : {}),
  })
  const { net, miners, sessionId } = ready
  const [h1, h2, h3, liar, lazy] = miners as [`0x${string}`, `0x${string}`, `0x${string}`, `0x${string}`, `0x${string}`]
  const taskId = await net.submit(sessionId, 'Once upon a time')
  await net.runUntil(() => taskOf(net, sessionId, taskId).status === 'Ended', 200, 'task ended')

  const task = taskOf(net, sessionId, taskId)
  expect(task.outcome).toMatchObject({ result: 'success' })
  expect(validMinersOf(task)).toEqual([h1, h2, h3])
  const slot = (m: string) => task.miners.find((s) => s.miner === m)!
  for (const m of [h1, h2, h3]) expect(slot(m).state).toBe('Valid')

  // The liar precommitted once and revealed once; the chain refused the reveal.
  expect(taskTxs(net, liar, sessionId, taskId)).toEqual(['ack', 'precommit', 'commit'])
  const reveal = net.chain.transactions.find((t) => t.from === liar && t.command.type === 'task' && t.command.event.type === 'commit')!
  expect(reveal.status).toBe('reverted')
  expect(reveal.revert?.code).toBe('RevealMismatch')
  expect(slot(liar).state).toBe('TimedOut')
  expect(net.logged(liar, 'reverted').map((e) => e['code'])).toContain('RevealMismatch')

  // The lazy miner's junk was revealed (it matches its own precommit) and judged an outlier.
  expect(slot(lazy).result).toBe('xq zv kkk wrt ppp')
  expect(slot(lazy).state).toBe('Outlier')
  expect(slot(lazy).similarity!).toBeLessThan(net.params.poi.cosineThreshold)

  for (const m of [liar, lazy]) expect(net.chain.world.nodeAccounts.get(m)?.earned ?? 0n).toBe(0n)
  for (const m of [h1, h2, h3]) expect(net.chain.world.nodeAccounts.get(m)!.earned).toBeGreaterThan(0n)
  expect(net.invariants()).toEqual([])
})
