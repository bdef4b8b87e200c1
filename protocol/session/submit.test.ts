// Goal: task submission (who may submit, what is validated, what the host is asked to queue) and
// the llmParams/requestParams decoding, including every rejection path.
// Method: submit to a Ready session built from the documented example and inspect the emitted
// TaskSubmitted and the enqueueTask effect; decode hand-written llmParams arrays at and beyond
// each bound; a rejected submission must leave the session unchanged (checked by `rejected`).
import { describe, expect, it } from 'vitest'
import type { TaskRequest } from '../core/effects.ts'
import { ORACLE, OWNER, ROUTER, miner, paramsWith } from '../testing/fixtures.ts'
import { decodeLlmParams } from './llm.ts'
import { effectsOf, newSession, rejected, step, SUBMISSION, withNodes } from './testkit.ts'
import type { SessionState, TaskSubmission } from './types.ts'

const params = paramsWith()

function ready(mode: 0 | 1 | 2 = 0): SessionState {
  let s = newSession(params, { mode, redundant: 2 })
  s = step(s, { type: 'addRouter', actor: OWNER, router: ROUTER, metadata: 'r' }, params)
  if (mode === 1) return step(s, { type: 'addDedicatedNode', actor: OWNER, node: miner(1) }, params)
  return withNodes(s, 1, params)
}

function submit(over: Partial<TaskSubmission> = {}, actor = OWNER) {
  return { type: 'submit' as const, actor, ...SUBMISSION, ...over }
}

function enqueued(state: SessionState, actor = OWNER, over: Partial<TaskSubmission> = {}): TaskRequest {
  const effect = effectsOf(state, submit(over, actor), params).find((e) => e.kind === 'enqueueTask')
  if (effect?.kind !== 'enqueueTask') throw new Error('no enqueueTask effect')
  return effect.task
}

describe('session: submit', () => {
  it('gives the owner\'s task the next id, no router, and the session\'s redundancy and model', () => {
    const s = ready()
    const effects = effectsOf(s, submit(), params)
    expect(effects[0]).toEqual({ kind: 'emit', event: { name: 'TaskSubmitted', args: { sessionId: 3, taskId: 0, taskData: 'What is 2+2?', clientReference: 'ref-1' } } })
    expect(enqueued(s)).toEqual({
      sessionId: 3,
      taskId: 0,
      redundant: 2,
      modelId: 9,
      maxTokens: 1024,
      router: null,
      nodeType: 0,
      taskData: 'What is 2+2?',
      promptType: 1,
      promptTemplate: '',
      llmParams: [1024, 70, 100, 40, 100, 0, 0],
      requestParams: [90, 0, 0, 0, 0, 0],
      clientReference: 'ref-1',
    })
    const after = step(s, submit(), params)
    expect(after.nextTaskId).toBe(1)
    expect(after.status).toBe('Ready')
    expect(enqueued(after).taskId).toBe(1)
  })

  it('records a registered router as the task\'s router', () => {
    expect(enqueued(ready(), ROUTER).router).toBe(ROUTER)
  })

  it('takes maxTokens from llmParams, or session.defaultMaxTokens when it is empty', () => {
    const s = ready()
    const viaParams = effectsOf(s, submit({ llmParams: [4096] }), params).find((e) => e.kind === 'enqueueTask')
    expect(viaParams).toMatchObject({ task: { maxTokens: 4096 } })
    const p = paramsWith({ 'session.defaultMaxTokens': 333 })
    const viaDefault = effectsOf(s, submit({ llmParams: [] }), p).find((e) => e.kind === 'enqueueTask')
    expect(viaDefault).toMatchObject({ task: { maxTokens: 333 } })
  })

  it('accepts nodeType 1 in Dedicated and both node types in Hybrid mode', () => {
    expect(enqueued(ready(1), OWNER, { nodeType: 1 }).nodeType).toBe(1)
    const hybrid = ready(2)
    expect(step(step(hybrid, submit({ nodeType: 1 }), params), submit({ nodeType: 0 }), params).nextTaskId).toBe(2)
  })

  it('rejects submitters that are neither the owner nor a registered router, including a removed router', () => {
    const s = ready()
    expect(rejected(s, submit({}, miner(50)), params)).toBe('NotRouter')
    const removed = step(s, { type: 'removeRouter', actor: OWNER, router: ROUTER }, params)
    expect(rejected(removed, submit({}, ROUTER), params)).toBe('NotRouter')
  })

  it('rejects a node type the mode does not serve', () => {
    expect(rejected(ready(0), submit({ nodeType: 1 }), params)).toBe('WrongSessionMode')
    expect(rejected(ready(1), submit({ nodeType: 0 }), params)).toBe('WrongSessionMode')
  })

  const p = params.session
  const malformed: [string, Partial<TaskSubmission>][] = [
    ['nodeType 2', { nodeType: 2 }],
    ['empty taskData', { taskData: '' }],
    ['taskData over the byte cap', { taskData: 'x'.repeat(p.maxTaskDataBytes + 1) }],
    ['taskData not a string', { taskData: 5 as never }],
    ['negative promptType', { promptType: -1 }],
    ['promptTemplate over the byte cap', { promptTemplate: 'x'.repeat(p.maxPromptTemplateBytes + 1) }],
    ['clientReference over the byte cap', { clientReference: 'x'.repeat(p.maxClientReferenceBytes + 1) }],
    ['maxTokens above session.maxTokensCap', { llmParams: [p.maxTokensCap + 1] }],
    ['too many requestParams', { requestParams: new Array(p.maxParamEntries + 1).fill(0) }],
    ['negative requestParams entry', { requestParams: [90, -1] }],
  ]
  for (const [name, over] of malformed) {
    it(`rejects ${name} as MalformedEvent`, () => {
      expect(rejected(ready(), submit(over), params)).toBe('MalformedEvent')
    })
  }

  it('is not possible while Created (WrongPhase)', () => {
    expect(rejected(newSession(params), submit(), params)).toBe('WrongPhase')
    expect(rejected(newSession(params), { type: 'assignNodes', actor: ORACLE, nodes: [miner(1), miner(1)] }, params)).toBe('DuplicateMiner')
  })
})

describe('decodeLlmParams', () => {
  it('decodes the app encoding ×100 into fractions', () => {
    expect(decodeLlmParams([1024, 70, 100, 40, 100, 0, 0], params)).toEqual({
      ok: true,
      llm: { maxTokens: 1024, temperature: 0.7, topP: 1, topK: 40, presencePenalty: 1, frequencyPenalty: 0 },
    })
    expect(decodeLlmParams([4096, 0, 95, 0, 0, 150, 123456789], params)).toEqual({
      ok: true,
      llm: { maxTokens: 4096, temperature: 0, topP: 0.95, topK: 0, presencePenalty: 0, frequencyPenalty: 1.5 },
    })
  })

  it('fills missing trailing entries with the documented fallbacks', () => {
    expect(decodeLlmParams([], params)).toEqual({
      ok: true,
      llm: { maxTokens: params.session.defaultMaxTokens, temperature: 0.7, topP: 1, topK: 40, presencePenalty: 0, frequencyPenalty: 0 },
    })
    expect(decodeLlmParams([64, 20], params)).toMatchObject({ ok: true, llm: { maxTokens: 64, temperature: 0.2, topP: 1 } })
  })

  const bad: [string, readonly number[], string][] = [
    ['maxTokens 0', [0], 'maxTokens'],
    ['maxTokens above the cap', [params.session.maxTokensCap + 1], 'maxTokens'],
    ['temperature above 2.0', [1, 201], 'temperature'],
    ['topP above 1.0', [1, 70, 101], 'topP'],
    ['topK above 1000', [1, 70, 100, 1001], 'topK'],
    ['presence penalty above 2.0', [1, 70, 100, 40, 201], 'presencePenalty'],
    ['frequency penalty above 2.0', [1, 70, 100, 40, 0, 201], 'frequencyPenalty'],
    ['a negative entry', [1, -5], 'llmParams[1]'],
    ['a fractional entry', [1.5], 'llmParams[0]'],
    ['a non-number entry', ['7' as never], 'llmParams[0]'],
    ['too many entries', new Array(params.session.maxParamEntries + 1).fill(1), 'session.maxParamEntries'],
    ['not a list', 'x' as never, 'list'],
  ]
  for (const [name, value, field] of bad) {
    it(`rejects ${name}, naming ${field}`, () => {
      const r = decodeLlmParams(value, params)
      expect(r.ok).toBe(false)
      if (r.ok) return
      expect(r.code).toBe('MalformedEvent')
      expect(r.message).toContain(field)
    })
  }
})
