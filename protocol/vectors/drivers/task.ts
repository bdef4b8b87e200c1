/** Vector driver for the user-task machine: valid and invalid events for every status. */
import { computePrecommitHash, type Hex32 } from '../../core/commit.ts'
import type { Ctx } from '../../core/context.ts'
import type { Rng } from '../../core/rng.ts'
import { computeSyntheticAddress, type Address } from '../../core/types.ts'
import { createTask, transitionTask } from '../../task/machine.ts'
import { computeTaskEscrow } from '../../task/pricing.ts'
import { TASK_TABLE } from '../../task/table.ts'
import type { NewTask, TaskEvent, TaskState } from '../../task/types.ts'
import type { MachineDriver } from '../driver.ts'

const ORACLE = computeSyntheticAddress(0x04ac1e, 1)
const POOL: readonly Address[] = Array.from({ length: 6 }, (_, i) => computeSyntheticAddress(0x3113e4, i + 1))
const STRANGER = computeSyntheticAddress(0x3113e4, 99)

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.nextInt(items.length)]!
}

function saltOf(miner: Address): Hex32 {
  return `0x${miner.slice(2).padStart(64, '0')}` as Hex32
}

function resultOf(miner: Address, honest: boolean): string {
  return honest ? `answer from ${miner.slice(-4)}` : 'a different answer'
}

function shuffleTake(rng: Rng, items: readonly Address[], count: number): Address[] {
  const copy = items.slice()
  for (let i = copy.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1)
    ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
  }
  return copy.slice(0, count)
}

function candidates(state: TaskState, rng: Rng, ctx: Ctx): TaskEvent[] {
  const assigned = state.miners.map((s) => s.miner)
  const anyMiner = assigned.length > 0 ? pick(rng, assigned) : pick(rng, POOL)
  const hashFor = (m: Address, honest: boolean): Hex32 =>
    computePrecommitHash(ctx.params.commitReveal.scheme, { miner: m, sessionId: state.sessionId, taskId: state.taskId, salt: saltOf(m), result: resultOf(m, honest) })
  const out: TaskEvent[] = [
    { type: 'end', actor: ORACLE, forceEnd: rng.nextInt(2) === 0 },
    { type: 'ack', actor: STRANGER },
  ]
  switch (state.status) {
    case 'Queued':
      out.push(
        { type: 'assign', actor: ORACLE, miners: shuffleTake(rng, POOL, state.redundant) },
        { type: 'assign', actor: ORACLE, miners: shuffleTake(rng, POOL, state.redundant) },
        { type: 'assign', actor: ORACLE, miners: shuffleTake(rng, POOL, state.redundant + 1) },
        { type: 'assign', actor: ORACLE, miners: Array(state.redundant).fill(POOL[0]) },
      )
      break
    case 'Assigned':
      out.push({ type: 'ack', actor: anyMiner }, { type: 'ack', actor: anyMiner }, { type: 'endAck', actor: ORACLE })
      break
    case 'Acked':
      out.push(
        { type: 'precommit', actor: anyMiner, hash: hashFor(anyMiner, true) },
        { type: 'precommit', actor: anyMiner, hash: hashFor(anyMiner, rng.nextInt(4) > 0) },
        { type: 'precommit', actor: anyMiner, hash: '0x1234' as Hex32 },
        { type: 'endPrecommit', actor: ORACLE },
      )
      break
    case 'Precommitted':
      out.push(
        { type: 'commit', actor: anyMiner, result: resultOf(anyMiner, true), salt: saltOf(anyMiner), outputTokens: 1 + rng.nextInt(64) },
        { type: 'commit', actor: anyMiner, result: resultOf(anyMiner, rng.nextInt(3) > 0), salt: saltOf(anyMiner), outputTokens: 7 },
        { type: 'commit', actor: anyMiner, result: resultOf(anyMiner, true), salt: saltOf(anyMiner), outputTokens: -3 },
        { type: 'endCommit', actor: ORACLE },
      )
      break
    case 'Committed': {
      const committed = state.miners.filter((s) => s.state === 'Committed').map((s) => s.miner)
      const verdicts = committed.map((m) => ({ miner: m, verdict: rng.nextInt(4) > 0 ? ('valid' as const) : ('outlier' as const), similarity: Math.round(rng.nextFloat() * 1000) / 1000 }))
      out.push({ type: 'validate', actor: ORACLE, verdicts }, { type: 'validate', actor: ORACLE, verdicts })
      out.push({ type: 'validate', actor: ORACLE, verdicts: verdicts.slice(1) })
      if (verdicts.length > 0) out.push({ type: 'validate', actor: ORACLE, verdicts: [...verdicts.slice(1), { ...verdicts[0]!, miner: STRANGER }] })
      break
    }
    case 'Validated':
      out.push({ type: 'end', actor: ORACLE, forceEnd: false })
      break
    case 'Ended':
      break
  }
  return out
}

function timeSteps(state: TaskState, nowMs: number, ctx: Ctx): number[] {
  const steps = [nowMs, nowMs, nowMs + 1]
  if (state.phaseDeadlineMs !== null) steps.push(state.phaseDeadlineMs - 1, state.phaseDeadlineMs, state.phaseDeadlineMs + 1)
  if (state.status !== 'Ended' && (state.status === 'Committed' || state.status === 'Validated' || state.reassignments > 0)) {
    steps.push(state.createdAtMs + ctx.params.userTask.totalTimeoutMs)
  }
  return steps.filter((t) => t >= nowMs)
}

export const taskDriver: MachineDriver<TaskState, TaskEvent, NewTask> = {
  table: TASK_TABLE,
  paramVariants: [
    {},
    { 'commitReveal.scheme': 'plain' },
    { 'userTask.maxReassignments': 0 },
    { 'userTask.onShortage': 'refund', 'payments.slashing': 'missedReveal' },
    { 'userTask.quorumRule': 'all', 'payments.pricePerOutputToken': 1000n },
  ],
  initialInput(rng, ctx) {
    const redundant = 1 + rng.nextInt(4)
    const maxTokens = 16 + rng.nextInt(64)
    return { sessionId: 1 + rng.nextInt(3), taskId: 1 + rng.nextInt(50), gid: 1, redundant, modelId: 0, maxTokens, escrow: computeTaskEscrow(ctx.params, redundant, maxTokens), router: null }
  },
  create: (input, ctx) => createTask(input, ctx),
  transition: transitionTask,
  statusOf: (s) => s.status,
  eventTypeOf: (e) => e.type,
  candidates,
  timeSteps,
  reachableRejections: [
    'WrongPhase',
    'TooFewMiners',
    'DuplicateMiner',
    'MinerNotEligible',
    'NotAssignedMiner',
    'AlreadyActed',
    'DeadlinePassed',
    'PhaseNotOver',
    'MalformedEvent',
    'RevealMismatch',
  ],
}
