/** The oracle set's transition table (see core/machine.ts for how it is enforced). */
import { defineTable } from '../core/machine.ts'
import { ORACLE_EVENT_TYPES, ORACLE_SET_STATUSES, type OracleEventType, type OracleSetStatus } from './types.ts'

export const ORACLE_TABLE = defineTable<OracleSetStatus, OracleEventType>({
  machine: 'oracle',
  description: 'Oracle set with round-robin leadership per window, heartbeats and failover of a silent leader.',
  statuses: ORACLE_SET_STATUSES,
  initial: 'Empty',
  terminal: [],
  events: ORACLE_EVENT_TYPES,
  rows: [
    { from: 'Empty', event: 'register', to: ['Active'], note: 'the first oracle leads at once' },
    { from: 'Active', event: 'register', to: ['Active'], note: 'joins the order; leads from a later window' },
    { from: 'Active', event: 'deregister', to: ['Active'], note: 'not the last oracle, not the current leader' },
    { from: 'Active', event: 'heartbeat', to: ['Active'], note: 'counts as activity when the leader sends it' },
    { from: 'Active', event: 'act', to: ['Active'], note: 'strict: leader only; lenient: any oracle' },
    { from: 'Active', event: 'rotate', to: ['Active'], note: 'after the silence limit: next oracle not yet rotated out' },
    { from: 'Active', event: 'tick', to: ['Active'], note: 'new window: its base leader takes over' },
  ],
})
