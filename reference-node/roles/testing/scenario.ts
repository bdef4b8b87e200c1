/**
 * Test-only: a ready network in one call — miners in the pool, oracles running, a funded session
 * holding its nodes — so each fault test starts from the same place.
 */
import type { Address } from '../../../protocol/core/types.ts'
import type { ParamPath } from '../../../protocol/params/spec.ts'
import type { SessionConfig } from '../../../protocol/session/types.ts'
import type { TaskState } from '../../../protocol/task/types.ts'
import { taskKey } from '../../../protocol/task/machine.ts'
import { TEST_SESSION, testParams } from '../../chain/testkit.ts'
import type { InferenceBackend } from '../../inference/types.ts'
import type { MinerConfig } from '../miner.ts'
import type { ModelSpec } from '../runtime.ts'
import { TestNetwork, minerAt } from './network.ts'

export interface ReadyNetworkOptions {
  readonly miners: number
  readonly params?: Partial<Record<ParamPath, number | bigint | string>>
  readonly session?: Partial<SessionConfig>
  /** Per miner (1-based index): its model and config. */
  readonly minerOptions?: (index: number) => { model?: InferenceBackend | ModelSpec; config?: Partial<MinerConfig> }
}

export interface ReadyNetwork {
  readonly net: TestNetwork
  readonly miners: Address[]
  readonly sessionId: number
}

/** Strict oracles, one completer per round, rounds every 10 s: the pool fills in a few rounds. */
export async function startReadyNetwork(options: ReadyNetworkOptions): Promise<ReadyNetwork> {
  const net = await TestNetwork.create({ params: testParams({ 'oracle.mode': 'strict', 'networkTask.completers': 1, 'networkTask.intervalMs': 10_000, ...options.params }) })
  try {
    const miners = Array.from({ length: options.miners }, (_, i) => minerAt(i + 1))
    for (let i = 0; i < miners.length; i++) await net.addMiner(miners[i]!, options.minerOptions?.(i + 1) ?? {})
    for (const o of net.oracles) await net.addOracle(o)
    await net.waitForPool(miners, 400)
    const sessionId = await net.createSession({ ...TEST_SESSION, maxNumOfNodes: options.miners, redundant: Math.min(3, options.miners), ...options.session })
    await net.runUntil(() => net.chain.world.sessions.get(sessionId)!.ephemeralNodes.length === net.chain.world.sessions.get(sessionId)!.config.maxNumOfNodes, 30, 'session full')
    return { net, miners, sessionId }
  } catch (error) {
    await net.dispose()
    throw error
  }
}

/** The task's current state on the chain. */
export function taskOf(net: TestNetwork, sessionId: number, taskId: number): TaskState {
  const task = net.chain.world.tasks.get(taskKey(sessionId, taskId))
  if (task === undefined) throw new Error(`task ${sessionId}/${taskId} does not exist`)
  return task
}

/** The miners a task paid, sorted (empty unless it succeeded). */
export function validMinersOf(task: TaskState): Address[] {
  return task.outcome?.result === 'success' ? [...task.outcome.validMiners].sort() : []
}

/** Mined transactions of `from` on task (sessionId, taskId), as event types. */
export function taskTxs(net: TestNetwork, from: Address, sessionId: number, taskId: number): string[] {
  return net.chain.transactions
    .filter((t) => t.from === from && t.command.type === 'task' && t.command.sessionId === sessionId && t.command.taskId === taskId)
    .map((t) => (t.command as { event: { type: string } }).event.type)
}
