/**
 * The user-task machine (SessionQueue): Queued → Assigned → Acked → Precommitted → Committed →
 * Validated → Ended.
 *
 * Each phase closes when every miner still in the task has acted or when the phase deadline has
 * passed; the oracle closes it (`endAck`, `endPrecommit`, `endCommit`). Miners that did not act
 * are marked TimedOut and lose the matching stat. If fewer than the quorum remain, the task goes
 * back to the queue (up to `maxReassignments`) or ends with a refund. Whether the actor of an
 * oracle action is the current leader is checked by the caller (`world/`), which knows the oracle
 * set; this machine checks everything about the task itself.
 */
import { isHex32 } from '../core/commit.ts'
import type { Ctx } from '../core/context.ts'
import { emit, schedule, stat, type Effect, type Metric } from '../core/effects.ts'
import { assertMove, checkAllowed } from '../core/machine.ts'
import { accept, assertNever, ProtocolAssertionError, reject, type Transition } from '../core/result.ts'
import { isAddress, type Address, type Ms } from '../core/types.ts'
import { computeBilledTokens, computeTaskCharge } from './pricing.ts'
import { computeQuorum } from './quorum.ts'
import { updateSlot, updateTask } from './state.ts'
import { TASK_TABLE } from './table.ts'
import type { MinerResultState, MinerSlot, NewTask, PoiVerdict, TaskEvent, TaskFailureReason, TaskState, TaskStatus } from './types.ts'

export function taskKey(sessionId: number, taskId: number): string {
  return `${sessionId}/${taskId}`
}

/** A freshly queued task and its `TaskQueued` event. */
export function createTask(input: NewTask, ctx: Ctx): { state: TaskState; effects: Effect[] } {
  const state: TaskState = {
    sessionId: input.sessionId,
    taskId: input.taskId,
    gid: input.gid,
    status: 'Queued',
    phaseSeq: 0,
    phaseDeadlineMs: null,
    createdAtMs: ctx.nowMs,
    updatedAtMs: ctx.nowMs,
    finishedAtMs: null,
    redundant: input.redundant,
    quorum: computeQuorum(ctx.params.userTask.quorumRule, input.redundant),
    modelId: input.modelId,
    maxTokens: input.maxTokens,
    escrow: input.escrow,
    router: input.router,
    miners: [],
    excluded: [],
    reassignments: 0,
    validatedBy: null,
    outcome: null,
  }
  const effects: Effect[] = [
    emit('TaskQueued', { sessionId: input.sessionId, taskId: input.taskId, gid: input.gid }),
    schedule({ machine: 'task', key: taskKey(input.sessionId, input.taskId), phase: 'total', seq: 0 }, ctx.nowMs + ctx.params.userTask.totalTimeoutMs),
  ]
  return { state, effects }
}

/** Applies one event to one task. */
export function transitionTask(state: TaskState, event: TaskEvent, ctx: Ctx): Transition<TaskState> {
  const notAllowed = checkAllowed(TASK_TABLE, state.status, event.type)
  if (notAllowed) return notAllowed
  if (!isAddress(event.actor)) return reject('MalformedEvent', `task ${taskKey(state.sessionId, state.taskId)}: actor ${String(event.actor)} is not an address`)
  const result = dispatch(state, event, ctx)
  if (result.ok) assertMove(TASK_TABLE, state.status, event.type, result.state.status)
  return result
}

function dispatch(state: TaskState, event: TaskEvent, ctx: Ctx): Transition<TaskState> {
  switch (event.type) {
    case 'assign':
      return processAssign(state, event.miners, ctx)
    case 'ack':
      return processMinerAction(state, event.actor, 'Assigned', ctx, (slot) => updateSlot(slot, { state: 'Acked', ackedAtMs: ctx.nowMs }), 'TaskAcked')
    case 'endAck':
      return processEndPhase(state, 'Assigned', 'Acked', 'Ack', ctx)
    case 'precommit':
      if (!isHex32(event.hash)) return reject('MalformedEvent', `precommit hash ${String(event.hash)} is not a 32-byte hex string`)
      return processMinerAction(state, event.actor, 'Acked', ctx, (slot) => updateSlot(slot, { state: 'Precommitted', precommitHash: event.hash, precommitAtMs: ctx.nowMs }), 'TaskPrecommitted')
    case 'endPrecommit':
      return processEndPhase(state, 'Acked', 'Precommitted', 'Precommit', ctx)
    case 'commit':
      return processCommit(state, event, ctx)
    case 'endCommit':
      return processEndPhase(state, 'Precommitted', 'Committed', 'Commit', ctx)
    case 'validate':
      return processValidate(state, event.actor, event.verdicts, ctx)
    case 'end':
      return processEnd(state, event.forceEnd, ctx)
    default:
      return assertNever(event, 'task event')
  }
}

// ---- assignment --------------------------------------------------------------------------------

function processAssign(state: TaskState, miners: readonly Address[], ctx: Ctx): Transition<TaskState> {
  const key = taskKey(state.sessionId, state.taskId)
  if (!Array.isArray(miners)) return reject('MalformedEvent', `task ${key}: miners must be a list of addresses`)
  if (miners.length !== state.redundant) {
    return reject('TooFewMiners', `task ${key}: assigned ${miners.length} miners, the task needs exactly ${state.redundant}`)
  }
  const bad = miners.find((m) => !isAddress(m))
  if (bad !== undefined) return reject('MalformedEvent', `task ${key}: ${String(bad)} is not an address`)
  if (new Set(miners).size !== miners.length) return reject('DuplicateMiner', `task ${key}: a miner appears twice in the assignment`)
  const excluded = miners.find((m) => state.excluded.includes(m))
  if (excluded !== undefined) return reject('MinerNotEligible', `task ${key}: miner ${excluded} timed out on this task before`)
  const next = enterPhase(state, 'Assigned', ctx.nowMs + ctx.params.userTask.ackDeadlineMs, ctx.nowMs)
  const withMiners: TaskState = updateTask(next, { miners: miners.map(newSlot) })
  return accept(withMiners, [
    emit('TaskAssigned', { sessionId: state.sessionId, taskId: state.taskId, miners: [...miners] }),
    deadlineTimer(withMiners),
  ])
}

function newSlot(miner: Address): MinerSlot {
  return {
    miner,
    state: 'Assigned',
    ackedAtMs: null,
    precommitHash: null,
    precommitAtMs: null,
    result: null,
    salt: null,
    committedAtMs: null,
    outputTokens: 0,
    similarity: null,
  }
}

// ---- miner actions -----------------------------------------------------------------------------

/** Order of per-miner states along the happy path, to tell "already acted" from "not yet able". */
const SLOT_PROGRESS: Record<MinerResultState, number> = {
  Assigned: 0,
  Acked: 1,
  Precommitted: 2,
  Committed: 3,
  Valid: 4,
  Outlier: 4,
  TimedOut: -1,
}

function findSlot(state: TaskState, miner: Address): number {
  for (let i = 0; i < state.miners.length; i++) if (state.miners[i]!.miner === miner) return i
  return -1
}

/** Checks that `actor` may act now, from per-miner state `expected`; returns the slot index. */
function checkMinerMayAct(state: TaskState, actor: Address, expected: MinerResultState, ctx: Ctx): number | Transition<TaskState> {
  const key = taskKey(state.sessionId, state.taskId)
  const index = findSlot(state, actor)
  if (index < 0) return reject('NotAssignedMiner', `task ${key}: ${actor} is not assigned to it`)
  const slot = state.miners[index]!
  if (slot.state === 'TimedOut') return reject('DeadlinePassed', `task ${key}: ${actor} already timed out`)
  if (SLOT_PROGRESS[slot.state] > SLOT_PROGRESS[expected]) return reject('AlreadyActed', `task ${key}: ${actor} already acted in this phase (${slot.state})`)
  // Closing a phase times out every miner still behind, so a slot in the current phase is either
  // exactly at `expected`, ahead of it, or TimedOut (both handled above).
  if (slot.state !== expected) throw new ProtocolAssertionError(`task ${key}: slot of ${actor} is ${slot.state} in phase ${state.status}`)
  if (state.phaseDeadlineMs !== null && ctx.nowMs > state.phaseDeadlineMs) {
    return reject('DeadlinePassed', `task ${key}: phase ${state.status} closed at ${state.phaseDeadlineMs} ms, now ${ctx.nowMs} ms`)
  }
  return index
}

function processMinerAction(
  state: TaskState,
  actor: Address,
  expected: MinerResultState,
  ctx: Ctx,
  update: (slot: MinerSlot) => MinerSlot,
  eventName: string,
): Transition<TaskState> {
  const index = checkMinerMayAct(state, actor, expected, ctx)
  if (typeof index !== 'number') return index
  return accept(replaceSlot(state, index, update(state.miners[index]!), ctx.nowMs), [
    emit(eventName, { sessionId: state.sessionId, taskId: state.taskId, miner: actor }),
  ])
}

function processCommit(state: TaskState, event: Extract<TaskEvent, { type: 'commit' }>, ctx: Ctx): Transition<TaskState> {
  const key = taskKey(state.sessionId, state.taskId)
  if (typeof event.result !== 'string') return reject('MalformedEvent', `task ${key}: result must be a string`)
  if (!isHex32(event.salt)) return reject('MalformedEvent', `task ${key}: salt ${String(event.salt)} is not a 32-byte hex string`)
  if (!Number.isInteger(event.outputTokens) || event.outputTokens < 0) {
    return reject('MalformedEvent', `task ${key}: outputTokens ${String(event.outputTokens)} is not a non-negative integer`)
  }
  const index = checkMinerMayAct(state, event.actor, 'Precommitted', ctx)
  if (typeof index !== 'number') return index
  const slot = state.miners[index]!
  const expectedHash = ctx.commit.hash(ctx.params.commitReveal.scheme, {
    miner: event.actor,
    sessionId: state.sessionId,
    taskId: state.taskId,
    salt: event.salt,
    result: event.result,
  })
  if (expectedHash !== slot.precommitHash) {
    return reject('RevealMismatch', `task ${key}: reveal of ${event.actor} hashes to ${expectedHash}, precommit was ${slot.precommitHash}`)
  }
  const committed: MinerSlot = updateSlot(slot, {
    state: 'Committed',
    result: event.result,
    salt: event.salt,
    committedAtMs: ctx.nowMs,
    outputTokens: Math.min(event.outputTokens, state.maxTokens),
  })
  return accept(replaceSlot(state, index, committed, ctx.nowMs), [
    emit('TaskCommitted', { sessionId: state.sessionId, taskId: state.taskId, miner: event.actor }),
  ])
}

// ---- phase ends --------------------------------------------------------------------------------

const PHASE_EVENT: Record<'Acked' | 'Precommitted' | 'Committed', string> = {
  Acked: 'TaskAllAcked',
  Precommitted: 'TaskAllPrecommitted',
  Committed: 'TaskAllCommitted',
}

/**
 * Closes the phase in which miners move from `waiting` to `done`. Allowed once nobody is still
 * waiting, or once the deadline has passed.
 */
function processEndPhase(
  state: TaskState,
  waiting: MinerResultState,
  done: 'Acked' | 'Precommitted' | 'Committed',
  metric: Metric,
  ctx: Ctx,
): Transition<TaskState> {
  const key = taskKey(state.sessionId, state.taskId)
  const stillWaiting = state.miners.filter((s) => s.state === waiting)
  const deadlinePassed = state.phaseDeadlineMs !== null && ctx.nowMs >= state.phaseDeadlineMs
  if (stillWaiting.length > 0 && !deadlinePassed) {
    return reject('PhaseNotOver', `task ${key}: ${stillWaiting.length} miner(s) still ${waiting} and the deadline is ${state.phaseDeadlineMs} ms (now ${ctx.nowMs} ms)`)
  }
  const effects: Effect[] = []
  const miners = state.miners.map((slot) => closeSlot(slot, waiting, done, metric, effects, ctx))
  const survivors = miners.filter((s) => s.state === done).map((s) => s.miner)
  effects.push(emit(PHASE_EVENT[done], { sessionId: state.sessionId, taskId: state.taskId, miners: survivors, forceEnd: stillWaiting.length > 0 }))
  const closed: TaskState = updateTask(state, { miners, updatedAtMs: ctx.nowMs })
  if (survivors.length < state.quorum) return handleShortage(closed, shortageReason(done), effects, ctx)
  const deadline = done === 'Committed' ? null : ctx.nowMs + (done === 'Acked' ? ctx.params.userTask.precommitDeadlineMs : ctx.params.userTask.commitDeadlineMs)
  const next = enterPhase(closed, done, deadline, ctx.nowMs)
  if (deadline !== null) effects.push(deadlineTimer(next))
  return accept(next, effects)
}

/** The slot after its phase closes: TimedOut if it was still waiting, with its stat recorded. */
function closeSlot(slot: MinerSlot, waiting: MinerResultState, done: MinerResultState, metric: Metric, effects: Effect[], ctx: Ctx): MinerSlot {
  if (slot.state === done) {
    effects.push(stat(slot.miner, metric, true))
    return slot
  }
  if (slot.state !== waiting) return slot
  effects.push(stat(slot.miner, metric, false))
  // A miner that precommitted but never revealed withheld its result (or could not reveal a match).
  if (metric === 'Commit' && ctx.params.payments.slashing === 'missedReveal') {
    effects.push({ kind: 'slash', node: slot.miner, bps: ctx.params.payments.slashBps, reason: 'missedReveal' })
  }
  return updateSlot(slot, { state: 'TimedOut' })
}

function shortageReason(done: 'Acked' | 'Precommitted' | 'Committed'): TaskFailureReason {
  return done === 'Acked' ? 'tooFewAcks' : done === 'Precommitted' ? 'tooFewPrecommits' : 'tooFewCommits'
}

/** Too few miners left: back to the queue without the miners that timed out, or refund. */
function handleShortage(state: TaskState, reason: TaskFailureReason, effects: Effect[], ctx: Ctx): Transition<TaskState> {
  const { onShortage, maxReassignments } = ctx.params.userTask
  if (onShortage === 'reassign' && state.reassignments < maxReassignments) {
    const timedOut = state.miners.filter((s) => s.state === 'TimedOut').map((s) => s.miner)
    const requeued: TaskState = updateTask(enterPhase(state, 'Queued', null, ctx.nowMs), {
      miners: [],
      excluded: [...state.excluded, ...timedOut],
      reassignments: state.reassignments + 1,
    })
    effects.push(emit('TaskRequeued', { sessionId: state.sessionId, taskId: state.taskId, reassignments: requeued.reassignments, reason }))
    return accept(requeued, effects)
  }
  return accept(...finishFailed(state, reason, effects, ctx))
}

// ---- validation and end ------------------------------------------------------------------------

function processValidate(state: TaskState, actor: Address, verdicts: readonly PoiVerdict[], ctx: Ctx): Transition<TaskState> {
  const key = taskKey(state.sessionId, state.taskId)
  if (!Array.isArray(verdicts)) return reject('MalformedEvent', `task ${key}: verdicts must be a list`)
  const committed = state.miners.filter((s) => s.state === 'Committed')
  if (verdicts.length !== committed.length) {
    return reject('MalformedEvent', `task ${key}: ${verdicts.length} verdicts for ${committed.length} revealed results`)
  }
  const byMiner = new Map<Address, PoiVerdict>()
  for (const v of verdicts) {
    const problem = checkVerdict(state, v, byMiner)
    if (problem) return reject(problem.code, `task ${key}: ${problem.message}`)
    byMiner.set(v.miner, v)
  }
  const miners = state.miners.map((slot): MinerSlot => {
    const v = byMiner.get(slot.miner)
    return v === undefined ? slot : updateSlot(slot, { state: v.verdict === 'valid' ? 'Valid' : 'Outlier', similarity: v.similarity })
  })
  const next: TaskState = updateTask(enterPhase(state, 'Validated', null, ctx.nowMs), { miners, validatedBy: actor })
  const valid = miners.filter((s) => s.state === 'Valid').map((s) => s.miner)
  const outliers = miners.filter((s) => s.state === 'Outlier').map((s) => s.miner)
  return accept(next, [emit('TaskValidated', { sessionId: state.sessionId, taskId: state.taskId, valid, outliers })])
}

function checkVerdict(state: TaskState, v: PoiVerdict, seen: Map<Address, PoiVerdict>): { code: 'MalformedEvent' | 'NotAssignedMiner' | 'DuplicateMiner'; message: string } | undefined {
  if (v === null || typeof v !== 'object') return { code: 'MalformedEvent', message: 'a verdict is not an object' }
  if (v.verdict !== 'valid' && v.verdict !== 'outlier') return { code: 'MalformedEvent', message: `verdict ${String(v.verdict)} is not 'valid' or 'outlier'` }
  if (typeof v.similarity !== 'number' || !Number.isFinite(v.similarity) || v.similarity < -1 || v.similarity > 1) {
    return { code: 'MalformedEvent', message: `similarity ${String(v.similarity)} of ${String(v.miner)} is not in [-1, 1]` }
  }
  const index = findSlot(state, v.miner)
  if (index < 0 || state.miners[index]!.state !== 'Committed') return { code: 'NotAssignedMiner', message: `${String(v.miner)} has no revealed result to judge` }
  if (seen.has(v.miner)) return { code: 'DuplicateMiner', message: `two verdicts for ${v.miner}` }
  return undefined
}

function processEnd(state: TaskState, forceEnd: boolean, ctx: Ctx): Transition<TaskState> {
  const key = taskKey(state.sessionId, state.taskId)
  if (state.status !== 'Validated') {
    if (!forceEnd) return reject('WrongPhase', `task ${key}: only a forced end is possible in status ${state.status}`)
    const timeoutAt = state.createdAtMs + ctx.params.userTask.totalTimeoutMs
    if (ctx.nowMs < timeoutAt) return reject('PhaseNotOver', `task ${key}: forced end needs the total timeout (${timeoutAt} ms), now ${ctx.nowMs} ms`)
    return accept(...finishFailed(state, 'timedOut', [], ctx))
  }
  const valid = state.miners.filter((s) => s.state === 'Valid')
  if (valid.length < state.quorum) return accept(...finishFailed(state, 'noConsensus', [], ctx))
  return accept(...finishSucceeded(state, ctx))
}

function finishSucceeded(state: TaskState, ctx: Ctx): [TaskState, Effect[]] {
  const valid = state.miners.filter((s) => s.state === 'Valid')
  const tokens = computeBilledTokens(valid.map((s) => s.outputTokens), state.maxTokens)
  const computed = computeTaskCharge(ctx.params, valid.length, tokens)
  const charge = computed < state.escrow ? computed : state.escrow
  const validMiners = valid.map((s) => s.miner)
  const effects: Effect[] = [...endStats(state), ...executedBy(state)]
  effects.push({
    kind: 'ledger',
    ledger: {
      op: 'settleTask',
      sessionId: state.sessionId,
      taskId: state.taskId,
      charge,
      miners: validMiners,
      validators: state.validatedBy === null ? [] : [state.validatedBy],
      router: state.router,
    },
  })
  effects.push(emit('TaskEnded', { sessionId: state.sessionId, taskId: state.taskId, miners: validMiners, success: true }))
  const ended: TaskState = updateTask(enterPhase(state, 'Ended', null, ctx.nowMs), { finishedAtMs: ctx.nowMs, outcome: { result: 'success', validMiners, charge } })
  return [ended, effects]
}

function finishFailed(state: TaskState, reason: TaskFailureReason, effects: Effect[], ctx: Ctx): [TaskState, Effect[]] {
  const all = [...effects, ...(state.status === 'Validated' ? endStats(state) : []), ...executedBy(state)]
  all.push({ kind: 'ledger', ledger: { op: 'refundTask', sessionId: state.sessionId, taskId: state.taskId } })
  all.push(emit('TaskEnded', { sessionId: state.sessionId, taskId: state.taskId, miners: [], success: false, reason }))
  const ended: TaskState = updateTask(enterPhase(state, 'Ended', null, ctx.nowMs), { finishedAtMs: ctx.nowMs, outcome: { result: 'failed', reason } })
  return [ended, all]
}

/** Correctness stats from PoI verdicts (only once the task was validated). */
function endStats(state: TaskState): Effect[] {
  const effects: Effect[] = []
  for (const slot of state.miners) {
    if (slot.state === 'Valid' || slot.state === 'Outlier') effects.push(stat(slot.miner, 'Correctness', slot.state === 'Valid'))
  }
  return effects
}

/** Every miner still assigned at the end used one of its reservation's task executions. */
function executedBy(state: TaskState): Effect[] {
  return state.miners.map((slot): Effect => ({ kind: 'taskExecuted', node: slot.miner, sessionId: state.sessionId }))
}

// ---- helpers -----------------------------------------------------------------------------------

function enterPhase(state: TaskState, status: TaskStatus, deadlineMs: Ms | null, nowMs: Ms): TaskState {
  return updateTask(state, { status, phaseSeq: state.phaseSeq + 1, phaseDeadlineMs: deadlineMs, updatedAtMs: nowMs })
}

function replaceSlot(state: TaskState, index: number, slot: MinerSlot, nowMs: Ms): TaskState {
  const miners = state.miners.slice()
  miners[index] = slot
  return updateTask(state, { miners, updatedAtMs: nowMs })
}

function deadlineTimer(state: TaskState): Effect {
  return schedule({ machine: 'task', key: taskKey(state.sessionId, state.taskId), phase: state.status, seq: state.phaseSeq }, state.phaseDeadlineMs!)
}

/** Is `timer` still the deadline of the task's current phase? (false once the phase moved on) */
export function isTaskTimerCurrent(state: TaskState, phase: string, seq: number): boolean {
  if (phase === 'total') return state.status !== 'Ended'
  return state.status === phase && state.phaseSeq === seq
}
