/**
 * Colours. Series colours follow Tableau 10 (distinct, colour-blind aware), repeating past ten;
 * sequential scales use viridis (perceptually uniform, readable in grey).
 */
import { interpolateBlues, interpolateViridis, schemeTableau10 } from 'd3'

export function seriesColor(index: number): string {
  return schemeTableau10[index % schemeTableau10.length]!
}

/** Sequential colour for `t` in [0, 1] (clamped), as #rrggbb. */
export function sequentialColor(t: number, scheme: 'viridis' | 'blues' = 'viridis'): string {
  const clamped = Math.min(1, Math.max(0, t))
  return scheme === 'viridis' ? interpolateViridis(clamped) : interpolateBlues(clamped)
}
