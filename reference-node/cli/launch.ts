/**
 * Starting a node from a checked `NodeConfig`: the memory network for local experiments, or — once
 * the viem chain client exists — one node against a real chain. Until then `--rpc` checks what it
 * can (the deployment file, the endpoint, the chain id, code at every contract address) and then
 * refuses with a clear "not yet supported", so a bad setup is reported before that client arrives.
 */
import type { Address } from '../../protocol/core/types.ts'
import { NodeConfigError, type NodeConfig } from './config.ts'
import { checkDeploymentOnChain, loadDeployment } from './deployment.ts'
import { startMemoryNetwork } from './memory-network.ts'

/** A choice this build cannot run yet. */
export class NotSupportedError extends Error {
  override readonly name = 'NotSupportedError'
}

export interface LaunchOptions {
  readonly signal: AbortSignal
  /** Log lines of the nodes (standard error in the CLI). */
  readonly sink: (line: string) => void
  /** Progress for people (standard output in the CLI). */
  readonly say: (line: string) => void
  readonly version: string
}

export interface LaunchedNode {
  readonly address: Address
  readonly routerUrl: string
  readonly wsUrl: string
  readonly sessionId: number
  readonly sessionReady: Promise<void>
  /** Resolves once everything stopped after the signal. */
  readonly stopped: Promise<void>
}

export async function launchNode(config: NodeConfig, o: LaunchOptions): Promise<LaunchedNode> {
  if (config.chain.kind === 'rpc') return launchOnRpc(config, config.chain)
  const chain = config.chain
  o.say(`ctb node: ${config.role} on an in-process memory chain (chain id ${chain.chainId}, ${chain.blockMs} ms blocks, ${chain.miners} miners, ${chain.oracles} oracles; for local experiments only)`)
  let network
  try {
    network = await startMemoryNetwork({ config: { ...config, chain }, signal: o.signal, sink: o.sink, version: o.version })
  } catch (error) {
    const code = (error as { code?: unknown }).code
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw new NodeConfigError('--host / --port / --ws-port', `the router cannot listen: ${(error as Error).message}`)
    }
    throw error
  }
  const devMode = config.router.devMode === true && (config.router.apiTokens ?? []).length === 0
  o.say(`you: ${config.role} ${network.address}${config.privateKey === null ? ' (development key)' : ''}`)
  o.say(`router: ${network.router.url} (OpenAI API at ${network.router.url}/v1, miners at ${network.router.wsUrl})${devMode ? ', token default-dev-token (dev mode)' : ''}`)
  o.say(`session ${network.sessionId}: model ${config.modelName} (id ${config.modelId}); waiting for the pool to reserve its nodes`)
  void network.sessionReady.then(() => {
    if (!o.signal.aborted) o.say(`session ${network.sessionId} ready: POST ${network.router.url}/api/v1/completions/${network.sessionId}`)
  })
  return {
    address: network.address, routerUrl: network.router.url, wsUrl: network.router.wsUrl, sessionId: network.sessionId, sessionReady: network.sessionReady, stopped: network.stopped,
  }
}

async function launchOnRpc(config: NodeConfig, chain: Extract<NodeConfig['chain'], { kind: 'rpc' }>): Promise<never> {
  if (config.privateKey === null) throw new NodeConfigError('NODE_PRIVATE_KEY', 'is required on a real chain (or --key / --key-file)')
  const deployment = loadDeployment(chain.contracts)
  const chainId = await checkDeploymentOnChain(chain.url, chain.chainId, deployment)
  throw new NotSupportedError(
    `--rpc is not yet supported: the viem chain client is still being written (the endpoint, chain ${chainId} and the contract addresses check out). Use --memory for a local network.`,
  )
}
