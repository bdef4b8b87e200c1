// Goal: every command answers --help, bad flags and arguments exit 2 with one clear line, and
// `ctb spec` prints diagrams derived from the machine tables. Method: call main() with captured io.
import { describe, expect, it } from 'vitest'
import { main } from './main.ts'
import { COMMANDS } from './registry.ts'
import { writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

async function ctb(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await main(argv, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n'), isTty: false })
  return { code, out, err }
}

describe('ctb', () => {
  it('lists commands and exits 2 without one', async () => {
    const r = await ctb()
    expect(r.code).toBe(2)
    for (const c of COMMANDS) expect(r.out).toContain(c.name)
    expect((await ctb('--help')).code).toBe(0)
  })

  it('rejects an unknown command', async () => {
    const r = await ctb('fly')
    expect(r.code).toBe(2)
    expect(r.err).toContain("unknown command 'fly'")
  })

  it.each(COMMANDS.map((c) => c.name))('%s answers --help and rejects an unknown flag', async (name) => {
    const help = await ctb(name, '--help')
    expect(help.code).toBe(0)
    expect(help.out).toContain(`Usage: ctb ${name}`)
    const bad = await ctb(name, '--no-such-flag')
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('unknown flag --no-such-flag')
  })

  it('spec prints mermaid and json for a machine, and refuses an unknown machine', async () => {
    const m = await ctb('spec', '--machine', 'task')
    expect(m.out).toContain('stateDiagram-v2')
    expect(m.out).toContain('Queued --> Assigned : assign')
    const j = await ctb('spec', '--format', 'json', '--machine', 'task')
    expect(JSON.parse(j.out)[0].initial).toBe('Queued')
    expect((await ctb('spec', '--format', 'svg')).code).toBe(2)
    expect((await ctb('spec', '--machine', 'nope')).code).toBe(2)
  })

  it('params validates a file and names bad fields', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctb-'))
    const good = join(dir, 'good.json')
    const bad = join(dir, 'bad.json')
    const broken = join(dir, 'broken.json')
    writeFileSync(good, '{"session":{"redundant":2}}')
    writeFileSync(bad, '{"session":{"redundant":0}}')
    writeFileSync(broken, '{"session":')
    expect((await ctb('params', '--check', good)).code).toBe(0)
    const r = await ctb('params', '--check', bad)
    expect(r.code).toBe(2)
    expect(r.err).toContain('session.redundant: 0 is below minimum 1')
    expect((await ctb('params', '--check', broken)).err).toContain('is not valid JSON')
    expect((await ctb('params', '--check', join(dir, 'missing.json'))).err).toContain('ENOENT')
    expect((await ctb('params', '--check')).err).toContain('needs a value')
    expect((await ctb('params')).out).toContain('userTask.ackDeadlineMs')
  })
})
