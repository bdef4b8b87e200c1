/** Every `ctb` subcommand, loaded lazily so `ctb spec` does not pay for llama.cpp or d3. */
import type { Command } from './command.ts'

export interface CommandEntry {
  readonly name: string
  readonly summary: string
  readonly load: () => Promise<Command>
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'spec', summary: 'print the protocol state machines (mermaid or JSON), derived from the code', load: async () => (await import('./commands/spec.ts')).specCommand },
  { name: 'params', summary: 'print or check protocol parameters (defaults, provenance, a params file)', load: async () => (await import('./commands/params.ts')).paramsCommand },
  { name: 'vectors', summary: 'write the conformance vectors of every machine (JSON, with coverage), or replay a directory of them', load: async () => (await import('./commands/vectors.ts')).vectorsCommand },
  { name: 'calibrate', summary: 'measure PoI similarity of honest and cheating llama.cpp outputs: ROC, error rates, a simulator calibration file', load: async () => (await import('./commands/calibrate.ts')).calibrateCommand },
  { name: 'node', summary: 'run a reference node (miner, oracle or router); --memory runs a local in-process network', load: async () => (await import('./commands/node.ts')).nodeCommand },
  { name: 'dataset', summary: 'export the synthetic question–answer dataset the PoUW rounds produced (JSON lines)', load: async () => (await import('./commands/dataset.ts')).datasetCommand },
  { name: 'simulate', summary: 'run the protocol with simulated miners, oracles and clients into a run folder', load: async () => (await import('./commands/simulate.ts')).simulateCommand },
  { name: 'replay', summary: 're-run a recorded simulation and confirm the identical result hash', load: async () => (await import('./commands/replay.ts')).replayCommand },
]
