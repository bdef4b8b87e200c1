// Goal: defaults are valid and complete; every kind of bad value is reported with its path and the
// allowed range; overrides load from JSON (amounts as strings, numbers or #bigint) and unknown
// keys are errors, never ignored. Method: table of bad inputs and the exact messages.
import { describe, expect, it } from 'vitest'
import { PARAM_PATHS, PARAM_SPECS } from './spec.ts'
import { defaultParams, formatParamErrors, getParam, loadParams, validateParams, withParam } from './validate.ts'

function messages(input: unknown): string[] {
  const r = loadParams(input)
  return r.ok ? [] : r.errors.map((e) => e.message)
}

describe('parameters', () => {
  it('has valid defaults covering every catalog entry, each with provenance', () => {
    const r = validateParams(defaultParams())
    expect(r.ok).toBe(true)
    for (const path of PARAM_PATHS) {
      expect(getParam(defaultParams(), path)).toBe(PARAM_SPECS[path].default)
      expect(PARAM_SPECS[path].source.length).toBeGreaterThan(0)
    }
  })

  it('reports the documented example error for redundant 0', () => {
    expect(messages({ session: { redundant: 0 } })).toEqual(['session.redundant: 0 is below minimum 1'])
  })

  it.each([
    [{ userTask: { ackDeadlineMs: 1.5 } }, 'userTask.ackDeadlineMs: 1.5 is not an integer'],
    [{ userTask: { ackDeadlineMs: 'soon' } }, "userTask.ackDeadlineMs: expected a number (ms), got 'soon'"],
    [{ poi: { cosineThreshold: 2 } }, 'poi.cosineThreshold: 2 is above maximum 1'],
    [{ commitReveal: { scheme: 'sha' } }, "commitReveal.scheme: 'sha' is not one of 'minerBound', 'plain'"],
    [{ selection: { minStake: -1 } }, 'selection.minStake: expected an amount in wei (bigint or decimal string), got number -1'],
    [{ bogus: {} }, expect.stringContaining('bogus: unknown parameter group')],
    [{ session: { colour: 1 } }, 'session.colour: unknown parameter'],
    [{ session: 3 }, 'session: expected an object of parameters, got number 3'],
    [{ session: { minNumOfNodes: 5, maxNumOfNodes: 4 } }, 'session.minNumOfNodes: 5 exceeds session.maxNumOfNodes 4'],
    [{ payments: { minerShareBps: 9000 } }, 'payments.minerShareBps: payment shares sum to 11000 bps, must be exactly 10000'],
  ])('rejects %j', (input, message) => {
    expect(messages(input)).toContainEqual(message)
  })

  it('loads amounts from strings, safe integers and #bigint', () => {
    for (const v of ['5', 5, { '#bigint': '5' }]) {
      const r = loadParams({ selection: { minStake: v } })
      expect(r.ok && r.params.selection.minStake).toBe(5n)
    }
  })

  it('rejects non-object inputs and missing fields', () => {
    expect(messages([])).toEqual(['(root): parameter overrides must be an object, got an array'])
    const r = validateParams(null)
    expect(r.ok).toBe(false)
    const partial = JSON.parse(JSON.stringify({ session: {} }))
    expect(validateParams(partial).ok).toBe(false)
    const missing = withParam(defaultParams(), 'session.redundant', undefined as never)
    const out = validateParams(missing)
    expect(out.ok ? '' : formatParamErrors(out.errors)).toContain('session.redundant: is missing')
  })

  it('reports every cross-field rule', () => {
    expect(messages({ session: { redundant: 4 } })).toContain('session.redundant: 4 exceeds session.maxNumOfNodes 3')
    expect(messages({ session: { reservePeriodMs: 90_000_000 } })[0]).toMatch(/exceeds session.maxReservePeriodMs/)
    expect(messages({ session: { maxTaskExecutionCount: 5000 } })[0]).toMatch(/exceeds session.maxTaskExecutionCountCap/)
    expect(messages({ networkTask: { minCompleters: 9 } })[0]).toMatch(/exceeds networkTask.completers/)
    expect(messages({ reputation: { weightCommit: 0.5 } })[0]).toMatch(/reputation weights sum/)
    expect(messages({ oracle: { graceMs: 60_000 } })[0]).toMatch(/must be below oracle.windowMs/)
  })
})
