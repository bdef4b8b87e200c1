/**
 * A progress line for terminals: bar, simulated time reached, events per second and the wall-clock
 * time left, redrawn in place (`\r`) at most every `minIntervalMs`. The wall clock is read here,
 * outside the simulation; nothing of it flows back into a run.
 */
import type { SimulationProgress } from './run.ts'

const BAR_WIDTH = 24

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const sec = s % 60
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}` : `${m}:${String(sec).padStart(2, '0')}`
}

export function formatRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)}M`
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)}k`
  return String(Math.round(perSecond))
}

/** One line: `[#####·····]  41% sim 9:50:00/24:00:00  812.3k ev/s  ETA 0:41`. */
export function formatProgressLine(p: SimulationProgress, wallElapsedMs: number): string {
  const share = p.durationMs > 0 ? Math.min(1, p.simulatedMs / p.durationMs) : 1
  const filled = Math.round(share * BAR_WIDTH)
  const rate = wallElapsedMs > 0 ? (p.eventsProcessed * 1000) / wallElapsedMs : 0
  const eta = share > 0 ? (wallElapsedMs * (1 - share)) / share : Number.NaN
  return `[${'#'.repeat(filled)}${'·'.repeat(BAR_WIDTH - filled)}] ${String(Math.floor(share * 100)).padStart(3)}% sim ${formatDuration(p.simulatedMs)}/${formatDuration(p.durationMs)}  ${formatRate(rate)} ev/s  ETA ${Number.isFinite(eta) ? formatDuration(eta) : '?'}`
}

export interface ProgressPrinter {
  update(p: SimulationProgress): void
  /** Clears the line (call before printing anything else). */
  done(): void
}

export function createProgressPrinter(write: (text: string) => void, nowMs: () => number, minIntervalMs = 200): ProgressPrinter {
  const startMs = nowMs()
  let lastMs = Number.NEGATIVE_INFINITY
  let drawn = false
  return {
    update(p) {
      const now = nowMs()
      if (now - lastMs < minIntervalMs) return
      lastMs = now
      drawn = true
      write(`\r${formatProgressLine(p, now - startMs)}\x1b[K`)
    },
    done() {
      if (drawn) write('\r\x1b[K')
      drawn = false
    },
  }
}
