// Goal: the router's own checks on the chain's record hold: a revealed text is hashed again with
// its salt under the chain's scheme and a tampered text, salt or precommit is caught; the answer
// is the valid, verified result closest to the centre; sessions and tasks are rendered from chain
// state; finish reasons follow the miner's stop reason or, without one, the token count.
// Method: task and session states built by hand with real hashes (protocol/core/commit), fast-check
// for the hash check over random texts and salts.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { computePrecommitHash, type Hex32 } from '../../protocol/core/commit.ts'
import type { Address } from '../../protocol/core/types.ts'
import { defaultParams, withParam } from '../../protocol/params/validate.ts'
import type { SessionState } from '../../protocol/session/types.ts'
import type { MinerSlot, TaskState } from '../../protocol/task/types.ts'
import type { TaskInput } from '../chain/types.ts'
import type { MinerTaskResult } from './backend.ts'
import type { WsMinerReport } from './chain-backend-task.ts'
import { describeSession, describeTask, pickResult, verifySlot } from './chain-backend-views.ts'

const params = defaultParams()
const A = '0x00000000000000000000000000000000000000a1' as Address
const B = '0x00000000000000000000000000000000000000b2' as Address
const C = '0x00000000000000000000000000000000000000c3' as Address
const SALT = `0x${'5a'.repeat(32)}` as Hex32

function revealed(miner: Address, result: string, state: MinerSlot['state'], similarity: number | null, scheme: 'minerBound' | 'plain' = 'minerBound'): MinerSlot {
  return {
    miner, state, ackedAtMs: 1000, precommitHash: computePrecommitHash(scheme, { miner, sessionId: 2, taskId: 5, salt: SALT, result }), precommitAtMs: 2000,
    result, salt: SALT, committedAtMs: 3000, outputTokens: 4, similarity,
  }
}

function taskWith(miners: MinerSlot[], outcome: TaskState['outcome']): TaskState {
  return {
    sessionId: 2, taskId: 5, gid: 9, status: 'Ended', phaseSeq: 6, phaseDeadlineMs: null, createdAtMs: 500, updatedAtMs: 4000, finishedAtMs: 4000, redundant: miners.length,
    quorum: 2, modelId: 7, maxTokens: 4, escrow: 0n, router: null, miners, excluded: [], reassignments: 0, validatedBy: null, outcome,
  }
}

const INPUT: TaskInput = { sessionId: 2, taskId: 5, nodeType: 0, taskData: 'Once upon a time', promptType: 1, promptTemplate: '', llmParams: [4, 70, 95, 40, 0, 0, 0], requestParams: [], clientReference: 'ref-1' }

function report(stopReason: 'maxTokens' | 'endOfText'): WsMinerReport {
  return { ackedAtMs: 1, tokens: 2, result: { text: 'x', dataHash: SALT, promptTokens: 6, outputTokens: 3, inferenceMs: 12.5, stopReason, atMs: 2 }, declined: null, gone: false }
}

describe('verifySlot', () => {
  it('accepts an honest reveal and catches any tampered text, salt or precommit, under both schemes', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), fc.constantFrom('minerBound' as const, 'plain' as const), (text, extra, scheme) => {
        const slot = revealed(A, text, 'Valid', 1, scheme)
        expect(verifySlot(slot, 2, 5, scheme)).toEqual({ calculatedHash: slot.precommitHash, hashVerified: true })
        expect(verifySlot({ ...slot, result: text + extra }, 2, 5, scheme).hashVerified).toBe(false)
        if (scheme === 'minerBound') {
          expect(verifySlot({ ...slot, salt: `0x${'00'.repeat(32)}` }, 2, 5, scheme).hashVerified).toBe(false)
          expect(verifySlot(slot, 2, 6, scheme).hashVerified).toBe(false)
        }
      }),
      { seed: 20240611, numRuns: 60 },
    )
  })

  it('has nothing to say before the reveal, and no verdict without a precommit', () => {
    const slot = revealed(A, 'x', 'Valid', 1)
    expect(verifySlot({ ...slot, result: null, salt: null }, 2, 5, 'minerBound')).toEqual({ calculatedHash: null, hashVerified: null })
    expect(verifySlot({ ...slot, precommitHash: null }, 2, 5, 'minerBound').hashVerified).toBeNull()
  })
})

describe('pickResult', () => {
  const base = { address: A, state: 'Valid', response: 't', dataHash: null, calculatedHash: null, hashVerified: true, ackedAtMs: null, precommitAtMs: null, committedAtMs: null, inferenceMs: null, promptTokens: null, outputTokens: null } as const
  const m = (similarity: number, extra: Partial<MinerTaskResult> = {}): MinerTaskResult => ({ ...base, poi: { verdict: 'valid', similarity }, ...extra })

  it('takes the highest similarity, the first on ties, and skips outliers, unverified and missing texts', () => {
    expect(pickResult([m(0.9), m(0.95), m(0.95)])).toBe(1)
    expect(pickResult([m(0.99, { poi: { verdict: 'outlier', similarity: 0.99 } }), m(0.9)])).toBe(1)
    expect(pickResult([m(0.99, { hashVerified: false }), m(0.9)])).toBe(1)
    expect(pickResult([m(0.99, { response: null }), m(0.9, { hashVerified: null })])).toBe(-1)
    expect(pickResult([])).toBe(-1)
  })
})

describe('describeTask', () => {
  it('reports every miner, verified hashes, PoI verdicts, WebSocket facts and the answer', () => {
    const slots = [revealed(A, 'the end', 'Valid', 0.97), revealed(B, 'the end.', 'Valid', 0.99), revealed(C, 'zzz', 'Outlier', 0.2)]
    const task = taskWith(slots, { result: 'success', validMiners: [A, B], charge: 1n })
    const { info, finishReason } = describeTask(task, INPUT, new Map([[B, report('maxTokens')]]), params)
    expect(info.result).toEqual({ minerAddress: B, text: 'the end.' })
    expect(info.outcome).toBe('success')
    expect(info.prompt).toBe('Once upon a time')
    expect(info.clientReference).toBe('ref-1')
    expect(info.llm).toEqual({ maxTokens: 4, temperature: 0.7, topP: 0.95, topK: 40, presencePenalty: 0, frequencyPenalty: 0 })
    expect(info.miners.map((x) => [x.hashVerified, x.poi?.verdict])).toEqual([[true, 'valid'], [true, 'valid'], [true, 'outlier']])
    expect(info.miners[1]).toMatchObject({ promptTokens: 6, inferenceMs: 12.5, outputTokens: 4, dataHash: slots[1]!.precommitHash })
    expect(info.miners[0]).toMatchObject({ promptTokens: null, inferenceMs: null })
    expect(finishReason).toBe('length')
  })

  it('never answers with a text whose hash does not match, and says why a failed task failed', () => {
    const tampered = { ...revealed(A, 'honest', 'Valid', 0.99), result: 'tampered' }
    const ok = revealed(B, 'honest', 'Valid', 0.98)
    const succeeded = describeTask(taskWith([tampered, ok], { result: 'success', validMiners: [A, B], charge: 1n }), INPUT, undefined, params)
    expect(succeeded.info.result?.minerAddress).toBe(B)
    expect(succeeded.info.miners[0]!.hashVerified).toBe(false)
    const failed = describeTask(taskWith([ok], { result: 'failed', reason: 'noConsensus' }), null, undefined, params)
    expect([failed.info.outcome, failed.info.failureReason, failed.info.result, failed.info.prompt, failed.info.clientReference]).toEqual(['failed', 'noConsensus', null, '', null])
    expect(failed.info.llm.maxTokens).toBe(4)
  })

  it('says length from the stop reason when a miner reported one, else from the token count', () => {
    const slot = revealed(A, 'abc', 'Valid', 1)
    const task = taskWith([slot], { result: 'success', validMiners: [A], charge: 1n })
    expect(describeTask(task, INPUT, new Map([[A, report('endOfText')]]), params).finishReason).toBe('stop')
    expect(describeTask(task, INPUT, undefined, params).finishReason).toBe('length')
    expect(describeTask(taskWith([{ ...slot, outputTokens: 2 }], task.outcome), INPUT, undefined, params).finishReason).toBe('stop')
  })

  it('uses the chain scheme: a plain-scheme task verifies under plain params', () => {
    const plain = withParam(params, 'commitReveal.scheme', 'plain')
    const task = taskWith([revealed(A, 'abc', 'Valid', 1, 'plain')], { result: 'success', validMiners: [A], charge: 1n })
    expect(describeTask(task, INPUT, undefined, plain).info.miners[0]!.hashVerified).toBe(true)
    expect(describeTask(task, INPUT, undefined, params).info.miners[0]!.hashVerified).toBe(false)
  })
})

describe('describeSession', () => {
  it('renders the chain session with its nodes and model', () => {
    const s: SessionState = {
      sessionId: 3, status: 'Ready', owner: A, ephemeralNodes: [B], dedicatedNodes: [C], routers: [], nextTaskId: 4, createdAtMs: 10, updatedAtMs: 20, deactivatedAtMs: null,
      config: { name: 's', metadata: '', variableAddress: A, minNumOfNodes: 1, maxNumOfNodes: 2, redundant: 2, numOfValidatorNodes: 0, mode: 2, reserveEphemeralNodes: false, sla: 0, modelIdentifier: 7, reservePeriodMs: 1, maxTaskExecutionCount: 1 },
    }
    expect(describeSession(s, { name: 'm', contextTokens: 256 })).toEqual({
      sessionId: 3, name: 's', owner: A, status: 'Ready', modelId: 7, modelName: 'm', redundant: 2, minNumOfNodes: 1, maxNumOfNodes: 2, mode: 2, nodes: [C, B], contextTokens: 256, taskCount: 4, createdAtMs: 10,
    })
  })
})
