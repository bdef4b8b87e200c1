// Typed ABIs of our contracts for viem (reference-node/chain/abis.ts), generated from Foundry's
// artifacts: `npm run build:abis`. The foundry plugin runs `forge build` first; `forge.path` is set
// so it works without node_modules/.bin on PATH, and `include` keeps forge-std, OpenZeppelin and
// the test contracts out (shared/docs/toolchain.md §2). ISessionV2 carries SessionV2's published
// 13-argument `create`, which Session answers through its fallback (see contracts/README.md).
//
// CTB_ABIS_OUT redirects the output; contracts/test/abis.test.ts uses it to regenerate into a
// temporary file and fail when the committed abis.ts is stale.
import { defineConfig } from '@wagmi/cli'
import { foundry } from '@wagmi/cli/plugins'

export const ABI_CONTRACTS = ['CorToken', 'OracleRegistry', 'NodePool', 'SessionPayment', 'Session', 'SessionQueue', 'Cognitive'] as const

export default defineConfig({
  out: process.env['CTB_ABIS_OUT'] ?? 'reference-node/chain/abis.ts',
  plugins: [
    foundry({
      project: '.',
      include: [...ABI_CONTRACTS.map((name) => `${name}.sol/${name}.json`), 'ISession.sol/ISessionV2.json'],
      forge: { path: 'node_modules/.bin/forge', build: true, rebuild: false },
    }),
  ],
})
