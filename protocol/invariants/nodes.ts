/** Invariant checks over nodes and their session memberships. */
import type { Ctx } from '../core/context.ts'
import { METRICS } from '../core/effects.ts'
import { getMetricStats } from '../reputation/stats.ts'
import type { WorldState } from '../world/types.ts'

export function checkSessions(w: WorldState): string[] {
  const out: string[] = []
  for (const n of w.nodes.values()) {
    if (n.status.kind !== 'Reserved') continue
    const s = w.sessions.get(n.status.sessionId)
    if (s === undefined) out.push(`node ${n.address} is reserved to missing session ${n.status.sessionId}`)
    else if (s.status === 'Deactivated') out.push(`node ${n.address} is reserved to deactivated session ${s.sessionId}`)
    else if (!s.ephemeralNodes.includes(n.address)) out.push(`node ${n.address} is reserved to session ${s.sessionId}, which does not list it`)
  }
  for (const s of w.sessions.values()) {
    for (const a of s.ephemeralNodes) {
      const n = w.nodes.get(a)
      if (n?.status.kind !== 'Reserved' || n.status.sessionId !== s.sessionId) {
        out.push(`session ${s.sessionId} lists ${a} as ephemeral, but the node is ${n?.status.kind ?? 'unknown'}`)
      }
    }
  }
  return out
}

export function checkNodes(w: WorldState, ctx: Ctx): string[] {
  const out: string[] = []
  const max = ctx.params.levels.max
  for (const n of w.nodes.values()) {
    const level = n.reputation.level.level
    if (level < 0 || level > max || !Number.isInteger(level)) out.push(`node ${n.address} has level ${level}, outside 0..${max}`)
    for (const metric of METRICS) {
      const m = getMetricStats(n.reputation, metric)
      if (m.points > m.counter) out.push(`node ${n.address}: ${metric} has ${m.points} successes for ${m.counter} attempts`)
    }
  }
  for (const s of w.sessions.values()) {
    for (const a of [...s.ephemeralNodes, ...s.dedicatedNodes]) {
      if (w.nodes.get(a)?.status.kind === 'Banned' && s.ephemeralNodes.includes(a)) out.push(`banned node ${a} is still reserved by session ${s.sessionId}`)
    }
  }
  return out
}
