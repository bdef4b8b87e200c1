// Goal: the selection view — each reason a node is not selectable (§15.8: model, level, stake,
// pool status, liveness, ban), the dedicated and own-reservation exceptions, and the candidate
// record. Method: nodes driven to each case with real events; one requirement changed at a time.
import { describe, expect, it } from 'vitest'
import { COR } from '../core/types.ts'
import { OWNER, ctxAt } from '../testing/fixtures.ts'
import { computeReputationScore } from '../reputation/stats.ts'
import { checkSelectable, isSelectable, toSelectionCandidate, type SelectionRequirement } from './selection.ts'
import { createNode } from './state.ts'
import { MODEL, NODE, availableNode, nodeParams, registeredNode, reservedNode, step } from './testkit.ts'

const params = nodeParams()
const need: SelectionRequirement = { modelId: MODEL, minLevel: 0, stake: params.selection.minStake }

describe('checkSelectable', () => {
  const pooled = availableNode(params)

  it('accepts a pooled, online node that serves the model at the level with the stake', () => {
    expect(checkSelectable(pooled, need, 10, params)).toBeNull()
    expect(isSelectable(pooled, need, 10, params)).toBe(true)
  })

  it('names the first requirement not met', () => {
    expect(checkSelectable(createNode(NODE, ctxAt(0, params)), need, 10, params)).toBe('NotRegistered')
    expect(checkSelectable(step(pooled, { type: 'ban', actor: OWNER }, 5, params), need, 10, params)).toBe('NodeBanned')
    expect(checkSelectable(pooled, need, 3 * params.node.pingIntervalMs + 3, params)).toBe('NodeOffline')
    expect(checkSelectable(reservedNode(params), need, 10, params)).toBe('NodeReserved')
    expect(checkSelectable(registeredNode(params), need, 10, params)).toBe('NodeNotAvailable')
    expect(checkSelectable(pooled, { ...need, modelId: MODEL + 1 }, 10, params)).toBe('ModelNotServed')
    expect(checkSelectable(pooled, { ...need, minLevel: pooled.reputation.level.level + 1 }, 10, params)).toBe('LevelTooLow')
    expect(checkSelectable(pooled, { ...need, stake: params.selection.minStake - 1n }, 10, params)).toBe('StakeTooLow')
    expect(isSelectable(pooled, { ...need, stake: 0n }, 10, params)).toBe(false)
  })

  it('lets a session pick its dedicated node outside the pool, but not when banned or offline', () => {
    const dedicated = step(registeredNode(params), { type: 'addDedicated', actor: OWNER, sessionId: 9 }, 5, params)
    expect(checkSelectable(dedicated, { ...need, sessionId: 9 }, 10, params)).toBeNull()
    expect(checkSelectable(dedicated, { ...need, sessionId: 8 }, 10, params)).toBe('NodeNotAvailable')
    expect(checkSelectable(dedicated, need, 10, params)).toBe('NodeNotAvailable')
    expect(checkSelectable(step(dedicated, { type: 'ban', actor: OWNER }, 6, params), { ...need, sessionId: 9 }, 10, params)).toBe('NodeBanned')
    expect(checkSelectable(dedicated, { ...need, sessionId: 9 }, 3 * params.node.pingIntervalMs, params)).toBe('NodeOffline')
    expect(checkSelectable(dedicated, { ...need, sessionId: 9, modelId: 1 }, 10, params)).toBe('ModelNotServed')
  })

  it('lets a session keep using the node it reserved', () => {
    const reserved = reservedNode(params, 4)
    expect(checkSelectable(reserved, { ...need, sessionId: 4 }, 20, params)).toBeNull()
    expect(checkSelectable(reserved, { ...need, sessionId: 5 }, 20, params)).toBe('NodeReserved')
  })
})

describe('toSelectionCandidate', () => {
  it('carries the address, the reputation score at the time, and the stake', () => {
    let node = availableNode(params)
    node = step(node, { type: 'stat', metric: 'Precommit', success: true }, 5, params)
    node = step(node, { type: 'stat', metric: 'Commit', success: false }, 5, params)
    const candidate = toSelectionCandidate(node, 12n * COR, 10, params)
    expect(candidate).toEqual({ address: NODE, reputation: computeReputationScore(node.reputation, 10, params), stake: 12n * COR })
    expect(candidate.reputation).toBeCloseTo(0.5 + 0.2 * 0.5, 12)
  })
})
