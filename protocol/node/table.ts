/** The node lifecycle's transition table (see core/machine.ts for how it is enforced). */
import { defineTable, type TableRow } from '../core/machine.ts'
import { NODE_EVENT_TYPES, NODE_STATUSES, type NodeEventType, type NodeStatusKind } from './types.ts'

type Row = TableRow<NodeStatusKind, NodeEventType>

/** Statuses of a registered, not banned node: the ones that take pings, stats and bans. */
const ACTIVE: readonly NodeStatusKind[] = ['Registered', 'Probation', 'Available', 'Reserved', 'PendingRevalidation']

/** Events every active status takes without changing status (the overlay and the parallel tracks). */
const ACTIVE_SELF_LOOPS: readonly [NodeEventType, string][] = [
  ['ping', 'the node pings: back online if it was offline'],
  ['checkLiveness', 'count missed ping intervals; offline at the threshold'],
  ['stat', 'NodeStats update routed from a task or round'],
  ['taskExecuted', 'counts against the reservation; a no-op for a dedicated session'],
  ['addDedicated', 'a session owner attaches the node'],
  ['removeDedicated', 'a session owner detaches the node'],
]

function activeRows(): Row[] {
  const rows: Row[] = []
  for (const from of ACTIVE) {
    for (const [event, note] of ACTIVE_SELF_LOOPS) rows.push({ from, event, to: [from], note })
    rows.push({ from, event: 'ban', to: ['Banned'], note: 'ACL blocklist; a reserved node also leaves its session' })
  }
  return rows
}

export const NODE_TABLE = defineTable<NodeStatusKind, NodeEventType>({
  machine: 'node',
  description: 'Node lifecycle (§3.3): registration, probation, ephemeral pool, reservation, release and re-validation, ban; offline is an overlay.',
  statuses: NODE_STATUSES,
  initial: 'Unregistered',
  terminal: [],
  events: NODE_EVENT_TYPES,
  rows: [
    { from: 'Unregistered', event: 'register', to: ['Registered'], note: 'the node registers itself with the models it serves' },
    { from: 'Registered', event: 'cognitiveOutcome', to: ['Probation', 'Available'], note: 'first round; Available at once if already eligible' },
    { from: 'Probation', event: 'cognitiveOutcome', to: ['Probation', 'Available'], note: 'Available once the window, rate and streak are met' },
    { from: 'Available', event: 'cognitiveOutcome', to: ['Available', 'Probation'], note: 'Probation only with poolExit = windowFails' },
    { from: 'Available', event: 'reserve', to: ['Reserved'], note: 'a session reserves the node; timer at reservedAt + reservePeriod' },
    { from: 'Reserved', event: 'cognitiveOutcome', to: ['Reserved'], note: 'network tasks go on while reserved' },
    { from: 'Reserved', event: 'release', to: ['PendingRevalidation', 'Available'], note: 'period, task count (firstOf), deactivation or manual; Available if revalidationRounds = 0' },
    { from: 'PendingRevalidation', event: 'cognitiveOutcome', to: ['PendingRevalidation', 'Available', 'Probation'], note: 'pass revalidationRounds → Available; a failure → Probation' },
    ...activeRows(),
    { from: 'Banned', event: 'unban', to: ['Probation'], note: 'taken off the blocklist: qualifies again from Probation' },
    { from: 'Banned', event: 'removeDedicated', to: ['Banned'], note: 'owners may still detach a banned node' },
  ],
})
