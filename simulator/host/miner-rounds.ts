/**
 * Miners in network-task rounds. The creator creates at once; the preparer writes the round's
 * challenges (a short inference) and prepares; each completer answers every challenge (an
 * inference of `maxPrompts × workload.roundAnswerTokens` tokens on its own queue), precommits its
 * completion and reveals it when the commit phase opens. A completion's embedding follows the
 * miner's strategy only when it cheats in rounds (`cheatInRounds`); otherwise it answers honestly.
 * Flaky and slow miners are as unreliable here as anywhere. A miner that is down hears nothing.
 */
import type { RoundEvent } from '../../protocol/round/types.ts'
import { resultStrategyOf } from '../scenario/behaviours.ts'
import { K_AGENT, Origin, RoundNews } from './events.ts'
import type { SimHost } from './host.ts'
import { collusionTarget } from './miner-tasks.ts'
import type { RoundRecord, RoundWork } from './records.ts'

/** Tokens of a challenge the preparer writes. */
const CHALLENGE_TOKENS = 24

export function onRoundNews(h: SimHost, m: number, rec: RoundRecord, news: RoundNews): void {
  if (!h.isMinerUp(m)) return
  switch (news) {
    case RoundNews.create:
      sendRound(h, m, rec, { type: 'create', actor: h.miners.address[m]!, domain: 'science', subdomain: `topic-${rec.roundId % 97}` })
      return
    case RoundNews.prepare: {
      const doneMs = infer(h, m, h.params.networkTask.maxPrompts * CHALLENGE_TOKENS)
      h.sim.schedule(doneMs, K_AGENT, h.minerSource(m), { type: 'prepared', miner: m, round: rec, epoch: h.minerEpoch[m]! })
      return
    }
    case RoundNews.start: {
      const work = rec.completers.get(m)
      if (work === undefined || work.epoch !== h.minerEpoch[m]) return
      const doneMs = infer(h, m, h.params.networkTask.maxPrompts * h.scenario.workload.roundAnswerTokens)
      h.sim.schedule(doneMs, K_AGENT, h.minerSource(m), { type: 'completed', round: rec, work })
      return
    }
    case RoundNews.revealOpen: {
      const work = rec.completers.get(m)
      if (work === undefined || work.epoch !== h.minerEpoch[m] || !work.precommitSent || work.revealSent) return
      work.revealSent = true
      sendRound(h, m, rec, { type: 'commit', actor: h.miners.address[m]!, completion: work.completion!, salt: h.saltOf(m) })
      return
    }
  }
}

export function onPrepared(h: SimHost, m: number, rec: RoundRecord, epoch: number): void {
  if (!h.isMinerUp(m) || epoch !== h.minerEpoch[m]) return
  const challenges = Array.from({ length: h.params.networkTask.maxPrompts }, (_, i) => `r${rec.roundId} q${i}`)
  sendRound(h, m, rec, { type: 'prepare', actor: h.miners.address[m]!, challenges })
}

export function onCompleted(h: SimHost, rec: RoundRecord, work: RoundWork): void {
  const m = work.miner
  if (!h.isMinerUp(m) || work.epoch !== h.minerEpoch[m]) return
  const g = h.miners.group[m]!
  const strategy = g.cheatInRounds ? resultStrategyOf(g.behaviour) : 'honest'
  const anchor = strategy === 'colluding' ? collusionTarget(h, rec, h.miners.colludeGroup[m]!) : rec.reference
  h.embeddings.writeResult(h.miners.rngWork[m]!, strategy, anchor, h.embedScratch)
  work.vector = Array.from(h.embedScratch)
  work.completion = `r${rec.roundId}m${m}`
  work.done = true
  const hash = h.commit.roundHash(h.params.networkTask.commitScheme, { miner: h.miners.address[m]!, roundId: rec.roundId, salt: h.saltOf(m), completion: work.completion })
  work.precommitSent = true
  sendRound(h, m, rec, { type: 'precommit', actor: h.miners.address[m]!, hash })
}

/** Queues an inference of `tokens` on miner `m` and returns when it finishes. */
function infer(h: SimHost, m: number, tokens: number): number {
  const g = h.miners.group[m]!
  let tokensPerSecond = h.miners.tokensPerSecond[m]!
  if (g.behaviour === 'slow') tokensPerSecond /= g.slowdown
  const inferenceMs = h.inference.sampleInferenceMs(h.miners.rngWork[m]!, h.miners.tier[m]!, tokensPerSecond, h.referenceModelIndex, tokens)
  const now = h.nowMs
  const doneMs = (h.busyUntilMs[m]! > now ? h.busyUntilMs[m]! : now) + inferenceMs
  h.busyUntilMs[m] = doneMs
  h.metrics.inferenceMs[m]! += inferenceMs
  return doneMs
}

function sendRound(h: SimHost, m: number, rec: RoundRecord, event: RoundEvent): void {
  h.sendTx(h.minerSource(m), h.miners.region[m]!, h.miners.rngNet[m]!, { type: 'round', roundId: rec.roundId, event }, Origin.miner, m, null, rec)
}
