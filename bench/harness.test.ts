// Goal: the bench harness parses its command line strictly, measures variants by median over
// interleaved repeats, takes every ratio against the baseline measured in the same run, resolves
// targets, and writes its report; the queue benchmark runs each variant for exactly the asked
// number of events; `npm run bench` works end to end. Method: fake variants and benchmarks with
// known numbers, a tiny real queue run, and one subprocess run of bench/index.ts.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { BenchUsageError, parseBenchArgs } from './args.ts'
import { BareHeap } from './bare-heap.ts'
import { DEFAULT_BENCH_OPTIONS, measureVariants, runBenchmark, writeReport, type Benchmark, type Measurement, type TargetSpec } from './harness.ts'
import { main, type BenchIo } from './main.ts'
import { queueBenchmark } from './queue.ts'

const root = mkdtempSync(join(tmpdir(), 'ctb-bench-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('parseBenchArgs', () => {
  const known = ['queue', 'sim']

  it('runs every benchmark with the defaults when given nothing', () => {
    expect(parseBenchArgs([], known, DEFAULT_BENCH_OPTIONS)).toEqual({ names: known, options: DEFAULT_BENCH_OPTIONS, outDir: 'artifacts/bench', help: false })
  })

  it('reads names, options, the output folder and --help', () => {
    const args = parseBenchArgs(['sim', '--events', '500', '--pending', '7', '--repeats', '2', '--seed', '0', '--out', 'x', '-h'], known, DEFAULT_BENCH_OPTIONS)
    expect(args).toEqual({ names: ['sim'], options: { events: 500, pending: 7, repeats: 2, seed: 0 }, outDir: 'x', help: true })
  })

  it('refuses unknown names and flags, missing and bad values', () => {
    const attempt = (argv: string[]): string => {
      try {
        parseBenchArgs(argv, known, DEFAULT_BENCH_OPTIONS)
      } catch (error) {
        if (error instanceof BenchUsageError) return error.message
      }
      return 'accepted'
    }
    expect(attempt(['gas'])).toBe("unknown benchmark 'gas' (known: queue, sim)")
    expect(attempt(['--fast', '1'])).toBe('unknown flag --fast')
    expect(attempt(['--events'])).toBe('--events needs a value')
    expect(attempt(['--events', '1e6'])).toBe("--events expects an integer in [1, 10000000000], got '1e6'")
    expect(attempt(['--repeats', '0'])).toMatch(/--repeats expects an integer in \[1, 1000\]/)
    expect(attempt(['--seed', '4294967296'])).toMatch(/--seed expects/)
  })
})

describe('measureVariants and runBenchmark', () => {
  it('warms up each variant, then times it once per repeat', () => {
    const calls: number[] = []
    const variant = { name: 'v', description: 'd', run: (events: number) => (calls.push(events), events) }
    const [m] = measureVariants([variant], { ...DEFAULT_BENCH_OPTIONS, events: 40, repeats: 3 })
    expect(calls).toEqual([10, 40, 40, 40])
    expect(m!.eventsPerSecondByRepeat).toHaveLength(3)
    expect(m!.eventsPerSecondBest).toBeGreaterThanOrEqual(m!.eventsPerSecond)
    expect(m!.eventsPerRepeat).toBe(40)
  })

  const fixed = (name: string, eventsPerSecond: number): Measurement => ({ name, description: name, eventsPerRepeat: 1, eventsPerSecond, eventsPerSecondBest: eventsPerSecond, eventsPerSecondByRepeat: [eventsPerSecond] })
  const fake = (baseline: string, targets: readonly TargetSpec[] = []): Benchmark => ({
    name: 'fake',
    description: 'fixed numbers',
    run: async () => ({ baseline, measurements: [fixed('base', 4_000_000), fixed('engine', 1_000_000)], targets }),
  })

  it('takes ratios against the baseline of the same run and resolves targets', async () => {
    const report = await runBenchmark(
      fake('base', [
        { kind: 'ratio', ratio: 'engine/base', min: 0.2, source: 's' },
        { kind: 'eventsPerSecond', measurement: 'engine', min: 2_000_000, source: 's' },
      ]),
      DEFAULT_BENCH_OPTIONS,
      () => new Date('2025-01-01T00:00:00Z'),
    )
    expect(report.ratios).toEqual({ 'engine/base': 0.25 })
    expect(report.targets.map((t) => [t.value, t.met])).toEqual([
      [0.25, true],
      [1_000_000, false],
    ])
    expect(report.createdAt).toBe('2025-01-01T00:00:00.000Z')
    expect(report.peakRssBytes).toBeGreaterThan(1_000_000)
    expect(report.environment['node']).toBe(process.version)
  })

  it('refuses a baseline or a target that was not measured', async () => {
    await expect(runBenchmark(fake('nope'), DEFAULT_BENCH_OPTIONS)).rejects.toThrow(/baseline 'nope' but did not measure it/)
    await expect(runBenchmark(fake('base', [{ kind: 'ratio', ratio: 'x/base', min: 1, source: 's' }]), DEFAULT_BENCH_OPTIONS)).rejects.toThrow(/ratio 'x\/base'/)
    await expect(runBenchmark(fake('base', [{ kind: 'eventsPerSecond', measurement: 'x', min: 1, source: 's' }]), DEFAULT_BENCH_OPTIONS)).rejects.toThrow(/measurement 'x'/)
  })
})

describe('queue benchmark', () => {
  it('runs three variants for the asked number of events and writes its report', async () => {
    const report = await runBenchmark(queueBenchmark, { events: 3000, pending: 100, repeats: 1, seed: 3 })
    expect(report.measurements.map((m) => m.name)).toEqual(['bareHeap', 'eventQueue', 'simulation'])
    expect(Object.keys(report.ratios)).toEqual(['eventQueue/bareHeap', 'simulation/bareHeap'])
    expect(report.measurements.every((m) => m.eventsPerSecond > 0)).toBe(true)
    const path = writeReport(report, join(root, 'out'))
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ benchmark: 'queue', baseline: 'bareHeap' })
  })

  it('has a baseline heap that pops in time order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 200 }), (times) => {
        const heap = new BareHeap(times.length)
        times.forEach((t, i) => heap.push(t, i))
        const popped: number[] = []
        while (heap.size > 0) {
          const id = heap.pop()
          expect(times[id]).toBe(heap.poppedTime)
          popped.push(heap.poppedTime)
        }
        expect(popped).toEqual([...times].sort((a, b) => a - b))
      }),
      { seed: 99, numRuns: 100 },
    )
  })
})

describe('bench main', () => {
  function capture(): { io: BenchIo; out: string[]; err: string[] } {
    const out: string[] = []
    const err: string[] = []
    return { io: { out: (t) => out.push(t), err: (t) => err.push(t) }, out, err }
  }

  it('prints each report as JSON and writes it under --out', async () => {
    const { io, out, err } = capture()
    const dir = join(root, 'main')
    expect(await main(['queue', '--events', '2000', '--pending', '50', '--repeats', '1', '--out', dir], io)).toBe(0)
    const printed = JSON.parse(out.join('')) as { benchmark: string }
    expect(printed.benchmark).toBe('queue')
    expect(JSON.parse(readFileSync(join(dir, 'queue.json'), 'utf8'))).toEqual(printed)
    expect(err.join('')).toMatch(/written to .*queue.json/)
  })

  it('lists benchmarks on --help and exits 2 on a usage error', async () => {
    const help = capture()
    expect(await main(['--help'], help.io)).toBe(0)
    expect(help.out.join('')).toMatch(/queue {6}event engine overhead/)
    const bad = capture()
    expect(await main(['nope'], bad.io)).toBe(2)
    expect(bad.err.join('')).toMatch(/unknown benchmark 'nope'/)
  })

  it('lets unexpected errors through', async () => {
    const broken = [{ name: 'x', summary: 'x', load: async () => { throw new Error('boom') } }]
    await expect(main(['x'], capture().io, broken)).rejects.toThrow('boom')
  })
})

describe('npm run bench', () => {
  it('runs as a process and prints JSON', () => {
    const out = join(root, 'cli')
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/index.ts', 'queue', '--events', '2000', '--pending', '50', '--repeats', '1', '--out', out], { encoding: 'utf8', timeout: 60_000 })
    expect(r.status).toBe(0)
    expect((JSON.parse(r.stdout) as { benchmark: string }).benchmark).toBe('queue')
  })
})
