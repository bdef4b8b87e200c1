/** Where a run's code came from: the git commit and the package version, read once per run. */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The testbed's own checkout, whatever the working directory of the process. */
const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** `git rev-parse HEAD` in `cwd`, or `"unknown"` when git or the repository is missing. */
export function readGitCommit(cwd: string = PACKAGE_ROOT): string {
  try {
    const out = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 })
    const commit = out.trim()
    return /^[0-9a-f]{40,64}$/.test(commit) ? commit : 'unknown'
  } catch {
    return 'unknown'
  }
}

/** The `version` of the repository's package.json, or `"unknown"` when it cannot be read. */
export function readPackageVersion(packageJsonUrl: URL = new URL('../../package.json', import.meta.url)): string {
  try {
    const parsed = JSON.parse(readFileSync(packageJsonUrl, 'utf8')) as { version?: unknown }
    return typeof parsed.version === 'string' ? parsed.version : 'unknown'
  } catch {
    return 'unknown'
  }
}
