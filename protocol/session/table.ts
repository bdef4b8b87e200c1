/** The user session's transition table (see core/machine.ts for how it is enforced). */
import { defineTable } from '../core/machine.ts'
import { SESSION_EVENT_TYPES, SESSION_STATUSES, type SessionEventType, type SessionStatus } from './types.ts'

export const SESSION_TABLE = defineTable<SessionStatus, SessionEventType>({
  machine: 'session',
  description:
    'User session (SessionV2): routers, ephemeral and dedicated nodes, task submission; Ready while ephemeral + dedicated nodes ≥ minNumOfNodes.',
  statuses: SESSION_STATUSES,
  initial: 'Created',
  terminal: ['Deactivated'],
  events: SESSION_EVENT_TYPES,
  rows: [
    { from: 'Created', event: 'addRouter', to: ['Created'], note: 'owner registers a router (bounded list)' },
    { from: 'Created', event: 'removeRouter', to: ['Created'], note: 'owner removes a router' },
    { from: 'Created', event: 'assignNodes', to: ['Created', 'Ready'], note: 'pool assigns ephemeral nodes; Ready once nodes ≥ min' },
    { from: 'Created', event: 'releaseNode', to: ['Created'], note: 'an ephemeral node leaves' },
    { from: 'Created', event: 'addDedicatedNode', to: ['Created', 'Ready'], note: 'owner adds a dedicated node; Ready once nodes ≥ min' },
    { from: 'Created', event: 'removeDedicatedNode', to: ['Created'], note: 'owner removes a dedicated node' },
    { from: 'Created', event: 'update', to: ['Created', 'Ready'], note: 'owner changes the config; a lower min may make it Ready' },
    { from: 'Created', event: 'updateOwner', to: ['Created'], note: 'owner hands the session over' },
    { from: 'Created', event: 'deactivate', to: ['Deactivated'], note: 'owner closes it; nodes released, host refunds' },
    { from: 'Ready', event: 'addRouter', to: ['Ready'], note: 'owner registers a router (bounded list)' },
    { from: 'Ready', event: 'removeRouter', to: ['Ready'], note: 'owner removes a router' },
    { from: 'Ready', event: 'assignNodes', to: ['Ready'], note: 'pool assigns more ephemeral nodes (≤ max)' },
    { from: 'Ready', event: 'releaseNode', to: ['Ready', 'Created'], note: 'an ephemeral node leaves; below min → Created' },
    { from: 'Ready', event: 'addDedicatedNode', to: ['Ready'], note: 'owner adds a dedicated node (≤ max)' },
    { from: 'Ready', event: 'removeDedicatedNode', to: ['Ready', 'Created'], note: 'owner removes a dedicated node; below min → Created' },
    { from: 'Ready', event: 'submit', to: ['Ready'], note: 'owner or router submits a task; next task id, enqueueTask' },
    { from: 'Ready', event: 'update', to: ['Ready', 'Created'], note: 'owner changes the config; a higher min may make it Created' },
    { from: 'Ready', event: 'updateOwner', to: ['Ready'], note: 'owner hands the session over' },
    { from: 'Ready', event: 'deactivate', to: ['Deactivated'], note: 'owner closes it; nodes released, host refunds' },
  ],
})
