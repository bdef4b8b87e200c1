/**
 * Where the contracts are (`CONTRACT_ADDRESS_RUNTIME`) and whether an RPC endpoint can serve them.
 *
 * Our deployment's addresses JSON (written by the deploy step of the contracts phase):
 *
 *   { "chainId": 31337, "contracts": { "CorToken": "0x…", "Session": "0x…", "SessionQueue": "0x…",
 *     "SessionPayment": "0x…", "NodePool": "0x…", "OracleRegistry": "0x…" } }
 *
 * Cortensor's installer gives one Runtime contract address instead; a single 0x address is taken as
 * that. The check against a chain reads the chain id and the code at every address over JSON-RPC, so
 * a wrong endpoint, chain or address list fails at start with a message that says which.
 */
import { readFileSync } from 'node:fs'
import { createPublicClient, http, webSocket, type Hex } from 'viem'
import type { Address } from '../../protocol/core/types.ts'
import { NodeConfigError } from './config.ts'

export const DEPLOYMENT_CONTRACTS = ['CorToken', 'Session', 'SessionQueue', 'SessionPayment', 'NodePool', 'OracleRegistry'] as const

export interface Deployment {
  /** The chain the addresses are on, when the file says. */
  readonly chainId: number | null
  /** Contract name → address. */
  readonly contracts: Readonly<Record<string, Address>>
}

/** The deployment named by `ref`: a JSON file, or a single Runtime address. */
export function loadDeployment(ref: string, key = 'CONTRACT_ADDRESS_RUNTIME'): Deployment {
  if (/^0x[0-9a-f]{40}$/.test(ref)) return { chainId: null, contracts: { Runtime: ref as Address } }
  let text: string
  try {
    text = readFileSync(ref, 'utf8')
  } catch (error) {
    throw new NodeConfigError(key, `cannot read the deployment file ${ref}: ${(error as Error).message}`)
  }
  return parseDeployment(text, `${key} (${ref})`)
}

export function parseDeployment(text: string, key: string): Deployment {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new NodeConfigError(key, 'is not JSON')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new NodeConfigError(key, 'must be a JSON object with "contracts"')
  const v = value as Record<string, unknown>
  const chainId = v['chainId'] ?? null
  if (chainId !== null && (typeof chainId !== 'number' || !Number.isSafeInteger(chainId) || chainId < 1)) throw new NodeConfigError(key, 'chainId must be a positive integer')
  const contracts = v['contracts']
  if (typeof contracts !== 'object' || contracts === null || Array.isArray(contracts)) throw new NodeConfigError(key, '"contracts" must map contract names to addresses')
  const out: Record<string, Address> = {}
  for (const name of DEPLOYMENT_CONTRACTS) {
    const address = (contracts as Record<string, unknown>)[name]
    if (address === undefined) throw new NodeConfigError(key, `has no address for ${name} (needs ${DEPLOYMENT_CONTRACTS.join(', ')})`)
    if (typeof address !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(address)) throw new NodeConfigError(key, `${name}: ${JSON.stringify(address)} is not a 20-byte 0x address`)
    out[name] = address.toLowerCase() as Address
  }
  return { chainId, contracts: out }
}

/** The RPC endpoint cannot be reached (a runtime condition, not a bad setting). */
export class RpcUnreachableError extends Error {
  override readonly name = 'RpcUnreachableError'
}

/**
 * Reads the chain id and the code at every contract: the endpoint must answer, be on `chainId`
 * (and on the file's chain), and hold code at each address. Returns the chain id.
 */
export async function checkDeploymentOnChain(url: string, chainId: number | null, deployment: Deployment, timeoutMs = 5_000): Promise<number> {
  const transport = /^wss?:/.test(url) ? webSocket(url, { timeout: timeoutMs, retryCount: 0 }) : http(url, { timeout: timeoutMs, retryCount: 0 })
  const client = createPublicClient({ transport })
  let actual: number
  try {
    actual = await client.getChainId()
  } catch (error) {
    throw new RpcUnreachableError(`cannot reach the chain at ${url}: ${firstLine(error)}`)
  }
  if (chainId !== null && actual !== chainId) throw new NodeConfigError('CHAINID', `is ${chainId}, but the node at ${url} is on chain ${actual}`)
  if (deployment.chainId !== null && actual !== deployment.chainId) {
    throw new NodeConfigError('CONTRACT_ADDRESS_RUNTIME', `the deployment is for chain ${deployment.chainId}, but the node at ${url} is on chain ${actual}`)
  }
  for (const [name, address] of Object.entries(deployment.contracts)) {
    let code: Hex | undefined
    try {
      code = await client.getCode({ address })
    } catch (error) {
      throw new RpcUnreachableError(`cannot read the code of ${name} at ${url}: ${firstLine(error)}`)
    }
    if (code === undefined || code === '0x') throw new NodeConfigError('CONTRACT_ADDRESS_RUNTIME', `no contract code at ${address} (${name}) on chain ${actual}: wrong addresses or wrong chain?`)
  }
  return actual
}

function firstLine(error: unknown): string {
  const e = error as { shortMessage?: string; message?: string }
  return (e.shortMessage ?? e.message ?? String(error)).split('\n')[0]!
}
