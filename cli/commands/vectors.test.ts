// Goal: `ctb vectors` writes byte-identical files for a seed with an index whose coverage gaps are
// empty, `--check` accepts what it wrote and names every tampered step, missing file and foreign
// file, and bad flags or unusable directories exit 2 with one clear line.
// Method: run main() with captured io on small machines (oracle, escrow) into temp directories,
// compare the trees byte for byte, then edit files on disk and check again.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseJson, stringifyJson } from '../../protocol/core/json.ts'
import { main } from '../main.ts'
import type { VectorIndex } from './vectors.ts'

async function ctb(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await main(['vectors', ...argv], { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n'), isTty: false })
  return { code, out, err }
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ctb-vectors-'))
}

/** Every file under `dir` with its bytes, by relative path. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {}
  for (const entry of (readdirSync(dir, { recursive: true }) as string[]).sort()) {
    if (entry.endsWith('.json')) files[entry] = readFileSync(join(dir, entry), 'utf8')
  }
  return files
}

function readIndex(dir: string): VectorIndex {
  return JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as VectorIndex
}

describe('ctb vectors', () => {
  it('writes the same bytes twice for a seed, with a complete index and progress on stderr', async () => {
    const [a, b] = [tempDir(), tempDir()]
    const first = await ctb('--machine', 'oracle', '--out', a, '--seed', '7')
    expect(first.code).toBe(0)
    expect(first.err).toMatch(/vectors: oracle: \d+ vectors, \d+ steps, rows 7\/7, rejections 11\/11/)
    expect((await ctb('--machine', 'oracle', '--out', b, '--seed', '7')).code).toBe(0)
    expect(tree(b)).toEqual(tree(a))
    const index = readIndex(a)
    expect(index.seed).toBe(7)
    expect(Object.keys(index.machines)).toEqual(['oracle'])
    const oracle = index.machines['oracle']!
    expect(oracle.coverage.rows.missing).toEqual([])
    expect(oracle.coverage.rejections.missing).toEqual([])
    expect([...oracle.files].sort()).toEqual(Object.keys(tree(a)).filter((f) => f !== 'index.json'))
  })

  it('gives other vectors for another seed and drops the files of an earlier run', async () => {
    const dir = tempDir()
    await ctb('--machine', 'escrow', '--out', dir, '--seed', '1')
    const before = tree(dir)
    await ctb('--machine', 'escrow', '--out', dir, '--seed', '2')
    const after = tree(dir)
    expect(after).not.toEqual(before)
    // Only the files the second index lists remain.
    expect(Object.keys(after).filter((f) => f !== 'index.json')).toEqual([...readIndex(dir).machines['escrow']!.files].sort())
  })

  it('encodes amounts as #bigint objects', async () => {
    const dir = tempDir()
    await ctb('--machine', 'escrow', '--out', dir)
    const [file] = readIndex(dir).machines['escrow']!.files
    const text = readFileSync(join(dir, file!), 'utf8')
    expect(text).toContain('{"#bigint":"')
    const vector = parseJson(text) as { initial: { state: { escrow: { amount: unknown } } } }
    expect(typeof vector.initial.state.escrow.amount).toBe('bigint')
  })

  it('--check accepts what it wrote and reports every tampered step, foreign file and missing file', async () => {
    const dir = tempDir()
    await ctb('--machine', 'oracle', '--out', dir)
    const ok = await ctb('--check', dir)
    expect(ok.code).toBe(0)
    expect(ok.out).toMatch(/\d+ vectors conform/)
    expect(ok.err).toContain('vectors: oracle: replayed')

    const [first, second] = readIndex(dir).machines['oracle']!.files
    const path = join(dir, first!)
    const vector = parseJson(readFileSync(path, 'utf8')) as { steps: { expect: { ok: boolean; code?: string; post?: { window: number } } }[] }
    const step = vector.steps.findIndex((s) => !s.expect.ok)
    vector.steps[step]!.expect.code = 'NotOwner'
    writeFileSync(path, stringifyJson(vector))
    writeFileSync(join(dir, 'oracle', 'notes.json'), '{"hello": 1}')
    rmSync(join(dir, second!))
    const bad = await ctb('--check', dir)
    expect(bad.code).toBe(1)
    expect(bad.out).toContain(`${first}: step ${step}: expected rejection NotOwner, got`)
    expect(bad.out).toContain('oracle/notes.json: not a ctb-vector/1 vector')
    expect(bad.out).toContain(`index.json: lists ${second}, which is missing`)
    expect(bad.out).toMatch(/3 mismatch\(es\)/)
    // --machine limits the replay; a vector of another machine is skipped, not failed.
    const onlyEscrow = await ctb('--check', dir, '--machine', 'escrow')
    expect(onlyEscrow.out).not.toContain(`${first}: step`)
    expect(onlyEscrow.out).toContain(`lists ${second}`)
  })

  it('exits 2 on a bad flag, an unknown machine, an unwritable directory or nothing to check', async () => {
    expect((await ctb('--seed', 'abc')).err).toContain('--seed expects an integer')
    expect((await ctb('--seed', String(2 ** 33))).code).toBe(2)
    const unknown = await ctb('--machine', 'nope')
    expect(unknown.code).toBe(2)
    expect(unknown.err).toContain("unknown machine 'nope'")
    const dir = tempDir()
    const file = join(dir, 'file')
    writeFileSync(file, 'not a directory')
    const unwritable = await ctb('--machine', 'escrow', '--out', join(file, 'vectors'))
    expect(unwritable.code).toBe(2)
    expect(unwritable.err).toMatch(/cannot create directory .*: ENOTDIR/)
    expect((await ctb('--check', join(dir, 'missing'))).err).toContain('ENOENT')
    expect((await ctb('--check', file)).err).toContain('is not a directory')
    const empty = join(dir, 'empty')
    mkdirSync(empty)
    expect((await ctb('--check', empty)).err).toContain('no vector files')
  })
})
