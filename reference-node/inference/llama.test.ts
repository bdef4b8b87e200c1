// Goal: the llama.cpp backend gives reproducible completions with correct token accounting, and
// fails with typed errors. Method: real inference on models/stories260K (one model loaded for the
// file, a second context opened on it); greedy output is checked against the text recorded in
// toolchain.md §3, determinism by comparing contexts and repeated calls, token counts against the
// requested limits, the streamed chunks and the model's own tokenizer; error paths with a missing,
// a non-GGUF and a truncated file. Only orderings and equalities are checked, never timings.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InferenceError } from './errors.ts'
import { buildSamplingOptions, LlamaInference, toStopReason } from './llama.ts'
import { requireModelPath, STORIES_260K_GGUF } from './model-files.ts'
import type { CompletionRequest } from './types.ts'

/** toolchain.md §3 and models/stories260K/PROVENANCE.md: greedy, 50 tokens, "Once upon a time". */
const RECORDED_GREEDY =
  ', there was a little girl named Lily. She loved to play outside in the park. One day, she saw a big, red ball. She wanted to play with it, but it'

const greedy = (prompt: string, maxTokens: number): CompletionRequest => ({ prompt, maxTokens, temperature: 0, topP: 1, topK: 40, seed: 1 })
const sampled = (seed: number): CompletionRequest => ({ prompt: 'Once upon a time', maxTokens: 40, temperature: 0.8, topP: 0.95, topK: 40, seed })

let inference: LlamaInference
let second: LlamaInference
let scratch: string

beforeAll(async () => {
  requireModelPath(STORIES_260K_GGUF, 'stories260K (the test model)')
  inference = await LlamaInference.load({ modelPath: STORIES_260K_GGUF })
  second = await inference.openContext()
  scratch = mkdtempSync(join(tmpdir(), 'ctb-llama-'))
})

afterAll(async () => {
  await second?.dispose()
  await inference?.dispose()
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true })
})

describe('LlamaInference completions', () => {
  it('greedy output matches the recorded text and repeats across calls and contexts', async () => {
    const first = await inference.complete(greedy('Once upon a time', 50))
    expect(first.text).toBe(RECORDED_GREEDY)
    expect(first.stopReason).toBe('maxTokens')
    expect((await inference.complete(greedy('Once upon a time', 50))).text).toBe(first.text)
    expect((await second.complete(greedy('Once upon a time', 50))).text).toBe(first.text)
  })

  it('a shorter greedy answer is a prefix of a longer one', async () => {
    const long = await inference.complete(greedy('Tom had a red car', 30))
    const short = await inference.complete(greedy('Tom had a red car', 10))
    expect(long.text.startsWith(short.text)).toBe(true)
    expect(short.text.length).toBeLessThan(long.text.length)
  })

  it('sampling with a seed repeats across contexts, and another seed changes the text', async () => {
    const a = await inference.complete(sampled(7))
    expect((await second.complete(sampled(7))).text).toBe(a.text)
    expect((await inference.complete(sampled(7))).text).toBe(a.text)
    const other = await inference.complete(sampled(8))
    expect(other.text).not.toBe(a.text)
  })

  it('penalties reach the sampler: a frequency penalty changes the greedy text', async () => {
    const plain = await inference.complete(greedy('Once upon a time', 50))
    const penalised = await inference.complete({ ...greedy('Once upon a time', 50), frequencyPenalty: 1, presencePenalty: 0.5 })
    expect(penalised.text).not.toBe(plain.text)
  })

  it('counts exactly maxTokens output tokens and the prompt as the model reads it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 24 }), fc.constantFrom('Once upon a time', 'A dog', 'Lily and Ben went to the park'), async (maxTokens, prompt) => {
        let streamed = ''
        const result = await inference.complete(greedy(prompt, maxTokens), { onTextChunk: (chunk) => (streamed += chunk) })
        expect(result.outputTokens).toBe(maxTokens)
        expect(result.stopReason).toBe('maxTokens')
        expect(streamed).toBe(result.text)
        expect(result.promptTokens).toBe(inference.countPromptTokens(prompt))
        expect(result.inferenceMs).toBeGreaterThan(0)
      }),
      { seed: 260, numRuns: 12 },
    )
  })

  it('prompt tokens grow with the prompt and include the beginning-of-text token', () => {
    const short = inference.countPromptTokens('Once upon a time')
    expect(inference.countPromptTokens('Once upon a time there was a dog')).toBeGreaterThan(short)
    expect(inference.countPromptTokens('')).toBe(1)
  })
})

describe('LlamaInference limits and concurrency', () => {
  it('stops with contextFull when the context fills before maxTokens', async () => {
    let prompt = ''
    while (inference.countPromptTokens(prompt + 'The cat sat on the mat. ') < inference.contextSize - 8) prompt += 'The cat sat on the mat. '
    const promptTokens = inference.countPromptTokens(prompt)
    const result = await inference.complete(greedy(prompt, 50))
    expect(result.promptTokens).toBe(promptTokens)
    expect(result.stopReason).toBe('contextFull')
    expect(result.outputTokens).toBe(inference.contextSize - promptTokens)
  })

  it('refuses a prompt that fills the context, and keeps working afterwards', async () => {
    const prompt = 'The cat sat on the mat. '.repeat(80)
    expect(inference.countPromptTokens(prompt)).toBeGreaterThanOrEqual(inference.contextSize)
    await expect(inference.complete(greedy(prompt, 5))).rejects.toMatchObject({ code: 'PromptTooLong' })
    expect((await inference.complete(greedy('Once upon a time', 50))).text).toBe(RECORDED_GREEDY)
  })

  it('serialises concurrent calls on one context: each result equals its sequential run', async () => {
    const prompts = ['Once upon a time', 'A dog', 'Tom had a red car']
    const sequential = []
    for (const p of prompts) sequential.push((await inference.complete(greedy(p, 20))).text)
    const concurrent = await Promise.all(prompts.map((p) => inference.complete(greedy(p, 20))))
    expect(concurrent.map((r) => r.text)).toEqual(sequential)
  })

  it('an abort stops the generation and returns the text so far', async () => {
    const controller = new AbortController()
    let chunks = 0
    const result = await inference.complete(greedy('Once upon a time', 50), {
      signal: controller.signal,
      onTextChunk: () => {
        if (++chunks === 3) controller.abort()
      },
    })
    expect(result.stopReason).toBe('aborted')
    expect(result.outputTokens).toBeLessThan(50)
    expect(RECORDED_GREEDY.startsWith(result.text)).toBe(true)
    const before = await inference.complete(greedy('Once upon a time', 5), { signal: AbortSignal.abort() })
    expect(before).toMatchObject({ text: '', outputTokens: 0, stopReason: 'aborted' })
  })

  it('rejects a bad request with InvalidRequest before touching the model', async () => {
    await expect(inference.complete({ ...greedy('x', 5), seed: -1 })).rejects.toMatchObject({ code: 'InvalidRequest' })
    await expect(inference.complete({ ...greedy('x', 0) })).rejects.toBeInstanceOf(InferenceError)
  })
})

describe('LlamaInference loading and disposal', () => {
  it('a missing model file is ModelNotFound naming the path and the pull command', async () => {
    const path = join(scratch, 'absent.gguf')
    const error = await LlamaInference.load({ modelPath: path }).catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'InferenceError', code: 'ModelNotFound', path })
    expect((error as Error).message).toContain(path)
    expect((error as Error).message).toContain('models:pull')
  })

  it('a file that is not GGUF, or a truncated GGUF, is ModelLoadFailed naming the path', async () => {
    const notGguf = join(scratch, 'text.gguf')
    writeFileSync(notGguf, 'this is not a model\n'.repeat(20))
    const truncated = join(scratch, 'truncated.gguf')
    writeFileSync(truncated, readFileSync(STORIES_260K_GGUF).subarray(0, 600_000))
    for (const path of [notGguf, truncated]) {
      const error = await LlamaInference.load({ modelPath: path }).catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'ModelLoadFailed', path })
      expect((error as Error).message).toContain(path)
    }
  })

  it('rejects bad options with InvalidOptions', async () => {
    await expect(LlamaInference.load({ modelPath: STORIES_260K_GGUF, contextSize: 0 })).rejects.toMatchObject({ code: 'InvalidOptions' })
    await expect(LlamaInference.load({ modelPath: STORIES_260K_GGUF, threads: 1.5 })).rejects.toMatchObject({ code: 'InvalidOptions' })
    await expect(LlamaInference.load({ modelPath: STORIES_260K_GGUF, maxThreads: 0 })).rejects.toMatchObject({ code: 'InvalidOptions' })
    await expect(LlamaInference.load({ modelPath: STORIES_260K_GGUF, penaltyLastTokens: -1 })).rejects.toMatchObject({ code: 'InvalidOptions' })
  })

  it('disposing one context leaves the other working; a disposed backend refuses work', async () => {
    const third = await inference.openContext()
    await third.dispose()
    await third.dispose()
    await expect(third.complete(greedy('A dog', 5))).rejects.toMatchObject({ code: 'Disposed' })
    expect(() => third.countPromptTokens('A dog')).toThrow(InferenceError)
    await expect(third.openContext()).rejects.toMatchObject({ code: 'Disposed' })
    expect((await inference.complete(greedy('Once upon a time', 50))).text).toBe(RECORDED_GREEDY)
  })
})

describe('sampling options and stop reasons', () => {
  it('sets every sampling option from the request', () => {
    const options = buildSamplingOptions({ prompt: 'p', maxTokens: 9, temperature: 0.7, topP: 0.9, topK: 33, seed: 5, presencePenalty: 0.25 }, 64)
    expect(options).toEqual({
      maxTokens: 9,
      temperature: 0.7,
      topK: 33,
      topP: 0.9,
      minP: 0,
      seed: 5,
      trimWhitespaceSuffix: false,
      repeatPenalty: { lastTokens: 64, penalty: 1, presencePenalty: 0.25, frequencyPenalty: 0, penalizeNewLine: false },
    })
  })

  it('maps node-llama-cpp stop reasons', () => {
    expect(toStopReason('maxTokens', 10, 10)).toBe('maxTokens')
    expect(toStopReason('maxTokens', 4, 10)).toBe('contextFull')
    expect(toStopReason('abort', 4, 10)).toBe('aborted')
    expect(toStopReason('eogToken', 4, 10)).toBe('endOfText')
    expect(toStopReason('customStopTrigger', 4, 10)).toBe('endOfText')
    expect(() => toStopReason('somethingNew' as never, 4, 10)).toThrow(/stop reason/)
  })
})
