/**
 * Thinning long series before drawing: a path with a million vertices helps nobody and makes the
 * page slow. Keeps the first and last element and evenly spaced ones between, deterministically.
 */

export const DEFAULT_MAX_POINTS = 1000

export function thinEvenly<T>(items: readonly T[], maxCount: number = DEFAULT_MAX_POINTS): readonly T[] {
  if (items.length <= maxCount) return items
  if (maxCount < 1) return []
  if (maxCount === 1) return [items[0]!]
  const out: T[] = []
  const step = (items.length - 1) / (maxCount - 1)
  for (let i = 0; i < maxCount; i++) out.push(items[Math.round(i * step)]!)
  return out
}
