/**
 * The chain as the simulator sees it: blocks at a fixed interval, transactions included a
 * (random) number of blocks after they are sent, a failure probability per transaction, and gas
 * per contract call.
 *
 * Defaults: Cortensor runs on Arbitrum (Sepolia for testnets; cortensor-protocol.md §13.1), whose
 * sequencer produces a block about every 250 ms and includes a transaction in the next block.
 * The gas figures are ESTIMATES built from EVM costs (21,000 per transaction; 22,100 per new
 * storage slot; 5,000 per updated slot; ~1,500 per event; 16 per non-zero calldata byte) and the
 * slots each call plausibly writes. They are to be replaced by measured figures from the
 * contracts (`forge test --gas-report`) once contracts/ exists.
 */
import type { Rng } from '../../protocol/core/rng.ts'
import { fail } from '../engine/assert.ts'
import { checkDistribution, createSampler, type DistributionSpec } from './distribution.ts'
import { Checker, joinPath, unwrapValidated, type Validated } from './validation.ts'

export interface ChainOptions {
  /** Time between blocks; block k is produced at k × blockIntervalMs. */
  readonly blockIntervalMs: number
  /** Blocks from submission to inclusion (≥ 1; 1 = the next block). Draws are rounded. */
  readonly inclusionDelayBlocks: DistributionSpec
  /** Probability that an included transaction reverts or is dropped (nonce race, RPC error). */
  readonly txFailureProbability: number
  /** Gas of each contract call, by function name, before calldata. */
  readonly gasPerCall: Readonly<Record<string, number>>
  /** Gas of a call the table does not list. */
  readonly gasPerCallDefault: number
  /** Gas per calldata byte (16 for a non-zero byte, EIP-2028). */
  readonly gasPerCalldataByte: number
}

/** Gas estimates per call (see the file comment for the arithmetic they come from). */
export const GAS_PER_CALL_ESTIMATES: Readonly<Record<string, number>> = {
  register: 150_000, // node record: ~5 new slots
  ping: 30_000, // one updated slot
  createSession: 230_000, // session struct: ~8 new slots + event
  deposit: 80_000, // ERC-20 transferFrom + balance slot
  withdraw: 60_000,
  submit: 140_000, // task record: ~5 new slots + event; the prompt adds calldata
  assignTask: 110_000, // miners of a task (redundancy 3): 3 new slots + status
  ack: 52_000, // one new slot, one update, event
  precommit: 55_000, // the hash: one new slot, one update, event
  commit: 60_000, // hash check, one new slot, event; the result adds calldata
  endTask: 90_000, // status + payouts to ~3 miners (updated balances)
  requestRound: 90_000,
  createRound: 80_000,
  prepareRound: 100_000,
  startRound: 110_000,
  endRound: 120_000,
}

export const DEFAULT_CHAIN_OPTIONS: ChainOptions = {
  blockIntervalMs: 250,
  inclusionDelayBlocks: { kind: 'constant', value: 1 },
  txFailureProbability: 0.001,
  gasPerCall: GAS_PER_CALL_ESTIMATES,
  gasPerCallDefault: 80_000,
  gasPerCalldataByte: 16,
}

export interface ChainModel {
  readonly options: ChainOptions
  /** Number of the block being built at `atMs` (the last block produced at or before it). */
  blockNumberAt(atMs: number): number
  blockTimeMs(blockNumber: number): number
  /** Time of the block that includes a transaction sent at `submittedAtMs`. */
  sampleInclusionMs(rng: Rng, submittedAtMs: number): number
  /** Whether a transaction fails (it still costs gas). */
  sampleTxFails(rng: Rng): boolean
  /** Gas of one call with `calldataBytes` of variable-length arguments. */
  estimateGas(call: string, calldataBytes: number): number
}

export function validateChainOptions(input: unknown): Validated<ChainOptions> {
  const c = new Checker()
  if (!c.object('', input)) return c.result(input as unknown as ChainOptions)
  c.knownKeys('', input, Object.keys(DEFAULT_CHAIN_OPTIONS))
  c.number('blockIntervalMs', input['blockIntervalMs'], { min: 1, max: 3_600_000, integer: true })
  checkDistribution(c, 'inclusionDelayBlocks', input['inclusionDelayBlocks'], { min: 1, max: 10_000 })
  c.probability('txFailureProbability', input['txFailureProbability'])
  if (c.object('gasPerCall', input['gasPerCall'])) {
    for (const [name, gas] of Object.entries(input['gasPerCall'])) c.number(joinPath('gasPerCall', name), gas, { min: 21_000, max: 30_000_000, integer: true })
  }
  c.number('gasPerCallDefault', input['gasPerCallDefault'], { min: 21_000, max: 30_000_000, integer: true })
  c.number('gasPerCalldataByte', input['gasPerCalldataByte'], { min: 0, max: 1000, integer: true })
  return c.result(input as unknown as ChainOptions)
}

/** Builds the model; invalid options throw `ModelValidationError` naming every bad field. */
export function createChainModel(options: ChainOptions = DEFAULT_CHAIN_OPTIONS): ChainModel {
  const valid = unwrapValidated('chain', validateChainOptions(options))
  const intervalMs = valid.blockIntervalMs
  const sampleDelayBlocks = createSampler(valid.inclusionDelayBlocks, { min: 1, max: 10_000 })
  const gas = new Map(Object.entries(valid.gasPerCall))
  const blockNumberAt = (atMs: number): number => Math.floor(atMs / intervalMs)
  return {
    options: valid,
    blockNumberAt,
    blockTimeMs: (blockNumber) => blockNumber * intervalMs,
    sampleInclusionMs(rng, submittedAtMs) {
      if (!(submittedAtMs >= 0)) fail(`submission time must be ≥ 0 ms, got ${submittedAtMs}`)
      const delayBlocks = Math.round(sampleDelayBlocks(rng))
      return (blockNumberAt(submittedAtMs) + delayBlocks) * intervalMs
    },
    sampleTxFails: (rng) => rng.nextFloat() < valid.txFailureProbability,
    estimateGas(call, calldataBytes) {
      if (!(calldataBytes >= 0)) fail(`calldata size must be ≥ 0 bytes, got ${calldataBytes}`)
      return (gas.get(call) ?? valid.gasPerCallDefault) + calldataBytes * valid.gasPerCalldataByte
    },
  }
}
