/**
 * The memory network's session, set up by its owner: created for the network's model with the
 * miners it has, funded, and listing the router, so the router can submit to it as soon as the pool
 * has reserved its nodes. Each step is one transaction, awaited until mined; a revert stops the
 * start with the chain's reason. A model outside the catalog, or one no registered node serves, is
 * refused before anything is sent (`CatalogError` UnknownModel / ModelNotServed).
 */
import type { Address, Amount } from '../../protocol/core/types.ts'
import type { WorldCommand } from '../../protocol/world/types.ts'
import type { MemoryChain } from '../chain/memory-chain.ts'
import type { TxReceipt } from '../chain/types.ts'
import { checkModelServedOnChain } from '../catalog/served.ts'
import type { ModelCatalog } from '../catalog/types.ts'

export interface OwnerSetup {
  readonly modelId: number
  /** Miners in the network: the session's maximum nodes. */
  readonly miners: number
  /** Miners per task (and the session's minimum nodes). */
  readonly redundant: number
  readonly deposit: Amount
  /** The session's model must be in it and served by a registered node (else `UnknownModel` / `ModelNotServed`). */
  readonly catalog: ModelCatalog
}

/** Creates, funds and opens the session to `router`; returns its id. */
export async function runOwnerSetup(chain: MemoryChain, owner: Address, router: Address, setup: OwnerSetup): Promise<number> {
  const client = chain.connect(owner)
  // A session for a model nobody serves would never get a node: refuse it before creating it.
  await checkModelServedOnChain(setup.catalog, setup.modelId, client)
  const send = async (command: WorldCommand): Promise<TxReceipt> => {
    const receipt = await client.waitForReceipt(await client.sendCommand(command))
    if (receipt.status !== 'success') throw new Error(`${command.type}: reverted ${receipt.revert?.code}: ${receipt.revert?.message}`)
    return receipt
  }
  const p = chain.params.session
  const created = await send({
    type: 'createSession',
    actor: owner,
    config: {
      name: 'memory network', metadata: '', variableAddress: owner, minNumOfNodes: setup.redundant, maxNumOfNodes: setup.miners, redundant: setup.redundant,
      numOfValidatorNodes: 0, mode: 0, reserveEphemeralNodes: false, sla: 0, modelIdentifier: setup.modelId,
      // A local network keeps its nodes: the longest reservation and task count the parameters allow.
      reservePeriodMs: p.maxReservePeriodMs, maxTaskExecutionCount: p.maxTaskExecutionCountCap,
    },
  })
  const sessionId = created.logs.find((l) => l.name === 'SessionCreated')!.args['sessionId'] as number
  await send({ type: 'depositToSession', actor: owner, sessionId, amount: setup.deposit })
  await send({ type: 'session', sessionId, event: { type: 'addRouter', actor: owner, router, metadata: '' } })
  client.close()
  return sessionId
}
