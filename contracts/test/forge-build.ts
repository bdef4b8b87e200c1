/**
 * `forge build` for vitest files that need the artifacts (test-only). Vitest runs files in
 * parallel, and two compilations of one project at once would write the same artifacts and cache
 * concurrently, so builds take turns behind a lock directory (mkdir is atomic); a build that finds
 * the tree compiled is a no-op.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync, statSync } from 'node:fs'

const LOCK = 'cache/.ctb-forge-build.lock'
const STALE_MS = 10 * 60_000

export async function buildContracts(): Promise<void> {
  mkdirSync('cache', { recursive: true })
  for (;;) {
    try {
      mkdirSync(LOCK)
      break
    } catch {
      // A lock left by a killed process would block every later run.
      const lock = statSync(LOCK, { throwIfNoEntry: false })
      if (lock !== undefined && Date.now() - lock.mtimeMs > STALE_MS) rmSync(LOCK, { recursive: true, force: true })
      await new Promise((r) => setTimeout(r, 250))
    }
  }
  try {
    execFileSync('node_modules/.bin/forge', ['build'], { stdio: 'pipe' })
  } finally {
    rmSync(LOCK, { recursive: true, force: true })
  }
}
