/**
 * Deploys and wires the whole on-chain protocol: CorToken, OracleRegistry, SessionPayment,
 * NodePool, SessionQueue, Session and Cognitive, with every module link, the oracles, and the
 * parameters of a protocol parameter file (protocol/params, validated there; defaults otherwise).
 * The deployer's account owns every contract and is the ACL administrator. The addresses go to a
 * JSON file (`ctb-deployment/1`).
 *
 *   npx tsx contracts/script/deploy.ts --rpc http://127.0.0.1:8545 --out deployment.json \
 *     [--params params.json] [--private-key 0x…] [--oracle 0x…]… [--mint 0x…=amountWei]…
 *
 * Bytecode comes from Foundry's artifacts (`out/`, `npx forge build`), ABIs from
 * reference-node/chain/abis.ts (`npm run build:abis`). On a real chain time runs in seconds
 * (msPerTick 1000, origin 0), so every duration parameter must be whole seconds; the contracts
 * refuse anything else. Anvil's default account #0 signs when no key is given.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createPublicClient, createWalletClient, http, type Abi, type Address, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { defaultParams, formatParamErrors, loadParams } from '../../protocol/params/validate.ts'
import type { Params } from '../../protocol/params/spec.ts'
import { parseJson } from '../../protocol/core/json.ts'
import {
  cognitiveAbi,
  corTokenAbi,
  nodePoolAbi,
  oracleRegistryAbi,
  sessionAbi,
  sessionPaymentAbi,
  sessionQueueAbi,
} from '../../reference-node/chain/abis.ts'
import { toContractParams } from './params.ts'

/** Anvil's first default account (a well-known development key, never for real funds). */
export const ANVIL_KEY_0: Hex = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'

export interface DeployOptions {
  readonly rpcUrl: string
  readonly privateKey?: Hex
  /** Validated protocol parameters (defaults when absent). */
  readonly params?: Params
  /** Oracles to register (the deployer when absent). */
  readonly oracles?: readonly Address[]
  /** COR to mint at deployment, per address (devnets). */
  readonly mint?: Readonly<Record<Address, bigint>>
  /** Milliseconds per block-time tick and the tick of time 0 (defaults 1000 and 0). */
  readonly msPerTick?: bigint
  readonly originTick?: bigint
  /** Folder of Foundry's artifacts (default `out`). */
  readonly artifactsDir?: string
}

export const CONTRACT_NAMES = ['CorToken', 'OracleRegistry', 'SessionPayment', 'NodePool', 'SessionQueue', 'Session', 'Cognitive'] as const
export type ContractName = (typeof CONTRACT_NAMES)[number]

export interface Deployment {
  readonly format: 'ctb-deployment/1'
  readonly chainId: number
  readonly deployer: Address
  readonly oracles: readonly Address[]
  readonly msPerTick: string
  readonly originTick: string
  readonly contracts: Readonly<Record<ContractName, Address>>
}

/** Deploys, wires and configures everything; returns the addresses. */
export async function deployCortensor(options: DeployOptions): Promise<Deployment> {
  const account = privateKeyToAccount(options.privateKey ?? ANVIL_KEY_0)
  const transport = http(options.rpcUrl)
  const publicClient = createPublicClient({ transport })
  const chainId = await publicClient.getChainId()
  const wallet = createWalletClient({ account, transport, chain: { id: chainId, name: 'ctb', nativeCurrency: { name: 'ETH', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [options.rpcUrl] } } } })
  const cp = toContractParams(options.params ?? defaultParams())
  const msPerTick = options.msPerTick ?? 1000n
  const originTick = options.originTick ?? 0n
  const artifacts = options.artifactsDir ?? 'out'
  const owner = account.address

  const deploy = async (name: ContractName, abi: Abi, args: readonly unknown[]): Promise<Address> => {
    const hash = await wallet.deployContract({ abi, bytecode: readBytecode(artifacts, name), args } as never)
    const receipt = await publicClient.waitForTransactionReceipt({ hash })
    if (receipt.status !== 'success' || !receipt.contractAddress) throw new Error(`deploying ${name} failed (${hash})`)
    return receipt.contractAddress
  }
  const send = async (address: Address, abi: Abi, functionName: string, args: readonly unknown[]): Promise<void> => {
    const hash = await wallet.writeContract({ address, abi, functionName, args } as never)
    const receipt = await publicClient.waitForTransactionReceipt({ hash })
    if (receipt.status !== 'success') throw new Error(`${functionName} on ${address} failed (${hash})`)
  }

  const token = await deploy('CorToken', corTokenAbi, [owner])
  const registry = await deploy('OracleRegistry', oracleRegistryAbi, [owner, msPerTick, originTick])
  const payment = await deploy('SessionPayment', sessionPaymentAbi, [owner, token])
  const pool = await deploy('NodePool', nodePoolAbi, [owner, msPerTick, originTick, cp.poolWindow.windowMs, cp.poolWindow.buckets])
  const queue = await deploy('SessionQueue', sessionQueueAbi, [owner, msPerTick])
  const session = await deploy('Session', sessionAbi, [owner])
  const cognitive = await deploy('Cognitive', cognitiveAbi, [owner, msPerTick, originTick])

  // Modules: who may call whom.
  for (const module of [queue, session, cognitive]) await send(registry, oracleRegistryAbi, 'setModule', [module, true])
  await send(payment, sessionPaymentAbi, 'setModules', [session, queue, cognitive])
  await send(pool, nodePoolAbi, 'setModules', [session, queue, cognitive, payment])
  await send(queue, sessionQueueAbi, 'setModules', [registry, payment, pool, session])
  await send(queue, sessionQueueAbi, 'setSessionModule', [session, true])
  await send(session, sessionAbi, 'setModules', [registry, pool, payment, queue])
  await send(cognitive, cognitiveAbi, 'setModules', [registry, pool, payment])

  // Parameters.
  await send(registry, oracleRegistryAbi, 'setParams', [cp.oracle])
  await send(pool, nodePoolAbi, 'setParams', [cp.pool])
  await send(session, sessionAbi, 'setParams', [cp.session])
  await send(payment, sessionPaymentAbi, 'setShares', [cp.shares])
  await send(cognitive, cognitiveAbi, 'setParams', [cp.round])
  await send(queue, sessionQueueAbi, 'setDeadlines', [...cp.queue.deadlinesMs])
  await send(queue, sessionQueueAbi, 'setShortagePolicy', [cp.queue.onShortage, cp.queue.maxReassignments])
  await send(queue, sessionQueueAbi, 'setQuorumRule', [cp.queue.quorumRule])
  await send(queue, sessionQueueAbi, 'setCommitScheme', [cp.queue.commitScheme])
  await send(queue, sessionQueueAbi, 'setSlashing', [cp.queue.slashing, cp.queue.slashBps])
  await send(queue, sessionQueueAbi, 'setPricing', [cp.queue.pricePerMinerTask, cp.queue.pricePerOutputToken])

  const oracles = options.oracles ?? [owner]
  await send(registry, oracleRegistryAbi, 'registerOracles', [oracles])
  for (const [to, amount] of Object.entries(options.mint ?? {})) await send(token, corTokenAbi, 'mint', [to, amount])

  return {
    format: 'ctb-deployment/1',
    chainId,
    deployer: owner,
    oracles: [...oracles],
    msPerTick: msPerTick.toString(),
    originTick: originTick.toString(),
    contracts: { CorToken: token, OracleRegistry: registry, SessionPayment: payment, NodePool: pool, SessionQueue: queue, Session: session, Cognitive: cognitive },
  }
}

/** The creation bytecode of `name` from Foundry's artifact. */
export function readBytecode(artifactsDir: string, name: ContractName): Hex {
  const path = resolve(artifactsDir, `${name}.sol`, `${name}.json`)
  const artifact = JSON.parse(readFileSync(path, 'utf8')) as { bytecode?: { object?: string } }
  const object = artifact.bytecode?.object
  if (typeof object !== 'string' || !object.startsWith('0x') || object.length < 4) throw new Error(`no bytecode in ${path}: run npx forge build`)
  return object as Hex
}

/** Reads a parameter override file (the `ctb params` format) and validates it. */
export function readParamsFile(path: string): Params {
  const r = loadParams(parseJson(readFileSync(path, 'utf8')))
  if (!r.ok) throw new Error(`${path}:\n${formatParamErrors(r.errors)}`)
  return r.params
}

export function writeDeployment(path: string, deployment: Deployment): void {
  writeFileSync(path, `${JSON.stringify(deployment, null, 2)}\n`)
}

/** The command line (see the file comment); returns the deployment it wrote. */
export async function runCli(argv: readonly string[]): Promise<Deployment> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      rpc: { type: 'string', default: 'http://127.0.0.1:8545' },
      'private-key': { type: 'string' },
      params: { type: 'string' },
      out: { type: 'string', default: 'deployment.json' },
      oracle: { type: 'string', multiple: true },
      mint: { type: 'string', multiple: true },
      'ms-per-tick': { type: 'string' },
      artifacts: { type: 'string' },
    },
  })
  const mint: Record<Address, bigint> = {}
  for (const entry of values.mint ?? []) {
    const [address, amount] = entry.split('=')
    if (!address?.startsWith('0x') || amount === undefined || !/^\d+$/.test(amount)) throw new Error(`--mint ${entry}: expected 0xADDRESS=AMOUNT_IN_WEI`)
    mint[address as Address] = BigInt(amount)
  }
  const deployment = await deployCortensor({
    rpcUrl: values.rpc,
    ...(values['private-key'] !== undefined ? { privateKey: values['private-key'] as Hex } : {}),
    ...(values.params !== undefined ? { params: readParamsFile(values.params) } : {}),
    ...(values.oracle !== undefined ? { oracles: values.oracle as Address[] } : {}),
    ...(values['ms-per-tick'] !== undefined ? { msPerTick: BigInt(values['ms-per-tick']) } : {}),
    ...(values.artifacts !== undefined ? { artifactsDir: values.artifacts } : {}),
    mint,
  })
  writeDeployment(values.out, deployment)
  return deployment
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const fail = (error: unknown): never => process.exit((process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`), 1))
  runCli(process.argv.slice(2)).then((d) => process.stdout.write(`deployed to chain ${d.chainId}\n`), fail)
}
