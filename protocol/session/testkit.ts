/**
 * Builders shared by the session tests (test-only; machines never import it): the documented
 * example session, a session driven to a given node count, and step/reject helpers that also
 * prove a rejected event left the state untouched.
 */
import { expect } from 'vitest'
import type { Effect } from '../core/effects.ts'
import type { Params } from '../params/spec.ts'
import { ORACLE, OWNER, ctxAt, miner } from '../testing/fixtures.ts'
import { createSession, transitionSession } from './machine.ts'
import type { NewSession, SessionEvent, SessionState, TaskSubmission } from './types.ts'

/** The doc example `("My Session", "Metadata", signer, 1, 3, 1, 0, 0, false, 0, 0, 300, 5)`, with model 9 as in the app. */
export const DOC_EXAMPLE: NewSession = {
  sessionId: 3,
  owner: OWNER,
  name: 'My Session',
  metadata: 'Metadata',
  variableAddress: OWNER,
  minNumOfNodes: 1,
  maxNumOfNodes: 3,
  redundant: 1,
  numOfValidatorNodes: 0,
  mode: 0,
  reserveEphemeralNodes: false,
  sla: 0,
  modelIdentifier: 9,
  reservePeriodMs: 300_000,
  maxTaskExecutionCount: 5,
}

export const SUBMISSION: TaskSubmission = {
  nodeType: 0,
  taskData: 'What is 2+2?',
  promptType: 1,
  promptTemplate: '',
  llmParams: [1024, 70, 100, 40, 100, 0, 0],
  requestParams: [90, 0, 0, 0, 0, 0],
  clientReference: 'ref-1',
}

export function newSession(params: Params, overrides: Partial<NewSession> = {}, now = 0): SessionState {
  const r = createSession({ ...DOC_EXAMPLE, ...overrides }, ctxAt(now, params))
  if (!r.ok) throw new Error(`unexpected rejection ${r.code}: ${r.message}`)
  return r.state
}

export function step(state: SessionState, event: SessionEvent, params: Params, now = 10): SessionState {
  const r = transitionSession(state, event, ctxAt(now, params))
  if (!r.ok) throw new Error(`unexpected rejection ${r.code}: ${r.message}`)
  return r.state
}

export function effectsOf(state: SessionState, event: SessionEvent, params: Params, now = 10): readonly Effect[] {
  const r = transitionSession(state, event, ctxAt(now, params))
  if (!r.ok) throw new Error(`unexpected rejection ${r.code}: ${r.message}`)
  return r.effects
}

/** The rejection code of `event`, after checking the state was left exactly as it was. */
export function rejected(state: SessionState, event: SessionEvent, params: Params, now = 10): string {
  const before = JSON.stringify(state)
  const r = transitionSession(state, event, ctxAt(now, params))
  expect(JSON.stringify(state)).toBe(before)
  return r.ok ? 'accepted' : r.code
}

/** The rejection message of `event` (for tests that check the offending field is named). */
export function rejectionMessage(state: SessionState, event: SessionEvent, params: Params): string {
  const r = transitionSession(state, event, ctxAt(10, params))
  return r.ok ? 'accepted' : r.message
}

/** A session with `count` ephemeral nodes miner(1)…miner(count) assigned by the pool. */
export function withNodes(state: SessionState, count: number, params: Params): SessionState {
  const nodes = Array.from({ length: count }, (_, i) => miner(i + 1))
  return count === 0 ? state : step(state, { type: 'assignNodes', actor: ORACLE, nodes }, params)
}

export function emitted(effects: readonly Effect[]): string[] {
  return effects.map((e) => (e.kind === 'emit' ? e.event.name : e.kind))
}
