/** `ctb params`: the parameter catalog with defaults and provenance, or a check of a params file. */
import { readFileSync } from 'node:fs'
import { stringifyJson } from '../../protocol/core/json.ts'
import { PARAM_PATHS, PARAM_SPECS } from '../../protocol/params/spec.ts'
import { formatParamErrors, loadParams } from '../../protocol/params/validate.ts'
import type { Command } from '../command.ts'
import { InputError } from '../command.ts'

export const paramsCommand: Command = {
  spec: {
    name: 'params',
    summary: 'Print the protocol parameters (default, range, unit, provenance), or validate a params file.',
    description: 'With --check FILE, loads FILE as overrides on the defaults and reports every invalid field by path; exit 2 when any is invalid.',
    flags: [
      { name: 'check', type: 'string', placeholder: 'FILE', description: 'validate a JSON file of parameter overrides' },
      { name: 'json', type: 'bool', description: 'print machine-readable JSON' },
    ],
    positionals: [],
    examples: ['ctb params', 'ctb params --check my-params.json'],
  },
  async run(args, io) {
    const file = args.flags['check'] as string | undefined
    if (file !== undefined) {
      const result = loadParams(readJsonFile(file))
      if (!result.ok) throw new InputError(`${file} has invalid parameters:\n${formatParamErrors(result.errors)}`)
      io.out(args.flags['json'] ? stringifyJson(result.params, 2) : `${file}: valid`)
      return 0
    }
    if (args.flags['json']) {
      io.out(stringifyJson(PARAM_SPECS, 2))
      return 0
    }
    for (const path of PARAM_PATHS) {
      const s = PARAM_SPECS[path]
      const range = s.type === 'enum' ? s.values.join('|') : s.type === 'amount' ? `≥ ${s.min} ${s.unit}` : `${s.min}..${s.max} ${s.unit}`
      io.out(`${path.padEnd(40)} ${String(s.default).padEnd(22)} ${range.padEnd(28)} [${s.provenance}, ${s.source}]`)
    }
    return 0
  },
}

/** Reads and parses a JSON file, turning every failure into an InputError naming the file. */
export function readJsonFile(file: string): unknown {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new InputError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new InputError(`${file} is not valid JSON: ${(error as Error).message}`)
  }
}
