/**
 * The honest oracle: what it must do next for a task or a round, given the time. The simulator's
 * oracle agents and the reference node's oracle both ask these functions, so "when does the oracle
 * close a phase" is written once. Duties that need outside input (which miners to pick, what PoI
 * says) are returned as requests; the host supplies the input and sends the event.
 */
import type { Ms } from '../core/types.ts'
import type { Params } from '../params/spec.ts'
import type { RoundState } from '../round/types.ts'
import type { TaskState } from '../task/types.ts'

export type TaskDuty =
  | { readonly kind: 'assign'; readonly count: number }
  | { readonly kind: 'endAck' }
  | { readonly kind: 'endPrecommit' }
  | { readonly kind: 'endCommit' }
  | { readonly kind: 'validate' }
  | { readonly kind: 'end'; readonly forceEnd: boolean }

/** The oracle's duty for `task` at `nowMs`, or null when nothing is due yet. */
export function getTaskDuty(task: TaskState, nowMs: Ms, params: Params): TaskDuty | null {
  if (task.status === 'Ended') return null
  if (task.status === 'Validated') return { kind: 'end', forceEnd: false }
  if (nowMs >= task.createdAtMs + params.userTask.totalTimeoutMs) return { kind: 'end', forceEnd: true }
  const deadlinePassed = task.phaseDeadlineMs !== null && nowMs >= task.phaseDeadlineMs
  switch (task.status) {
    case 'Queued':
      return { kind: 'assign', count: task.redundant }
    case 'Assigned':
      return deadlinePassed || !task.miners.some((s) => s.state === 'Assigned') ? { kind: 'endAck' } : null
    case 'Acked':
      return deadlinePassed || !task.miners.some((s) => s.state === 'Acked') ? { kind: 'endPrecommit' } : null
    case 'Precommitted':
      return deadlinePassed || !task.miners.some((s) => s.state === 'Precommitted') ? { kind: 'endCommit' } : null
    case 'Committed':
      return { kind: 'validate' }
  }
}

export type RoundDuty =
  | { readonly kind: 'requestNextCreator' }
  | { readonly kind: 'assignPreparer' }
  | { readonly kind: 'requestNextPreparer' }
  | { readonly kind: 'start'; readonly count: number }
  | { readonly kind: 'endPrecommit' }
  | { readonly kind: 'endCommit' }
  | { readonly kind: 'validate' }
  | { readonly kind: 'end'; readonly forceEnd: boolean }

/** The oracle's duty for `round` at `nowMs`, or null when nothing is due yet. */
export function getRoundDuty(round: RoundState, nowMs: Ms, params: Params): RoundDuty | null {
  const deadlinePassed = round.phaseDeadlineMs !== null && nowMs >= round.phaseDeadlineMs
  switch (round.status) {
    case 'End':
      return null
    case 'Request':
      return deadlinePassed ? { kind: 'requestNextCreator' } : null
    case 'Create':
      if (round.preparers.length === 0) return { kind: 'assignPreparer' }
      return deadlinePassed ? { kind: 'requestNextPreparer' } : null
    case 'Prepare':
      return { kind: 'start', count: params.networkTask.completers }
    case 'Start':
      return deadlinePassed || !round.completers.some((c) => c.state === 'Selected') ? { kind: 'endPrecommit' } : null
    case 'Precommit':
      return deadlinePassed || !round.completers.some((c) => c.state === 'Precommitted') ? { kind: 'endCommit' } : null
    case 'Commit':
      return round.validator === null ? { kind: 'validate' } : { kind: 'end', forceEnd: false }
  }
}
