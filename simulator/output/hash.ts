/** Content hashes: sha256 of canonical JSON, so equal values hash equally whatever their key order. */
import { createHash } from 'node:crypto'
import { stringifyJson } from '../../protocol/core/json.ts'

/** sha256 (lower-case hex) of the canonical, bigint-safe JSON of `value`. */
export function computeContentHash(value: unknown): string {
  return createHash('sha256').update(stringifyJson(value), 'utf8').digest('hex')
}
