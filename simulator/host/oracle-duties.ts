/**
 * The honest oracle's duties, as `protocol/policy/oracle.ts` defines them: for a task or a round,
 * ask `getTaskDuty` / `getRoundDuty` what is owed at the oracle's own time (a skewed clock asks at
 * the wrong time), supply the input the duty needs — miners picked by the protocol's selection,
 * PoI verdicts from `computePoiOutcome` over the revealed answers' embeddings — and send it. The
 * same duty is not sent twice by one oracle within `DUTY_RETRY_MS` (a lost or slow transaction is
 * retried after that).
 */
import type { Address } from '../../protocol/core/types.ts'
import { isOnlineAt } from '../../protocol/node/liveness.ts'
import { toSelectionCandidate } from '../../protocol/node/selection.ts'
import { getNodeAccount } from '../../protocol/payments/accounts.ts'
import { computePoiOutcome } from '../../protocol/poi/validate.ts'
import type { PoiResultInput } from '../../protocol/poi/types.ts'
import { getRoundDuty, getTaskDuty } from '../../protocol/policy/oracle.ts'
import type { RoundEvent } from '../../protocol/round/types.ts'
import { selectMiners } from '../../protocol/selection/select.ts'
import type { SelectionCandidate } from '../../protocol/node/selection.ts'
import type { PoiVerdict, TaskEvent, TaskState } from '../../protocol/task/types.ts'
import { Origin } from './events.ts'
import type { SimHost } from './host.ts'
import { pickRoundMiners } from './pool.ts'
import type { RoundRecord, TaskRecord } from './records.ts'

export const DUTY_RETRY_MS = 10_000

/** Oracle `o` performs what `rec` owes it now, if anything. */
export function performTaskDuty(h: SimHost, o: number, rec: TaskRecord): void {
  const task = h.world.tasks.get(rec.key)
  if (task === undefined) return
  const duty = getTaskDuty(task, h.nowMs + h.oracles.skewMs[o]!, h.params)
  if (duty === null) return
  if (rec.dutyOracle === o && rec.dutySeq === task.phaseSeq && rec.dutyKind === duty.kind && h.nowMs - rec.dutyAtMs < DUTY_RETRY_MS) return
  const actor = h.oracles.address[o]!
  let event: TaskEvent
  switch (duty.kind) {
    case 'assign': {
      const miners = pickTaskMiners(h, o, task, duty.count)
      if (miners === null) return
      event = { type: 'assign', actor, miners }
      break
    }
    case 'endAck':
    case 'endPrecommit':
    case 'endCommit':
      event = { type: duty.kind, actor }
      break
    case 'validate':
      event = { type: 'validate', actor, verdicts: judgeTask(h, rec, task) }
      break
    case 'end':
      event = { type: 'end', actor, forceEnd: duty.forceEnd }
      break
  }
  rec.dutyOracle = o
  rec.dutySeq = task.phaseSeq
  rec.dutyKind = duty.kind
  rec.dutyAtMs = h.nowMs
  h.sendTx(h.oracleSource(o), h.oracles.region[o]!, h.oracles.rngNet[o]!, { type: 'task', sessionId: rec.sessionId, taskId: rec.taskId, event }, Origin.duty, o, rec, null)
}

/**
 * `count` of the session's nodes by the protocol's weighted selection (`selectMiners`), among
 * those online and not excluded from this task; null when there are too few.
 */
function pickTaskMiners(h: SimHost, o: number, task: TaskState, count: number): Address[] | null {
  const session = h.world.sessions.get(task.sessionId)
  if (session === undefined) return null
  const now = h.nowMs
  const candidates: SelectionCandidate[] = []
  const add = (address: Address): void => {
    const node = h.world.nodes.get(address)
    if (node === undefined || node.status.kind === 'Banned' || !isOnlineAt(node, now, h.params) || task.excluded.includes(address)) return
    candidates.push(toSelectionCandidate(node, getNodeAccount(h.world.nodeAccounts, address).stake, now, h.params))
  }
  for (const a of session.ephemeralNodes) add(a)
  for (const a of session.dedicatedNodes) add(a)
  if (candidates.length < count) return null
  const picked = selectMiners(candidates, count, h.oracles.rngWork[o]!, h.params)
  return picked.ok ? [...picked.miners] : null
}

/** PoI over the revealed answers: each revealer's embedding, as the miner produced (or copied) it. */
function judgeTask(h: SimHost, rec: TaskRecord, task: TaskState): PoiVerdict[] {
  const results: PoiResultInput[] = []
  for (const slot of task.miners) {
    if (slot.state !== 'Committed') continue
    const work = rec.slots[rec.findSlot(h.minerIndex(slot.miner))]
    results.push({ miner: slot.miner, vector: work?.vector ?? fallbackVector(h, rec) })
  }
  const outcome = computePoiOutcome({ results, quorum: task.quorum }, h.params)
  return outcome.ok ? [...outcome.outcome.verdicts] : []
}

/** A reveal the host has no embedding for (never expected): judged as a random answer. */
function fallbackVector(h: SimHost, rec: TaskRecord): number[] {
  h.embeddings.writeResult(h.collusionRng, 'random', rec.reference, h.embedScratch)
  return Array.from(h.embedScratch)
}

/** Oracle `o` performs what round `rec` owes it now, if anything. */
export function performRoundDuty(h: SimHost, o: number, rec: RoundRecord): void {
  const round = h.world.rounds.get(rec.roundId)
  if (round === undefined) return
  const duty = getRoundDuty(round, h.nowMs + h.oracles.skewMs[o]!, h.params)
  if (duty === null) return
  if (rec.dutyOracle === o && rec.dutySeq === round.phaseSeq && rec.dutyKind === duty.kind && h.nowMs - rec.dutyAtMs < DUTY_RETRY_MS) return
  const actor = h.oracles.address[o]!
  const taken = [...round.creators, ...round.preparers]
  let event: RoundEvent
  switch (duty.kind) {
    case 'requestNextCreator':
    case 'assignPreparer':
    case 'requestNextPreparer': {
      const [miner] = pickRoundMiners(h, o, round.roundId, 1, taken)
      if (miner === undefined) event = { type: 'end', actor, forceEnd: true }
      else if (duty.kind === 'requestNextCreator') event = { type: duty.kind, actor, creator: miner }
      else event = { type: duty.kind, actor, preparer: miner }
      break
    }
    case 'start': {
      const completers = pickRoundMiners(h, o, round.roundId, duty.count, taken)
      if (completers.length === duty.count) {
        event = { type: 'start', actor, completers }
        break
      }
      // Prepare waits on the oracle alone, so it may give up at once when the network is too thin;
      // the miners it did find are free for other rounds.
      for (const m of completers) h.roundBusyUntilMs[h.minerIndex(m)] = 0
      event = { type: 'end', actor, forceEnd: true }
      break
    }
    case 'endPrecommit':
    case 'endCommit':
      event = { type: duty.kind, actor }
      break
    case 'validate':
      event = { type: 'validate', actor, verdicts: judgeRound(h, rec, round.completers) }
      break
    case 'end':
      event = { type: 'end', actor, forceEnd: duty.forceEnd }
      break
  }
  rec.dutyOracle = o
  rec.dutySeq = round.phaseSeq
  rec.dutyKind = duty.kind
  rec.dutyAtMs = h.nowMs
  h.sendTx(h.oracleSource(o), h.oracles.region[o]!, h.oracles.rngNet[o]!, { type: 'round', roundId: rec.roundId, event }, Origin.duty, o, null, rec)
}

function judgeRound(h: SimHost, rec: RoundRecord, completers: readonly { readonly miner: Address; readonly state: string }[]): PoiVerdict[] {
  const results: PoiResultInput[] = []
  for (const slot of completers) {
    if (slot.state !== 'Committed') continue
    const work = rec.completers.get(h.minerIndex(slot.miner))
    results.push({ miner: slot.miner, vector: work?.vector ?? fallbackRoundVector(h, rec) })
  }
  if (results.length === 0) return []
  const outcome = computePoiOutcome({ results, quorum: 1 }, h.params)
  return outcome.ok ? [...outcome.outcome.verdicts] : []
}

function fallbackRoundVector(h: SimHost, rec: RoundRecord): number[] {
  h.embeddings.writeResult(h.collusionRng, 'random', rec.reference, h.embedScratch)
  return Array.from(h.embedScratch)
}
