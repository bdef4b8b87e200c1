/**
 * Builders for the node tests (test-only; the machine never imports this): parameters with small
 * eligibility thresholds, a step function that fails loudly on a rejection, and nodes driven to
 * each status through real events.
 */
import type { Effect } from '../core/effects.ts'
import type { Address } from '../core/types.ts'
import type { ParamPath, Params } from '../params/spec.ts'
import { ctxAt, miner, paramsWith } from '../testing/fixtures.ts'
import { transitionNode } from './machine.ts'
import { createNode } from './state.ts'
import type { NodeEvent, NodeState } from './types.ts'

export const NODE: Address = miner(1)
export const OTHER: Address = miner(2)
export const MODEL = 7

/** Defaults, except eligibility after 3 rounds in the window with a 2-success trailing streak. */
export function nodeParams(overrides: Partial<Record<ParamPath, number | bigint | string>> = {}): Params {
  return paramsWith({ 'eligibility.minAttempts': 3, 'eligibility.minSuccessRate': 0.5, 'eligibility.minConsecutiveSuccesses': 2, ...overrides })
}

export function step(state: NodeState, event: NodeEvent, nowMs: number, params: Params): NodeState {
  const r = transitionNode(state, event, ctxAt(nowMs, params))
  if (!r.ok) throw new Error(`unexpected rejection ${r.code}: ${r.message}`)
  return r.state
}

export function effectsOf(state: NodeState, event: NodeEvent, nowMs: number, params: Params): readonly Effect[] {
  const r = transitionNode(state, event, ctxAt(nowMs, params))
  if (!r.ok) throw new Error(`unexpected rejection ${r.code}: ${r.message}`)
  return r.effects
}

/** The rejection code of `event`, or 'accepted'. */
export function rejectionOf(state: NodeState, event: NodeEvent, nowMs: number, params: Params): string {
  const r = transitionNode(state, event, ctxAt(nowMs, params))
  return r.ok ? 'accepted' : r.code
}

/** Names of the emitted events, in order; other effects by kind. */
export function namesOf(effects: readonly Effect[]): string[] {
  return effects.map((e) => (e.kind === 'emit' ? e.event.name : e.kind))
}

export function registeredNode(params: Params, nowMs = 0, models: readonly number[] = [MODEL]): NodeState {
  return step(createNode(NODE, ctxAt(nowMs, params)), { type: 'register', actor: NODE, models }, nowMs, params)
}

/** Sends successful cognitive rounds `firstRound`, … at 1 ms steps from `nowMs`. */
export function passRounds(state: NodeState, count: number, firstRound: number, nowMs: number, params: Params): NodeState {
  let s = state
  for (let i = 0; i < count; i++) s = step(s, { type: 'cognitiveOutcome', roundId: firstRound + i, success: true }, nowMs + i, params)
  return s
}

/** A node in the pool: registered at 0, three successful rounds at 1..3 ms. */
export function availableNode(params: Params): NodeState {
  return passRounds(registeredNode(params), 3, 1, 1, params)
}

export function reservedNode(params: Params, sessionId = 1, reservePeriodMs = 1000, maxTaskExecutionCount = 2, nowMs = 10): NodeState {
  return step(availableNode(params), { type: 'reserve', sessionId, reservePeriodMs, maxTaskExecutionCount }, nowMs, params)
}
