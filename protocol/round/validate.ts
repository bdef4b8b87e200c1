/**
 * The oracle's PoI verdicts on the revealed completions (same shape as the user task's). One
 * verdict per revealed completion, no more and no fewer; each completer judged gets its
 * Correctness stat. The round stays in Commit until the oracle ends it.
 */
import type { Ctx } from '../core/context.ts'
import { emit, stat, type Effect } from '../core/effects.ts'
import { accept, reject, type RejectionCode, type Transition } from '../core/result.ts'
import type { Address } from '../core/types.ts'
import type { PoiVerdict } from '../task/types.ts'
import { findCompleter } from './phase.ts'
import type { CompleterSlot, RoundState } from './types.ts'

export function processValidate(state: RoundState, actor: Address, verdicts: readonly PoiVerdict[], ctx: Ctx): Transition<RoundState> {
  const id = state.roundId
  if (state.validator !== null) return reject('AlreadyActed', `round ${id}: already validated by ${state.validator}`)
  if (!Array.isArray(verdicts)) return reject('MalformedEvent', `round ${id}: verdicts must be a list`)
  let revealed = 0
  for (const slot of state.completers) if (slot.state === 'Committed') revealed++
  if (verdicts.length !== revealed) return reject('MalformedEvent', `round ${id}: ${verdicts.length} verdicts for ${revealed} revealed completions`)
  const byMiner = new Map<Address, PoiVerdict>()
  for (const v of verdicts) {
    const problem = checkVerdict(state, v, byMiner)
    if (problem) return reject(problem.code, `round ${id}: ${problem.message}`)
    byMiner.set(v.miner, v)
  }
  const effects: Effect[] = []
  const completers = state.completers.map((slot): CompleterSlot => {
    const v = byMiner.get(slot.miner)
    if (v === undefined) return slot
    effects.push(stat(slot.miner, 'Correctness', v.verdict === 'valid'))
    return { ...slot, state: v.verdict === 'valid' ? 'Valid' : 'Outlier', similarity: v.similarity }
  })
  const valid = completers.filter((s) => s.state === 'Valid').map((s) => s.miner)
  const outliers = completers.filter((s) => s.state === 'Outlier').map((s) => s.miner)
  effects.unshift(emit('SessionValidated', { roundId: id, valid, outliers }))
  return accept({ ...state, completers, validator: actor, updatedAtMs: ctx.nowMs }, effects)
}

function checkVerdict(state: RoundState, v: PoiVerdict, seen: Map<Address, PoiVerdict>): { code: RejectionCode; message: string } | undefined {
  if (v === null || typeof v !== 'object') return { code: 'MalformedEvent', message: 'a verdict is not an object' }
  if (v.verdict !== 'valid' && v.verdict !== 'outlier') return { code: 'MalformedEvent', message: `verdict ${String(v.verdict)} is not 'valid' or 'outlier'` }
  if (typeof v.similarity !== 'number' || !Number.isFinite(v.similarity) || v.similarity < -1 || v.similarity > 1) {
    return { code: 'MalformedEvent', message: `similarity ${String(v.similarity)} of ${String(v.miner)} is not in [-1, 1]` }
  }
  const index = findCompleter(state, v.miner)
  if (index < 0 || state.completers[index]!.state !== 'Committed') {
    return { code: 'NotAssignedMiner', message: `${String(v.miner)} has no revealed completion to judge` }
  }
  if (seen.has(v.miner)) return { code: 'DuplicateMiner', message: `two verdicts for ${v.miner}` }
  return undefined
}
