/** The network-task round's transition table (see core/machine.ts for how it is enforced). */
import { defineTable } from '../core/machine.ts'
import { ROUND_EVENT_TYPES, ROUND_STATUSES, type RoundEventType, type RoundStatus } from './types.ts'

export const ROUND_TABLE = defineTable<RoundStatus, RoundEventType>({
  machine: 'round',
  description:
    'Cognitive PoUW round (opened by the oracle\'s request with a creator): create, prepare, start with completers, commit–reveal, PoI validation, end.',
  statuses: ROUND_STATUSES,
  initial: 'Request',
  terminal: ['End'],
  events: ROUND_EVENT_TYPES,
  rows: [
    { from: 'Request', event: 'create', to: ['Create'], note: 'the creator publishes domain and subdomain before its deadline' },
    { from: 'Request', event: 'requestNextCreator', to: ['Request', 'End'], note: 'creator timed out: a new creator, or the end once reassignments are used up' },
    { from: 'Request', event: 'end', to: ['End'], note: 'forceEnd once the creator deadline passed' },
    { from: 'Create', event: 'assignPreparer', to: ['Create'], note: 'the oracle assigns the first preparer' },
    { from: 'Create', event: 'requestNextPreparer', to: ['Create', 'End'], note: 'preparer timed out: a new preparer, or the end once reassignments are used up' },
    { from: 'Create', event: 'prepare', to: ['Prepare'], note: 'the preparer publishes exactly maxPrompts challenges' },
    { from: 'Create', event: 'end', to: ['End'], note: 'forceEnd (after the preparer deadline when one is assigned)' },
    { from: 'Prepare', event: 'start', to: ['Start'], note: 'the oracle starts with exactly `completers` miners; precommit phase opens' },
    { from: 'Prepare', event: 'end', to: ['End'], note: 'forceEnd' },
    { from: 'Start', event: 'precommit', to: ['Start'], note: 'a completer submits its hash' },
    { from: 'Start', event: 'endPrecommit', to: ['Precommit', 'End'], note: 'all precommitted or deadline; fewer than minCompleters → end' },
    { from: 'Start', event: 'end', to: ['End'], note: 'forceEnd once the precommit deadline passed' },
    { from: 'Precommit', event: 'commit', to: ['Precommit'], note: 'a precommitted completer reveals; must match its hash' },
    { from: 'Precommit', event: 'endCommit', to: ['Commit', 'End'], note: 'all revealed or deadline; fewer than minCompleters → end' },
    { from: 'Precommit', event: 'end', to: ['End'], note: 'forceEnd once the commit deadline passed' },
    { from: 'Commit', event: 'validate', to: ['Commit'], note: 'PoI verdicts for every revealed completion' },
    { from: 'Commit', event: 'end', to: ['End'], note: 'with a result once validated, else only forceEnd' },
  ],
})
