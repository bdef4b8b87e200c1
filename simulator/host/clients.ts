/**
 * Clients. Each owns one session, opened at genesis with a deposit, and submits tasks from the end
 * of genesis on: Poisson arrivals at its rate, or bursts (a Poisson process of bursts, each a
 * geometric number of tasks `gapMs` apart, the same mean rate). A client reads its session before
 * submitting — an arrival while the session is not Ready is deferred (counted, not sent) — and
 * tops its balance up when it would cover fewer than `TOP_UP_BELOW_TASKS` more tasks.
 */
import type { Amount } from '../../protocol/core/types.ts'
import { computeTaskEscrow } from '../../protocol/task/pricing.ts'
import type { SessionEvent } from '../../protocol/session/types.ts'
import { sampleExponential } from '../engine/distributions.ts'
import { K_AGENT, Origin } from './events.ts'
import type { SimHost } from './host.ts'
import { TaskRecord } from './records.ts'

const TOP_UP_BELOW_TASKS = 50
const DEPOSIT_IN_FLIGHT_MS = 60_000

/** Genesis transactions: every client opens its session (ids follow the client order). */
export function openSessions(h: SimHost): void {
  for (let c = 0; c < h.clients.count; c++) {
    const p = h.clients.profile[c]!
    h.sendSetupTx(h.clientSource(c), 0, {
      type: 'createSession',
      actor: h.clients.address[c]!,
      config: {
        name: `client ${c}`,
        metadata: '',
        variableAddress: h.clients.address[c]!,
        minNumOfNodes: p.minNodes,
        maxNumOfNodes: p.maxNodes,
        redundant: p.redundancy,
        numOfValidatorNodes: 0,
        mode: 0,
        reserveEphemeralNodes: true,
        sla: p.sla,
        modelIdentifier: p.modelId,
        reservePeriodMs: p.reservePeriodMs,
        maxTaskExecutionCount: p.maxTaskExecutionCount,
      },
    }, c)
  }
}

/** At the end of genesis every client starts its arrival process. */
export function startClients(h: SimHost): void {
  for (let c = 0; c < h.clients.count; c++) scheduleNextArrival(h, c, 0)
}

function scheduleNextArrival(h: SimHost, c: number, burstLeft: number): void {
  const arrival = h.scenario.workload.arrival
  const rng = h.clients.rngArrival[c]!
  const rate = h.clients.ratePerMs[c]!
  if (!(rate > 0)) return
  let gapMs: number
  let left = 0
  if (arrival.kind === 'poisson') gapMs = sampleExponential(rng, 1 / rate)
  else if (burstLeft > 0) {
    gapMs = arrival.gapMs
    left = burstLeft - 1
  } else {
    gapMs = sampleExponential(rng, arrival.meanBurstSize / rate)
    // Geometric burst size with mean meanBurstSize: continue with probability 1 − 1/mean.
    const pContinue = 1 - 1 / arrival.meanBurstSize
    while (rng.nextFloat() < pContinue && left < 10_000) left++
  }
  const atMs = h.nowMs + Math.max(1, Math.round(gapMs))
  if (atMs < h.endMs) h.sim.schedule(atMs, K_AGENT, h.clientSource(c), { type: 'arrival', client: c, burstLeft: left })
}

export function onArrival(h: SimHost, c: number, burstLeft: number): void {
  scheduleNextArrival(h, c, burstLeft)
  const sessionId = h.clientSession[c]!
  const session = sessionId < 0 ? undefined : h.world.sessions.get(sessionId)
  if (session === undefined || session.status !== 'Ready') {
    h.metrics.tasksDeferred++
    return
  }
  const p = h.clients.profile[c]!
  const account = h.world.sessionAccounts.get(sessionId)
  const escrow = computeTaskEscrow(h.params, p.redundancy, p.maxTokens)
  if (account !== undefined && account.available < escrow * BigInt(TOP_UP_BELOW_TASKS)) topUp(h, c, sessionId)
  if (account === undefined || account.available < escrow) {
    h.metrics.tasksDeferred++
    return
  }
  const reference = new Float64Array(h.embeddings.dimension)
  h.embeddings.writeReference(h.clients.rngPrompt[c]!, reference)
  const rec = new TaskRecord(sessionId, c, h.nowMs, reference, p.maxTokens, h.inference.modelIndex(p.modelId))
  h.sendTx(h.clientSource(c), h.clients.region[c]!, h.clients.rngNet[c]!, { type: 'session', sessionId, event: submitEvent(h, c) }, Origin.client, c, rec, null)
}

function topUp(h: SimHost, c: number, sessionId: number): void {
  if (h.clientDepositPendingUntilMs[c]! > h.nowMs) return
  h.clientDepositPendingUntilMs[c] = h.nowMs + DEPOSIT_IN_FLIGHT_MS
  const amount: Amount = BigInt(h.scenario.workload.depositCor) * 10n ** 18n
  h.sendTx(h.clientSource(c), h.clients.region[c]!, h.clients.rngNet[c]!, { type: 'depositToSession', actor: h.clients.address[c]!, sessionId, amount }, Origin.client, c, null, null)
}

/** One submit event per client, reused (the session machine copies what it keeps). */
function submitEvent(h: SimHost, c: number): SessionEvent {
  let event = h.submitEvents[c]
  if (event === undefined) {
    const p = h.clients.profile[c]!
    event = { type: 'submit', actor: h.clients.address[c]!, nodeType: 0, taskData: 'prompt', promptType: 1, promptTemplate: '', llmParams: [p.maxTokens], requestParams: [], clientReference: '' }
    h.submitEvents[c] = event
  }
  return event
}
