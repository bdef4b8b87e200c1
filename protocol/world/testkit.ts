/**
 * Test helpers for the composed world (test-only): a small harness that keeps the time, applies
 * commands and fails loudly on an unexpected rejection, plus honest scripts for a whole round and a
 * whole user task, so tests can set up a network in a few lines.
 */
import { computePrecommitHash, computeRoundPrecommitHash, type Hex32 } from '../core/commit.ts'
import { createCtx, type Ctx } from '../core/context.ts'
import type { Effect } from '../core/effects.ts'
import { createRng } from '../core/rng.ts'
import { COR, computeSyntheticAddress, type Address } from '../core/types.ts'
import type { ParamPath, Params } from '../params/spec.ts'
import type { SessionConfig } from '../session/types.ts'
import { paramsWith } from '../testing/fixtures.ts'
import { applyCommand } from './apply.ts'
import { createWorld } from './create.ts'
import type { WorldCommand, WorldState } from './types.ts'

export const ADMIN = computeSyntheticAddress(0xad, 1)
export const ORACLES: readonly Address[] = [computeSyntheticAddress(0x04ac1e, 1), computeSyntheticAddress(0x04ac1e, 2)]
export const OWNER = computeSyntheticAddress(0xc11e47, 1)
export const MODEL = 7

export function minerAt(i: number): Address {
  return computeSyntheticAddress(0x3113e4, i)
}

export function saltFor(miner: Address, n: number): Hex32 {
  return `0x${(n + 1).toString(16).padStart(24, '0')}${miner.slice(2)}` as Hex32
}

/** Small thresholds so one successful round admits a node to the pool. */
export function worldParams(overrides: Partial<Record<ParamPath, number | bigint | string>> = {}): Params {
  return paramsWith({
    'eligibility.minAttempts': 1,
    'eligibility.minConsecutiveSuccesses': 1,
    'networkTask.completers': 3,
    'networkTask.minCompleters': 1,
    'networkTask.minerCooldownRounds': 0,
    'oracle.mode': 'lenient',
    ...overrides,
  })
}

export const SESSION_CONFIG: SessionConfig = {
  name: 'test session',
  metadata: '',
  variableAddress: computeSyntheticAddress(0xc11e47, 1),
  minNumOfNodes: 1,
  maxNumOfNodes: 3,
  redundant: 3,
  numOfValidatorNodes: 0,
  mode: 0,
  reserveEphemeralNodes: false,
  sla: 0,
  modelIdentifier: MODEL,
  reservePeriodMs: 300_000,
  maxTaskExecutionCount: 5,
}

export class WorldHarness {
  readonly world: WorldState
  nowMs = 0
  readonly effects: Effect[] = []

  constructor(readonly params: Params = worldParams(), seed = 1) {
    this.rng = createRng(seed)
    this.world = createWorld(ADMIN, ORACLES, this.ctx())
  }

  private readonly rng

  ctx(): Ctx {
    return createCtx(this.nowMs, this.rng, this.params)
  }

  advance(ms: number): this {
    this.nowMs += ms
    return this
  }

  /** Applies `cmd`; throws with the rejection when it is refused. */
  do(cmd: WorldCommand): readonly Effect[] {
    const r = applyCommand(this.world, cmd, this.ctx())
    if (!r.ok) throw new Error(`unexpected rejection of ${cmd.type}: ${r.code} ${r.message}`)
    this.effects.push(...r.effects)
    return r.effects
  }

  /** Applies `cmd` expecting a rejection; returns its code. */
  fail(cmd: WorldCommand): string {
    const r = applyCommand(this.world, cmd, this.ctx())
    if (r.ok) throw new Error(`expected ${cmd.type} to be rejected`)
    return r.code
  }

  get oracle(): Address {
    return this.world.oracle.leader!
  }

  /** Registers and stakes miners 1..count. */
  addMiners(count: number, stake = 10_000n * COR): Address[] {
    const miners = Array.from({ length: count }, (_, i) => minerAt(i + 1))
    for (const m of miners) {
      this.do({ type: 'registerNode', actor: m, models: [MODEL] })
      this.do({ type: 'stake', actor: m, amount: stake })
    }
    return miners
  }

  /** One honest round: `creator` creates, `preparer` prepares, every completer reveals a valid answer. */
  playRound(creator: Address, preparer: Address, completers: readonly Address[]): number {
    const roundId = this.world.nextRoundId
    const oracle = this.oracle
    this.do({ type: 'requestRound', actor: oracle, creator })
    this.advance(1).do({ type: 'round', roundId, event: { type: 'create', actor: creator, domain: 'science', subdomain: 'physics' } })
    this.do({ type: 'round', roundId, event: { type: 'assignPreparer', actor: oracle, preparer } })
    const challenges = Array.from({ length: this.params.networkTask.maxPrompts }, (_, i) => `question ${i}`)
    this.advance(1).do({ type: 'round', roundId, event: { type: 'prepare', actor: preparer, challenges } })
    this.do({ type: 'round', roundId, event: { type: 'start', actor: oracle, completers } })
    for (const m of completers) {
      const hash = computeRoundPrecommitHash(this.params.networkTask.commitScheme, { miner: m, roundId, salt: saltFor(m, roundId), completion: 'answers' })
      this.do({ type: 'round', roundId, event: { type: 'precommit', actor: m, hash } })
    }
    this.advance(1).do({ type: 'round', roundId, event: { type: 'endPrecommit', actor: oracle } })
    for (const m of completers) this.do({ type: 'round', roundId, event: { type: 'commit', actor: m, completion: 'answers', salt: saltFor(m, roundId) } })
    this.advance(1).do({ type: 'round', roundId, event: { type: 'endCommit', actor: oracle } })
    this.do({ type: 'round', roundId, event: { type: 'validate', actor: oracle, verdicts: completers.map((m) => ({ miner: m, verdict: 'valid' as const, similarity: 1 })) } })
    this.do({ type: 'round', roundId, event: { type: 'end', actor: oracle, forceEnd: false } })
    return roundId
  }

  /** Runs one honest user task on `miners` to the end; returns the task id. */
  playTask(sessionId: number, miners: readonly Address[], result = 'the answer'): number {
    const session = this.world.sessions.get(sessionId)!
    const taskId = session.nextTaskId
    this.do({ type: 'session', sessionId, event: { type: 'submit', actor: session.owner, nodeType: 0, taskData: 'prompt', promptType: 1, promptTemplate: '', llmParams: [64], requestParams: [], clientReference: `c${taskId}` } })
    const oracle = this.oracle
    const t = (event: Extract<WorldCommand, { type: 'task' }>['event']): readonly Effect[] => this.do({ type: 'task', sessionId, taskId, event })
    t({ type: 'assign', actor: oracle, miners })
    for (const m of miners) t({ type: 'ack', actor: m })
    t({ type: 'endAck', actor: oracle })
    for (const m of miners) {
      const hash = computePrecommitHash(this.params.commitReveal.scheme, { miner: m, sessionId, taskId, salt: saltFor(m, taskId), result })
      t({ type: 'precommit', actor: m, hash })
    }
    t({ type: 'endPrecommit', actor: oracle })
    for (const m of miners) t({ type: 'commit', actor: m, result, salt: saltFor(m, taskId), outputTokens: 10 })
    t({ type: 'endCommit', actor: oracle })
    t({ type: 'validate', actor: oracle, verdicts: miners.map((m) => ({ miner: m, verdict: 'valid' as const, similarity: 1 })) })
    t({ type: 'end', actor: oracle, forceEnd: false })
    return taskId
  }
}
