// Goal: `createSession` accepts the documented example and rejects every invalid field with
// `InvalidSessionConfig` naming that field; accepted configs always satisfy the bounds.
// Method: one table row per field and bound (each differs from the valid example in one field),
// plus a fast-check property over arbitrary integer fields checking the invariants of what is
// accepted, and UTF-8 byte-length checks against TextEncoder.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { OWNER, ctxAt, paramsWith } from '../testing/fixtures.ts'
import { computeUtf8ByteLength } from '../core/bytes.ts'
import { createSession } from './machine.ts'
import { DOC_EXAMPLE } from './testkit.ts'
import type { NewSession } from './types.ts'

const params = paramsWith()

describe('createSession', () => {
  it('creates the documented example in status Created with a SessionCreated event', () => {
    const r = createSession(DOC_EXAMPLE, ctxAt(42, params))
    if (!r.ok) throw new Error(r.message)
    expect(r.state.status).toBe('Created')
    expect(r.state.owner).toBe(OWNER)
    expect(r.state.nextTaskId).toBe(0)
    expect(r.state.createdAtMs).toBe(42)
    expect(r.state.config.reservePeriodMs).toBe(300_000)
    expect(r.state.config).not.toHaveProperty('sessionId')
    expect(r.state.config).not.toHaveProperty('owner')
    expect(r.effects).toEqual([{ kind: 'emit', event: { name: 'SessionCreated', args: { sessionId: 3, owner: OWNER, miners: [] } } }])
  })

  it('accepts the bounds themselves (min = max = redundant, sla = levels.max, caps reached)', () => {
    const r = createSession(
      {
        ...DOC_EXAMPLE,
        name: 'x'.repeat(params.session.maxNameBytes),
        minNumOfNodes: params.session.maxNodesPerSession,
        maxNumOfNodes: params.session.maxNodesPerSession,
        redundant: params.session.maxNodesPerSession,
        numOfValidatorNodes: params.session.maxValidatorNodes,
        mode: 2,
        reserveEphemeralNodes: true,
        sla: params.levels.max,
        reservePeriodMs: params.session.maxReservePeriodMs,
        maxTaskExecutionCount: params.session.maxTaskExecutionCountCap,
      },
      ctxAt(0, params),
    )
    expect(r.ok).toBe(true)
  })

  const zero = `0x${'0'.repeat(40)}` as const
  const cases: [string, Partial<NewSession>, string][] = [
    ['negative session id', { sessionId: -1 }, 'sessionId'],
    ['zero owner', { owner: zero }, 'owner'],
    ['owner not an address', { owner: '0xABC' as never }, 'owner'],
    ['empty name', { name: '' }, 'name'],
    ['name too long', { name: 'x'.repeat(params.session.maxNameBytes + 1) }, 'name'],
    ['name short in code units but too long in bytes', { name: 'é'.repeat(params.session.maxNameBytes / 2 + 1) }, 'name'],
    ['name not a string', { name: 7 as never }, 'name'],
    ['metadata too long', { metadata: 'm'.repeat(params.session.maxMetadataBytes + 1) }, 'metadata'],
    ['variableAddress in upper case', { variableAddress: `0x${'A'.repeat(40)}` as never }, 'variableAddress'],
    ['minNumOfNodes 0', { minNumOfNodes: 0 }, 'minNumOfNodes'],
    ['minNumOfNodes fractional', { minNumOfNodes: 1.5 }, 'minNumOfNodes'],
    ['maxNumOfNodes below min', { minNumOfNodes: 3, maxNumOfNodes: 2 }, 'maxNumOfNodes'],
    ['maxNumOfNodes above the cap', { maxNumOfNodes: params.session.maxNodesPerSession + 1 }, 'maxNumOfNodes'],
    ['redundant 0', { redundant: 0 }, 'redundant'],
    ['redundant above max', { redundant: 4 }, 'redundant'],
    ['too many validator nodes', { numOfValidatorNodes: params.session.maxValidatorNodes + 1 }, 'numOfValidatorNodes'],
    ['mode 3', { mode: 3 as never }, 'mode'],
    ['reserveEphemeralNodes not a boolean', { reserveEphemeralNodes: 1 as never }, 'reserveEphemeralNodes'],
    ['reserveEphemeralNodes in Dedicated mode', { mode: 1, reserveEphemeralNodes: true }, 'reserveEphemeralNodes'],
    ['sla above levels.max', { sla: params.levels.max + 1 }, 'sla'],
    ['negative modelIdentifier', { modelIdentifier: -1 }, 'modelIdentifier'],
    ['reservePeriodMs 0', { reservePeriodMs: 0 }, 'reservePeriodMs'],
    ['reservePeriodMs above the cap', { reservePeriodMs: params.session.maxReservePeriodMs + 1 }, 'reservePeriodMs'],
    ['maxTaskExecutionCount 0', { maxTaskExecutionCount: 0 }, 'maxTaskExecutionCount'],
    ['maxTaskExecutionCount above the cap', { maxTaskExecutionCount: params.session.maxTaskExecutionCountCap + 1 }, 'maxTaskExecutionCount'],
  ]
  for (const [name, override, field] of cases) {
    it(`rejects ${name}, naming ${field}`, () => {
      const r = createSession({ ...DOC_EXAMPLE, ...override }, ctxAt(0, params))
      expect(r.ok).toBe(false)
      if (r.ok) return
      expect(r.code).toBe('InvalidSessionConfig')
      expect(r.message).toContain(field)
    })
  }

  it('accepts only configs within every bound (property)', () => {
    const small = fc.integer({ min: -2, max: 12 })
    fc.assert(
      fc.property(small, small, small, small, fc.integer({ min: -1, max: 3 }), fc.boolean(), (min, max, redundant, sla, mode, reserve) => {
        const p = paramsWith({ 'session.maxNodesPerSession': 10, 'levels.max': 5 })
        const r = createSession({ ...DOC_EXAMPLE, minNumOfNodes: min, maxNumOfNodes: max, redundant, sla, mode: mode as never, reserveEphemeralNodes: reserve }, ctxAt(0, p))
        if (!r.ok) return r.code === 'InvalidSessionConfig'
        const c = r.state.config
        return (
          c.minNumOfNodes >= 1 && c.minNumOfNodes <= c.maxNumOfNodes && c.maxNumOfNodes <= 10 &&
          c.redundant >= 1 && c.redundant <= c.maxNumOfNodes && c.sla >= 0 && c.sla <= 5 &&
          [0, 1, 2].includes(c.mode) && !(c.mode === 1 && c.reserveEphemeralNodes)
        )
      }),
      { seed: 4242, numRuns: 500 },
    )
  })
})

describe('computeUtf8ByteLength', () => {
  it('counts 1-, 2-, 3- and 4-byte characters and a lone surrogate as UTF-8 does', () => {
    expect(computeUtf8ByteLength('abc')).toBe(3)
    expect(computeUtf8ByteLength('é')).toBe(2)
    expect(computeUtf8ByteLength('€')).toBe(3)
    expect(computeUtf8ByteLength('😀')).toBe(4)
    expect(computeUtf8ByteLength('\ud800x')).toBe(4)
  })

  it('matches TextEncoder on arbitrary UTF-16 strings, and stays above the limit when cut short (property)', () => {
    const encoder = new TextEncoder()
    const units = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((codes) => String.fromCharCode(...codes))
    fc.assert(
      fc.property(units, fc.integer({ min: 0, max: 100 }), (text, limit) => {
        const exact = encoder.encode(text).length
        const counted = computeUtf8ByteLength(text, limit)
        return computeUtf8ByteLength(text) === exact && (exact > limit ? counted > limit : counted === exact)
      }),
      { seed: 77, numRuns: 1000 },
    )
  })
})
