/**
 * Synthetic data for the demo page: every chart with plausible-looking numbers, drawn from one
 * seed through protocol/core/rng.ts, so the demo (and the browser test that opens it) is the same
 * page every time. The numbers mean nothing; they only exercise the charts.
 */
import { type Rng, createChildRng } from '../protocol/core/rng.ts'
import {
  renderBoxPlot,
  renderCdf,
  renderConfusionMatrix,
  renderCumulativeLines,
  renderHeatmap,
  renderHistogram,
  renderPercentileBands,
  renderScatter,
  renderTable,
  renderTimeline,
} from './charts/index.ts'
import type { PercentileRow } from './charts/index.ts'
import type { ReportPage } from './page.ts'

export const DEMO_SEED = 20261101

const BEHAVIOURS = ['honest', 'lazy', 'cheap-model', 'copycat'] as const

/** Standard normal draw (Box–Muller); `1 - u` keeps the logarithm finite. */
function normal(rng: Rng): number {
  const u = 1 - rng.nextFloat()
  const v = rng.nextFloat()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
}

function round(value: number, digits = 3): number {
  const f = 10 ** digits
  return Math.round(value * f) / f
}

function earnings(seed: number): ReportPage['sections'][number] {
  const rng = createChildRng(seed, 'earnings')
  const rates = [1, 0.55, 0.7, 0.35]
  const series = BEHAVIOURS.map((name, b) => ({
    name,
    points: Array.from({ length: 120 }, (_, i) => ({ x: i * 30, y: round(rates[b]! * (0.5 + rng.nextFloat())) })),
  }))
  const groups = BEHAVIOURS.map((name, b) => ({ name, values: Array.from({ length: 200 }, () => round(40 * rates[b]! + 8 * normal(rng))) }))
  return {
    heading: 'Earnings by behaviour',
    charts: [
      renderCumulativeLines({ series }, { title: 'Cumulative earnings', xLabel: 'time', xUnit: 's', yLabel: 'earnings', yUnit: 'COR' }),
      renderBoxPlot({ groups }, { title: 'Earnings per node', kind: 'both', yLabel: 'earnings', yUnit: 'COR', xLabel: 'behaviour' }),
    ],
  }
}

function reputation(seed: number): ReportPage['sections'][number] {
  const rng = createChildRng(seed, 'reputation')
  const series = ['honest', 'lazy'].map((name, s) => {
    let level = 50
    const rows: PercentileRow[] = []
    for (let i = 0; i <= 48; i++) {
      level += (s === 0 ? 0.6 : -0.4) + normal(rng)
      const spread = 4 + i * 0.15
      rows.push({ x: i * 1800, lo: round(level - 2 * spread), q1: round(level - spread), median: round(level), q3: round(level + spread), hi: round(level + 2 * spread) })
    }
    return { name, rows }
  })
  return {
    heading: 'Reputation over time',
    charts: [renderPercentileBands({ series }, { title: 'Reputation score', xLabel: 'time', xUnit: 's', yLabel: 'score' })],
  }
}

function selection(seed: number): ReportPage['sections'][number] {
  const rng = createChildRng(seed, 'selection')
  const tasks = 5000
  const groups = ['tier A', 'tier B'].map((name, g) => ({
    name,
    points: Array.from({ length: 60 }, (_, i) => {
      const weight = round(0.002 + 0.02 * rng.nextFloat() * (g + 1), 4)
      return { x: weight, y: round(tasks * weight + Math.sqrt(tasks * weight) * normal(rng), 1), label: `node-${g * 60 + i}` }
    }),
  }))
  const expected = Array.from({ length: 21 }, (_, i) => {
    const w = (0.04 * i) / 20
    const sd = Math.sqrt(tasks * w * (1 - w))
    return { x: round(w, 4), y: round(tasks * w, 2), lo: round(tasks * w - 1.96 * sd, 2), hi: round(tasks * w + 1.96 * sd, 2) }
  })
  return {
    heading: 'Selection frequency against weight',
    charts: [
      renderScatter(
        { series: groups, expected: { name: 'expected (95% band)', points: expected } },
        { title: 'Selections per node', xLabel: 'sampling weight', yLabel: 'selections', yUnit: 'tasks' },
      ),
    ],
  }
}

function oracle(seed: number): ReportPage['sections'][number] {
  const rng = createChildRng(seed, 'oracle')
  const lanes = ['oracle-1', 'oracle-2', 'oracle-3'].map((name) => ({ name, intervals: [] as { start: number; end: number; category: number; label?: string }[], markers: [] as { at: number; category: number; label?: string }[] }))
  let t = 0
  for (let w = 0; w < 12; w++) {
    const leader = w % 3
    const length = 300 + rng.nextInt(300)
    lanes[leader]!.intervals.push({ start: t, end: t + length, category: 0, label: `window ${w}` })
    if (rng.nextInt(4) === 0) {
      const at = t + rng.nextInt(length)
      lanes[leader]!.markers.push({ at, category: 2, label: 'missed heartbeat' })
      lanes[(leader + 1) % 3]!.intervals.push({ start: at, end: at + 60, category: 1, label: 'failover' })
    }
    t += length
  }
  return {
    heading: 'Oracle leader timeline',
    charts: [
      renderTimeline(
        { lanes, categories: [{ name: 'leader' }, { name: 'failover' }, { name: 'missed heartbeat', color: '#d62728' }] },
        { title: 'Leadership windows', xLabel: 'time', xUnit: 's', heightPx: 220 },
      ),
    ],
  }
}

function latency(seed: number): ReportPage['sections'][number] {
  const rng = createChildRng(seed, 'latency')
  const regions = ['eu', 'us', 'asia'].map((name, r) => ({ name, values: Array.from({ length: 400 }, () => round(Math.exp(6 + 0.3 * r + 0.5 * normal(rng)), 1)) }))
  return {
    heading: 'Latency distributions',
    charts: [renderCdf({ series: regions }, { title: 'Task latency by region', xScale: 'log', xLabel: 'latency', xUnit: 'ms' })],
  }
}

function poi(seed: number): ReportPage['sections'][number] {
  const rng = createChildRng(seed, 'poi')
  const clamp = (v: number): number => round(Math.min(1, Math.max(0, v)))
  const honest = Array.from({ length: 600 }, () => clamp(0.92 + 0.04 * normal(rng)))
  const cheating = Array.from({ length: 200 }, () => clamp(0.7 + 0.1 * normal(rng)))
  const threshold = 0.85
  const count = (values: number[], accepted: boolean): number => values.filter((v) => v >= threshold === accepted).length
  return {
    heading: 'PoI similarity',
    charts: [
      renderHistogram(
        { series: [{ name: 'honest', values: honest }, { name: 'cheating', values: cheating }], threshold: { value: threshold, label: 'threshold' } },
        { title: 'Similarity to the cluster', domain: [0.4, 1], binCount: 30, normalize: true, xLabel: 'cosine similarity' },
      ),
      renderConfusionMatrix(
        { labels: ['honest', 'cheating'], counts: [[count(honest, true), count(honest, false)], [count(cheating, true), count(cheating, false)]] },
        { title: 'Verdicts', actualLabel: 'actual behaviour', predictedLabel: 'verdict', widthPx: 420, heightPx: 320 },
      ),
    ],
  }
}

function sweep(seed: number): ReportPage['sections'][number] {
  const rng = createChildRng(seed, 'sweep')
  const redundancy = [1, 2, 3, 4, 5, 6]
  const thresholds = [0.7, 0.75, 0.8, 0.85, 0.9, 0.95]
  const values = thresholds.map((th) => redundancy.map((r) => (r === 6 && th === 0.7 ? null : round(Math.min(1, (1 - Math.exp(-r * 0.6)) * (th + 0.05) + 0.03 * normal(rng))))))
  return {
    heading: 'Sweep: detection rate',
    charts: [
      renderHeatmap(
        { xValues: redundancy, yValues: thresholds, values, boundary: { name: 'detection ≥ 0.8', points: [{ x: 2.2, y: 0.95 }, { x: 3, y: 0.82 }, { x: 4.5, y: 0.7 }] } },
        { title: 'Detection rate', xLabel: 'redundancy', yLabel: 'PoI threshold', valueLabel: 'detection rate', colorDomain: [0, 1] },
      ),
    ],
  }
}

function verdicts(): ReportPage['sections'][number] {
  const rows = [
    { property: 'funds are conserved', verdict: 'pass', runs: 40, repro: '' },
    { property: 'honest out-earns every deviation', verdict: 'pass', runs: 40, repro: '' },
    { property: 'at most one oracle leader per window', verdict: 'fail', runs: 12, repro: 'ctb replay --seed 7 --path "3:1:0"' },
    { property: 'every task ends or is refunded', verdict: 'pass', runs: 40, repro: '' },
  ]
  return {
    heading: 'Verdicts',
    charts: [
      renderTable(
        {
          columns: [
            { key: 'property', label: 'property' },
            { key: 'verdict', label: 'verdict' },
            { key: 'runs', label: 'runs' },
            { key: 'repro', label: 'repro' },
          ],
          rows,
        },
        { caption: 'Properties' },
      ),
    ],
  }
}

/** The demo report: every chart kind, a table, a section that cannot be drawn, and embedded data. */
export function buildDemoPage(seed: number = DEMO_SEED): ReportPage {
  return {
    title: 'Cortensor Testbed — chart demo',
    header: [
      { label: 'seed', value: String(seed) },
      { label: 'scenario', value: 'synthetic demo (no simulation)' },
      { label: 'note', value: 'numbers are random and mean nothing' },
    ],
    sections: [
      verdicts(),
      earnings(seed),
      reputation(seed),
      selection(seed),
      oracle(seed),
      latency(seed),
      poi(seed),
      sweep(seed),
      { heading: 'A/B comparison', note: 'Cannot be drawn: the demo has only one run to compare.', charts: [] },
    ],
    data: { seed, behaviours: [...BEHAVIOURS] },
  }
}
