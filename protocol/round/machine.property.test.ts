// Goal: over random event sequences, (1) a rejection leaves the round exactly as it was and names
// a known code, (2) an accepted event moves the status only along a row of ROUND_TABLE and never
// mutates its input, (3) nothing is accepted after End, and (4) once the round ends every
// participant (each creator, preparer and completer) gets exactly one cognitiveOutcome and every
// completer exactly one End stat.
// Method: fast-check generates commands (event type, an index into a small pool of miners, a time
// step, a "well-formed" bit); each command is turned into an event against the current state, so
// roughly half the events are plausible and the round gets far. States are deep-frozen, so any
// mutation throws. Every sequence is closed by a forced end far in the future. A tally checks that
// the generator reaches every status and completes some rounds, so the property is not vacuous.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Effect } from '../core/effects.ts'
import { findRow } from '../core/machine.ts'
import { REJECTION_CODES } from '../core/result.ts'
import type { Address } from '../core/types.ts'
import { ORACLE, ctxAt, miner, paramsWith, salt } from '../testing/fixtures.ts'
import { requestRound, transitionRound } from './machine.ts'
import { ROUND_TABLE } from './table.ts'
import { roundHashFor } from './testkit.ts'
import { ROUND_EVENT_TYPES, type RoundEvent, type RoundState, type RoundStatus } from './types.ts'

const POOL: readonly Address[] = Array.from({ length: 9 }, (_, i) => miner(i + 1))
const STEPS_MS = [0, 1, 500, 5_000, 20_000, 40_000, 100_000] as const

interface Command {
  /** Index into the event types the table allows in the current status, or into all of them when `anyType`. */
  readonly type: number
  readonly anyType: boolean
  readonly who: number
  readonly stepMs: number
  readonly wellFormed: boolean
}

const commandArb: fc.Arbitrary<Command> = fc.record({
  type: fc.nat(ROUND_EVENT_TYPES.length - 1),
  anyType: fc.nat(4).map((v) => v === 0),
  who: fc.nat(POOL.length - 1),
  // Mostly short steps, so phases are often finished in time; sometimes long ones, so deadlines pass.
  stepMs: fc.oneof({ arbitrary: fc.constantFrom(0, 1, 500), weight: 4 }, { arbitrary: fc.constantFrom(...STEPS_MS), weight: 1 }),
  wellFormed: fc.boolean(),
})

function eventTypeOf(state: RoundState, c: Command): (typeof ROUND_EVENT_TYPES)[number] {
  // 'end' is allowed everywhere; offered less often so that rounds get far before ending.
  const allowed = ROUND_TABLE.rows.filter((r) => r.from === state.status && (r.event !== 'end' || c.who % 4 === 0)).map((r) => r.event)
  if (c.anyType || allowed.length === 0) return ROUND_EVENT_TYPES[c.type]!
  return allowed[c.type % allowed.length]!
}

const paramsArb = fc.record({
  overlap: fc.constantFrom('exclusive', 'shared'),
  scheme: fc.constantFrom('minerBound', 'plain'),
  minCompleters: fc.integer({ min: 1, max: 3 }),
  reassignments: fc.integer({ min: 0, max: 2 }),
})

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}

function saltFor(who: Address): `0x${string}` {
  return salt(POOL.indexOf(who) + 1)
}

/** Turns a command into an event against `state`: the right actor and payload when well formed. */
function toEvent(state: RoundState, c: Command, params: ReturnType<typeof paramsWith>): RoundEvent {
  const type = eventTypeOf(state, c)
  const pick = POOL[c.who]!
  // A well-formed miner action comes from the first completer still due to act in this phase.
  const due = state.status === 'Start' ? 'Selected' : 'Precommitted'
  const slot = state.completers.find((s) => s.state === due) ?? state.completers[c.who % Math.max(1, state.completers.length)]
  const completer = c.wellFormed && slot !== undefined ? slot.miner : pick
  switch (type) {
    case 'create':
      return { type, actor: c.wellFormed ? state.creators.at(-1)! : pick, domain: c.wellFormed ? 'topic' : '', subdomain: 'sub' }
    case 'requestNextCreator':
      return { type, actor: ORACLE, creator: pick }
    case 'assignPreparer':
    case 'requestNextPreparer':
      return { type, actor: ORACLE, preparer: pick }
    case 'prepare': {
      const count = c.wellFormed ? params.networkTask.maxPrompts : c.who % params.networkTask.maxPrompts
      return { type, actor: c.wellFormed ? (state.preparers.at(-1) ?? pick) : pick, challenges: Array.from({ length: count }, (_, i) => `q${i}`) }
    }
    case 'start': {
      const n = params.networkTask.completers
      const completers = Array.from({ length: n }, (_, i) => POOL[(c.who + (c.wellFormed ? i : 0)) % POOL.length]!)
      return { type, actor: ORACLE, completers }
    }
    case 'precommit':
      return { type, actor: completer, hash: roundHashFor(params, completer, saltFor(completer), `answer ${completer}`, state.roundId) }
    case 'commit':
      return { type, actor: completer, completion: c.wellFormed ? `answer ${completer}` : 'copied', salt: saltFor(completer) }
    case 'validate': {
      const revealed = state.completers.filter((s) => s.state === 'Committed')
      const judged = c.wellFormed ? revealed : revealed.slice(1)
      return { type, actor: ORACLE, verdicts: judged.map((s, i) => ({ miner: s.miner, verdict: (c.who + i) % 3 === 0 ? 'outlier' : 'valid', similarity: 0.5 })) }
    }
    case 'endPrecommit':
    case 'endCommit':
      return { type, actor: ORACLE }
    case 'end':
      return { type, actor: ORACLE, forceEnd: c.wellFormed || c.who % 2 === 0 }
  }
}

function participantsOf(state: RoundState): Set<Address> {
  return new Set([...state.creators, ...state.preparers, ...state.completers.map((s) => s.miner)])
}

describe('round machine properties', () => {
  it('keeps rejections inert, moves along the table and reports every participant exactly once', () => {
    const visited = new Set<RoundStatus>()
    let completedRuns = 0
    fc.assert(
      fc.property(paramsArb, fc.array(commandArb, { minLength: 1, maxLength: 60, size: 'max' }), (pa, commands) => {
        const params = paramsWith({
          'networkTask.roleOverlap': pa.overlap,
          'networkTask.commitScheme': pa.scheme,
          'networkTask.completers': 3,
          'networkTask.minCompleters': pa.minCompleters,
          'networkTask.maxPrompts': 2,
          'networkTask.maxCreatorReassignments': pa.reassignments,
          'networkTask.maxPreparerReassignments': pa.reassignments,
        })
        const opened = requestRound({ roundId: 3, actor: ORACLE, creator: POOL[0]! }, ctxAt(0, params))
        if (!opened.ok) throw new Error(opened.message)
        let state = deepFreeze(opened.state)
        let nowMs = 0
        const effects: Effect[] = [...opened.effects]
        const apply = (event: RoundEvent): boolean => {
          const before = JSON.stringify(state)
          const r = transitionRound(state, event, ctxAt(nowMs, params))
          if (!r.ok) {
            expect(REJECTION_CODES).toContain(r.code)
            expect(JSON.stringify(state)).toBe(before)
            return false
          }
          expect(state.status).not.toBe('End')
          expect(findRow(ROUND_TABLE, state.status, event.type)?.to).toContain(r.state.status)
          if (r.state.status !== 'End') expect(r.effects.some((e) => e.kind === 'cognitiveOutcome')).toBe(false)
          effects.push(...r.effects)
          state = deepFreeze(r.state)
          visited.add(state.status)
          return true
        }
        for (const c of commands) {
          nowMs += c.stepMs
          apply(toEvent(state, c, params))
        }
        if (state.status !== 'End') {
          nowMs += 10 ** 9
          expect(apply({ type: 'end', actor: ORACLE, forceEnd: true })).toBe(true)
        }
        if (state.outcome?.result === 'completed') completedRuns++
        const outcomeCount = new Map<Address, number>()
        for (const e of effects) if (e.kind === 'cognitiveOutcome') outcomeCount.set(e.node, (outcomeCount.get(e.node) ?? 0) + 1)
        expect([...outcomeCount.keys()].sort()).toEqual([...participantsOf(state)].sort())
        for (const count of outcomeCount.values()) expect(count).toBe(1)
        for (const slot of state.completers) {
          expect(effects.filter((e) => e.kind === 'stat' && e.metric === 'End' && e.node === slot.miner)).toHaveLength(1)
        }
      }),
      { seed: 4242, numRuns: 400 },
    )
    expect([...visited].sort()).toEqual(['Commit', 'Create', 'End', 'Precommit', 'Prepare', 'Request', 'Start'])
    expect(completedRuns).toBeGreaterThan(0)
  })
})
