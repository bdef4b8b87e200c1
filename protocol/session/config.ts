/**
 * Validation of a session's config, shared by `create` and `update`. Every problem names the
 * field and the bound it broke; the first problem found is reported (fields in ABI order).
 */
import type { Params } from '../params/spec.ts'
import { reject, type Rejection } from '../core/result.ts'
import { isAddress } from '../core/types.ts'
import { checkStringField } from '../core/bytes.ts'
import type { SessionConfig, SessionMode, SessionState, SessionUpdate } from './types.ts'

/** An `InvalidSessionConfig` rejection for the first invalid field of `config`, else undefined. */
export function checkSessionConfig(config: SessionConfig, params: Params): Rejection | undefined {
  const problem = findConfigProblem(config, params)
  return problem === undefined ? undefined : reject('InvalidSessionConfig', `session config: ${problem}`)
}

function findConfigProblem(c: SessionConfig, params: Params): string | undefined {
  const p = params.session
  return (
    checkStringField('name', c.name, p.maxNameBytes, 1) ??
    checkStringField('metadata', c.metadata, p.maxMetadataBytes) ??
    (isAddress(c.variableAddress) ? undefined : `variableAddress ${String(c.variableAddress)} is not a lower-case 20-byte hex address`) ??
    checkIntField('minNumOfNodes', c.minNumOfNodes, 1, p.maxNodesPerSession) ??
    checkIntField('maxNumOfNodes', c.maxNumOfNodes, c.minNumOfNodes, p.maxNodesPerSession, 'minNumOfNodes') ??
    checkIntField('redundant', c.redundant, 1, c.maxNumOfNodes, undefined, 'maxNumOfNodes') ??
    checkIntField('numOfValidatorNodes', c.numOfValidatorNodes, 0, p.maxValidatorNodes) ??
    checkMode(c.mode) ??
    (typeof c.reserveEphemeralNodes === 'boolean' ? undefined : 'reserveEphemeralNodes must be a boolean') ??
    (c.reserveEphemeralNodes && c.mode === 1 ? 'reserveEphemeralNodes is true but mode 1 (Dedicated) uses no ephemeral nodes' : undefined) ??
    checkIntField('sla', c.sla, 0, params.levels.max, undefined, 'levels.max') ??
    checkIntField('modelIdentifier', c.modelIdentifier, 0, Number.MAX_SAFE_INTEGER) ??
    checkIntField('reservePeriodMs', c.reservePeriodMs, 1, p.maxReservePeriodMs, undefined, 'session.maxReservePeriodMs') ??
    checkIntField('maxTaskExecutionCount', c.maxTaskExecutionCount, 1, p.maxTaskExecutionCountCap, undefined, 'session.maxTaskExecutionCountCap')
  )
}

/** A problem description when `value` is not an integer in [min, max]; the bounds may be named after other fields. */
export function checkIntField(field: string, value: unknown, min: number, max: number, minName?: string, maxName?: string): string | undefined {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) return `${field} must be an integer, got ${String(value)}`
  if (value < min) return `${field} ${value} is below ${minName === undefined ? 'the minimum' : minName} ${min}`
  if (value > max) return `${field} ${value} exceeds ${maxName === undefined ? 'the maximum' : maxName} ${max}`
  return undefined
}

function checkMode(mode: unknown): string | undefined {
  return mode === 0 || mode === 1 || mode === 2 ? undefined : `mode must be 0 (Ephemeral), 1 (Dedicated) or 2 (Hybrid), got ${String(mode)}`
}

/** Whether a session in `mode` may hold ephemeral nodes (0, 2) and dedicated nodes (1, 2). */
export function isNodeTypeAllowed(mode: SessionMode, dedicated: boolean): boolean {
  return dedicated ? mode !== 0 : mode !== 1
}

/** The config `update` would produce, or the reason it may not: the update must be valid on its own and fit the nodes already there. */
export function computeUpdatedConfig(state: SessionState, update: SessionUpdate, params: Params): SessionConfig | Rejection {
  const config: SessionConfig = {
    ...state.config,
    name: update.name,
    metadata: update.metadata,
    minNumOfNodes: update.minNumOfNodes,
    maxNumOfNodes: update.maxNumOfNodes,
    redundant: update.redundant,
    numOfValidatorNodes: update.numOfValidatorNodes,
    mode: update.mode,
  }
  const invalid = checkSessionConfig(config, params)
  if (invalid) return invalid
  const nodes = state.ephemeralNodes.length + state.dedicatedNodes.length
  if (config.maxNumOfNodes < nodes) {
    return reject('InvalidSessionConfig', `session config: maxNumOfNodes ${config.maxNumOfNodes} is below the ${nodes} nodes assigned now`)
  }
  if (state.ephemeralNodes.length > 0 && !isNodeTypeAllowed(config.mode, false)) {
    return reject('InvalidSessionConfig', `session config: mode ${config.mode} allows no ephemeral nodes, ${state.ephemeralNodes.length} are assigned`)
  }
  if (state.dedicatedNodes.length > 0 && !isNodeTypeAllowed(config.mode, true)) {
    return reject('InvalidSessionConfig', `session config: mode ${config.mode} allows no dedicated nodes, ${state.dedicatedNodes.length} are added`)
  }
  return config
}
