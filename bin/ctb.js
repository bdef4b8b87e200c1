#!/usr/bin/env node
// Entry point of the `ctb` command: registers tsx so the TypeScript sources run as they are.
import { register } from 'tsx/esm/api'

// A closed pipe (`ctb spec | head`) is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0)
    throw error
  })
}

register()
const { main } = await import('../cli/main.ts')
process.exitCode = await main(process.argv.slice(2))
