// Goal: the replayer accepts a faithful vector and reports every kind of divergence — a changed
// post-state, effect, rejection code, outcome, chaining, initial state, machine or parameters, and
// a machine that throws — naming the step and the first differing field; the decoder refuses
// text that is not a vector.
// Method: take a real oracle vector (small, every step kind), change one thing at a time through
// its JSON form, and inspect the mismatches.
import { describe, expect, it } from 'vitest'
import { parseJson, stringifyJson } from '../core/json.ts'
import { oracleDriver } from './drivers/oracle.ts'
import { exploreMachine } from './explore.ts'
import { DEFAULT_VECTOR_SEED } from './machines.ts'
import { decodeVector, encodeVector, replayVector, type AnyVector } from './replay.ts'

const driver = oracleDriver as unknown as Parameters<typeof replayVector>[0]
const { vectors } = exploreMachine(oracleDriver, { seed: DEFAULT_VECTOR_SEED, walks: 40, maxSteps: 30 })
// The longest vector has accepted and rejected steps alike.
const base = [...vectors].sort((a, b) => b.steps.length - a.steps.length)[0] as AnyVector

/** A deep copy of the base vector, as JSON data to edit. */
function editable(): any {
  return JSON.parse(encodeVector(base))
}

function replayEdited(edited: unknown): ReturnType<typeof replayVector> {
  return replayVector(driver, decodeVector(JSON.stringify(edited)))
}

const accepted = base.steps.findIndex((s) => s.expect.ok && s.expect.effects.length > 0)
const rejected = base.steps.findIndex((s) => !s.expect.ok)

describe('replayVector', () => {
  it('finds nothing wrong with a faithful vector', () => {
    expect(accepted).toBeGreaterThanOrEqual(0)
    expect(rejected).toBeGreaterThanOrEqual(0)
    expect(replayVector(driver, base)).toEqual([])
  })

  it('names the step and the first field where a post-state differs', () => {
    const v = editable()
    v.steps[accepted].expect.post.leaderActiveAtMs += 1
    const mismatches = replayEdited(v)
    expect(mismatches[0]).toMatchObject({ vector: base.name, step: accepted })
    expect(mismatches[0]!.message).toMatch(/^post-state differs at \$\.leaderActiveAtMs: got \d+, expected \d+$/)
    // The next step's pre no longer follows from this post: the chain is reported too.
    if (accepted + 1 < base.steps.length) expect(mismatches.some((m) => m.step === accepted + 1 && m.message.includes('steps must chain'))).toBe(true)
  })

  it('reports changed effects, codes and outcomes', () => {
    const effects = editable()
    effects.steps[accepted].expect.effects.pop()
    expect(replayEdited(effects).map((m) => m.message)).toEqual([expect.stringMatching(/^effects differs at \$\[\d+\]: got .*, expected nothing$/)])

    const code = editable()
    const actual = code.steps[rejected].expect.code
    code.steps[rejected].expect.code = 'NotOwner'
    expect(replayEdited(code)).toEqual([{ vector: base.name, step: rejected, message: `expected rejection NotOwner, got ${actual}` }])

    const outcome = editable()
    outcome.steps[rejected].expect = { ok: true, post: outcome.steps[rejected].pre, effects: [] }
    expect(replayEdited(outcome)[0]!.message).toMatch(new RegExp(`^expected acceptance, got rejection ${actual}: `))

    const refused = editable()
    refused.steps[accepted].expect = { ok: false, code: 'NotOracle' }
    expect(replayEdited(refused).map((m) => m.message)).toContain('expected rejection NotOracle, the machine accepted')
  })

  it('checks the initial state against the constructor, the machine name and the parameters', () => {
    const initial = editable()
    initial.initial.input = [`0x${'ff'.repeat(20)}`]
    expect(replayEdited(initial)[0]).toMatchObject({ step: null, message: expect.stringMatching(/^initial state differs at /) })

    const other = editable()
    other.machine = 'task'
    expect(replayEdited(other)).toEqual([{ vector: base.name, step: null, message: "vector is for machine 'task', not 'oracle'" }])

    const params = editable()
    params.params = { 'oracle.graceMs': 10 ** 9 }
    expect(replayEdited(params)[0]!.message).toMatch(/^invalid vector parameters: oracle\.graceMs/)
  })

  it('reports a machine or constructor that throws instead of crashing', () => {
    const throwing = {
      ...driver,
      create: () => {
        throw new Error('boom at create')
      },
      transition: () => {
        throw new Error('boom at step')
      },
    }
    const messages = replayVector(throwing, base).map((m) => m.message)
    expect(messages[0]).toBe('the constructor threw on the recorded input: boom at create')
    expect(messages).toContain('the machine threw: boom at step')
  })
})

describe('decodeVector', () => {
  it('round-trips a vector with its bigints', () => {
    const text = encodeVector(base)
    expect(text.endsWith('}\n')).toBe(true)
    expect(stringifyJson(decodeVector(text))).toBe(stringifyJson(parseJson(text)))
  })

  it.each([
    ['[]', 'not a JSON object'],
    ['{"format":"ctb-vector/2"}', 'format is "ctb-vector/2", expected ctb-vector/1'],
    ['{"format":"ctb-vector/1","machine":3}', "field 'machine' is missing or not a string"],
    ['{"format":"ctb-vector/1","machine":"x","name":"y"}', "field 'params' is missing"],
    ['{"format":"ctb-vector/1","machine":"x","name":"y","params":{}}', "field 'initial' is missing"],
    ['{"format":"ctb-vector/1","machine":"x","name":"y","params":{},"initial":{},"steps":{}}', "field 'steps' is missing or not a list"],
  ])('refuses %s', (text, message) => {
    expect(() => decodeVector(text)).toThrow(message)
  })
})
