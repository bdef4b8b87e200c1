/**
 * Replaying a recorded run: the seed, scenario and parameters from its `run.json` run again, and
 * the new result hash must equal the recorded one (the sha256 of metrics.json). A mismatch comes
 * with the first differences between the two metrics, and the commits both runs came from.
 */
import { dirname } from 'node:path'
import { statSync } from 'node:fs'
import type { Params } from '../../protocol/params/spec.ts'
import { validateParams } from '../../protocol/params/validate.ts'
import { computeContentHash } from '../output/hash.ts'
import { readRunFolder, RunFolderError, type RunFolder } from '../output/reader.ts'
import type { SimulationConfig } from '../scenario/resolve.ts'
import type { Scenario } from '../scenario/types.ts'
import { diffJson } from './diff.ts'
import { getProvenance, runSimulation, type SimulationResult } from './run.ts'

export interface ReplayOutcome {
  readonly folder: RunFolder
  readonly recordedHash: string
  readonly replayedHash: string
  readonly identical: boolean
  /** First differences between recorded and replayed metrics (empty when identical). */
  readonly differences: readonly string[]
  readonly recordedCommit: string
  readonly currentCommit: string
  readonly result: SimulationResult
}

/** The run folder of `path`: a run.json file or the folder holding it. */
export function resolveRunFolder(path: string): string {
  try {
    return statSync(path).isDirectory() ? path : dirname(path)
  } catch {
    throw new RunFolderError('MissingFolder', `${path} does not exist`)
  }
}

/** The configuration a folder recorded (its parameters are checked again: a file may be edited). */
export function configOfFolder(folder: RunFolder): SimulationConfig {
  const params = validateParams(folder.header.params)
  if (!params.ok) {
    throw new RunFolderError('InvalidHeader', `${folder.dir}: recorded params are invalid: ${params.errors.map((e) => e.message).join('; ')}`)
  }
  const scenario = folder.header.scenario as Scenario
  if (scenario === null || typeof scenario !== 'object' || !Array.isArray(scenario.miners)) {
    throw new RunFolderError('InvalidHeader', `${folder.dir}: the recorded scenario is not a resolved scenario`)
  }
  return { seed: folder.header.seed, scenario, params: params.params as Params }
}

export function replayRun(path: string): ReplayOutcome {
  const folder = readRunFolder(resolveRunFolder(path))
  const recordedHash = folder.header.resultHash ?? computeContentHash(folder.metrics)
  const result = runSimulation(configOfFolder(folder))
  const identical = result.resultHash === recordedHash
  return {
    folder,
    recordedHash,
    replayedHash: result.resultHash,
    identical,
    differences: identical ? [] : diffJson(folder.metrics, result.metrics),
    recordedCommit: folder.header.gitCommit,
    currentCommit: getProvenance().gitCommit,
    result,
  }
}
