/**
 * What the host remembers about a live task or round beyond the protocol's state: the agents'
 * private side (each miner's answer, its embedding, how far its work got) and the timestamps the
 * latency metrics need. A record lives from submission (or request) to the end, so the host holds
 * records for live entities only; its size is bounded by the redundancy (tasks) and the completer
 * count (rounds).
 */
import type { Hex32 } from '../../protocol/core/commit.ts'

/** One assigned miner's private progress on a task. */
export class SlotWork {
  inferenceDone = false
  precommitOpen = false
  precommitSent = false
  revealOpen = false
  revealSent = false
  /** The answer's text (what it reveals) and embedding; null until inference finished. */
  result: string | null = null
  vector: number[] | null = null
  /** Its answer's similarity to the task's reference (the miner's own sense of quality). */
  quality = 0
  outputTokens = 0
  /** A copycat's copied precommit hash and the peer it copied, once it saw one. */
  copiedHash: Hex32 | null = null
  copiedFrom: SlotWork | null = null
  /** Timed out of the task at a phase end (its later news is ignored). */
  out = false

  constructor(
    readonly miner: number,
    /** The miner's crash epoch at assignment: work from an earlier life is lost. */
    readonly epoch: number,
  ) {}
}

export class TaskRecord {
  slots: SlotWork[] = []
  hasCopycat = false
  /** Phase timestamps for latencies (-1 until reached). */
  assignedAtMs = -1
  ackedAtMs = -1
  precommittedAtMs = -1
  committedAtMs = -1
  validatedAtMs = -1
  /** The oracle's last duty for this task: which oracle, phase sequence, kind and when (no duplicate sends). */
  dutyOracle = -1
  dutySeq = -1
  dutyKind = ''
  dutyAtMs = Number.NEGATIVE_INFINITY
  /** A notice to the leader is on its way (one at a time). */
  dutyNoticePending = false
  /** Per colluding group: the shared wrong answer, drawn when the group first needs it. */
  collusion: (Float64Array | undefined)[] | null = null

  /** Known once the submission is included: the world's key and the session's task id. */
  key = ''
  taskId = -1
  queuedAtMs = -1

  constructor(
    readonly sessionId: number,
    readonly client: number,
    readonly submittedAtMs: number,
    /** The embedding of a correct answer (the prompt's ground truth). */
    readonly reference: Float64Array,
    readonly maxTokens: number,
    /** Index of the session's model in the inference model. */
    readonly modelIndex: number,
  ) {}

  findSlot(miner: number): number {
    for (let i = 0; i < this.slots.length; i++) if (this.slots[i]!.miner === miner) return i
    return -1
  }
}

/** One participant's private progress on a round (creator, preparer or completer). */
export class RoundWork {
  done = false
  precommitOpen = false
  precommitSent = false
  revealOpen = false
  revealSent = false
  completion: string | null = null
  vector: number[] | null = null

  constructor(
    readonly miner: number,
    readonly epoch: number,
  ) {}
}

export class RoundRecord {
  readonly completers = new Map<number, RoundWork>()
  dutyOracle = -1
  dutySeq = -1
  dutyKind = ''
  dutyAtMs = Number.NEGATIVE_INFINITY
  dutyNoticePending = false
  collusion: (Float64Array | undefined)[] | null = null

  /** Known once the request is included. */
  roundId = -1

  constructor(
    readonly requestedAtMs: number,
    readonly reference: Float64Array,
    /** Requested during genesis (miners picked among those not yet in the pool). */
    readonly genesis: boolean,
  ) {}
}
