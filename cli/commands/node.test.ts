// Goal: `ctb node` lists every key in --help, refuses bad settings with one line and exit code 2,
// reports an unreachable RPC with exit code 1, checks an RPC setup before saying `--rpc` is not yet
// supported, runs a memory network whose router answers completions with your key as the chosen
// node, and stops cleanly on abort and on a real SIGINT (Ctrl-C) with exit code 0.
// Method: runNode with an empty environment and a temporary working folder; a small JSON-RPC
// server on 127.0.0.1 for the RPC checks; one real child process (bin/ctb.js) for Ctrl-C.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { NODE_KEYS } from '../../reference-node/cli/config-keys.ts'
import { DEPLOYMENT_CONTRACTS } from '../../reference-node/cli/deployment.ts'
import { REPO_ROOT } from '../../reference-node/inference/model-files.ts'
import { ROUTER_ENV_KEYS } from '../../reference-node/router/config-env.ts'
import { parseArgs } from '../args.ts'
import { InputError } from '../command.ts'
import { main } from '../main.ts'
import { nodeCommand, runNode, type NodeDeps } from './node.ts'

const scratch = mkdtempSync(join(tmpdir(), 'ctb-node-cli-'))
const KEY = `0x${'42'.repeat(32)}`
const deploymentFile = join(scratch, 'deployment.json')
const addresses = Object.fromEntries(DEPLOYMENT_CONTRACTS.map((name, i) => [name, `0x${(i + 1).toString(16).padStart(40, '0')}`]))
writeFileSync(deploymentFile, JSON.stringify({ chainId: 31337, contracts: addresses }))
let rpc: Server
let rpcUrl: string

beforeAll(async () => {
  rpc = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      const call = JSON.parse(body) as { id: number; method: string }
      res.setHeader('Content-Type', 'application/json')
      res.end(JSON.stringify({ jsonrpc: '2.0', id: call.id, result: call.method === 'eth_chainId' ? '0x7a69' : '0x6080' }))
    })
  })
  await new Promise<void>((resolve) => rpc.listen(0, '127.0.0.1', resolve))
  rpcUrl = `http://127.0.0.1:${(rpc.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((resolve) => rpc.close(resolve))
  rmSync(scratch, { recursive: true, force: true })
})

interface Run {
  readonly code: number
  readonly out: string
  readonly err: string
}

/** `ctb node <argv>` in this process, with `env` as the whole environment and the scratch folder as cwd. */
async function node(argv: string[], env: NodeDeps['env'] = {}, extra: Partial<NodeDeps> = {}): Promise<Run> {
  let out = ''
  let err = ''
  const io = { out: (t: string) => (out += `${t}\n`), err: (t: string) => (err += `${t}\n`), isTty: false }
  try {
    const code = await runNode(parseArgs(nodeCommand.spec, argv), io, { env, cwd: scratch, ...extra })
    return { code, out, err }
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    return { code: 2, out, err: err + error.message }
  }
}

describe('ctb node --help', () => {
  it('lists every key, flag and router key', async () => {
    let out = ''
    const code = await main(['node', '--help'], { out: (t) => (out += t), err: () => undefined, isTty: false })
    expect(code).toBe(0)
    for (const key of NODE_KEYS) {
      for (const env of key.env) expect(out).toContain(env)
      if (key.flag !== undefined) expect(out).toContain(`--${key.flag}`)
    }
    for (const env of Object.keys(ROUTER_ENV_KEYS)) expect(out).toContain(env)
    expect(out).toContain('--env-file')
  })
})

describe('refusals', () => {
  it('exits 2 with one line naming the key for bad settings', async () => {
    expect(await node([])).toMatchObject({ code: 2, err: expect.stringMatching(/^--role: is required/) })
    expect(await node(['--role', 'miner', '--memory', '--model', join(scratch, 'none.gguf')])).toMatchObject({ code: 2, err: expect.stringContaining('none.gguf') })
    expect(await node(['--role', 'router', '--memory', '--port', 'x'])).toMatchObject({ code: 2, err: expect.stringMatching(/^--port: "x" must be an integer/) })
    expect(await node(['--role', 'router', '--env-file', 'nope.env'])).toMatchObject({ code: 2, err: expect.stringMatching(/^--env-file: cannot read/) })
    const badToken = await node(['--role', 'router', '--memory', '--model', 'fake', '--api-token', 'short', '--port', '0', '--ws-port', '0', '--block-ms', '20'])
    expect(badToken).toMatchObject({ code: 2, err: expect.stringMatching(/^--api-token \/ ROUTER_API_TOKENS \(apiTokens\): each token must be 8 to 256/) })
    const busy = createServer()
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve))
    const port = String((busy.address() as AddressInfo).port)
    try {
      const inUse = await node(['--role', 'router', '--memory', '--model', 'fake', '--port', port, '--ws-port', '0', '--block-ms', '20'])
      expect(inUse).toMatchObject({ code: 2, err: expect.stringMatching(/^--host \/ --port \/ --ws-port: the router cannot listen: .*EADDRINUSE/) })
    } finally {
      await new Promise((resolve) => busy.close(resolve))
    }
  })

  it('checks an RPC setup, then says --rpc is not yet supported (exit 2)', async () => {
    const env = { HOST: rpcUrl, CHAINID: '31337', CONTRACT_ADDRESS_RUNTIME: deploymentFile, NODE_PRIVATE_KEY: KEY }
    const r = await node(['--role', 'oracle'], env)
    expect(r).toMatchObject({ code: 2, err: expect.stringMatching(/^--rpc is not yet supported: the viem chain client .*chain 31337.*Use --memory/) })
    expect(await node(['--role', 'oracle'], { ...env, NODE_PRIVATE_KEY: '' })).toMatchObject({ code: 2, err: expect.stringMatching(/^NODE_PRIVATE_KEY: is required/) })
    expect(await node(['--role', 'oracle'], { ...env, CHAINID: '5' })).toMatchObject({ code: 2, err: expect.stringMatching(/^CHAINID: is 5, but the node/) })
    const wrong = join(scratch, 'wrong.json')
    writeFileSync(wrong, JSON.stringify({ contracts: { ...addresses, Session: 'nope' } }))
    expect(await node(['--role', 'oracle', '--contracts', wrong], env)).toMatchObject({ code: 2, err: expect.stringMatching(/^CONTRACT_ADDRESS_RUNTIME \(.*wrong\.json\): Session: "nope"/) })
  })

  it('calls a model that cannot be loaded bad input (exit 2)', async () => {
    const bad = join(scratch, 'bad.gguf')
    writeFileSync(bad, 'this is not a GGUF file')
    // The catalog lists no file for model 4, so the operator's word that this file is it is taken, and loading fails.
    const r = await node(['--role', 'router', '--memory', '--model', bad, '--model-id', '4', '--port', '0', '--ws-port', '0', '--block-ms', '20'])
    expect(r).toMatchObject({ code: 2, err: expect.stringMatching(/cannot load the model: .*bad\.gguf/) })
    // Without an id the file is not a catalog model at all.
    expect(await node(['--role', 'router', '--memory', '--model', bad, '--port', '0', '--ws-port', '0'])).toMatchObject({ code: 2, err: expect.stringMatching(/^--model: .*bad\.gguf matches no model in the catalog/) })
  })

  it('exits 1 when the RPC endpoint cannot be reached', async () => {
    const r = await node(['--role', 'oracle', '--rpc', 'http://127.0.0.1:9', '--contracts', deploymentFile, '--key', KEY])
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/^ctb node: cannot reach the chain at http:\/\/127\.0\.0\.1:9/)
  })
})

describe('memory network', () => {
  it('runs your miner in a local network whose router answers, and stops cleanly on abort', async () => {
    const keyFile = join(scratch, 'miner.key')
    writeFileSync(keyFile, KEY)
    const controller = new AbortController()
    let answer: Record<string, unknown> | null = null
    const run = node(['--role', 'miner', '--memory', '--model', 'fake', '--port', '0', '--ws-port', '0', '--block-ms', '40', '--key-file', keyFile, '--data-dir', 'data'], {}, {
      signal: controller.signal,
      onStarted: (n) => {
        void (async () => {
          await n.sessionReady
          const reply = await fetch(`${n.routerUrl}/api/v1/completions/${n.sessionId}`, { method: 'POST', headers: { Authorization: 'Bearer default-dev-token', 'Content-Type': 'application/json' }, body: JSON.stringify({ prompt: 'Once upon a time', max_tokens: 8 }) })
          answer = (await reply.json()) as Record<string, unknown>
          controller.abort()
        })().catch((error: unknown) => {
          answer = { error: String(error) }
          controller.abort()
        })
      },
    })
    const r = await run
    expect(r.code).toBe(0)
    expect(answer).toMatchObject({ object: 'text_completion', choices: [{ finish_reason: 'length' }] })
    const miners = (answer!['miners'] as { address: string; hash_verified: boolean }[])
    expect(miners.every((m) => m.hash_verified)).toBe(true)
    expect(r.out).toContain('you: miner 0x')
    expect(r.out).not.toContain('development key')
    const you = /you: miner (0x[0-9a-f]{40})/.exec(r.out)![1]!
    expect(miners.map((m) => m.address)).toContain(you)
    expect(r.out).toMatch(/ctb node: stopped\n$/)
    const runs = readdirSync(join(scratch, 'data'))
    expect(runs).toHaveLength(1)
    expect(existsSync(join(scratch, 'data', runs[0]!, `miner-${you}`, 'journal.jsonl'))).toBe(true)
  }, 60_000)
})

describe('Ctrl-C', () => {
  it('stops on the first signal and exits at once on the second (handlers called directly)', async () => {
    const handlers = new Map<string, () => void>()
    const on = vi.spyOn(process, 'on').mockImplementation(((event: string, handler: () => void) => {
      handlers.set(event, handler)
      return process
    }) as typeof process.on)
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as typeof process.exit)
    try {
      const r = await node(['--role', 'oracle', '--memory', '--model', 'fake', '--port', '0', '--ws-port', '0', '--block-ms', '20', '--oracles', '2'], {}, {
        onStarted: () => {
          handlers.get('SIGTERM')!()
          handlers.get('SIGINT')!()
        },
      })
      expect(r.code).toBe(0)
      expect(r.err).toContain('SIGTERM: stopping')
      expect(r.err).toContain('SIGINT again: exiting without a clean stop')
      expect(exit).toHaveBeenCalledWith(130)
      expect(r.out).toMatch(/you: oracle 0x[0-9a-f]{40} \(development key\)/)
    } finally {
      on.mockRestore()
      exit.mockRestore()
    }
  })


  it('stops a running node on SIGINT with exit code 0', async () => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'ctb.js'), 'node', '--role', 'router', '--memory', '--model', 'fake', '--port', '0', '--ws-port', '0', '--block-ms', '50'], { cwd: scratch, env: { PATH: process.env['PATH'] ?? '' } })
    let out = ''
    let err = ''
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no router line: ${out} ${err}`)), 45_000)
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString()
        const m = /router: (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
        if (m !== null) {
          clearTimeout(timer)
          resolve(m[1]!)
        }
      })
    })
    expect((await fetch(`${url}/api/v1/ping`)).status).toBe(200)
    child.kill('SIGINT')
    expect(await exited).toBe(0)
    expect(out).toContain('ctb node: stopped')
    expect(err).toContain('SIGINT: stopping')
    await expect(fetch(`${url}/api/v1/ping`)).rejects.toThrow()
  }, 60_000)
})
