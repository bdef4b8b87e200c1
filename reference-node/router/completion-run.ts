/**
 * Running one completion against the backend and answering in a given format, streamed (SSE) or
 * not. Shared by `/api/v1/completions`, `/v1/completions` and `/v1/chat/completions`.
 *
 * One AbortSignal ends the backend's work for every reason the answer is no longer wanted: the
 * request's `timeout` passed (504), the router is closing (503), the client hung up, or a stream's
 * client reads too slowly. The router does not wait for an aborted backend call to settle.
 *
 * A stream commits to status 200 only with its first event (a token, or a heartbeat comment when
 * the miners are slow), so a request refused before any output — unknown session, no miners,
 * backend down — still gets its proper status code and JSON error.
 */
import type { Address } from '../../protocol/core/types.ts'
import type { CompletionInput, CompletionOutcome, TokenChunk } from './backend.ts'
import type { CompletionFormat } from './completion-format.ts'
import { AbortReason, callBackend, toHttpError, type RequestContext } from './context.ts'
import { RouterHttpError } from './errors.ts'
import { SseWriter, sendError, sendJson } from './http-io.ts'

export async function runCompletion(ctx: RequestContext, input: CompletionInput, format: CompletionFormat, stream: boolean): Promise<void> {
  const { core, res } = ctx
  if (core.activeCompletions >= core.options.maxConcurrentCompletions) {
    throw new RouterHttpError('Overloaded', `${core.activeCompletions} completions are running, the most this router takes`, { headers: { 'Retry-After': '1' } })
  }
  core.activeCompletions++
  const controller = new AbortController()
  const abort = (kind: AbortReason['kind']): void => {
    if (!controller.signal.aborted) controller.abort(new AbortReason(kind))
  }
  const onClose = (): void => {
    if (!res.writableFinished) abort('clientGone')
  }
  const onShutdown = (): void => abort('shutdown')
  res.on('close', onClose)
  core.shutdown.signal.addEventListener('abort', onShutdown)
  const timer = setTimeout(() => abort('timeout'), input.timeoutMs)
  const sse = stream ? new SseWriter(res, ctx.headers) : undefined
  const streamed = { minerAddress: null as Address | null, text: '', opened: false }
  const open = (): void => {
    if (sse === undefined || streamed.opened) return
    streamed.opened = true
    for (const event of format.opening()) sse.send(event)
  }
  const onToken = (chunk: TokenChunk): void => {
    if (sse === undefined || controller.signal.aborted) return
    // One miner's tokens only: interleaving two miners' text would make a stream no miner wrote.
    if (streamed.minerAddress === null) {
      streamed.minerAddress = chunk.minerAddress
      open()
    } else if (chunk.minerAddress !== streamed.minerAddress) return
    streamed.text += chunk.text
    if (!sse.send(format.chunk(chunk.text))) abort('slowClient')
  }
  try {
    if (sse !== undefined) sse.startHeartbeat(core.options.sseHeartbeatMs)
    const outcome = await raceAbort(
      callBackend(() => core.backend.submitCompletion(input, { onToken, signal: controller.signal })),
      controller.signal,
    )
    checkSucceeded(outcome)
    if (sse === undefined) {
      sendJson(res, 200, format.body(outcome), ctx.headers)
      return
    }
    open()
    const consistent = streamed.minerAddress !== null && streamed.text === outcome.task.result?.text
    for (const event of format.closing(outcome, { minerAddress: streamed.minerAddress, consistent })) sse.send(event)
    sse.done()
  } catch (error) {
    const httpError = toHttpError(error)
    if (controller.signal.reason instanceof AbortReason && controller.signal.reason.kind === 'clientGone') return
    if (sse?.started === true) sse.fail(httpError.toBody())
    else sendError(res, httpError, ctx.headers)
  } finally {
    clearTimeout(timer)
    res.off('close', onClose)
    core.shutdown.signal.removeEventListener('abort', onShutdown)
    core.activeCompletions--
    sse?.end()
  }
}

/** A task that ended without a result is the backend's failure to deliver: 502 TaskFailed. */
function checkSucceeded(outcome: CompletionOutcome): void {
  const task = outcome.task
  if (task.outcome === 'success' && task.result !== null) return
  throw new RouterHttpError('TaskFailed', `task ${task.taskId} of session ${task.sessionId} ended without a result (${task.failureReason ?? 'no result'})`, {
    details: { session_id: task.sessionId, task_id: task.taskId, failure_reason: task.failureReason },
  })
}

/** Settles with `promise`, or rejects with the signal's reason as soon as it is aborted. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  // The losing promise must not surface later as an unhandled rejection.
  promise.catch(() => undefined)
  if (signal.aborted) return Promise.reject(signal.reason as Error)
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error as Error)
      },
    )
  })
}
