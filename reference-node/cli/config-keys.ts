/**
 * Every setting of `ctb node`: its flag, its environment keys and what it means. Keys follow
 * Cortensor's installer (`dist/.env-example`, cortensor-protocol.md Appendix B) where it has one;
 * the others are ours, prefixed `CTB_` (or `ROUTER_` for the router's, see router/config-env.ts).
 * `--help` prints this table, so it is the one list of keys.
 *
 * Precedence, highest first: a flag, the process environment, the `.env` file, the default. When a
 * setting has several environment keys, the first one set wins, in the order listed.
 */

export interface NodeKey {
  /** The setting's name in error messages and in `NodeConfig`. */
  readonly name: string
  /** Flag without the dashes, if any. */
  readonly flag?: string
  readonly env: readonly string[]
  /** Cortensor's installer uses (one of) these keys. */
  readonly installer: boolean
  readonly description: string
  /** Default, as shown in help. */
  readonly defaultText?: string
}

export const NODE_KEYS: readonly NodeKey[] = [
  { name: 'role', flag: 'role', env: ['AGENT_ROLE'], installer: true, description: 'miner, oracle or router (the installer\'s minerv4/routerv1 are read as miner/router)' },
  { name: 'rpc', flag: 'rpc', env: ['HOST', 'RPC_HOST_0'], installer: true, description: 'JSON-RPC URL of the chain (the viem chain client is not written yet: checked, then refused)' },
  { name: 'memory', flag: 'memory', env: ['CTB_MEMORY'], installer: false, description: 'run an in-process MemoryChain network for local experiments (1/0)' },
  { name: 'chainId', flag: 'chain-id', env: ['CHAINID'], installer: true, description: 'chain id; with --rpc it must match the node\'s', defaultText: '31337 in memory' },
  { name: 'contracts', flag: 'contracts', env: ['CONTRACT_ADDRESS_RUNTIME'], installer: true, description: 'our deployment: a JSON file of contract addresses, or one 0x address (the installer\'s Runtime contract)' },
  { name: 'key', flag: 'key', env: ['NODE_PRIVATE_KEY'], installer: true, description: 'the node\'s private key, 0x + 64 hex (memory: a derived development key if unset)' },
  { name: 'keyFile', flag: 'key-file', env: ['CTB_NODE_KEY_FILE'], installer: false, description: 'a file holding the private key (instead of --key)' },
  { name: 'publicKey', env: ['NODE_PUBLIC_KEY'], installer: true, description: 'the node\'s address; when set it must be the key\'s' },
  { name: 'dataDir', flag: 'data-dir', env: ['CTB_DATA_DIR'], installer: false, description: 'journal and cursor folder (memory: a fresh run folder inside it)', defaultText: 'data (memory: a temporary folder)' },
  { name: 'model', flag: 'model', env: ['CTB_MODEL_PATH'], installer: false, description: 'the miners\' GGUF model, or `fake` for the deterministic stand-in', defaultText: 'models/stories260K/stories260K.gguf' },
  { name: 'modelId', flag: 'model-id', env: ['CTB_MODEL_ID'], installer: false, description: 'the catalog model id the miner serves (and the memory session uses); see reference-node/catalog/models.json', defaultText: 'the --model file\'s catalog id (stories260K: 1000)' },
  { name: 'contextSize', flag: 'context-size', env: ['LLM_OPTION_CONTEXT_SIZE'], installer: true, description: 'llama.cpp context in tokens', defaultText: '512' },
  { name: 'threads', flag: 'threads', env: ['LLM_OPTION_CPU_THREADS'], installer: true, description: 'llama.cpp threads', defaultText: '1' },
  { name: 'embedder', flag: 'embedder', env: ['CTB_EMBEDDER'], installer: false, description: 'the oracle\'s PoI embedder: lexical or llama (llama embeds with --model)', defaultText: 'lexical' },
  { name: 'host', flag: 'host', env: ['ROUTER_REST_BIND_IP'], installer: true, description: 'router: REST bind address', defaultText: '127.0.0.1' },
  { name: 'port', flag: 'port', env: ['ROUTER_REST_BIND_PORT'], installer: true, description: 'router: REST port (0 = any free one)', defaultText: '5010' },
  { name: 'wsPort', flag: 'ws-port', env: ['ROUTER_WS_BIND_PORT', 'WS_PORT_ROUTER'], installer: true, description: 'router: miners\' WebSocket port (0 = any free one)', defaultText: '9001' },
  { name: 'apiTokens', flag: 'api-token', env: ['ROUTER_API_TOKENS'], installer: false, description: 'router: bearer tokens, comma-separated (memory: dev mode and default-dev-token if unset)' },
  { name: 'routerUrl', flag: 'router-url', env: ['CTB_ROUTER_URL'], installer: false, description: 'miner: the router\'s WebSocket URL (else ws://WS_HOST_ROUTER:WS_PORT_ROUTER/ws)' },
  { name: 'routerHost', env: ['WS_HOST_ROUTER'], installer: true, description: 'miner: the router\'s host, with WS_PORT_ROUTER' },
  { name: 'miners', flag: 'miners', env: ['CTB_MEMORY_MINERS'], installer: false, description: 'memory: miners in the network (yours among them when --role miner)', defaultText: '3' },
  { name: 'oracles', flag: 'oracles', env: ['CTB_MEMORY_ORACLES'], installer: false, description: 'memory: oracles in the network (yours among them when --role oracle)', defaultText: '1' },
  { name: 'blockMs', flag: 'block-ms', env: ['CTB_MEMORY_BLOCK_MS'], installer: false, description: 'memory: block time in ms', defaultText: '1000' },
  { name: 'logJson', flag: 'log-json', env: ['CTB_LOG_JSON'], installer: false, description: 'log one JSON object per line (1/0)' },
  { name: 'debug', flag: 'debug', env: ['DEV_MODE_ENABLE_DEBUG_PRINT'], installer: true, description: 'log debug lines too (1/0)' },
]

/** The flags of `ctb node` that take no value. */
export const BOOLEAN_KEYS: ReadonlySet<string> = new Set(['memory', 'logJson', 'debug'])

export function findKey(name: string): NodeKey {
  const key = NODE_KEYS.find((k) => k.name === name)
  if (key === undefined) throw new Error(`unknown node key ${name}`)
  return key
}
