// Goal: `ctb node` settings follow flag > environment > .env > default for every kind of key, read
// the installer's key names, and refuse every bad value with an error that names the key and the
// source it came from. Method: resolveNodeConfig over hand-built sources (no process state), the
// .env reader on files in a temporary folder, fast-check for the precedence rule over random
// choices of which sources set a value.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { STORIES_260K_GGUF } from '../inference/model-files.ts'
import { NodeConfigError, readDotEnv, resolveNodeConfig, type NodeSources } from './config.ts'

const scratch = mkdtempSync(join(tmpdir(), 'ctb-node-config-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const KEY = `0x${'11'.repeat(32)}`
const KEY_ADDRESS = '0x19e7e376e7c213b7e7e7e46cc70a5dd086daff2a'

function sources(flags: NodeSources['flags'] = {}, env: NodeSources['env'] = {}, dotenv: NodeSources['dotenv'] = {}): NodeSources {
  return { flags, env, dotenv, cwd: scratch }
}

const memory = { role: 'router', memory: true, model: 'fake' } as const

function refusal(s: NodeSources): string {
  try {
    resolveNodeConfig(s)
  } catch (error) {
    if (error instanceof NodeConfigError) return error.message
    throw error
  }
  throw new Error('expected a NodeConfigError')
}

describe('precedence', () => {
  it('takes a flag over the environment over .env over the default, for any mix of sources', () => {
    fc.assert(
      fc.property(fc.option(fc.integer({ min: 1, max: 60_000 })), fc.option(fc.integer({ min: 1, max: 60_000 })), fc.option(fc.integer({ min: 1, max: 60_000 })), (flag, env, dot) => {
        const s = sources({ ...memory, port: flag === null ? undefined : String(flag) }, env === null ? {} : { ROUTER_REST_BIND_PORT: String(env) }, dot === null ? {} : { ROUTER_REST_BIND_PORT: String(dot) })
        expect(resolveNodeConfig(s).router.port).toBe(flag ?? env ?? dot ?? undefined)
      }),
      { seed: 424242, numRuns: 80 },
    )
  })

  it('reads the installer keys and, of two keys for one setting, the first set in the higher source', () => {
    const c = resolveNodeConfig(sources({}, { AGENT_ROLE: 'routerv1', CTB_MEMORY: '1', CTB_MODEL_PATH: 'fake', LLM_OPTION_CONTEXT_SIZE: '256', WS_PORT_ROUTER: '9100' }, { ROUTER_WS_BIND_PORT: '9200', NODE_PRIVATE_KEY: KEY.slice(2) }))
    expect(c.role).toBe('router')
    expect(c.router.wsPort).toBe(9100)
    expect(c.privateKey).toBe(KEY)
    expect(c.address).toBe(KEY_ADDRESS)
    expect(resolveNodeConfig(sources({}, { WS_PORT_ROUTER: '9100', ROUTER_WS_BIND_PORT: '9200', AGENT_ROLE: 'minerv4', CTB_MEMORY: 'yes', CTB_MODEL_PATH: 'fake' })).router.wsPort).toBe(9200)
    expect(resolveNodeConfig(sources({ ...memory, 'wsPort': 'shared' })).router.wsPort).toBeNull()
  })

  it('lets --memory win over an RPC host from the environment, and the environment over .env', () => {
    expect(resolveNodeConfig(sources({ ...memory }, { HOST: 'http://127.0.0.1:8545' })).chain.kind).toBe('memory')
    expect(resolveNodeConfig(sources({ role: 'router', model: 'fake' }, { CTB_MEMORY: '1' }, { HOST: 'http://127.0.0.1:8545' })).chain.kind).toBe('memory')
    const rpc = resolveNodeConfig(sources({ role: 'oracle' }, { RPC_HOST_0: 'http://127.0.0.1:8545', CONTRACT_ADDRESS_RUNTIME: '0x' + 'Ab'.repeat(20), CHAINID: '421614' }, { CTB_MEMORY: '1' }))
    expect(rpc.chain).toEqual({ kind: 'rpc', url: 'http://127.0.0.1:8545', chainId: 421614, contracts: '0x' + 'ab'.repeat(20) })
    expect(rpc.dataDir).toBe(join(scratch, 'data'))
  })

  it('fills the defaults of a memory network and of the model', () => {
    const c = resolveNodeConfig(sources({ role: 'miner', memory: true }))
    expect(c.chain).toEqual({ kind: 'memory', chainId: 31337, blockMs: 1000, miners: 3, oracles: 1 })
    expect(c.model).toEqual({ kind: 'llama', path: STORIES_260K_GGUF, contextSize: 512, threads: 1 })
    expect([c.modelName, c.modelId, c.embedder, c.dataDir, c.privateKey, c.routerUrl]).toEqual(['stories260K', 1000, 'lexical', null, null, null])
    expect(c.router.devMode).toBe(true)
    expect(c.log).toEqual({ json: false, level: 'info' })
    const tokens = resolveNodeConfig(sources({ ...memory, apiTokens: 'tok-aaaaaaaa, tok-bbbbbbbb', logJson: true, debug: true }))
    expect([tokens.router.apiTokens, tokens.router.devMode, tokens.log]).toEqual([['tok-aaaaaaaa', 'tok-bbbbbbbb'], undefined, { json: true, level: 'debug' }])
  })

  it("builds a miner's router URL from the installer keys", () => {
    const rpc = { RPC_HOST_0: 'http://h:1', CONTRACT_ADDRESS_RUNTIME: 'deploy.json', NODE_PRIVATE_KEY: KEY, CTB_MODEL_PATH: 'fake' }
    expect(resolveNodeConfig(sources({ role: 'miner' }, { ...rpc, WS_HOST_ROUTER: 'router.local', WS_PORT_ROUTER: '9001' })).routerUrl).toBe('ws://router.local:9001/ws')
    expect(resolveNodeConfig(sources({ role: 'miner', routerUrl: 'wss://r.example/ws' }, rpc)).routerUrl).toBe('wss://r.example/ws')
  })
})

describe('errors name the key and its source', () => {
  const keyFile = join(scratch, 'node.key')
  writeFileSync(keyFile, `${KEY}\n`)

  it.each<[string, NodeSources, RegExp]>([
    ['no role', sources({ memory: true }), /^--role: is required/],
    ['bad role', sources({ memory: true, model: 'fake', role: 'validator' }), /^--role: "validator" is not a role: expected miner, oracle or router$/],
    ['bad installer role', sources({ memory: true, model: 'fake' }, { AGENT_ROLE: 'validator' }), /^env AGENT_ROLE: "validator" is not a role/],
    ['no chain', sources({ role: 'router' }), /^--rpc: choose the chain/],
    ['two chains', sources({ role: 'router', memory: true, rpc: 'http://x:1' }), /^--memory: conflicts with --rpc: both choose the chain; use one$/],
    ['bad url', sources({ role: 'router', rpc: 'ftp://x' }), /^--rpc: "ftp:\/\/x" is not an http/],
    ['no contracts', sources({ role: 'router', rpc: 'http://x:1' }), /^CONTRACT_ADDRESS_RUNTIME: is required with --rpc/],
    ['bad bool', sources({ role: 'router' }, { CTB_MEMORY: 'maybe' }), /^env CTB_MEMORY: "maybe" is not 1\/0/],
    ['bad port', sources({ ...memory, port: '70000' }), /^--port: "70000" must be an integer in \[0, 65535\]/],
    ['bad block time', sources({ ...memory }, {}, { CTB_MEMORY_BLOCK_MS: '5' }), /^\.env CTB_MEMORY_BLOCK_MS: "5" must be an integer in \[10,/],
    ['bad miners', sources({ ...memory, miners: '0' }), /^--miners: "0" must be an integer in \[1, 64\]/],
    ['bad key', sources({ ...memory, key: '0x1234' }), /^--key: is not a private key/],
    ['zero key', sources({ ...memory }, { NODE_PRIVATE_KEY: `0x${'0'.repeat(64)}` }), /^env NODE_PRIVATE_KEY: is not a private key/],
    ['key beyond the curve', sources({ ...memory, key: `0x${'f'.repeat(64)}` }), /^--key: is not a valid secp256k1 private key/],
    ['two keys', sources({ ...memory, key: KEY, keyFile }), /^--key: conflicts with --key-file: both choose the key; use one$/],
    ['missing key file', sources({ ...memory, keyFile: 'nope.key' }), /^--key-file: "nope.key" cannot be read/],
    ['public key mismatch', sources({ ...memory, keyFile }, { NODE_PUBLIC_KEY: '0x' + '22'.repeat(20) }), /^env NODE_PUBLIC_KEY: .* is not the address of the private key \(0x19e7/],
    ['missing model', sources({ role: 'miner', memory: true, model: 'no/such.gguf' }), /^--model: .*no\/such\.gguf.*models:pull.*--model fake/s],
    ['bad embedder', sources({ ...memory, embedder: 'bert' }), /^--embedder: "bert" is not an embedder/],
    ['bad router env', sources({ ...memory }, { ROUTER_RATE_LIMIT_BURST: 'lots' }), /^env ROUTER_RATE_LIMIT_BURST: lots is not a non-negative integer/],
    ['router without tokens on a chain', sources({ role: 'router' }, { HOST: 'http://h:1', CONTRACT_ADDRESS_RUNTIME: 'd.json' }), /^--api-token \/ ROUTER_API_TOKENS \(apiTokens\): no API token configured/],
    ['bad router option', sources({ ...memory }, { ROUTER_CORS_ORIGINS: 'not-an-origin' }), /^ROUTER_CORS_ORIGINS \(corsOrigins\): not-an-origin must be \* or an origin/],
    ['miner without router', sources({ role: 'miner', model: 'fake' }, { HOST: 'http://h:1', CONTRACT_ADDRESS_RUNTIME: 'd.json' }), /^--router-url: a miner needs its router/],
    ['bad router url', sources({ role: 'miner', model: 'fake', routerUrl: 'http://r' }, { HOST: 'http://h:1', CONTRACT_ADDRESS_RUNTIME: 'd.json' }), /^--router-url: "http:\/\/r" is not a ws/],
  ])('%s', (_name, s, message) => {
    expect(refusal(s)).toMatch(message)
  })

  it('reads a good key file, without or with 0x', () => {
    writeFileSync(join(scratch, 'bare.key'), KEY.slice(2))
    expect(resolveNodeConfig(sources({ ...memory, keyFile: 'bare.key' })).address).toBe(KEY_ADDRESS)
    expect(resolveNodeConfig(sources({ ...memory, keyFile }, { NODE_PUBLIC_KEY: KEY_ADDRESS.toUpperCase().replace('0X', '0x') })).privateKey).toBe(KEY)
    // A key file given by flag beats a key in the environment.
    expect(resolveNodeConfig(sources({ ...memory, keyFile }, { NODE_PRIVATE_KEY: `0x${'22'.repeat(32)}` })).privateKey).toBe(KEY)
  })

  it('needs no model file for an oracle on a real chain with the lexical embedder', () => {
    const c = resolveNodeConfig(sources({ role: 'oracle', model: 'no/such.gguf' }, { HOST: 'http://h:1', CONTRACT_ADDRESS_RUNTIME: 'd.json' }))
    expect(c.model.kind).toBe('llama')
    expect(refusal(sources({ role: 'oracle', model: 'no/such.gguf', embedder: 'llama' }, { HOST: 'http://h:1', CONTRACT_ADDRESS_RUNTIME: 'd.json' }))).toMatch(/^--model: /)
  })
})

describe('readDotEnv', () => {
  it('reads ./.env when present, a named file always, and names a missing or broken one', () => {
    const dir = mkdtempSync(join(scratch, 'env-'))
    expect(readDotEnv(dir, undefined)).toEqual({})
    writeFileSync(join(dir, '.env'), 'AGENT_ROLE=minerv4\n# comment\nexport HOST="http://h:1"\n')
    expect(readDotEnv(dir, undefined)).toEqual({ AGENT_ROLE: 'minerv4', HOST: 'http://h:1' })
    writeFileSync(join(dir, 'other.env'), 'CTB_MEMORY=1\n')
    expect(readDotEnv(dir, 'other.env')).toEqual({ CTB_MEMORY: '1' })
    expect(() => readDotEnv(dir, 'missing.env')).toThrow(/^--env-file: cannot read .*missing\.env/)
    writeFileSync(join(dir, 'broken.env'), 'GOOD=1\nthis is not a line\n')
    expect(() => readDotEnv(dir, 'broken.env')).toThrow(/broken\.env: \.env line 2: expected KEY=value/)
  })
})
