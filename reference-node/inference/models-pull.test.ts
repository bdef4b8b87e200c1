// Goal: `npm run models:pull` (scripts/models-pull.mjs) installs exactly the checksummed models,
// from a local folder (--from, what CI does) or over HTTP (--mirror), refuses anything that fails
// its sha256 without writing it, and says clearly when there is no network. Method: the real
// script in a child process against temp folders, a local HTTP server on 127.0.0.1 that serves
// good or corrupted copies, and a closed port for the offline case. No internet is used.
import { spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MODELS_DIR, REPO_ROOT, requireModelPath } from './model-files.ts'

const SCRIPT = join(REPO_ROOT, 'scripts', 'models-pull.mjs')
const FILES = ['stories260K/stories260K.gguf', 'distilbert-base-uncased-tokenizer/tokenizer.json', 'distilbert-base-uncased-tokenizer/tokenizer_config.json']

interface Run {
  readonly code: number | null
  readonly out: string
}

function runPull(args: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (out += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, out }))
  })
}

let scratch: string
let goodSource: string

/** A copy of the models folder, optionally with one file changed or removed. */
function makeSource(name: string, change?: { readonly file: string; readonly bytes: Buffer | null }): string {
  const dir = join(scratch, name)
  for (const file of FILES) {
    mkdirSync(join(dir, file, '..'), { recursive: true })
    cpSync(join(MODELS_DIR, file), join(dir, file))
  }
  if (change !== undefined) {
    if (change.bytes === null) rmSync(join(dir, change.file))
    else writeFileSync(join(dir, change.file), change.bytes)
  }
  return dir
}

function flipLastByte(file: string): Buffer {
  const bytes = Buffer.from(readFileSync(join(MODELS_DIR, file)))
  bytes[bytes.length - 1]! ^= 0xff
  return bytes
}

function serve(root: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = join(root, decodeURIComponent((req.url ?? '/').split('?')[0]!))
    if (!path.startsWith(root) || !existsSync(path)) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(readFileSync(path))
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

const urlOf = (server: Server): string => `http://127.0.0.1:${(server.address() as AddressInfo).port}`

beforeAll(() => {
  for (const file of FILES) requireModelPath(join(MODELS_DIR, file), `models/${file}`)
  scratch = mkdtempSync(join(tmpdir(), 'ctb-models-pull-'))
  goodSource = makeSource('good')
})

afterAll(() => {
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true })
})

describe('models:pull --from', () => {
  it('copies every file with a verified checksum, then keeps them on a second run', async () => {
    const dest = join(scratch, 'dest-from')
    const first = await runPull(['--from', goodSource, '--dest', dest])
    expect(first.code).toBe(0)
    for (const file of FILES) expect(readFileSync(join(dest, file)).equals(readFileSync(join(MODELS_DIR, file)))).toBe(true)
    expect(first.out).toMatch(/copied +stories260K\/stories260K\.gguf .*sha256 verified/)
    const second = await runPull(['--from', goodSource, '--dest', dest])
    expect(second.code).toBe(0)
    expect(second.out.match(/already present, checksum verified/g)).toHaveLength(FILES.length)
    const forced = await runPull(['--from', goodSource, '--dest', dest, '--force'])
    expect(forced.out.match(/copied/g)).toHaveLength(FILES.length)
  })

  it('refuses a file whose sha256 differs and writes nothing in its place', async () => {
    const source = makeSource('corrupt', { file: FILES[0]!, bytes: flipLastByte(FILES[0]!) })
    const dest = join(scratch, 'dest-corrupt')
    const run = await runPull(['--from', source, '--dest', dest])
    expect(run.code).toBe(2)
    expect(run.out).toMatch(/sha256 mismatch for stories260K\.gguf: expected 270cba1b/)
    expect(existsSync(join(dest, FILES[0]!))).toBe(false)
    expect(existsSync(join(dest, `${FILES[0]!}.part`))).toBe(false)
  })

  it('names a missing file, and regenerates the project-written tokenizer_config.json', async () => {
    const noModel = makeSource('no-model', { file: FILES[0]!, bytes: null })
    const missing = await runPull(['--from', noModel, '--dest', join(scratch, 'dest-missing')])
    expect(missing.code).toBe(2)
    expect(missing.out).toContain(join(noModel, FILES[0]!))
    const noConfig = makeSource('no-config', { file: FILES[2]!, bytes: null })
    const dest = join(scratch, 'dest-config')
    expect((await runPull(['--from', noConfig, '--dest', dest])).code).toBe(0)
    expect(readFileSync(join(dest, FILES[2]!)).equals(readFileSync(join(MODELS_DIR, FILES[2]!)))).toBe(true)
  })

  it('rejects unknown or incomplete arguments with exit code 1', async () => {
    expect((await runPull(['--bogus'])).code).toBe(1)
    expect((await runPull(['--from'])).code).toBe(1)
    expect((await runPull(['--from', goodSource, '--mirror', 'http://127.0.0.1:1'])).code).toBe(1)
    const help = await runPull(['--help'])
    expect(help.code).toBe(0)
    expect(help.out).toContain('--from')
  })
})

describe('models:pull over HTTP (--mirror)', () => {
  it('downloads and verifies every file', async () => {
    const server = await serve(goodSource)
    try {
      const dest = join(scratch, 'dest-http')
      const run = await runPull(['--mirror', urlOf(server), '--dest', dest])
      expect(run.code).toBe(0)
      expect(run.out).toMatch(/fetched +stories260K\/stories260K\.gguf/)
      for (const file of FILES) expect(readFileSync(join(dest, file)).equals(readFileSync(join(MODELS_DIR, file)))).toBe(true)
    } finally {
      server.close()
    }
  })

  it('refuses a corrupted download (exit 2) and a missing one (HTTP 404)', async () => {
    const server = await serve(makeSource('http-corrupt', { file: FILES[1]!, bytes: flipLastByte(FILES[1]!) }))
    try {
      const dest = join(scratch, 'dest-http-corrupt')
      const run = await runPull(['--mirror', urlOf(server), '--dest', dest])
      expect(run.code).toBe(2)
      expect(run.out).toMatch(/no source gave a valid tokenizer\.json:[\s\S]*sha256 mismatch/)
      expect(existsSync(join(dest, FILES[1]!))).toBe(false)
      const notFound = await runPull(['--mirror', `${urlOf(server)}/nowhere`, '--dest', dest])
      expect(notFound.code).toBe(2)
      expect(notFound.out).toContain('HTTP 404')
    } finally {
      server.close()
    }
  })

  it('says it is offline (exit 3) and points to --from when nothing answers', async () => {
    const server = await serve(goodSource)
    const url = urlOf(server)
    await new Promise((resolve) => server.close(resolve))
    const run = await runPull(['--mirror', url, '--dest', join(scratch, 'dest-offline')])
    expect(run.code).toBe(3)
    expect(run.out).toMatch(/cannot reach any source for stories260K\.gguf \(offline\?\)/)
    expect(run.out).toContain('--from ../shared/models')
  })
})
