/**
 * The router's Prometheus metrics, rendered in the text exposition format (version 0.0.4) by hand:
 * no client library. Label sets are bounded by construction — routes are the route table's
 * patterns (or `unmatched`), methods the standard ones (or `OTHER`), statuses three digits — so a
 * scanner probing random paths cannot grow memory. Recording costs a map update per request.
 */
import type { BackendMetric } from './backend.ts'

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8'

/** Request latency buckets in seconds: sub-ms reads up to multi-minute completions. */
export const LATENCY_BUCKETS_S = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600] as const

const KNOWN_METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'])
const NAME_PATTERN = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/
const LABEL_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*$/

interface Histogram {
  readonly bucketCounts: number[]
  sum: number
  count: number
}

export class RouterMetrics {
  private readonly requests = new Map<string, number>()
  private readonly latency = new Map<string, Histogram>()
  private readonly wsMessages = new Map<string, number>()
  private inFlight = 0
  private rateLimited = 0
  private wsConnected = 0
  private wsInvalid = 0

  requestStarted(): void {
    this.inFlight++
  }

  requestFinished(route: string, method: string, status: number, durationS: number): void {
    this.inFlight--
    const m = KNOWN_METHODS.has(method) ? method : 'OTHER'
    const key = `route="${escapeLabel(route)}",method="${m}",status="${status}"`
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1)
    let h = this.latency.get(route)
    if (h === undefined) {
      h = { bucketCounts: LATENCY_BUCKETS_S.map(() => 0), sum: 0, count: 0 }
      this.latency.set(route, h)
    }
    // Buckets are cumulative in the output; here each observation lands in its first bucket only.
    const index = LATENCY_BUCKETS_S.findIndex((le) => durationS <= le)
    if (index !== -1) h.bucketCounts[index]!++
    h.sum += durationS
    h.count++
  }

  countRateLimited(): void {
    this.rateLimited++
  }

  minerConnected(): void {
    this.wsConnected++
  }

  minerDisconnected(): void {
    this.wsConnected--
  }

  wsMessage(direction: 'in' | 'out', type: string): void {
    const key = `direction="${direction}",type="${escapeLabel(type)}"`
    this.wsMessages.set(key, (this.wsMessages.get(key) ?? 0) + 1)
  }

  countWsInvalid(): void {
    this.wsInvalid++
  }

  get requestsInFlight(): number {
    return this.inFlight
  }

  get minersConnected(): number {
    return this.wsConnected
  }

  /** The exposition text: the router's metrics, then the backend's. */
  render(backend: readonly BackendMetric[]): string {
    const out: string[] = []
    writeFamily(out, 'router_http_requests_total', 'counter', 'HTTP requests by route pattern, method and status.', this.requests)
    this.renderLatency(out)
    writeFamily(out, 'router_http_requests_in_flight', 'gauge', 'HTTP requests being handled now.', new Map([['', this.inFlight]]))
    writeFamily(out, 'router_rate_limited_total', 'counter', 'Requests refused with 429.', new Map([['', this.rateLimited]]))
    writeFamily(out, 'router_ws_miners_connected', 'gauge', 'Miners with an open, admitted WebSocket link.', new Map([['', this.wsConnected]]))
    writeFamily(out, 'router_ws_messages_total', 'counter', 'Valid WebSocket messages by direction and type.', this.wsMessages)
    writeFamily(out, 'router_ws_invalid_messages_total', 'counter', 'WebSocket frames refused by the schema.', new Map([['', this.wsInvalid]]))
    renderBackendMetrics(out, backend)
    return out.join('\n') + '\n'
  }

  private renderLatency(out: string[]): void {
    const name = 'router_http_request_duration_seconds'
    out.push(`# HELP ${name} Time from request start to the last byte of the response, by route pattern.`, `# TYPE ${name} histogram`)
    for (const [route, h] of this.latency) {
      const r = `route="${escapeLabel(route)}"`
      let cumulative = 0
      for (let i = 0; i < LATENCY_BUCKETS_S.length; i++) {
        cumulative += h.bucketCounts[i]!
        out.push(`${name}_bucket{${r},le="${LATENCY_BUCKETS_S[i]}"} ${cumulative}`)
      }
      out.push(`${name}_bucket{${r},le="+Inf"} ${h.count}`, `${name}_sum{${r}} ${formatValue(h.sum)}`, `${name}_count{${r}} ${h.count}`)
    }
  }
}

function writeFamily(out: string[], name: string, type: string, help: string, samples: ReadonlyMap<string, number>): void {
  out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`)
  for (const [labels, value] of samples) out.push(`${name}${labels === '' ? '' : `{${labels}}`} ${formatValue(value)}`)
}

/**
 * Backend samples, grouped by name. A sample is dropped when its name or a label name is not a
 * valid Prometheus identifier, when it reuses a `router_` name, or when its type disagrees with
 * the first sample of its name: one bad sample must not break the whole scrape.
 */
function renderBackendMetrics(out: string[], samples: readonly BackendMetric[]): void {
  const families = new Map<string, { type: string; help: string; lines: string[] }>()
  for (const s of samples) {
    if (!NAME_PATTERN.test(s.name) || s.name.startsWith('router_') || typeof s.value !== 'number') continue
    const labels = Object.entries(s.labels ?? {})
    if (labels.some(([k]) => !LABEL_PATTERN.test(k) || k.startsWith('__'))) continue
    let family = families.get(s.name)
    if (family === undefined) {
      family = { type: s.type === 'counter' ? 'counter' : 'gauge', help: s.help, lines: [] }
      families.set(s.name, family)
    } else if (family.type !== s.type) continue
    const block = labels.map(([k, v]) => `${k}="${escapeLabel(String(v))}"`).join(',')
    family.lines.push(`${s.name}${block === '' ? '' : `{${block}}`} ${formatValue(s.value)}`)
  }
  for (const [name, family] of families) {
    out.push(`# HELP ${name} ${escapeHelp(family.help)}`, `# TYPE ${name} ${family.type}`, ...family.lines)
  }
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
}

function escapeHelp(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (value === Number.POSITIVE_INFINITY) return '+Inf'
  if (value === Number.NEGATIVE_INFINITY) return '-Inf'
  return String(value)
}
