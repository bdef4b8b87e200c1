/**
 * The run folder format. A run writes three files:
 *
 * - `run.json` — the header: what ran (seed, scenario and parameters with their hashes), with
 *   which code (git commit, package version), how big (node counts), how long (wall time,
 *   simulated time, events) and whether it finished (`complete`);
 * - `metrics.json` — the run's metrics, as the host computed them;
 * - `trace.jsonl` — optional, one event per line.
 *
 * Every file is canonical JSON (`protocol/core/json.ts`: sorted keys, bigints as
 * `{ "#bigint": "…" }`), so two runs of one seed give byte-identical `metrics.json` and
 * `trace.jsonl`; only the wall-clock fields of `run.json` (`startedAt`, `wallTimeMs`) differ.
 * A reader of a newer build refuses older versions with a clear message instead of guessing.
 */

export const RUN_FORMAT = 'cortensor-testbed/run'
/** Bump when a field changes meaning or is removed; readers refuse other versions. */
export const RUN_FORMAT_VERSION = 1

export const RUN_FILE = 'run.json'
export const METRICS_FILE = 'metrics.json'
export const TRACE_FILE = 'trace.jsonl'

export interface RunHeader {
  readonly format: typeof RUN_FORMAT
  readonly formatVersion: typeof RUN_FORMAT_VERSION
  /** The run's seed (unsigned 32-bit); with the scenario, parameters and commit it fixes the run. */
  readonly seed: number
  /** sha256 (hex) of the canonical JSON of `scenario`. */
  readonly scenarioHash: string
  /** sha256 (hex) of the canonical JSON of `params`. */
  readonly paramsHash: string
  readonly scenario: unknown
  readonly params: unknown
  /** `git rev-parse HEAD` of the working tree, or `"unknown"` outside a repository. */
  readonly gitCommit: string
  readonly packageVersion: string
  /** Agents per role, e.g. `{ "miner": 10000, "oracle": 10 }`. */
  readonly nodeCounts: Readonly<Record<string, number>>
  /** Wall-clock start (ISO 8601); not part of the run's determinism. */
  readonly startedAt: string
  /** Wall-clock duration; null while the run is going. */
  readonly wallTimeMs: number | null
  /** Virtual time reached, in ms. */
  readonly simulatedMs: number
  readonly eventsProcessed: number
  /** False until the run finished normally; an interrupted or crashed run stays false. */
  readonly complete: boolean
  /** Lines in `trace.jsonl`, or null when the run wrote no trace. */
  readonly traceLines: number | null
  /**
   * sha256 (hex) of the canonical JSON of `metrics.json`: what `ctb replay` compares. Null until
   * the run finishes, and for hosts that do not compute one. (Added without a version bump: older
   * readers ignore it.)
   */
  readonly resultHash: string | null
}
