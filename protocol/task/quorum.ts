/** How many valid results a task needs (§15.4 interpretation; the rule is a parameter). */
import type { Params } from '../params/spec.ts'

export function computeQuorum(rule: Params['userTask']['quorumRule'], redundant: number): number {
  switch (rule) {
    case 'majority':
      return Math.max(1, Math.ceil(redundant / 2))
    case 'all':
      return redundant
    case 'one':
      return 1
  }
}
