/**
 * Event kinds and their ranks. The engine orders events at the same instant by the rank of their
 * kind, so the list a host declares here is part of its semantics: changing the order changes
 * results (as the order of Shadow's event variants does). A host declares its kinds once, in the
 * order it wants, and schedules with `kinds.rank.name`; traces print `kinds.nameOf(rank)`.
 */
import { assert } from './assert.ts'
import { KIND_RANK_MAX } from './queue.ts'

export interface EventKinds<K extends string> {
  /** Kind names in rank order (index = rank). */
  readonly names: readonly K[]
  /** Rank of each kind, for `Simulation.schedule`. */
  readonly rank: { readonly [N in K]: number }
  /** Name of the kind with rank `rank` (an assertion failure for an unknown rank). */
  nameOf(rank: number): K
}

/** Declares event kinds; the first one runs first among events at the same time. */
export function defineEventKinds<const K extends string>(names: readonly K[]): EventKinds<K> {
  assert(names.length >= 1 && names.length <= KIND_RANK_MAX + 1, `between 1 and ${KIND_RANK_MAX + 1} event kinds, got ${names.length}`)
  assert(new Set(names).size === names.length, `event kind names must be unique: ${names.join(', ')}`)
  const rank = {} as Record<K, number>
  names.forEach((name, index) => {
    rank[name] = index
  })
  const frozenNames = Object.freeze([...names])
  return {
    names: frozenNames,
    rank: Object.freeze(rank),
    nameOf(r: number): K {
      const name = frozenNames[r]
      assert(name !== undefined, `no event kind has rank ${r} (known: 0–${frozenNames.length - 1})`)
      return name
    },
  }
}
