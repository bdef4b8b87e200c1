/**
 * Running a simulation, as a library: `runSimulation(config)` runs in-process and returns
 * `{ header, metrics, resultHash }` (scenarios run thousands of these, also in worker threads);
 * `runSimulationToFolder` writes the run folder (run.json, metrics.json, optional trace.jsonl),
 * yields to the event loop so Ctrl-C can stop it after the current event, and marks an
 * interrupted run incomplete. `resultHash` is the sha256 of the canonical metrics: two runs of
 * one configuration give the same hash (what `ctb replay` checks).
 */
import { stopOnInterrupt, type SignalSource } from '../engine/interrupt.ts'
import type { RunProgress } from '../engine/simulation.ts'
import type { SimulationMetrics } from '../metrics/schema.ts'
import { RUN_FORMAT, RUN_FORMAT_VERSION, type RunHeader } from '../output/format.ts'
import { computeContentHash } from '../output/hash.ts'
import { readGitCommit, readPackageVersion } from '../output/provenance.ts'
import { createRunWriter, systemWallClock, type RunWriter } from '../output/writer.ts'
import { resolveSimulation, type SimulationConfig, type SimulationInput } from '../scenario/resolve.ts'
import { SimHost, type TestHooks } from '../host/host.ts'
import { handleEvent, startHost } from '../host/loop.ts'
import { buildMetrics } from '../host/report.ts'
import { takeSample } from '../host/sample.ts'

export type RunStatus = 'completed' | 'interrupted' | 'violation'

export interface SimulationProgress {
  readonly simulatedMs: number
  readonly durationMs: number
  readonly eventsProcessed: number
  readonly pendingEvents: number
}

export interface RunOptions {
  /** Receives every trace record, in order (the folder writer's `trace`, or a test's array). */
  readonly traceSink?: (record: unknown) => void
  readonly hooks?: TestHooks
  /** The command line that reproduces the run (quoted when an invariant breaks). */
  readonly repro?: string
  readonly onProgress?: (progress: SimulationProgress) => void
  readonly progressEveryEvents?: number
}

export interface SimulationResult {
  readonly header: RunHeader
  readonly metrics: SimulationMetrics
  readonly resultHash: string
  readonly status: RunStatus
  readonly config: SimulationConfig
}

let provenance: { gitCommit: string; packageVersion: string } | undefined

/** Git commit and package version, read once per process. */
export function getProvenance(): { gitCommit: string; packageVersion: string } {
  provenance ??= { gitCommit: readGitCommit(), packageVersion: readPackageVersion() }
  return provenance
}

function toConfig(input: SimulationConfig | SimulationInput): SimulationConfig {
  return 'scenario' in input && input.scenario !== undefined && 'params' in input && isResolved(input as SimulationConfig) ? (input as SimulationConfig) : resolveSimulation(input as SimulationInput)
}

function isResolved(c: SimulationConfig): boolean {
  return typeof c.scenario === 'object' && c.scenario !== null && (c.scenario as { formatVersion?: unknown }).formatVersion !== undefined && Array.isArray((c.scenario as { miners?: unknown }).miners) && typeof c.params === 'object' && c.params !== null && 'poi' in c.params
}

export function nodeCountsOf(host: SimHost): Record<string, number> {
  return { miner: host.miners.count, oracle: host.oracles.count, client: host.clients.count }
}

function progressOf(host: SimHost, p: RunProgress): SimulationProgress {
  return { simulatedMs: p.nowMs, durationMs: host.endMs, eventsProcessed: p.eventsProcessed, pendingEvents: p.pendingCount }
}

function finish(host: SimHost, interrupted: boolean): { metrics: SimulationMetrics; resultHash: string; status: RunStatus } {
  const status: RunStatus = host.stopped === 'violation' ? 'violation' : interrupted ? 'interrupted' : 'completed'
  if (status === 'completed') takeSample(host)
  const metrics = buildMetrics(host, status)
  return { metrics, resultHash: computeContentHash(metrics), status }
}

/** Runs `input` to the end in this thread and returns its metrics and result hash. */
export function runSimulation(input: SimulationConfig | SimulationInput, options: RunOptions = {}): SimulationResult {
  const config = toConfig(input)
  const startedAt = systemWallClock.nowIso()
  const startedMs = systemWallClock.nowMs()
  const host = new SimHost(config, { traceSink: options.traceSink, hooks: options.hooks, repro: options.repro })
  startHost(host)
  const onProgress = options.onProgress
  const r = host.sim.runUntil(host.endMs, (kind, source, payload) => handleEvent(host, kind, source, payload), {
    ...(onProgress ? { onProgress: (p: RunProgress) => onProgress(progressOf(host, p)) } : {}),
    ...(options.progressEveryEvents !== undefined ? { progressEveryEvents: options.progressEveryEvents } : {}),
  })
  const done = finish(host, r.status === 'interrupted')
  const header: RunHeader = {
    format: RUN_FORMAT,
    formatVersion: RUN_FORMAT_VERSION,
    seed: config.seed,
    scenarioHash: computeContentHash(config.scenario),
    paramsHash: computeContentHash(config.params),
    scenario: config.scenario,
    params: config.params,
    ...getProvenance(),
    nodeCounts: nodeCountsOf(host),
    startedAt,
    wallTimeMs: Math.max(0, Math.round(systemWallClock.nowMs() - startedMs)),
    simulatedMs: host.nowMs,
    eventsProcessed: host.sim.eventsProcessed,
    complete: done.status === 'completed',
    traceLines: null,
    resultHash: done.resultHash,
  }
  return { header, ...done, config }
}

export interface FolderRunOptions extends Omit<RunOptions, 'traceSink'> {
  readonly outDir: string
  readonly trace: boolean
  readonly overwrite?: boolean
  /** Stop after the current event on SIGINT/SIGTERM (default true). */
  readonly stopOnSignal?: boolean
  readonly signals?: SignalSource
  /** Events between yields to the Node event loop (signals are seen only then). */
  readonly yieldEveryEvents?: number
}

/** Runs `input` and writes its run folder; an interrupted run leaves run.json marked incomplete. */
export async function runSimulationToFolder(input: SimulationConfig | SimulationInput, options: FolderRunOptions): Promise<SimulationResult> {
  const config = toConfig(input)
  let writer: RunWriter | undefined
  const host = new SimHost(config, { traceSink: options.trace ? (record) => writer!.trace(record) : undefined, hooks: options.hooks, repro: options.repro })
  writer = createRunWriter({
    dir: options.outDir,
    seed: config.seed,
    scenario: config.scenario,
    params: config.params,
    nodeCounts: nodeCountsOf(host),
    trace: options.trace,
    ...(options.overwrite !== undefined ? { overwrite: options.overwrite } : {}),
    ...getProvenance(),
  })
  startHost(host)
  const removeSignals = options.stopOnSignal === false ? () => {} : stopOnInterrupt(host.sim, options.signals)
  const onProgress = options.onProgress
  let status: 'completed' | 'interrupted'
  try {
    const r = await host.sim.runUntilAsync(host.endMs, (kind, source, payload) => handleEvent(host, kind, source, payload), {
      ...(onProgress ? { onProgress: (p: RunProgress) => onProgress(progressOf(host, p)) } : {}),
      ...(options.progressEveryEvents !== undefined ? { progressEveryEvents: options.progressEveryEvents } : {}),
      ...(options.yieldEveryEvents !== undefined ? { yieldEveryEvents: options.yieldEveryEvents } : {}),
    })
    status = r.status
  } finally {
    removeSignals()
  }
  const done = finish(host, status === 'interrupted')
  const written = writer.finish({ complete: done.status === 'completed', metrics: done.metrics, simulatedMs: host.nowMs, eventsProcessed: host.sim.eventsProcessed, resultHash: done.resultHash })
  return { header: written, ...done, config }
}
