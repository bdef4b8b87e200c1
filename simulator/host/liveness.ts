/**
 * Miners' presence: genesis registration and stake, pings every `node.pingIntervalMs`, flaky
 * outages, and the fault schedule (crashes, oracle crashes and hangs, RPC outages). A miner that
 * goes down loses the work it had in progress (its `epoch` moves on) and stops pinging, so the
 * chain sees it go offline `node.offlineAfterMissedPings` intervals later; once back it pings
 * again at its next tick and is online from that ping on.
 */
import { sampleExponential } from '../engine/distributions.ts'
import type { FaultInterval } from '../models/faults.ts'
import { K_AGENT, Origin } from './events.ts'
import type { SimHost } from './host.ts'

/** Genesis: each miner registers (serving every model its tier can run) and stakes. */
export function registerMiners(h: SimHost): void {
  for (let m = 0; m < h.miners.count; m++) {
    const actor = h.miners.address[m]!
    h.sendSetupTx(h.minerSource(m), 0, { type: 'registerNode', actor, models: h.miners.models[m]! }, m)
    if (h.miners.stake[m]! > 0n) h.sendSetupTx(h.minerSource(m), 0, { type: 'stake', actor, amount: h.miners.stake[m]! }, m)
  }
}

export function schedulePings(h: SimHost): void {
  const interval = h.params.node.pingIntervalMs
  for (let m = 0; m < h.miners.count; m++) {
    h.sim.schedule(1 + h.miners.rngBehaviour[m]!.nextInt(interval), K_AGENT, h.minerSource(m), { type: 'ping', miner: m })
    if (h.miners.behaviour[m] === 'flaky') scheduleFlaky(h, m, true)
  }
}

export function onPing(h: SimHost, m: number): void {
  h.sim.scheduleAfter(h.params.node.pingIntervalMs, K_AGENT, h.minerSource(m), { type: 'ping', miner: m })
  if (!h.isMinerUp(m)) return
  h.sendTx(h.minerSource(m), h.miners.region[m]!, h.miners.rngNet[m]!, { type: 'ping', actor: h.miners.address[m]! }, Origin.miner, m, null, null)
}

/** The next flaky outage (`goOffline`) or return, after an exponential time. */
function scheduleFlaky(h: SimHost, m: number, goOffline: boolean): void {
  const g = h.miners.group[m]!
  const meanMs = goOffline ? g.onlineMeanMs : g.offlineMeanMs
  const atMs = h.nowMs + 1 + Math.round(sampleExponential(h.miners.rngBehaviour[m]!, meanMs))
  if (atMs < h.endMs) h.sim.schedule(atMs, K_AGENT, h.minerSource(m), { type: 'flaky', miner: m, goOffline })
}

export function onFlaky(h: SimHost, m: number, goOffline: boolean): void {
  setMinerDown(h, m, goOffline)
  scheduleFlaky(h, m, !goOffline)
}

function setMinerDown(h: SimHost, m: number, down: boolean): void {
  if (down) {
    if (h.minerDown[m]!++ === 0) {
      h.minerEpoch[m]!++
      h.busyUntilMs[m] = 0
    }
  } else if (h.minerDown[m]! > 0) h.minerDown[m]!--
}

/**
 * Every fault interval becomes two agent events (start, end). Crashing oracles add their own
 * crash intervals, drawn from their behaviour stream (Poisson arrivals, `downtimeMs` each).
 */
export function scheduleFaults(h: SimHost): FaultInterval[] {
  const all: FaultInterval[] = [...h.faults, ...drawOracleCrashes(h)]
  all.forEach((f, i) => {
    if (f.startMs >= h.endMs) return
    h.metrics.fault(f.kind, f.target, f.startMs, f.endMs)
    const source = f.kind === 'minerCrash' ? h.minerSource(f.target) : f.kind === 'rpcOutage' ? 1 : h.oracleSource(f.target)
    h.sim.schedule(f.startMs, K_AGENT, source, { type: 'fault', fault: i, start: true })
    if (f.endMs < h.endMs) h.sim.schedule(f.endMs, K_AGENT, source, { type: 'fault', fault: i, start: false })
  })
  return all
}

function drawOracleCrashes(h: SimHost): FaultInterval[] {
  const out: FaultInterval[] = []
  for (let o = 0; o < h.oracles.count; o++) {
    const g = h.oracles.group[o]!
    if (g.behaviour !== 'crashing' || !(g.crashesPerHour > 0)) continue
    const rng = h.oracles.rngBehaviour[o]!
    const meanGapMs = 3_600_000 / g.crashesPerHour
    const downtime = h.oracleDowntimeSampler(o)
    let atMs = sampleExponential(rng, meanGapMs)
    while (atMs < h.endMs) {
      const startMs = Math.floor(atMs)
      const endMs = startMs + Math.max(1, Math.round(downtime(rng)))
      out.push({ kind: 'oracleCrash', target: o, startMs, endMs })
      atMs = endMs + sampleExponential(rng, meanGapMs)
    }
  }
  return out
}

export function onFault(h: SimHost, f: FaultInterval, start: boolean): void {
  switch (f.kind) {
    case 'minerCrash':
      return setMinerDown(h, f.target, start)
    case 'oracleCrash':
      h.oracleDown[f.target]! += start ? 1 : -1
      return
    case 'oracleStall':
      h.oracleHung[f.target]! += start ? 1 : -1
      return
    case 'rpcOutage':
      h.rpcDown[f.target]! += start ? 1 : -1
      return
  }
}
