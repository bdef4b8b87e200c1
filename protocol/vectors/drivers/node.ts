/**
 * Vector driver for the node lifecycle: registration, cognitive rounds into the pool, reservation
 * and release, bans, dedicated sessions and the liveness overlay, with small eligibility thresholds
 * so a walk of a few dozen events reaches every status.
 */
import { METRICS, type Metric } from '../../core/effects.ts'
import type { Rng } from '../../core/rng.ts'
import { computeSyntheticAddress, type Address } from '../../core/types.ts'
import { transitionNode } from '../../node/machine.ts'
import { createNode } from '../../node/state.ts'
import { NODE_TABLE } from '../../node/table.ts'
import { RELEASE_REASONS, type NodeEvent, type NodeState } from '../../node/types.ts'
import type { MachineDriver, ParamOverrides } from '../driver.ts'

const NODE = computeSyntheticAddress(0x3113e4, 1)
const OTHER = computeSyntheticAddress(0x3113e4, 2)
const ADMIN = computeSyntheticAddress(0xad314, 1)
const SESSION_OWNER = computeSyntheticAddress(0xc11e47, 1)
const SESSIONS = [1, 2, 3] as const

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.nextInt(items.length)]!
}

/** The session the node is reserved by, or another one. */
function sessionOf(state: NodeState, rng: Rng): number {
  const s = state.status
  return s.kind === 'Reserved' && rng.nextInt(3) > 0 ? s.sessionId : pick(rng, SESSIONS)
}

function roundEvents(state: NodeState, rng: Rng): NodeEvent[] {
  const next = state.lastRoundId + 1
  return [
    // Success three times in four, so walks qualify for the pool and also fail now and then.
    { type: 'cognitiveOutcome', roundId: next, success: rng.nextInt(4) > 0 },
    { type: 'cognitiveOutcome', roundId: next + rng.nextInt(3), success: rng.nextInt(4) > 0 },
    { type: 'cognitiveOutcome', roundId: Math.max(0, state.lastRoundId - rng.nextInt(2)), success: true },
    { type: 'cognitiveOutcome', roundId: -1, success: true },
  ]
}

function reservationEvents(state: NodeState, rng: Rng): NodeEvent[] {
  const sessionId = sessionOf(state, rng)
  return [
    { type: 'reserve', sessionId, reservePeriodMs: 1000 * (1 + rng.nextInt(5)), maxTaskExecutionCount: 1 + rng.nextInt(3) },
    { type: 'reserve', sessionId, reservePeriodMs: rng.nextInt(2) === 0 ? 366 * 86_400_000 : 0, maxTaskExecutionCount: 1 },
    { type: 'taskExecuted', sessionId },
    { type: 'taskExecuted', sessionId: sessionOf(state, rng) },
    { type: 'release', sessionId, reason: pick(rng, RELEASE_REASONS) },
    { type: 'release', sessionId, reason: pick(rng, ['period', 'taskCount'] as const) },
    { type: 'release', sessionId, reason: 'expired' as 'manual' },
  ]
}

function membershipEvents(state: NodeState, rng: Rng): NodeEvent[] {
  const dedicated = state.dedicatedSessions.length > 0 && rng.nextInt(2) === 0 ? pick(rng, state.dedicatedSessions) : pick(rng, SESSIONS)
  return [
    { type: 'register', actor: NODE, models: [7, rng.nextInt(66)].filter((m, i, all) => all.indexOf(m) === i) },
    { type: 'register', actor: rng.nextInt(2) === 0 ? OTHER : NODE, models: rng.nextInt(2) === 0 ? [] : [7] },
    { type: 'ban', actor: ADMIN },
    { type: 'unban', actor: ADMIN },
    { type: 'addDedicated', actor: SESSION_OWNER, sessionId: dedicated },
    { type: 'removeDedicated', actor: SESSION_OWNER, sessionId: dedicated },
  ]
}

/** The parallel track of dedicated sessions: attach, run a task for one, detach. */
function dedicatedTrack(state: NodeState, rng: Rng): NodeEvent {
  const dedicated = state.dedicatedSessions.length > 0 ? pick(rng, state.dedicatedSessions) : pick(rng, SESSIONS)
  switch (rng.nextInt(3)) {
    case 0:
      return { type: 'addDedicated', actor: SESSION_OWNER, sessionId: pick(rng, SESSIONS) }
    case 1:
      return { type: 'taskExecuted', sessionId: dedicated }
    default:
      return { type: 'removeDedicated', actor: SESSION_OWNER, sessionId: dedicated }
  }
}

/** An event of the liveness overlay or the stats, which every active status takes. */
function overlay(rng: Rng): NodeEvent {
  return pick<NodeEvent>(rng, [{ type: 'ping', actor: NODE }, { type: 'checkLiveness' }, { type: 'stat', metric: pick(rng, METRICS), success: true }, { type: 'ban', actor: ADMIN }])
}

/** Events that move a node on from its status, so walks get through the whole lifecycle. */
function progressEvents(state: NodeState, rng: Rng): NodeEvent[] {
  const s = state.status
  const outcome: NodeEvent = { type: 'cognitiveOutcome', roundId: state.lastRoundId + 1, success: rng.nextInt(4) > 0 }
  switch (s.kind) {
    case 'Unregistered':
      return [{ type: 'register', actor: NODE, models: [7] }]
    case 'Registered':
    case 'Probation':
      return [outcome, outcome, dedicatedTrack(state, rng)]
    case 'PendingRevalidation':
      return [outcome, dedicatedTrack(state, rng), overlay(rng)]
    case 'Available':
      return [{ type: 'reserve', sessionId: pick(rng, SESSIONS), reservePeriodMs: 1000 * (1 + rng.nextInt(5)), maxTaskExecutionCount: 1 + rng.nextInt(3) }, outcome]
    case 'Reserved':
      return [{ type: 'taskExecuted', sessionId: s.sessionId }, { type: 'release', sessionId: s.sessionId, reason: pick(rng, RELEASE_REASONS) }]
    case 'Banned':
      return [{ type: 'unban', actor: ADMIN }]
  }
}

/** A few events of every kind (valid and bad), drawn afresh each step, plus the status's progress events. */
function candidates(state: NodeState, rng: Rng): NodeEvent[] {
  const all: NodeEvent[] = [
    ...membershipEvents(state, rng),
    ...roundEvents(state, rng),
    ...reservationEvents(state, rng),
    { type: 'ping', actor: rng.nextInt(4) > 0 ? NODE : OTHER },
    { type: 'checkLiveness' },
    { type: 'stat', metric: pick(rng, METRICS), success: rng.nextInt(2) === 0 },
    { type: 'stat', metric: 'Uptime' as Metric, success: true },
    { type: 'ping', actor: '0x1234' as Address },
    { type: 'fly' } as unknown as NodeEvent,
  ]
  const some = Array.from({ length: 6 }, () => pick(rng, all))
  return [...some, ...progressEvents(state, rng)]
}

function timeSteps(state: NodeState, nowMs: number, ctx: Parameters<MachineDriver<NodeState, NodeEvent, Address>['timeSteps']>[2]): number[] {
  const { pingIntervalMs, offlineAfterMissedPings } = ctx.params.node
  const steps = [nowMs, nowMs + 1, nowMs + pingIntervalMs, state.lastPingAtMs + offlineAfterMissedPings * pingIntervalMs]
  const s = state.status
  if (s.kind === 'Reserved') steps.push(s.reservedAtMs + s.reservePeriodMs - 1, s.reservedAtMs + s.reservePeriodMs)
  return steps.filter((t) => t >= nowMs)
}

/** Eligibility after two rounds in the window with a one-success streak: reachable in a short walk. */
const QUICK_POOL: ParamOverrides = { 'eligibility.minAttempts': 2, 'eligibility.minSuccessRate': 0.5, 'eligibility.minConsecutiveSuccesses': 1 }

export const nodeDriver: MachineDriver<NodeState, NodeEvent, Address> = {
  table: NODE_TABLE,
  paramVariants: [
    QUICK_POOL,
    // Eligible at the first success (Registered → Available), straight back to the pool on release.
    { 'eligibility.minAttempts': 1, 'eligibility.minConsecutiveSuccesses': 1, 'eligibility.revalidationRounds': 0 },
    { ...QUICK_POOL, 'eligibility.poolExit': 'windowFails', 'eligibility.minSuccessRate': 0.7 },
    { ...QUICK_POOL, 'session.releaseRule': 'periodOnly', 'node.maxDedicatedSessions': 1 },
    { ...QUICK_POOL, 'eligibility.revalidationRounds': 2 },
  ],
  initialInput: () => NODE,
  create: (address, ctx) => ({ state: createNode(address, ctx), effects: [] }),
  transition: transitionNode,
  statusOf: (s) => s.status.kind,
  eventTypeOf: (e) => e.type,
  candidates: (state, rng) => candidates(state, rng),
  timeSteps,
  reachableRejections: [
    'UnknownEvent',
    'MalformedEvent',
    'NotRegistered',
    'NodeBanned',
    'AlreadyExists',
    'NodeReserved',
    'NodeNotAvailable',
    'WrongPhase',
    'InvalidSessionConfig',
    'WrongActor',
    'LimitExceeded',
    'UnknownSession',
    'AlreadyActed',
    'NodeOffline',
    'WrongSession',
    'PhaseNotOver',
  ],
}
