/**
 * Vector driver for the oracle set: registration, heartbeats, leader checks, failover and window
 * changes, under both failover rules and both leader modes. Times around the silence limit and the
 * next window's start are explored, and a time before the leader's last activity is probed now and
 * then (`probesPastTimes`), since the machine refuses time going backwards.
 */
import type { Ctx } from '../../core/context.ts'
import type { Rng } from '../../core/rng.ts'
import { computeSyntheticAddress, type Address } from '../../core/types.ts'
import { computeSilenceLimitMs } from '../../oracle/leadership.ts'
import { createOracleSet, transitionOracleSet } from '../../oracle/machine.ts'
import { ORACLE_TABLE } from '../../oracle/table.ts'
import type { OracleEvent, OracleSetState } from '../../oracle/types.ts'
import type { MachineDriver } from '../driver.ts'

const ORACLES: readonly Address[] = Array.from({ length: 4 }, (_, i) => computeSyntheticAddress(0x04ac1e, i + 1))
const STRANGER = computeSyntheticAddress(0x3113e4, 99)
const NOT_AN_ADDRESS = '0xoracle' as Address

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.nextInt(items.length)]!
}

function candidates(state: OracleSetState, rng: Rng): OracleEvent[] {
  const member = state.oracles.length > 0 ? pick(rng, state.oracles) : pick(rng, ORACLES)
  const leader = state.leader ?? member
  const others = state.oracles.filter((o) => o !== state.leader)
  const follower = others.length > 0 ? pick(rng, others) : member
  return [
    { type: 'register', oracle: pick(rng, ORACLES) },
    { type: 'register', oracle: rng.nextInt(2) === 0 ? NOT_AN_ADDRESS : member },
    { type: 'deregister', oracle: follower },
    { type: 'deregister', oracle: rng.nextInt(2) === 0 ? leader : STRANGER },
    { type: 'heartbeat', actor: leader },
    { type: 'heartbeat', actor: rng.nextInt(2) === 0 ? follower : STRANGER },
    { type: 'act', actor: leader },
    { type: 'act', actor: rng.nextInt(3) > 0 ? follower : STRANGER },
    { type: 'rotate', actor: pick(rng, [follower, STRANGER]) },
    { type: 'rotate', actor: follower },
    { type: 'tick' },
    { type: 'heartbeat', actor: NOT_AN_ADDRESS },
  ]
}

function timeSteps(state: OracleSetState, nowMs: number, ctx: Ctx): number[] {
  const { windowMs } = ctx.params.oracle
  const silenceMs = computeSilenceLimitMs(ctx.params.oracle)
  const nextWindowMs = (Math.floor(nowMs / windowMs) + 1) * windowMs
  const steps = [nowMs, nowMs, nowMs + 1, state.leaderActiveAtMs + silenceMs - 1, state.leaderActiveAtMs + silenceMs, nextWindowMs - 1, nextWindowMs]
  // A probe of the clock check: before the leader's last activity (never becomes the walk's time).
  if (state.status === 'Active' && state.leaderActiveAtMs > 0) steps.push(state.leaderActiveAtMs - 1)
  return steps
}

export const oracleDriver: MachineDriver<OracleSetState, OracleEvent, readonly Address[]> = {
  table: ORACLE_TABLE,
  paramVariants: [{}, { 'oracle.mode': 'lenient' }, { 'oracle.failoverRule': 'missedHeartbeats' }],
  // Sometimes empty, so the Empty → Active row is explored; otherwise one to three oracles in any order.
  initialInput: (rng) => ORACLES.filter(() => rng.nextInt(3) === 0),
  create(oracles, ctx) {
    const created = createOracleSet(oracles, ctx)
    if (!created.ok) throw new RangeError(`oracle driver built an invalid set: ${created.code}: ${created.message}`)
    return { state: created.state, effects: created.effects }
  },
  transition: transitionOracleSet,
  statusOf: (s) => s.status,
  eventTypeOf: (e) => e.type,
  candidates: (state, rng) => candidates(state, rng),
  timeSteps,
  probesPastTimes: true,
  reachableRejections: [
    'WrongPhase',
    'NotOracle',
    'MalformedEvent',
    'TimeWentBackwards',
    'AlreadyExists',
    'UnknownOracle',
    'LastOracle',
    'LeaderCannotLeave',
    'NotLeader',
    'PhaseNotOver',
    'NoSuccessor',
  ],
}
