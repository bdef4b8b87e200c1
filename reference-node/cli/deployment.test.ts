// Goal: a deployment file is read strictly (every contract, each a 20-byte address, an optional
// chain id), a single address is the installer's Runtime contract, and the check against a chain
// tells an unreachable endpoint (RpcUnreachableError) from a wrong chain id or wrong addresses
// (NodeConfigError naming CHAINID or CONTRACT_ADDRESS_RUNTIME). Method: a small JSON-RPC server on
// 127.0.0.1 answering eth_chainId and eth_getCode from a table, driven through viem's HTTP
// transport; a port with nothing listening for the unreachable case.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NodeConfigError } from './config.ts'
import { DEPLOYMENT_CONTRACTS, RpcUnreachableError, checkDeploymentOnChain, loadDeployment, parseDeployment, type Deployment } from './deployment.ts'

const scratch = mkdtempSync(join(tmpdir(), 'ctb-deployment-'))
const addresses: Record<string, `0x${string}`> = Object.fromEntries(DEPLOYMENT_CONTRACTS.map((name, i) => [name, `0x${(i + 1).toString(16).padStart(40, '0')}` as const]))
const code = new Map<string, string>(Object.values(addresses).map((a) => [a, '0x6080604052']))
let server: Server
let url: string

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      const call = JSON.parse(body) as { id: number; method: string; params: unknown[] }
      const result = call.method === 'eth_chainId' ? '0x7a69' : call.method === 'eth_getCode' ? (code.get(String(call.params[0]).toLowerCase()) ?? '0x') : null
      res.setHeader('Content-Type', 'application/json')
      res.end(JSON.stringify({ jsonrpc: '2.0', id: call.id, result }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  rmSync(scratch, { recursive: true, force: true })
})

function file(content: unknown): string {
  const path = join(scratch, `d-${Math.random().toString(36).slice(2)}.json`)
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content))
  return path
}

describe('deployment file', () => {
  it('reads every contract address, lower-cased, with the chain id', () => {
    const d = loadDeployment(file({ chainId: 31337, contracts: { ...addresses, Session: addresses['Session']!.toUpperCase().replace('0X', '0x') } }))
    expect(d).toEqual({ chainId: 31337, contracts: addresses })
    expect(loadDeployment('0x' + 'ab'.repeat(20))).toEqual({ chainId: null, contracts: { Runtime: '0x' + 'ab'.repeat(20) } })
  })

  it.each<[string, unknown, RegExp]>([
    ['not JSON', '{', /is not JSON/],
    ['not an object', [1], /must be a JSON object/],
    ['bad chain id', { chainId: -1, contracts: addresses }, /chainId must be a positive integer/],
    ['no contracts', { chainId: 1 }, /"contracts" must map contract names to addresses/],
    ['a missing contract', { contracts: { ...addresses, NodePool: undefined } }, /has no address for NodePool/],
    ['a bad address', { contracts: { ...addresses, Session: '0x1234' } }, /Session: "0x1234" is not a 20-byte 0x address/],
  ])('refuses %s, naming the key', (_what, content, message) => {
    const path = file(content)
    expect(() => loadDeployment(path)).toThrow(NodeConfigError)
    expect(() => loadDeployment(path)).toThrow(message)
    expect(() => loadDeployment(path)).toThrow(/^CONTRACT_ADDRESS_RUNTIME \(/)
  })

  it('refuses a file it cannot read', () => {
    expect(() => loadDeployment(join(scratch, 'missing.json'))).toThrow(/^CONTRACT_ADDRESS_RUNTIME: cannot read the deployment file/)
    expect(() => parseDeployment('{}', 'K')).toThrow(/^K: "contracts"/)
  })
})

describe('checkDeploymentOnChain', () => {
  const deployment: Deployment = { chainId: 31337, contracts: addresses }

  it('passes when the chain and every contract are there', async () => {
    expect(await checkDeploymentOnChain(url, 31337, deployment)).toBe(31337)
    expect(await checkDeploymentOnChain(url, null, { chainId: null, contracts: addresses })).toBe(31337)
  })

  it('names the wrong chain id, the wrong deployment chain and an address without code', async () => {
    await expect(checkDeploymentOnChain(url, 421614, deployment)).rejects.toThrow(/^CHAINID: is 421614, but the node at .* is on chain 31337$/)
    await expect(checkDeploymentOnChain(url, null, { ...deployment, chainId: 5 })).rejects.toThrow(/^CONTRACT_ADDRESS_RUNTIME: the deployment is for chain 5/)
    const wrong = { ...deployment, contracts: { ...addresses, SessionQueue: `0x${'ee'.repeat(20)}` } } as Deployment
    await expect(checkDeploymentOnChain(url, 31337, wrong)).rejects.toThrow(/no contract code at 0xeeee.* \(SessionQueue\) on chain 31337/)
  })

  it('reports an endpoint that does not answer as unreachable', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const error = await checkDeploymentOnChain(`http://127.0.0.1:${port}`, 31337, deployment, 2_000).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RpcUnreachableError)
    expect((error as Error).message).toMatch(/^cannot reach the chain at http:\/\/127\.0\.0\.1:\d+: /)
  })
})
