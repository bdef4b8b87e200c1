/**
 * The miner's part in a user task, decided afresh from the chain at every look (`reconcileTask`):
 *
 *   my slot Assigned, ack phase open         → ack
 *   my slot Acked                            → run the task (once: the result and a fresh salt go
 *                                              to the journal, fsync'd), then, once the precommit
 *                                              phase is open, precommit the miner-bound hash
 *   my slot Precommitted, commit phase open  → reveal the journaled result and salt
 *   task Ended, or I am no longer assigned   → forget it
 *
 * Because every step follows from the chain state plus the journal, the same function resumes a
 * task after a restart, and the transaction sender keeps each step to one transaction per
 * assignment round.
 */
import { randomBytes } from 'node:crypto'
import { computePrecommitHash, type Hex32 } from '../../protocol/core/commit.ts'
import type { SessionId, TaskId } from '../../protocol/core/types.ts'
import { decodeLlmParams } from '../../protocol/session/llm.ts'
import type { TaskState } from '../../protocol/task/types.ts'
import type { WorldCommand } from '../../protocol/world/types.ts'
import { buildRequestFromLlmParams } from '../inference/request.ts'
import type { CompletionRequest, CompletionResult, InferenceBackend, StopReason } from '../inference/types.ts'
import type { RoleContext } from './context.ts'
import { taskJournalKey, type MinerJournal, type TaskResultEntry } from './journal.ts'
import { buildTaskPrompt, computeTaskSeed } from './prompts.ts'

/** Test-only fault hooks: how a dishonest miner deviates. */
export interface MinerHooks {
  /** The text revealed instead of the result that was precommitted (a reveal that cannot match). */
  readonly alterReveal?: (result: string) => string
}

/**
 * A user task's output as the miner produces it, for whoever relays it off chain (a router that
 * streams it to its client). `token`s come while the model writes; `result` once the text and its
 * salt are journaled, with the hash the miner will precommit. Nothing here changes what the miner
 * sends on chain, and a result recovered from the journal after a restart is not told again.
 */
export type TaskOutputEvent =
  | { readonly type: 'token'; readonly sessionId: SessionId; readonly taskId: TaskId; readonly index: number; readonly text: string }
  | {
      readonly type: 'result'
      readonly sessionId: SessionId
      readonly taskId: TaskId
      readonly text: string
      /** The precommit hash of `text` (the scheme of `commitReveal.scheme`). */
      readonly dataHash: Hex32
      readonly promptTokens: number
      readonly outputTokens: number
      readonly inferenceMs: number
      readonly stopReason: StopReason
    }

export type TaskOutputListener = (event: TaskOutputEvent) => void

export interface MinerWork {
  readonly ctx: RoleContext
  readonly inference: InferenceBackend
  readonly journal: MinerJournal
  readonly hooks: MinerHooks
  /** Optional relay of user-task output (see `TaskOutputEvent`). */
  readonly onTaskOutput?: TaskOutputListener
}

export type Followed = 'active' | 'finished'

export function taskEntity(sessionId: SessionId, taskId: TaskId): string {
  return `task:${sessionId}/${taskId}`
}

/** Takes the next step of task (sessionId, taskId), if one is due; says whether to keep following it. */
export async function reconcileTask(w: MinerWork, sessionId: SessionId, taskId: TaskId): Promise<Followed> {
  const { ctx } = w
  const task = await ctx.chain.readTask(sessionId, taskId)
  if (task === null || task.status === 'Ended') return finishTask(w, sessionId, taskId, task === null ? 'unknown' : 'ended')
  const slot = task.miners.find((s) => s.miner === ctx.me)
  if (slot === undefined) return task.status === 'Queued' ? 'active' : finishTask(w, sessionId, taskId, 'not assigned')
  const round = task.reassignments
  const open = task.phaseDeadlineMs === null || ctx.nowMs() <= task.phaseDeadlineMs
  const send = (action: string, event: Extract<WorldCommand, { type: 'task' }>['event']): Promise<unknown> =>
    ctx.tx.send(taskEntity(sessionId, taskId), `${action}#${round}`, { type: 'task', sessionId, taskId, event })
  switch (slot.state) {
    case 'Assigned':
      if (task.status === 'Assigned' && open) await send('ack', { type: 'ack', actor: ctx.me })
      return 'active'
    case 'Acked': {
      const entry = await ensureTaskResult(w, task)
      if (entry === null || task.status !== 'Acked' || !open) return 'active'
      const hash = computePrecommitHash(ctx.params.commitReveal.scheme, { miner: ctx.me, sessionId, taskId, salt: entry.salt, result: entry.result })
      await send('precommit', { type: 'precommit', actor: ctx.me, hash })
      return 'active'
    }
    case 'Precommitted': {
      if (task.status !== 'Precommitted' || !open) return 'active'
      const entry = w.journal.get(taskJournalKey(sessionId, taskId, round))
      if (entry?.t !== 'task') {
        ctx.log.error('cannot reveal: result not in the journal', { task: `${sessionId}/${taskId}`, round })
        return 'active'
      }
      const result = w.hooks.alterReveal?.(entry.result) ?? entry.result
      await send('commit', { type: 'commit', actor: ctx.me, result, salt: entry.salt, outputTokens: entry.outputTokens })
      return 'active'
    }
    default:
      // Committed, judged or timed out: nothing left to do but wait for the end.
      return 'active'
  }
}

/** The journaled result of the task's current assignment round, computing it first if needed. */
async function ensureTaskResult(w: MinerWork, task: TaskState): Promise<TaskResultEntry | null> {
  const { ctx } = w
  const key = taskJournalKey(task.sessionId, task.taskId, task.reassignments)
  const existing = w.journal.get(key)
  if (existing?.t === 'task') return existing
  const input = await ctx.chain.readTaskInput(task.sessionId, task.taskId)
  if (input === null) {
    ctx.log.warn('task input not found', { task: `${task.sessionId}/${task.taskId}` })
    return null
  }
  const decoded = decodeLlmParams(input.llmParams, ctx.params)
  if (!decoded.ok) {
    ctx.log.warn('task has bad llmParams', { task: `${task.sessionId}/${task.taskId}`, code: decoded.code, reason: decoded.message })
    return null
  }
  const request = buildRequestFromLlmParams(buildTaskPrompt(input), decoded.llm, computeTaskSeed(task.sessionId, task.taskId))
  const { sessionId, taskId } = task
  let index = 0
  const onTextChunk = w.onTaskOutput === undefined ? undefined : (text: string): void => tell(w, { type: 'token', sessionId, taskId, index: index++, text })
  const out = await infer(w, request, `task ${sessionId}/${taskId}`, onTextChunk)
  if (out === null) return null
  const entry: TaskResultEntry = {
    t: 'task',
    key,
    sessionId: task.sessionId,
    taskId: task.taskId,
    round: task.reassignments,
    salt: createSalt(),
    result: out.text,
    outputTokens: out.outputTokens,
  }
  await w.journal.append(entry)
  if (w.onTaskOutput !== undefined) {
    const dataHash = computePrecommitHash(ctx.params.commitReveal.scheme, { miner: ctx.me, sessionId, taskId, salt: entry.salt, result: entry.result })
    tell(w, { type: 'result', sessionId, taskId, text: out.text, dataHash, promptTokens: out.promptTokens, outputTokens: out.outputTokens, inferenceMs: out.inferenceMs, stopReason: out.stopReason })
  }
  return entry
}

/** Tells the relay; a failing relay is logged and never stops the chain work. */
function tell(w: MinerWork, event: TaskOutputEvent): void {
  try {
    w.onTaskOutput?.(event)
  } catch (error) {
    w.ctx.log.warn('task output relay failed', { task: `${event.sessionId}/${event.taskId}`, error: error instanceof Error ? error.message : String(error) })
  }
}

/** Runs one completion; null when the role stopped meanwhile (a cut-off text is never used). */
export async function infer(w: MinerWork, request: CompletionRequest, what: string, onTextChunk?: (text: string) => void): Promise<CompletionResult | null> {
  const { ctx } = w
  if (ctx.signal.aborted) return null
  const out = await w.inference.complete(request, onTextChunk === undefined ? { signal: ctx.signal } : { signal: ctx.signal, onTextChunk })
  if (ctx.signal.aborted || out.stopReason === 'aborted') return null
  ctx.log.info('inferred', { what, backend: w.inference.id, outputTokens: out.outputTokens, inferenceMs: Math.round(out.inferenceMs) })
  return out
}

/** A fresh 32-byte salt from the operating system's random source. */
export function createSalt(): Hex32 {
  return `0x${randomBytes(32).toString('hex')}` as Hex32
}

async function finishTask(w: MinerWork, sessionId: SessionId, taskId: TaskId, why: string): Promise<Followed> {
  for (const entry of w.journal.entries()) {
    if (entry.t === 'task' && entry.sessionId === sessionId && entry.taskId === taskId) await w.journal.markDone(entry.key)
  }
  w.ctx.tx.forget(taskEntity(sessionId, taskId))
  w.ctx.log.debug('task left', { task: `${sessionId}/${taskId}`, why })
  return 'finished'
}
