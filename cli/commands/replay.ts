/**
 * `ctb replay <run.json>`: runs a recorded run again and confirms it reproduces the recorded
 * result hash (exit 0); otherwise prints where the metrics differ and exits 1. An unreadable or
 * damaged run folder exits 2 with the reader's message.
 */
import { stringifyJson } from '../../protocol/core/json.ts'
import { RunFolderError } from '../../simulator/output/reader.ts'
import { formatDuration } from '../../simulator/run/progress.ts'
import { replayRun } from '../../simulator/run/replay.ts'
import { InputError, type Command } from '../command.ts'

export const replayCommand: Command = {
  spec: {
    name: 'replay',
    summary: 'Re-run a recorded simulation and confirm it gives the identical result hash.',
    description: 'Reads the seed, scenario and parameters from run.json, runs them again in-process, and compares the sha256 of the metrics.',
    flags: [{ name: 'json', type: 'bool', description: 'print a machine-readable verdict' }],
    positionals: [{ name: 'run.json', description: 'a run.json file or its run folder', required: true }],
    examples: ['ctb replay runs/day/run.json'],
  },
  async run(args, io) {
    let outcome
    try {
      outcome = replayRun(args.positionals[0]!)
    } catch (error) {
      if (error instanceof RunFolderError) throw new InputError(error.message)
      throw error
    }
    const commitNote = outcome.recordedCommit === outcome.currentCommit ? '' : ` (recorded at commit ${outcome.recordedCommit}, replayed at ${outcome.currentCommit})`
    if (args.flags['json']) {
      io.out(
        stringifyJson({
          run: outcome.folder.dir,
          identical: outcome.identical,
          recordedHash: outcome.recordedHash,
          replayedHash: outcome.replayedHash,
          recordedCommit: outcome.recordedCommit,
          currentCommit: outcome.currentCommit,
          differences: outcome.differences,
        }),
      )
    } else if (outcome.identical) {
      io.out(`identical: ${outcome.replayedHash} (${formatDuration(outcome.result.metrics.run.simulatedMs)} simulated, ${outcome.result.metrics.run.eventsProcessed} events)${commitNote}`)
    } else {
      io.err([`different: recorded ${outcome.recordedHash}, replayed ${outcome.replayedHash}${commitNote}`, 'first differences (recorded → replayed):', ...outcome.differences.map((d) => `  ${d}`)].join('\n'))
    }
    return outcome.identical ? 0 : 1
  },
}
