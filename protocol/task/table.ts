/** The user task's transition table (see core/machine.ts for how it is enforced). */
import { defineTable } from '../core/machine.ts'
import { TASK_EVENT_TYPES, TASK_STATUSES, type TaskEventType, type TaskStatus } from './types.ts'

export const TASK_TABLE = defineTable<TaskStatus, TaskEventType>({
  machine: 'task',
  description: 'User task in SessionQueue: assignment, ack, commit–reveal, PoI validation, end with payment or refund.',
  statuses: TASK_STATUSES,
  initial: 'Queued',
  terminal: ['Ended'],
  events: TASK_EVENT_TYPES,
  rows: [
    { from: 'Queued', event: 'assign', to: ['Assigned'], note: 'oracle assigns `redundant` eligible miners' },
    { from: 'Queued', event: 'end', to: ['Ended'], note: 'forceEnd after the total timeout: refund' },
    { from: 'Assigned', event: 'ack', to: ['Assigned'], note: 'an assigned miner acks' },
    { from: 'Assigned', event: 'endAck', to: ['Acked', 'Queued', 'Ended'], note: 'all acked or deadline; short of quorum → requeue or refund' },
    { from: 'Assigned', event: 'end', to: ['Ended'], note: 'forceEnd after the total timeout: refund' },
    { from: 'Acked', event: 'precommit', to: ['Acked'], note: 'an acked miner submits its hash' },
    { from: 'Acked', event: 'endPrecommit', to: ['Precommitted', 'Queued', 'Ended'], note: 'all precommitted or deadline; short → requeue or refund' },
    { from: 'Acked', event: 'end', to: ['Ended'], note: 'forceEnd after the total timeout: refund' },
    { from: 'Precommitted', event: 'commit', to: ['Precommitted'], note: 'a precommitted miner reveals; must match its hash' },
    { from: 'Precommitted', event: 'endCommit', to: ['Committed', 'Queued', 'Ended'], note: 'all revealed or deadline; short → requeue or refund' },
    { from: 'Precommitted', event: 'end', to: ['Ended'], note: 'forceEnd after the total timeout: refund' },
    { from: 'Committed', event: 'validate', to: ['Validated'], note: 'PoI verdicts for every revealed result' },
    { from: 'Committed', event: 'end', to: ['Ended'], note: 'forceEnd after the total timeout: refund' },
    { from: 'Validated', event: 'end', to: ['Ended'], note: 'pay valid miners if quorum valid, else refund' },
  ],
})
