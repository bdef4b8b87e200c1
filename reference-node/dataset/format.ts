/**
 * Node standings for people (a compact table, one block per node) and for scripts (JSON with the
 * stake as a decimal string of the smallest unit, since JSON has no bigints).
 */
import { COR, type Amount } from '../../protocol/core/types.ts'
import type { NodeStanding } from './standing.ts'

/** An amount in COR with up to 4 decimals, trailing zeros dropped: `10000`, `0.5`. */
export function formatCor(amount: Amount): string {
  const negative = amount < 0n
  const abs = negative ? -amount : amount
  const whole = abs / COR
  const fraction = ((abs % COR) * 10_000n) / COR
  const decimals = fraction === 0n ? '' : `.${fraction.toString().padStart(4, '0').replace(/0+$/, '')}`
  return `${negative ? '-' : ''}${whole}${decimals}`
}

function percent(rate: number | null): string {
  return rate === null ? '–' : `${Math.round(rate * 100)}%`
}

/** The standings as text: a header line, then per node a summary line, its metrics and its cognitive record. */
export function formatStandingsText(standings: readonly NodeStanding[]): string {
  if (standings.length === 0) return 'no registered nodes'
  const lines = [`${'node'.padEnd(42)} ${'status'.padEnd(19)} level online stake(COR) score  models`]
  for (const s of standings) {
    const status = s.reservedBy === null ? s.status : `${s.status}(${s.reservedBy})`
    const models = s.models.map((m) => (m.name === null ? `${m.id}` : `${m.id} ${m.name}`)).join(', ')
    lines.push(`${s.address} ${status.padEnd(19)} ${String(s.level).padStart(5)} ${(s.online ? 'yes' : 'no').padEnd(6)} ${formatCor(s.stake).padStart(10)} ${s.reputationScore.toFixed(3)}  ${models}`)
    lines.push(`  metrics  ${s.metrics.map((m) => `${m.metric} ${m.points}/${m.counter} ${percent(m.successRate)}`).join(' · ')}`)
    const c = s.cognitive
    const pool = s.poolIneligibility === null ? 'eligible' : `not eligible (${s.poolIneligibility})`
    const next = s.nextLevel === null ? 'top level' : `next level needs ${s.nextLevel.consecutiveSuccesses} in a row (has ${s.levelSuccessStreak}) at ${percent(s.nextLevel.successRate)}`
    lines.push(`  rounds   ${c.successes}/${c.attempts} passed, window ${c.windowSuccesses}/${c.windowAttempts}, streak ${c.successStreak} (failures ${c.failureStreak}); pool: ${pool}; ${next}`)
  }
  return lines.join('\n')
}

/** A standing as JSON-safe data (the stake as a decimal string of the smallest unit). */
export function standingToJson(s: NodeStanding): Record<string, unknown> {
  return { ...s, stake: s.stake.toString() }
}
