// Goal: the deploy script deploys and wires every contract on a real local chain (anvil on
// 127.0.0.1), applies the parameters of a protocol parameter file exactly, writes the addresses,
// and leaves a network that works: a session created through SessionV2's published 13-argument
// `create`, a pooled node assigned by the oracle, a task submitted and escrowed.
// Method: build the artifacts, start anvil from node_modules on a free port (stopped by PID after
// the tests), run the script's CLI and `deployCortensor`, then read every contract back with viem.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPublicClient, createWalletClient, http, type Address, type Hex } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { corTokenAbi, iSessionV2Abi, nodePoolAbi, oracleRegistryAbi, sessionAbi, sessionPaymentAbi, sessionQueueAbi } from '../../reference-node/chain/abis.ts'
import { buildContracts } from '../test/forge-build.ts'
import { readBytecode, readParamsFile, deployCortensor, runCli, type Deployment } from './deploy.ts'
import { enumIndex, toPpm } from './params.ts'

const ANVIL = 'node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil'
// Anvil's default accounts come from this well-known development mnemonic.
const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk'

let anvil: ChildProcess | undefined
let rpcUrl = ''
let dir = ''

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer()
    server.unref()
    server.on('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => ok(port))
    })
  })
}

async function waitForChain(url: string): Promise<void> {
  const client = createPublicClient({ transport: http(url) })
  for (let i = 0; i < 100; i++) {
    try {
      await client.getChainId()
      return
    } catch {
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  throw new Error(`anvil did not answer at ${url}`)
}

beforeAll(async () => {
  await buildContracts()
  const port = await freePort()
  rpcUrl = `http://127.0.0.1:${port}`
  anvil = spawn(ANVIL, ['--host', '127.0.0.1', '--port', String(port), '--chain-id', '31337', '--silent'], { stdio: 'ignore' })
  await waitForChain(rpcUrl)
  dir = mkdtempSync(join(tmpdir(), 'ctb-deploy-'))
}, 300_000)

afterAll(() => {
  if (anvil?.pid !== undefined) process.kill(anvil.pid, 'SIGTERM')
})

describe('deploy script against anvil', () => {
  it('deploys, wires and configures from a parameter file through the CLI', async () => {
    const paramsFile = join(dir, 'params.json')
    writeFileSync(
      paramsFile,
      JSON.stringify({
        userTask: { ackDeadlineMs: 20_000, quorumRule: 'all' },
        eligibility: { minAttempts: 1, minConsecutiveSuccesses: 1, minSuccessRate: 0.55 },
        oracle: { mode: 'lenient' },
        payments: { minerShareBps: 7000, validatorShareBps: 0, routerShareBps: 2000, treasuryShareBps: 1000, pricePerOutputToken: '1000' },
        networkTask: { completers: 3 },
      }),
    )
    const out = join(dir, 'deployment.json')
    const minted: Address = '0x000000000000000000000000000000000000c0de'
    const returned = await runCli(['--rpc', rpcUrl, '--params', paramsFile, '--out', out, '--mint', `${minted}=5`, '--ms-per-tick', '1000', '--artifacts', 'out'])
    const deployment = JSON.parse(readFileSync(out, 'utf8')) as Deployment
    expect(deployment).toEqual(returned)
    const pub = createPublicClient({ chain: foundry, transport: http(rpcUrl) })
    expect(await pub.readContract({ address: deployment.contracts.CorToken, abi: corTokenAbi, functionName: 'balanceOf', args: [minted] })).toBe(5n)
    expect(deployment.format).toBe('ctb-deployment/1')
    expect(deployment.chainId).toBe(31337)
    expect(Object.keys(deployment.contracts)).toHaveLength(7)
    return checkConfigured(deployment)
  }, 120_000)

  it('rejects what it cannot represent or find', async () => {
    const file = join(dir, 'bad.json')
    writeFileSync(file, JSON.stringify({ eligibility: { minSuccessRate: 0.1234567 } }))
    expect(() => toPpmOf(readParamsFile(file).eligibility.minSuccessRate)).toThrow(/parts per million/)
    writeFileSync(file, JSON.stringify({ eligibility: { minSuccessRate: 2 } }))
    expect(() => readParamsFile(file)).toThrow(/eligibility.minSuccessRate/)
    expect(() => enumIndex('oracle.mode', 'chaotic')).toThrow(/not one of/)
    expect(() => enumIndex('oracle.windowMs', 'x')).toThrow(/not an enum/)
    mkdirSync(join(dir, 'Session.sol'), { recursive: true })
    writeFileSync(join(dir, 'Session.sol', 'Session.json'), '{}')
    expect(() => readBytecode(dir, 'Session')).toThrow(/no bytecode/)
    await expect(runCli(['--rpc', rpcUrl, '--mint', 'nope'])).rejects.toThrow(/--mint/)
    // Without a parameter file the catalog's defaults apply, e.g. the strict oracle mode.
    const oracle: Address = '0x00000000000000000000000000000000000004ac'
    const d = await deployCortensor({ rpcUrl, oracles: [oracle] })
    const pub = createPublicClient({ chain: foundry, transport: http(rpcUrl) })
    expect((await pub.readContract({ address: d.contracts.OracleRegistry, abi: oracleRegistryAbi, functionName: 'getParams' })).mode).toBe(0)
    expect(d.oracles).toEqual([oracle])
  })

  it('leaves a working network: create (13 arguments), fund, assign, submit', async () => {
    const deployment = await deployCortensor({ rpcUrl, params: readParamsFile(writeOverrides({ eligibility: { minAttempts: 0, minConsecutiveSuccesses: 0, minSuccessRate: 0 } })) })
    const c = deployment.contracts
    const transport = http(rpcUrl)
    const pub = createPublicClient({ chain: foundry, transport })
    const admin = createWalletClient({ chain: foundry, transport, account: deployment.deployer })
    const user = createWalletClient({ chain: foundry, transport, account: mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 1 }) })
    const node = createWalletClient({ chain: foundry, transport, account: mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 2 }) })
    const wait = async (hash: Hex): Promise<void> => {
      const receipt = await pub.waitForTransactionReceipt({ hash })
      expect(receipt.status).toBe('success')
    }
    const userAddress = user.account.address
    const nodeAddress = node.account.address
    // Fund the user and the node with COR, the node stakes and registers; a cognitive outcome
    // admits it (Cognitive is the only module allowed: impersonated on anvil for the test).
    await wait(await admin.writeContract({ address: c.CorToken, abi: corTokenAbi, functionName: 'mint', args: [userAddress, 10n ** 21n] }))
    await wait(await admin.writeContract({ address: c.CorToken, abi: corTokenAbi, functionName: 'mint', args: [nodeAddress, 10n ** 22n] }))
    await wait(await node.writeContract({ address: c.CorToken, abi: corTokenAbi, functionName: 'approve', args: [c.SessionPayment, 10n ** 22n] }))
    await wait(await node.writeContract({ address: c.SessionPayment, abi: sessionPaymentAbi, functionName: 'stake', args: [10n ** 22n] }))
    await wait(await node.writeContract({ address: c.NodePool, abi: nodePoolAbi, functionName: 'register', args: [[7n]] }))
    await impersonate(c.Cognitive, async (from) => {
      const cognitive = createWalletClient({ chain: foundry, transport, account: from })
      await wait(await cognitive.writeContract({ address: c.NodePool, abi: nodePoolAbi, functionName: 'recordCognitiveOutcome', args: [nodeAddress, 1n, true] }))
    })
    expect(await pub.readContract({ address: c.NodePool, abi: nodePoolAbi, functionName: 'getStatus', args: [nodeAddress] })).toBe(3) // Available
    // SessionV2's published create, thirteen arguments.
    await wait(
      await user.writeContract({
        address: c.Session,
        abi: iSessionV2Abi,
        functionName: 'create',
        args: ['devnet', '', userAddress, 1n, 3n, 1n, 0n, 0n, false, 0n, 7n, 300_000n, 5n],
      }),
    )
    expect(await pub.readContract({ address: c.Session, abi: sessionAbi, functionName: 'getSessionCount' })).toBe(1n)
    await wait(await user.writeContract({ address: c.CorToken, abi: corTokenAbi, functionName: 'approve', args: [c.SessionPayment, 10n ** 21n] }))
    await wait(await user.writeContract({ address: c.SessionPayment, abi: sessionPaymentAbi, functionName: 'depositToSession', args: [1n, 10n ** 18n] }))
    await wait(await admin.writeContract({ address: c.Session, abi: sessionAbi, functionName: 'assignNodes', args: [1n, [nodeAddress]] }))
    await wait(await user.writeContract({ address: c.Session, abi: sessionAbi, functionName: 'submit', args: [1n, 0n, 'hello', 0n, '', [64n], [], 'ref'] }))
    const task = await pub.readContract({ address: c.SessionQueue, abi: sessionQueueAbi, functionName: 'getTask', args: [1n, 0n] })
    expect(task.redundant).toBe(1)
    expect(task.escrow).toBe(10n ** 17n)
    expect(await pub.readContract({ address: c.SessionPayment, abi: sessionPaymentAbi, functionName: 'getSessionAccount', args: [1n] })).toMatchObject({ escrowed: 10n ** 17n })
  }, 120_000)
})

function toPpmOf(rate: number): number {
  return toPpm(rate, 'eligibility.minSuccessRate')
}

function writeOverrides(overrides: unknown): string {
  const file = join(dir, `params-${Math.floor(performance.now())}.json`)
  writeFileSync(file, JSON.stringify(overrides))
  return file
}

async function impersonate(address: Address, body: (from: Address) => Promise<void>): Promise<void> {
  const rpc = async (method: string, params: unknown[]): Promise<void> => {
    const response = await fetch(rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })
    const body = (await response.json()) as { error?: { message: string } }
    if (body.error) throw new Error(`${method}: ${body.error.message}`)
  }
  await rpc('anvil_setBalance', [address, '0xDE0B6B3A7640000'])
  await rpc('anvil_impersonateAccount', [address])
  try {
    await body(address)
  } finally {
    await rpc('anvil_stopImpersonatingAccount', [address])
  }
}

async function checkConfigured(d: Deployment): Promise<void> {
  const pub = createPublicClient({ chain: foundry, transport: http(rpcUrl) })
  const c = d.contracts
  for (const address of Object.values(c)) expect((await pub.getCode({ address }))?.length ?? 0).toBeGreaterThan(2)
  const queueParams = await pub.readContract({ address: c.SessionQueue, abi: sessionQueueAbi, functionName: 'getParams' })
  expect(queueParams.ackDeadlineMs).toBe(20_000)
  expect(queueParams.quorumRule).toBe(1) // all
  expect(await pub.readContract({ address: c.SessionQueue, abi: sessionQueueAbi, functionName: 'getPricing' })).toEqual([10n ** 17n, 1000n])
  const lower = (list: readonly string[]): string[] => list.map((a) => a.toLowerCase())
  const modules = await pub.readContract({ address: c.SessionQueue, abi: sessionQueueAbi, functionName: 'getModules' })
  expect(lower(modules)).toEqual(lower([c.OracleRegistry, c.SessionPayment, c.NodePool, c.Session]))
  expect((await pub.readContract({ address: c.OracleRegistry, abi: oracleRegistryAbi, functionName: 'getParams' })).mode).toBe(1)
  expect(lower(await pub.readContract({ address: c.OracleRegistry, abi: oracleRegistryAbi, functionName: 'getOracles' }))).toEqual(lower([d.deployer]))
  for (const module of [c.SessionQueue, c.Session, c.Cognitive]) {
    expect(await pub.readContract({ address: c.OracleRegistry, abi: oracleRegistryAbi, functionName: 'isModule', args: [module] })).toBe(true)
  }
  const pool = await pub.readContract({ address: c.NodePool, abi: nodePoolAbi, functionName: 'getParams' })
  expect(pool.minAttempts).toBe(1)
  expect(pool.minSuccessRatePpm).toBe(550_000)
  expect(pool.baseSuccessRatePpm).toBe(600_000)
  expect(pool.stepSuccessRatePpm).toBe(30_000)
  const shares = await pub.readContract({ address: c.SessionPayment, abi: sessionPaymentAbi, functionName: 'getShares' })
  expect(shares).toEqual({ minerShareBps: 7000, validatorShareBps: 0, routerShareBps: 2000, treasuryShareBps: 1000 })
  expect(lower(await pub.readContract({ address: c.Session, abi: sessionAbi, functionName: 'getModules' }))).toEqual(
    lower([c.OracleRegistry, c.NodePool, c.SessionPayment, c.SessionQueue]),
  )
}
