/**
 * A random but plausible actor for the whole world: given the current state and a stream of
 * choices, it proposes one command — an honest next step of some task or round most of the time,
 * and deviations or outright bad input the rest (wrong actors, mismatching reveals, unknown ids,
 * bans, deactivations, withdrawals). Used by the model-based property tests (every invariant after
 * every command) and by world-level vector generation. Test-only code.
 *
 * Choices come from a `Chooser` (fast-check integers in tests), so failures shrink to short,
 * readable command lists.
 */
import { computePrecommitHash, computeRoundPrecommitHash, type Hex32 } from '../core/commit.ts'
import { COR, computeSyntheticAddress, type Address } from '../core/types.ts'
import type { Params } from '../params/spec.ts'
import { isOnlineAt } from '../node/liveness.ts'
import { getLeaderAt } from '../oracle/leadership.ts'
import { getRoundDuty, getTaskDuty } from '../policy/oracle.ts'
import type { RoundState } from '../round/types.ts'
import type { SessionConfig } from '../session/types.ts'
import { taskKey } from '../task/machine.ts'
import type { TaskState } from '../task/types.ts'
import type { WorldCommand, WorldState } from '../world/types.ts'

export interface Chooser {
  /** An integer in [0, bound). */
  pick(bound: number): number
}

export const DRIVER_ADMIN = computeSyntheticAddress(0xad, 1)
export const DRIVER_ORACLES: readonly Address[] = [computeSyntheticAddress(0x04ac1e, 1), computeSyntheticAddress(0x04ac1e, 2), computeSyntheticAddress(0x04ac1e, 3)]
export const DRIVER_OWNERS: readonly Address[] = [computeSyntheticAddress(0xc11e47, 1), computeSyntheticAddress(0xc11e47, 2)]
export const DRIVER_MINERS: readonly Address[] = Array.from({ length: 24 }, (_, i) => computeSyntheticAddress(0x3113e4, i + 1))
export const DRIVER_MODEL = 7

function one<T>(c: Chooser, items: readonly T[]): T {
  return items[c.pick(items.length)]!
}

export function driverSalt(miner: Address, n: number): Hex32 {
  return `0x${(n + 1).toString(16).padStart(24, '0')}${miner.slice(2)}` as Hex32
}

function resultFor(miner: Address, honest: boolean): string {
  return honest ? 'consensus answer' : `deviant answer of ${miner.slice(-4)}`
}

function sessionConfig(c: Chooser): SessionConfig {
  const redundant = 1 + c.pick(3)
  return {
    name: 'driver session',
    metadata: '',
    variableAddress: DRIVER_OWNERS[0]!,
    minNumOfNodes: 1,
    maxNumOfNodes: 3,
    redundant,
    numOfValidatorNodes: 0,
    mode: 0,
    reserveEphemeralNodes: false,
    sla: 0,
    modelIdentifier: DRIVER_MODEL,
    reservePeriodMs: 60_000 + c.pick(3) * 60_000,
    maxTaskExecutionCount: 1 + c.pick(4),
  }
}

/** Usually the leader at `nowMs`; sometimes any oracle (right in lenient mode, `NotLeader` in strict). */
function oracleActor(w: WorldState, nowMs: number, params: Params, c: Chooser): Address {
  return c.pick(8) === 0 ? one(c, DRIVER_ORACLES) : (getLeaderAt(w.oracle, nowMs, params) ?? DRIVER_ORACLES[0]!)
}

/** Miners that can take a role now (registered, not banned, online); others when too few. */
function liveMiners(w: WorldState, nowMs: number, params: Params): Address[] {
  return DRIVER_MINERS.filter((a) => {
    const n = w.nodes.get(a)
    return n !== undefined && n.status.kind !== 'Banned' && n.status.kind !== 'Unregistered' && isOnlineAt(n, nowMs, params)
  })
}

function taskCommands(w: WorldState, t: TaskState, nowMs: number, params: Params, c: Chooser): WorldCommand[] {
  const out: WorldCommand[] = []
  const send = (event: Extract<WorldCommand, { type: 'task' }>['event']): void => void out.push({ type: 'task', sessionId: t.sessionId, taskId: t.taskId, event })
  const oracle = oracleActor(w, nowMs, params, c)
  const duty = getTaskDuty(t, nowMs, params)
  const session = w.sessions.get(t.sessionId)
  if (duty !== null) {
    switch (duty.kind) {
      case 'assign': {
        const nodes = session ? [...session.ephemeralNodes, ...session.dedicatedNodes] : []
        if (nodes.length < duty.count && session !== undefined && c.pick(4) > 0) {
          // The session is short of nodes: the pool reserves more before the task can be assigned.
          const available = DRIVER_MINERS.filter((a) => w.nodes.get(a)?.status.kind === 'Available')
          out.push({ type: 'session', sessionId: session.sessionId, event: { type: 'assignNodes', actor: oracle, nodes: available.slice(0, duty.count - nodes.length) } })
          break
        }
        const offset = nodes.length > duty.count ? c.pick(nodes.length - duty.count + 1) : 0
        send({ type: 'assign', actor: oracle, miners: c.pick(10) === 0 ? nodes.slice(0, duty.count + 1) : nodes.slice(offset, offset + duty.count) })
        break
      }
      case 'validate': {
        const verdicts = t.miners.filter((s) => s.state === 'Committed').map((s) => ({ miner: s.miner, verdict: s.result === 'consensus answer' || c.pick(5) > 0 ? ('valid' as const) : ('outlier' as const), similarity: 0.9 }))
        send({ type: 'validate', actor: oracle, verdicts })
        break
      }
      case 'end':
        send({ type: 'end', actor: oracle, forceEnd: duty.forceEnd })
        break
      default:
        send({ type: duty.kind, actor: oracle })
    }
  }
  for (const slot of t.miners) {
    const m = slot.miner
    if (slot.state === 'Assigned' && t.status === 'Assigned') send({ type: 'ack', actor: m })
    if (slot.state === 'Acked' && t.status === 'Acked') {
      const honest = c.pick(6) > 0
      send({ type: 'precommit', actor: m, hash: computePrecommitHash(params.commitReveal.scheme, { miner: m, sessionId: t.sessionId, taskId: t.taskId, salt: driverSalt(m, t.taskId), result: resultFor(m, honest) }) })
    }
    if (slot.state === 'Precommitted' && t.status === 'Precommitted') {
      const honest = c.pick(6) > 0
      send({ type: 'commit', actor: m, result: resultFor(m, honest), salt: driverSalt(m, t.taskId), outputTokens: 1 + c.pick(30) })
    }
  }
  return out
}

function roundCommands(w: WorldState, r: RoundState, nowMs: number, params: Params, c: Chooser): WorldCommand[] {
  const out: WorldCommand[] = []
  const send = (event: Extract<WorldCommand, { type: 'round' }>['event']): void => void out.push({ type: 'round', roundId: r.roundId, event })
  const oracle = oracleActor(w, nowMs, params, c)
  const duty = getRoundDuty(r, nowMs, params)
  const cooldown = params.networkTask.minerCooldownRounds
  const live = liveMiners(w, nowMs, params).filter((m) => {
    const last = w.lastPickedRound.get(m)
    return last === undefined || last === r.roundId || r.roundId - last > cooldown
  })
  const fresh = live.filter((m) => !r.creators.includes(m) && !r.preparers.includes(m))
  const pool = fresh.length >= params.networkTask.completers && c.pick(5) > 0 ? fresh : DRIVER_MINERS
  const pickMiners = (n: number): Address[] => {
    const start = c.pick(pool.length)
    return Array.from({ length: n }, (_, i) => pool[(start + i) % pool.length]!)
  }
  if (duty !== null) {
    switch (duty.kind) {
      case 'requestNextCreator':
        send({ type: 'requestNextCreator', actor: oracle, creator: one(c, pool) })
        break
      case 'assignPreparer':
      case 'requestNextPreparer':
        send({ type: duty.kind, actor: oracle, preparer: one(c, pool) })
        break
      case 'start':
        send({ type: 'start', actor: oracle, completers: pickMiners(duty.count) })
        break
      case 'validate':
        send({ type: 'validate', actor: oracle, verdicts: r.completers.filter((s) => s.state === 'Committed').map((s) => ({ miner: s.miner, verdict: c.pick(4) > 0 ? ('valid' as const) : ('outlier' as const), similarity: 0.8 })) })
        break
      case 'end':
        send({ type: 'end', actor: oracle, forceEnd: duty.forceEnd })
        break
      default:
        send({ type: duty.kind, actor: oracle })
    }
  }
  const creator = r.creators[r.creators.length - 1]
  if (r.status === 'Request' && creator) send({ type: 'create', actor: creator, domain: 'math', subdomain: 'algebra' })
  const preparer = r.preparers[r.preparers.length - 1]
  if (r.status === 'Create' && preparer) send({ type: 'prepare', actor: preparer, challenges: Array.from({ length: params.networkTask.maxPrompts }, (_, i) => `q${i}`) })
  for (const s of r.completers) {
    const input = { miner: s.miner, roundId: r.roundId, salt: driverSalt(s.miner, r.roundId), completion: c.pick(6) > 0 ? 'answers' : 'other answers' }
    if (r.status === 'Start' && s.state === 'Selected') send({ type: 'precommit', actor: s.miner, hash: computeRoundPrecommitHash(params.networkTask.commitScheme, input) })
    if (r.status === 'Precommit' && s.state === 'Precommitted') send({ type: 'commit', actor: s.miner, completion: c.pick(6) > 0 ? 'answers' : 'other answers', salt: input.salt })
  }
  return out
}

/** Setup and background commands: registration, money, sessions, pool, bans, oracles. */
function backgroundCommands(w: WorldState, nowMs: number, params: Params, c: Chooser): WorldCommand[] {
  const live = liveMiners(w, nowMs, params)
  const m = live.length > 0 && c.pick(3) > 0 ? one(c, live) : one(c, DRIVER_MINERS)
  const owner = one(c, DRIVER_OWNERS)
  const sessions = [...w.sessions.values()]
  const liveSessions = sessions.filter((s) => s.status !== 'Deactivated')
  const session = liveSessions.length > 0 && c.pick(4) > 0 ? one(c, liveSessions) : sessions.length > 0 ? one(c, sessions) : undefined
  const sessionId = session?.sessionId ?? 1
  const sessionOwner = session !== undefined && c.pick(6) > 0 ? session.owner : owner
  const out: WorldCommand[] = []
  // Setup first: unregistered or unstaked miners join.
  const newcomer = DRIVER_MINERS.find((a) => !w.nodes.has(a))
  if (newcomer !== undefined) out.push({ type: 'registerNode', actor: newcomer, models: [DRIVER_MODEL] })
  const unstaked = DRIVER_MINERS.find((a) => w.nodes.has(a) && (w.nodeAccounts.get(a)?.stake ?? 0n) === 0n)
  if (unstaked !== undefined) out.push({ type: 'stake', actor: unstaked, amount: 10_000n * COR })
  if (out.length > 0 && c.pick(3) > 0) return out
  out.push({ type: 'registerNode', actor: m, models: [DRIVER_MODEL] }, { type: 'ping', actor: m })
  // Rounds keep nodes qualifying; sessions create work.
  const openRounds = [...w.rounds.values()].filter((r) => r.status !== 'End').length
  if (openRounds < 2) out.push({ type: 'requestRound', actor: oracleActor(w, nowMs, params, c), creator: m })
  if (liveSessions.length < 3) out.push({ type: 'createSession', actor: owner, config: sessionConfig(c) })
  out.push({ type: 'depositToSession', actor: sessionOwner, sessionId, amount: BigInt(1 + c.pick(5)) * COR })
  const available = DRIVER_MINERS.filter((a) => w.nodes.get(a)?.status.kind === 'Available')
  if (available.length > 0) out.push({ type: 'session', sessionId, event: { type: 'assignNodes', actor: oracleActor(w, nowMs, params, c), nodes: available.slice(c.pick(2), 1 + c.pick(3)) } })
  const openTasks = [...w.tasks.values()].filter((t) => t.status !== 'Ended').length
  if (openTasks < 4) {
    const submit: WorldCommand = { type: 'session', sessionId, event: { type: 'submit', actor: sessionOwner, nodeType: 0, taskData: 'prompt', promptType: 1, promptTemplate: '', llmParams: [1 + c.pick(64)], requestParams: [], clientReference: '' } }
    out.push(submit, submit)
  }
  const rare: WorldCommand[] = [
    { type: 'unstake', actor: m, amount: BigInt(c.pick(3)) * 5_000n * COR },
    { type: 'withdrawNodePayment', actor: m },
    { type: 'withdrawSessionBalance', actor: sessionOwner, sessionId, amount: COR / 10n },
    { type: 'checkLiveness', node: m },
    { type: 'banNode', actor: DRIVER_ADMIN, node: m },
    { type: 'unbanNode', actor: DRIVER_ADMIN, node: one(c, DRIVER_MINERS) },
    { type: 'releaseNode', actor: one(c, [sessionOwner, oracleActor(w, nowMs, params, c), m]), node: m, reason: one(c, ['period', 'taskCount', 'manual'] as const) },
    { type: 'session', sessionId, event: { type: 'deactivate', actor: sessionOwner } },
    { type: 'oracleHeartbeat', actor: one(c, DRIVER_ORACLES) },
    { type: 'rotateLeader', actor: one(c, DRIVER_ORACLES) },
    { type: 'task', sessionId, taskId: c.pick(3), event: { type: 'ack', actor: m } },
    { type: 'stake', actor: m, amount: BigInt(c.pick(3)) * COR },
  ]
  if (c.pick(8) === 0) out.push(one(c, rare))
  return out
}

/** One command for the world at `nowMs`: work on open tasks and rounds first, background otherwise. */
export function proposeCommand(w: WorldState, nowMs: number, params: Params, c: Chooser): WorldCommand {
  // Honest miners ping on time; without this most nodes would be offline after any long time jump.
  const stale = DRIVER_MINERS.find((a) => {
    const n = w.nodes.get(a)
    return n !== undefined && n.status.kind !== 'Banned' && nowMs - n.lastPingAtMs >= params.node.pingIntervalMs
  })
  if (stale !== undefined && c.pick(2) > 0) return { type: 'ping', actor: stale }
  const openTasks = [...w.tasks.values()].filter((t) => t.status !== 'Ended')
  const openRounds = [...w.rounds.values()].filter((r) => r.status !== 'End')
  const work: WorldCommand[] = []
  if (openTasks.length > 0) work.push(...taskCommands(w, one(c, openTasks), nowMs, params, c))
  if (openRounds.length > 0) work.push(...roundCommands(w, one(c, openRounds), nowMs, params, c))
  if (work.length > 0 && c.pick(5) > 0) return one(c, work)
  return one(c, backgroundCommands(w, nowMs, params, c))
}

/** Time to let pass before the next command: usually little, sometimes past a deadline. */
export function proposeDelayMs(params: Params, c: Chooser): number {
  // Mostly small steps; sometimes exactly one of the deadlines, so every timeout path gets taken.
  if (c.pick(3) > 0) return c.pick(200)
  const deadlines = [
    params.userTask.ackDeadlineMs,
    params.userTask.precommitDeadlineMs,
    params.userTask.commitDeadlineMs,
    params.networkTask.requestDeadlineMs + params.networkTask.createDeadlineMs,
    params.networkTask.prepareDeadlineMs,
    params.networkTask.precommitDeadlineMs,
    params.networkTask.commitDeadlineMs,
    params.oracle.windowMs / 2,
    params.userTask.totalTimeoutMs,
  ]
  return c.pick(4) === 0 ? one(c, deadlines) : c.pick(2000)
}

export function describeTask(t: TaskState): string {
  return `${taskKey(t.sessionId, t.taskId)}:${t.status}`
}
