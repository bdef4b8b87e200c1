/**
 * Who serves which model: the registered nodes (learnt from `NodeRegistered` logs, read fresh) and
 * the model ids they declared. A session for a model that no registered, unbanned node declares
 * could never get a node (`checkSelectable` refuses every one with `ModelNotServed`), so session
 * creation and the router refuse it up front with an error naming the model.
 */
import type { Address } from '../../protocol/core/types.ts'
import type { NodeState } from '../../protocol/node/types.ts'
import type { ChainClient, ChainLog } from '../chain/types.ts'
import { requireModel } from './catalog.ts'
import { CatalogError, type ModelCatalog } from './types.ts'

/** Blocks per `getLogs` call when scanning the chain's history. */
export const LOG_CHUNK_BLOCKS = 10_000n

/**
 * Visits every log named in `names` from `fromBlock` (default 0) to the head, in chain order,
 * reading at most `LOG_CHUNK_BLOCKS` blocks per `getLogs` call (RPC providers cap a log query's
 * range; a memory chain does not care).
 */
export async function scanLogs(chain: ChainClient, names: readonly string[], visit: (log: ChainLog) => void, fromBlock = 0n): Promise<void> {
  const head = (await chain.getBlock()).number
  for (let from = fromBlock; from <= head; from += LOG_CHUNK_BLOCKS) {
    const to = from + LOG_CHUNK_BLOCKS - 1n < head ? from + LOG_CHUNK_BLOCKS - 1n : head
    for (const log of await chain.getLogs({ fromBlock: from, toBlock: to, names })) visit(log)
  }
}

/** Every node that ever registered, as the chain has it now, sorted by address. */
export async function listRegisteredNodes(chain: ChainClient): Promise<NodeState[]> {
  const addresses = new Set<Address>()
  await scanLogs(chain, ['NodeRegistered'], (log) => addresses.add(log.args['node'] as Address))
  const nodes: NodeState[] = []
  for (const address of [...addresses].sort()) {
    const node = await chain.readNode(address)
    if (node !== null) nodes.push(node)
  }
  return nodes
}

/** The nodes that declared `modelId` and are not banned (registration is the node's promise to serve it). */
export function findServingNodes(modelId: number, nodes: Iterable<NodeState>): NodeState[] {
  const serving: NodeState[] = []
  for (const node of nodes) {
    if (node.status.kind !== 'Banned' && node.status.kind !== 'Unregistered' && node.models.includes(modelId)) serving.push(node)
  }
  return serving
}

/**
 * Checks that `modelId` is a catalog model that at least one of `nodes` serves; returns the serving
 * nodes. Throws `UnknownModel` or `ModelNotServed`, both naming the id.
 */
export function requireModelServed(catalog: ModelCatalog, modelId: number, nodes: Iterable<NodeState>): NodeState[] {
  const entry = requireModel(catalog, modelId)
  const all = [...nodes]
  const serving = findServingNodes(modelId, all)
  if (serving.length === 0) {
    const offered = [...new Set(all.filter((n) => n.status.kind !== 'Banned').flatMap((n) => n.models))].sort((a, b) => a - b)
    const hint = offered.length === 0 ? 'no node is registered' : `registered nodes serve ${offered.join(', ')}`
    throw new CatalogError('ModelNotServed', `ModelNotServed: no registered node serves model ${modelId} (${entry.name}); ${hint}`, modelId)
  }
  return serving
}

/** `requireModelServed` against the nodes registered on `chain`. */
export async function checkModelServedOnChain(catalog: ModelCatalog, modelId: number, chain: ChainClient): Promise<NodeState[]> {
  requireModel(catalog, modelId)
  return requireModelServed(catalog, modelId, await listRegisteredNodes(chain))
}
