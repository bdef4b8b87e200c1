// Goal: the liveness overlay (§15.20) — missed ping intervals, going offline at the threshold,
// coming back on a ping without losing the node's status, and Ping stats. Method: a registered
// or pooled node, liveness checks at chosen multiples of the ping interval.
import { describe, expect, it } from 'vitest'
import { getMetricStats } from '../reputation/stats.ts'
import { computeMissedPings, computeOfflineAtMs, isOnlineAt } from './liveness.ts'
import { NODE, availableNode, effectsOf, nodeParams, registeredNode, reservedNode, step } from './testkit.ts'

const params = nodeParams() // ping every 60 s, offline after 3 missed
const PING = params.node.pingIntervalMs

describe('missed pings', () => {
  it('counts whole intervals since the last ping', () => {
    const node = registeredNode(params, 1000)
    expect(computeMissedPings(node, 1000 + PING - 1, params)).toBe(0)
    expect(computeMissedPings(node, 1000 + 2 * PING, params)).toBe(2)
    expect(computeMissedPings(node, 0, params)).toBe(0)
    expect(computeOfflineAtMs(node, params)).toBe(1000 + 3 * PING)
  })

  it('books each missed interval once as a failed Ping and keeps the node online below the threshold', () => {
    let node = registeredNode(params)
    node = step(node, { type: 'checkLiveness' }, 2 * PING, params)
    expect(node).toMatchObject({ online: true, missedPings: 2 })
    expect(getMetricStats(node.reputation, 'Ping')).toMatchObject({ counter: 2, points: 0 })
    const again = step(node, { type: 'checkLiveness' }, 2 * PING + 5, params)
    expect(again).toBe(node)
  })

  it('takes the node offline at the threshold and says so once', () => {
    const node = registeredNode(params)
    const effects = effectsOf(node, { type: 'checkLiveness' }, 3 * PING, params)
    expect(effects).toEqual([{ kind: 'emit', event: { name: 'NodeOffline', args: { node: NODE, missedPings: 3, lastPingAtMs: 0 } } }])
    const offline = step(node, { type: 'checkLiveness' }, 3 * PING, params)
    expect(offline.online).toBe(false)
    expect(effectsOf(offline, { type: 'checkLiveness' }, 5 * PING, params)).toEqual([])
    expect(getMetricStats(step(offline, { type: 'checkLiveness' }, 5 * PING, params).reputation, 'Ping').counter).toBe(5)
  })
})

describe('pings', () => {
  it('brings an offline node back in the status it had, with NodeOnline', () => {
    const offline = step(availableNode(params), { type: 'checkLiveness' }, 10 * PING, params)
    expect(offline).toMatchObject({ online: false, status: { kind: 'Available' } })
    const effects = effectsOf(offline, { type: 'ping', actor: NODE }, 10 * PING + 1, params)
    expect(effects).toEqual([{ kind: 'emit', event: { name: 'NodeOnline', args: { node: NODE } } }])
    const back = step(offline, { type: 'ping', actor: NODE }, 10 * PING + 1, params)
    expect(back).toMatchObject({ online: true, missedPings: 0, lastPingAtMs: 10 * PING + 1, status: { kind: 'Available' }, statusSeq: offline.statusSeq })
  })

  it('counts a ping as a successful Ping attempt and emits nothing while online', () => {
    const node = registeredNode(params)
    expect(effectsOf(node, { type: 'ping', actor: NODE }, 10, params)).toEqual([])
    expect(getMetricStats(step(node, { type: 'ping', actor: NODE }, 10, params).reputation, 'Ping')).toMatchObject({ counter: 1, points: 1 })
  })

  it('keeps the latest ping time if a ping arrives with an earlier time', () => {
    const node = step(registeredNode(params), { type: 'ping', actor: NODE }, 500, params)
    expect(step(node, { type: 'ping', actor: NODE }, 100, params).lastPingAtMs).toBe(500)
  })

  it('keeps a reserved node reserved while offline', () => {
    const node = step(reservedNode(params), { type: 'checkLiveness' }, 10 * PING, params)
    expect(node).toMatchObject({ online: false, status: { kind: 'Reserved', sessionId: 1 } })
  })
})

describe('isOnlineAt', () => {
  it('reads the clock as well as the flag', () => {
    const node = registeredNode(params)
    expect(isOnlineAt(node, 3 * PING - 1, params)).toBe(true)
    expect(isOnlineAt(node, 3 * PING, params)).toBe(false) // not yet checked, but already past the threshold
    const offline = step(node, { type: 'checkLiveness' }, 3 * PING, params)
    expect(isOnlineAt(offline, 0, params)).toBe(false)
  })
})
