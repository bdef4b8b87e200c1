// Goal: /metrics text is valid Prometheus exposition (every line a HELP, TYPE or sample of the
// documented grammar), histograms are cumulative and consistent, and backend samples are
// escaped or dropped so one bad sample cannot break a scrape.
// Method: record known observations, render, and parse every line with the format's grammar.
import { describe, expect, it } from 'vitest'
import { LATENCY_BUCKETS_S, RouterMetrics } from './metrics.ts'
import { parseExposition } from './test-support.ts'

describe('RouterMetrics', () => {
  it('counts requests by route, method and status; other methods become OTHER', () => {
    const m = new RouterMetrics()
    for (const [route, method, status] of [['/a', 'GET', 200], ['/a', 'GET', 200], ['/a', 'POST', 405], ['unmatched', 'BREW', 404]] as const) {
      m.requestStarted()
      m.requestFinished(route, method, status, 0.002)
    }
    const s = parseExposition(m.render([]))
    expect(s.get('router_http_requests_total{route="/a",method="GET",status="200"}')).toBe(2)
    expect(s.get('router_http_requests_total{route="/a",method="POST",status="405"}')).toBe(1)
    expect(s.get('router_http_requests_total{route="unmatched",method="OTHER",status="404"}')).toBe(1)
    expect(s.get('router_http_requests_in_flight')).toBe(0)
  })

  it('histograms are cumulative, end at +Inf = count, and sum the durations', () => {
    const m = new RouterMetrics()
    const durations = [0.0005, 0.003, 0.003, 0.2, 7, 1000]
    for (const d of durations) {
      m.requestStarted()
      m.requestFinished('/x', 'GET', 200, d)
    }
    m.requestStarted()
    const s = parseExposition(m.render([]))
    let previous = 0
    for (const le of LATENCY_BUCKETS_S) {
      const v = s.get(`router_http_request_duration_seconds_bucket{route="/x",le="${le}"}`)!
      expect(v).toBe(durations.filter((d) => d <= le).length)
      expect(v).toBeGreaterThanOrEqual(previous)
      previous = v
    }
    expect(s.get('router_http_request_duration_seconds_bucket{route="/x",le="+Inf"}')).toBe(6)
    expect(s.get('router_http_request_duration_seconds_count{route="/x"}')).toBe(6)
    expect(s.get('router_http_request_duration_seconds_sum{route="/x"}')).toBeCloseTo(durations.reduce((a, b) => a + b, 0), 9)
    expect(s.get('router_http_requests_in_flight')).toBe(1)
  })

  it('WebSocket gauges and counters', () => {
    const m = new RouterMetrics()
    m.minerConnected()
    m.minerConnected()
    m.minerDisconnected()
    m.wsMessage('in', 'ack')
    m.wsMessage('in', 'ack')
    m.wsMessage('out', 'task')
    m.countWsInvalid()
    m.countRateLimited()
    const s = parseExposition(m.render([]))
    expect(s.get('router_ws_miners_connected')).toBe(1)
    expect(s.get('router_ws_messages_total{direction="in",type="ack"}')).toBe(2)
    expect(s.get('router_ws_messages_total{direction="out",type="task"}')).toBe(1)
    expect(s.get('router_ws_invalid_messages_total')).toBe(1)
    expect(s.get('router_rate_limited_total')).toBe(1)
    expect(m.minersConnected).toBe(1)
  })

  it('renders backend samples grouped by name with escaped labels, and drops bad ones', () => {
    const m = new RouterMetrics()
    const text = m.render([
      { name: 'chain_blocks', help: 'Blocks\nseen \\ so far', type: 'counter', labels: { chain: 'a"b\\c\nd' }, value: 3 },
      { name: 'chain_blocks', help: 'ignored', type: 'counter', labels: { chain: 'x' }, value: Number.POSITIVE_INFINITY },
      { name: 'chain_blocks', help: 'type clash', type: 'gauge', value: 1 },
      { name: 'bad name', help: 'x', type: 'gauge', value: 1 },
      { name: 'router_http_requests_total', help: 'shadowing', type: 'counter', value: 1 },
      { name: 'bad_label', help: 'x', type: 'gauge', labels: { 'bad-label': 'x' }, value: 1 },
      { name: 'reserved_label', help: 'x', type: 'gauge', labels: { __name__: 'x' }, value: 1 },
      { name: 'not_a_number', help: 'x', type: 'gauge', value: '1' as unknown as number },
      { name: 'queue_depth', help: 'Depth.', type: 'gauge', value: Number.NaN },
    ])
    const s = parseExposition(text)
    expect(text).toContain('# HELP chain_blocks Blocks\\nseen \\\\ so far')
    expect(s.get('chain_blocks{chain="a\\"b\\\\c\\nd"}')).toBe(3)
    expect(s.get('chain_blocks{chain="x"}')).toBe(Number.POSITIVE_INFINITY)
    expect(text).not.toMatch(/bad name|bad_label|reserved_label|not_a_number|shadowing|type clash/)
    expect(Number.isNaN(s.get('queue_depth')!)).toBe(true)
  })
})
