/**
 * Tasks the fake backend has pushed to WebSocket miners and is waiting on. A pushed task expects,
 * from that miner and for that task: `ack` within the ack timeout, then `token`s (streamed when
 * the miner is the task's first) and one `result` within the precommit timeout. Anything else —
 * an unknown task, tokens before the ack, a second ack — is answered with an error code, as the
 * real backend would refuse it. A miner that goes away, errors or runs out of time keeps what it
 * had done (e.g. acked, no result), which the task then reports as timed out.
 */
import { assertNever } from '../../protocol/core/result.ts'
import type { Address } from '../../protocol/core/types.ts'
import type { MinerAdmission, TokenChunk } from './backend.ts'
import { createEmptyRun, type FakeAssignee, type FakeTaskPlan, type MinerRun } from './fake-task.ts'
import type { MinerMessage } from './ws-schema.ts'

interface Pending {
  readonly address: Address
  acked: boolean
  onAck(atMs: number): void
  onToken(text: string): void
  onResult(message: Extract<MinerMessage, { type: 'result' }>, atMs: number): void
  stop(): void
}

export class RemoteTasks {
  private readonly pending = new Map<string, Pending>()

  constructor(
    private readonly nowMs: () => number,
    private readonly ackTimeoutMs: number,
  ) {}

  /** Tasks waiting on a miner now. */
  get size(): number {
    return this.pending.size
  }

  /** Pushes the task to the miner and waits for its ack and result (or a timeout, abort, or error). */
  run(miner: Extract<FakeAssignee, { kind: 'remote' }>, plan: FakeTaskPlan, onToken: ((chunk: TokenChunk) => void) | undefined, signal: AbortSignal): Promise<MinerRun> {
    const { sessionId, taskId, input } = plan
    const sent = miner.link.send({
      type: 'task', sessionId, taskId, prompt: input.prompt, promptType: input.promptType, promptTemplate: input.promptTemplate,
      llmParams: input.llmParams, precommitTimeoutMs: input.precommitTimeoutMs, seed: plan.seed,
    })
    if (!sent) return Promise.resolve(createEmptyRun(miner.address))
    const key = keyOf(sessionId, taskId, miner.address)
    return new Promise<MinerRun>((resolve) => {
      let run = createEmptyRun(miner.address)
      let timer = setTimeout(() => finish(), this.ackTimeoutMs)
      const finish = (): void => {
        clearTimeout(timer)
        signal.removeEventListener('abort', onAbort)
        this.pending.delete(key)
        resolve(run)
      }
      const onAbort = (): void => {
        miner.link.send({ type: 'cancel', sessionId, taskId, reason: 'the request was aborted' })
        finish()
      }
      signal.addEventListener('abort', onAbort, { once: true })
      this.pending.set(key, {
        address: miner.address,
        acked: false,
        onAck: (atMs) => {
          run = { ...run, ackedAtMs: atMs }
          clearTimeout(timer)
          timer = setTimeout(() => finish(), input.precommitTimeoutMs)
        },
        onToken: (text) => onToken?.({ minerAddress: miner.address, text }),
        onResult: (m, atMs) => {
          run = {
            ...run, precommitAtMs: atMs, committedAtMs: atMs, text: m.text, dataHash: m.dataHash, promptTokens: m.promptTokens,
            outputTokens: m.outputTokens, inferenceMs: m.inferenceMs, lengthLimited: m.stopReason === 'maxTokens' || m.stopReason === 'contextFull',
          }
          finish()
        },
        stop: finish,
      })
    })
  }

  /** Routes a miner's message to its waiting task; a refusal is sent back to the miner. */
  onMessage(minerAddress: Address, message: MinerMessage): MinerAdmission | undefined {
    const key = keyOf(message.sessionId, message.taskId, minerAddress)
    const pending = this.pending.get(key)
    if (pending === undefined) return refuse('UnknownTask', `no task ${message.sessionId}/${message.taskId} is waiting on ${minerAddress}`)
    switch (message.type) {
      case 'ack':
        if (pending.acked) return refuse('AlreadyAcked', `task ${key} was already acked`)
        pending.acked = true
        pending.onAck(this.nowMs())
        return undefined
      case 'token':
        if (!pending.acked) return refuse('NotAcked', `ack task ${key} before streaming tokens`)
        pending.onToken(message.text)
        return undefined
      case 'result':
        if (!pending.acked) return refuse('NotAcked', `ack task ${key} before sending its result`)
        pending.onResult(message, this.nowMs())
        return undefined
      case 'error':
        pending.stop()
        return undefined
      default:
        return assertNever(message, 'miner message')
    }
  }

  /** The miner's link closed: every task waiting on it ends with what it had. */
  dropMiner(minerAddress: Address): void {
    for (const pending of [...this.pending.values()]) if (pending.address === minerAddress) pending.stop()
  }
}

function keyOf(sessionId: number, taskId: number, minerAddress: Address): string {
  return `${sessionId}/${taskId}/${minerAddress}`
}

function refuse(code: string, message: string): MinerAdmission {
  return { ok: false, code, message }
}
