/**
 * User session (SessionV2) state and events.
 *
 * Status order for a Solidity enum: Created=0, Ready=1, Deactivated=2. Funding is not here: the
 * payments ledger holds a session's money, and the session never does. Per-session lists (nodes,
 * routers) are bounded by `maxNumOfNodes` and `session.maxRouters`, so a session's size does not
 * grow with the number of tasks it serves.
 */
import type { Address, Ms, SessionId } from '../core/types.ts'

export const SESSION_STATUSES = ['Created', 'Ready', 'Deactivated'] as const
export type SessionStatus = (typeof SESSION_STATUSES)[number]

/**
 * Session modes, by their ABI number (§15.12 interpretation; only 0 is documented):
 * 0 Ephemeral — pool nodes only; 1 Dedicated — the owner's dedicated nodes only;
 * 2 Hybrid — both (hosts prefer dedicated nodes and fall back to ephemeral ones).
 */
export const SESSION_MODES = ['Ephemeral', 'Dedicated', 'Hybrid'] as const
export type SessionModeName = (typeof SESSION_MODES)[number]
export type SessionMode = 0 | 1 | 2

/** ABI `nodeType` of a submitted task and `assignmentType` of node events. */
export const NODE_TYPE_EPHEMERAL = 0
export const NODE_TYPE_DEDICATED = 1

/** The owner-chosen fields of a session, as `create` takes them (reservePeriod in ms here). */
export interface SessionConfig {
  readonly name: string
  readonly metadata: string
  readonly variableAddress: Address
  readonly minNumOfNodes: number
  readonly maxNumOfNodes: number
  /** Miners per task. */
  readonly redundant: number
  readonly numOfValidatorNodes: number
  readonly mode: SessionMode
  /** Whether the pool should reserve ephemeral nodes for the session up front (read by the pool). */
  readonly reserveEphemeralNodes: boolean
  /** Requested node level tier, 0..levels.max (the pool picks the nearest level). */
  readonly sla: number
  readonly modelIdentifier: number
  readonly reservePeriodMs: Ms
  readonly maxTaskExecutionCount: number
}

/** Input of `createSession`: the config plus who owns it and the id the host allocated. */
export interface NewSession extends SessionConfig {
  readonly sessionId: SessionId
  readonly owner: Address
}

export interface RouterEntry {
  readonly address: Address
  readonly metadata: string
}

export interface SessionState {
  readonly sessionId: SessionId
  readonly status: SessionStatus
  readonly owner: Address
  readonly config: SessionConfig
  /** Pool nodes reserved for the session, in assignment order. */
  readonly ephemeralNodes: readonly Address[]
  /** Nodes the owner added; together with ephemeral nodes they never exceed maxNumOfNodes. */
  readonly dedicatedNodes: readonly Address[]
  readonly routers: readonly RouterEntry[]
  /** Id the next submitted task receives (task ids are per session, starting at 0). */
  readonly nextTaskId: number
  readonly createdAtMs: Ms
  readonly updatedAtMs: Ms
  readonly deactivatedAtMs: Ms | null
}

/** The fields `update` may change (the ABI's 8-argument update, minus the session id). */
export interface SessionUpdate {
  readonly name: string
  readonly metadata: string
  readonly minNumOfNodes: number
  readonly maxNumOfNodes: number
  readonly redundant: number
  readonly numOfValidatorNodes: number
  readonly mode: SessionMode
}

/** The ABI's submit arguments, minus the session id. */
export interface TaskSubmission {
  /** 0 ephemeral, 1 dedicated; must fit the session's mode. */
  readonly nodeType: number
  readonly taskData: string
  readonly promptType: number
  readonly promptTemplate: string
  /** [maxTokens, temperature×100, topP×100, topK, presencePenalty×100, frequencyPenalty×100, reserved…] */
  readonly llmParams: readonly number[]
  readonly requestParams: readonly number[]
  readonly clientReference: string
}

export type SessionEvent =
  | { readonly type: 'addRouter'; readonly actor: Address; readonly router: Address; readonly metadata: string }
  | { readonly type: 'removeRouter'; readonly actor: Address; readonly router: Address }
  /** From the pool/oracle; whether the actor may assign is checked by the caller (it knows the pool). */
  | { readonly type: 'assignNodes'; readonly actor: Address; readonly nodes: readonly Address[] }
  /** An ephemeral node leaves (reservation over, node quit); the caller authorises the actor. */
  | { readonly type: 'releaseNode'; readonly actor: Address; readonly node: Address }
  | { readonly type: 'addDedicatedNode'; readonly actor: Address; readonly node: Address }
  | { readonly type: 'removeDedicatedNode'; readonly actor: Address; readonly node: Address }
  | ({ readonly type: 'submit'; readonly actor: Address } & TaskSubmission)
  | ({ readonly type: 'update'; readonly actor: Address } & SessionUpdate)
  | { readonly type: 'updateOwner'; readonly actor: Address; readonly newOwner: Address }
  | { readonly type: 'deactivate'; readonly actor: Address }

export type SessionEventType = SessionEvent['type']

export const SESSION_EVENT_TYPES: readonly SessionEventType[] = [
  'addRouter',
  'removeRouter',
  'assignNodes',
  'releaseNode',
  'addDedicatedNode',
  'removeDedicatedNode',
  'submit',
  'update',
  'updateOwner',
  'deactivate',
]

/** Decoded `llmParams` (§4.3 app encoding: values ×100 become fractions). */
export interface LlmParams {
  readonly maxTokens: number
  readonly temperature: number
  readonly topP: number
  readonly topK: number
  readonly presencePenalty: number
  readonly frequencyPenalty: number
}
