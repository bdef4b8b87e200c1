// Goal: reference-node/chain/abis.ts (committed, generated) is never stale: it equals what
// `npm run build:abis` produces from the current contracts, and it holds exactly our contracts.
// Method: build the contracts (taking turns with other vitest files), run the wagmi CLI with the
// repository's wagmi.config.ts redirected by CTB_ABIS_OUT to a temporary file, and compare the two
// files byte for byte.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildContracts } from './forge-build.ts'

const COMMITTED = 'reference-node/chain/abis.ts'

describe('typed ABIs', () => {
  it('match a fresh generation from the contracts', async () => {
    await buildContracts() // then the plugin's own build finds nothing to do
    const out = join(mkdtempSync(join(tmpdir(), 'ctb-abis-')), 'abis.ts')
    execFileSync('node_modules/.bin/wagmi', ['generate'], { stdio: 'pipe', env: { ...process.env, CTB_ABIS_OUT: out } })
    const fresh = readFileSync(out, 'utf8')
    const committed = readFileSync(COMMITTED, 'utf8')
    expect(committed === fresh, `${COMMITTED} is stale: run npm run build:abis`).toBe(true)
  }, 300_000)

  it('export one ABI per contract and nothing from forge-std or OpenZeppelin', () => {
    const names = [...readFileSync(COMMITTED, 'utf8').matchAll(/^export const (\w+)Abi = /gm)].map((m) => m[1])
    expect(names).toEqual(['cognitive', 'corToken', 'iSessionV2', 'nodePool', 'oracleRegistry', 'session', 'sessionPayment', 'sessionQueue'])
  })
})
