/**
 * Test-only helpers for the chain layer: a MemoryChain on a manual clock with the protocol's world
 * test parameters and well-known actors.
 */
import { COR, computeSyntheticAddress, type Address } from '../../protocol/core/types.ts'
import type { ParamPath, Params } from '../../protocol/params/spec.ts'
import type { SessionConfig } from '../../protocol/session/types.ts'
import { worldParams } from '../../protocol/world/testkit.ts'
import { ManualClock } from './clock.ts'
import { MemoryChain } from './memory-chain.ts'

export const ADMIN = computeSyntheticAddress(0xad, 1)
export const ORACLE_A = computeSyntheticAddress(0x04ac1e, 1)
export const ORACLE_B = computeSyntheticAddress(0x04ac1e, 2)
export const OWNER = computeSyntheticAddress(0xc11e47, 1)
export const MODEL = 7
export const STAKE = 10_000n * COR

export function minerAt(i: number): Address {
  return computeSyntheticAddress(0x3113e4, i)
}

export function testParams(overrides: Partial<Record<ParamPath, number | bigint | string>> = {}): Params {
  return worldParams(overrides)
}

export function createTestChain(options: { params?: Params; oracles?: readonly Address[]; blockTimeMs?: number; startMs?: number } = {}): { clock: ManualClock; chain: MemoryChain } {
  const clock = new ManualClock(options.startMs ?? 0)
  const chain = new MemoryChain({
    params: options.params ?? testParams(),
    admin: ADMIN,
    oracles: options.oracles ?? [ORACLE_A, ORACLE_B],
    clock,
    blockTimeMs: options.blockTimeMs ?? 1000,
  })
  return { clock, chain }
}

export const TEST_SESSION: SessionConfig = {
  name: 'test session',
  metadata: '',
  variableAddress: OWNER,
  minNumOfNodes: 1,
  maxNumOfNodes: 3,
  redundant: 3,
  numOfValidatorNodes: 0,
  mode: 0,
  reserveEphemeralNodes: false,
  sla: 0,
  modelIdentifier: MODEL,
  reservePeriodMs: 3_600_000,
  maxTaskExecutionCount: 100,
}
