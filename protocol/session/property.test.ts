// Goal: whatever events arrive, in any order, a session keeps its invariants: Ready exactly when
// its nodes reach minNumOfNodes, never more than maxNumOfNodes nodes, no node twice, node kinds
// that fit the mode, a bounded router list, one task id per accepted submission, and no
// transition ever mutates the state it was given.
// Method: fast-check generates sequences of events from small pools of actors and nodes (so
// collisions and rejections are frequent); every state is deep-frozen, so a mutation throws.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ORACLE, OWNER, ROUTER, ctxAt, miner, paramsWith } from '../testing/fixtures.ts'
import type { Address } from '../core/types.ts'
import { transitionSession } from './machine.ts'
import { getSessionNodeCount } from './state.ts'
import { SUBMISSION, newSession } from './testkit.ts'
import type { SessionEvent, SessionState } from './types.ts'

const params = paramsWith({ 'session.maxRouters': 2 })
const actors: Address[] = [OWNER, OWNER, ROUTER, ORACLE, miner(1)]
const nodes: Address[] = [1, 2, 3, 4, 5].map(miner)

const actor = fc.constantFrom(...actors)
const node = fc.constantFrom(...nodes)
const eventArb: fc.Arbitrary<SessionEvent> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ type: fc.constant('assignNodes' as const), actor, nodes: fc.array(node, { minLength: 1, maxLength: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('releaseNode' as const), actor, node }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('addDedicatedNode' as const), actor, node }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('removeDedicatedNode' as const), actor, node }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('addRouter' as const), actor, router: fc.constantFrom(ROUTER, ORACLE, miner(7)), metadata: fc.constant('m') }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('removeRouter' as const), actor, router: fc.constantFrom(ROUTER, ORACLE) }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('submit' as const), actor, nodeType: fc.constantFrom(0, 1) }).map((e) => ({ ...SUBMISSION, ...e })) },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('update' as const),
      actor,
      name: fc.constant('n'),
      metadata: fc.constant(''),
      minNumOfNodes: fc.integer({ min: 1, max: 4 }),
      maxNumOfNodes: fc.integer({ min: 1, max: 5 }),
      redundant: fc.integer({ min: 1, max: 5 }),
      numOfValidatorNodes: fc.constant(0),
      mode: fc.constantFrom(0 as const, 1 as const, 2 as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('updateOwner' as const), actor, newOwner: fc.constantFrom(OWNER, miner(1)) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('deactivate' as const), actor }) },
)

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}

function checkInvariants(s: SessionState, submitted: number): void {
  const all = [...s.ephemeralNodes, ...s.dedicatedNodes]
  expect(new Set(all).size).toBe(all.length)
  expect(all.length).toBeLessThanOrEqual(s.config.maxNumOfNodes)
  if (s.status !== 'Deactivated') expect(s.status).toBe(getSessionNodeCount(s) >= s.config.minNumOfNodes ? 'Ready' : 'Created')
  else expect(all).toEqual([])
  if (s.config.mode === 0) expect(s.dedicatedNodes).toEqual([])
  if (s.config.mode === 1) expect(s.ephemeralNodes).toEqual([])
  expect(s.routers.length).toBeLessThanOrEqual(params.session.maxRouters)
  expect(new Set(s.routers.map((r) => r.address)).size).toBe(s.routers.length)
  expect(s.config.redundant).toBeLessThanOrEqual(s.config.maxNumOfNodes)
  expect(s.nextTaskId).toBe(submitted)
}

describe('session invariants under arbitrary event sequences', () => {
  it('hold after every event, accepted or rejected, and no input state is mutated', () => {
    fc.assert(
      fc.property(fc.constantFrom(0 as const, 1 as const, 2 as const), fc.array(eventArb, { maxLength: 40 }), (mode, events) => {
        let s = deepFreeze(newSession(params, { mode, minNumOfNodes: 2, maxNumOfNodes: 4 }))
        let submitted = 0
        for (const [i, event] of events.entries()) {
          const r = transitionSession(s, event, ctxAt(i, params))
          if (r.ok) {
            if (event.type === 'submit') {
              expect(s.status).toBe('Ready')
              submitted++
            }
            s = deepFreeze(r.state)
          }
          checkInvariants(s, submitted)
        }
      }),
      { seed: 20240611, numRuns: 300 },
    )
  })
})
