/**
 * The miner's part in a network-task round (§4.1), decided afresh from the chain at every look:
 *
 *   current creator, round in Request       → create: a domain from the predefined list and a
 *                                              subdomain the model writes for it
 *   current preparer, no challenges yet     → prepare: `maxPrompts` questions the model writes
 *   completer, Selected, round in Start     → answer every challenge (once: the completion and a
 *                                              fresh salt go to the journal), precommit its hash
 *   completer, Precommitted, round in Precommit → reveal the journaled completion
 *   round ended, or I hold no part in it    → forget it
 *
 * Round work is greedy with fixed lengths (prompts.ts), so honest completers write the same text
 * and PoI finds them alike.
 */
import { computeRoundPrecommitHash } from '../../protocol/core/commit.ts'
import type { Address, RoundId } from '../../protocol/core/types.ts'
import type { RoundEvent, RoundState } from '../../protocol/round/types.ts'
import { roundJournalKey, type RoundResultEntry } from './journal.ts'
import { createSalt, infer, type Followed, type MinerWork } from './miner-tasks.ts'
import { buildAnswerRequest, buildChallengeRequest, buildSubdomainRequest, cleanText, encodeCompletion, pickRoundDomain } from './prompts.ts'

/** Lengths of the model's round writing, in tokens. */
export interface RoundWritingOptions {
  readonly topicMaxTokens: number
  readonly challengeMaxTokens: number
  readonly answerMaxTokens: number
}

export const DEFAULT_ROUND_WRITING: RoundWritingOptions = { topicMaxTokens: 8, challengeMaxTokens: 16, answerMaxTokens: 32 }

export function roundEntity(roundId: RoundId): string {
  return `round:${roundId}`
}

/** Takes the next step of round `roundId`, if one is due; says whether to keep following it. */
export async function reconcileRound(w: MinerWork, roundId: RoundId, writing: RoundWritingOptions): Promise<Followed> {
  const { ctx } = w
  const round = await ctx.chain.readRound(roundId)
  if (round === null || round.status === 'End') return finishRound(w, roundId)
  const me = ctx.me
  const open = round.phaseDeadlineMs === null || ctx.nowMs() <= round.phaseDeadlineMs
  const send = (action: string, event: RoundEvent): Promise<unknown> => ctx.tx.send(roundEntity(roundId), action, { type: 'round', roundId, event })
  if (round.status === 'Request' && round.creators[round.creators.length - 1] === me && open) {
    const domain = pickRoundDomain(roundId)
    const topic = await infer(w, buildSubdomainRequest(roundId, domain, writing.topicMaxTokens), `round ${roundId} subdomain`)
    if (topic === null) return 'active'
    const max = ctx.params.networkTask.maxTopicBytes
    await send(`create#${round.creators.length}`, { type: 'create', actor: me, domain: cleanText(domain, max, 'general'), subdomain: cleanText(topic.text, max, `${domain} basics`) })
    return 'active'
  }
  if (round.status === 'Create' && round.preparers[round.preparers.length - 1] === me && round.challenges.length === 0 && open) {
    const challenges = await writeChallenges(w, round, writing)
    if (challenges !== null) await send(`prepare#${round.preparers.length}`, { type: 'prepare', actor: me, challenges })
    return 'active'
  }
  const slot = round.completers.find((c) => c.miner === me)
  if (slot?.state === 'Selected' && round.status === 'Start' && open) {
    const entry = await ensureCompletion(w, round, writing)
    if (entry === null) return 'active'
    const hash = computeRoundPrecommitHash(ctx.params.networkTask.commitScheme, { miner: me, roundId, salt: entry.salt, completion: entry.completion })
    await send('precommit', { type: 'precommit', actor: me, hash })
  } else if (slot?.state === 'Precommitted' && round.status === 'Precommit' && open) {
    const entry = w.journal.get(roundJournalKey(roundId))
    if (entry?.t !== 'round') ctx.log.error('cannot reveal: completion not in the journal', { round: roundId })
    else await send('commit', { type: 'commit', actor: me, completion: entry.completion, salt: entry.salt })
  }
  return holdsPart(round, me) ? 'active' : finishRound(w, roundId)
}

async function writeChallenges(w: MinerWork, round: RoundState, writing: RoundWritingOptions): Promise<string[] | null> {
  const { maxPrompts, maxChallengeBytes } = w.ctx.params.networkTask
  const domain = round.domain ?? 'general'
  const subdomain = round.subdomain ?? domain
  const challenges: string[] = []
  for (let i = 0; i < maxPrompts; i++) {
    const out = await infer(w, buildChallengeRequest(round.roundId, domain, subdomain, i, writing.challengeMaxTokens), `round ${round.roundId} challenge ${i}`)
    if (out === null) return null
    challenges.push(cleanText(out.text, maxChallengeBytes, `Question ${i + 1} about ${subdomain}?`))
  }
  return challenges
}

/** The journaled completion of the round, answering every challenge first if needed. */
async function ensureCompletion(w: MinerWork, round: RoundState, writing: RoundWritingOptions): Promise<RoundResultEntry | null> {
  const key = roundJournalKey(round.roundId)
  const existing = w.journal.get(key)
  if (existing?.t === 'round') return existing
  const answers: string[] = []
  for (let i = 0; i < round.challenges.length; i++) {
    const out = await infer(w, buildAnswerRequest(round.roundId, round.challenges[i]!, i, writing.answerMaxTokens), `round ${round.roundId} answer ${i}`)
    if (out === null) return null
    answers.push(out.text.trim())
  }
  const entry: RoundResultEntry = { t: 'round', key, roundId: round.roundId, salt: createSalt(), completion: encodeCompletion(answers, w.ctx.params.networkTask.maxCompletionBytes) }
  await w.journal.append(entry)
  return entry
}

function holdsPart(round: RoundState, miner: Address): boolean {
  return round.creators.includes(miner) || round.preparers.includes(miner) || round.completers.some((c) => c.miner === miner)
}

async function finishRound(w: MinerWork, roundId: RoundId): Promise<Followed> {
  await w.journal.markDone(roundJournalKey(roundId))
  w.ctx.tx.forget(roundEntity(roundId))
  return 'finished'
}
