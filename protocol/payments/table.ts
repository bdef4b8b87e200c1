/** The task escrow's transition table (see core/machine.ts for how it is enforced). */
import { defineTable } from '../core/machine.ts'
import { ESCROW_EVENT_TYPES, ESCROW_STATUSES, type EscrowEventType, type EscrowStatus } from './types.ts'

export const ESCROW_TABLE = defineTable<EscrowStatus, EscrowEventType>({
  machine: 'escrow',
  description: 'Funds a session holds for one task: charged and split at settlement, or refunded, exactly once.',
  statuses: ESCROW_STATUSES,
  initial: 'Open',
  terminal: ['Settled', 'Refunded'],
  events: ESCROW_EVENT_TYPES,
  rows: [
    { from: 'Open', event: 'settle', to: ['Settled'], note: 'charge split to miners, validators, router, treasury; rest back to the session' },
    { from: 'Open', event: 'refund', to: ['Refunded'], note: 'whole escrow back to the session' },
  ],
})
