// Goal: `ctb dataset export` and `ctb node status` read what a chain's PoUW rounds left behind —
// from a memory run (real llama.cpp by default, or the fake model) — and print or write it:
// the dataset file has one parseable row per question and answer and a summary that counts
// them; the status lists every registered miner with its standing, as text or JSON. Every bad
// flag, file, model or parameter is one clear line with exit code 2; an unreachable chain or a
// run that does not finish is exit code 1; `--rpc` is checked, then refused as not yet supported.
// Method: `main` in-process with a captured io; a tiny JSON-RPC server on 127.0.0.1 for `--rpc`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEPLOYMENT_CONTRACTS } from '../../reference-node/cli/deployment.ts'
import type { DatasetRow } from '../../reference-node/dataset/rows.ts'
import { STORIES_260K_GGUF, requireModelPath } from '../../reference-node/inference/model-files.ts'
import { main } from '../main.ts'

requireModelPath(STORIES_260K_GGUF, 'stories260K (the test model)')
const scratch = mkdtempSync(join(tmpdir(), 'ctb-dataset-cli-'))
const deploymentFile = join(scratch, 'deployment.json')
writeFileSync(deploymentFile, JSON.stringify({ chainId: 31337, contracts: Object.fromEntries(DEPLOYMENT_CONTRACTS.map((name, i) => [name, `0x${(i + 1).toString(16).padStart(40, '0')}`])) }))
let rpc: Server
let rpcUrl: string

beforeAll(async () => {
  rpc = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      const call = JSON.parse(body) as { id: number; method: string }
      res.setHeader('Content-Type', 'application/json')
      res.end(JSON.stringify({ jsonrpc: '2.0', id: call.id, result: call.method === 'eth_chainId' ? '0x7a69' : '0x6080' }))
    })
  })
  await new Promise<void>((resolve) => rpc.listen(0, '127.0.0.1', resolve))
  rpcUrl = `http://127.0.0.1:${(rpc.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((resolve) => rpc.close(resolve))
  rmSync(scratch, { recursive: true, force: true })
})

async function ctb(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await main(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), isTty: false })
  return { code, out, err }
}

describe('ctb dataset export', () => {
  it('writes the rounds of a llama.cpp memory run as JSON lines and summarises them', async () => {
    const file = join(scratch, 'data.jsonl')
    const r = await ctb('dataset', 'export', '--out', file, '--memory-run', '--rounds', '2', '--miners', '3', '--json')
    expect(r.code, r.err).toBe(0)
    const summary = JSON.parse(r.out) as { file: string; rows: number; endedRounds: number; invalidRows: number }
    const rows = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as DatasetRow)
    expect(summary).toMatchObject({ file, rows: rows.length, endedRounds: 2, invalidRows: 0 })
    // Two rounds, three completers each (shared roles), three questions each.
    expect(rows).toHaveLength(2 * 3 * 3)
    expect(new Set(rows.map((x) => x.roundId))).toEqual(new Set([1, 2]))
    for (const row of rows) expect(row.answer!.length).toBeGreaterThan(0)
    expect(r.err).toContain('memory run: 3 miners on stories260K (catalog id 1000), one oracle (lexical embeddings), 2 rounds')
    const text = await ctb('dataset', 'export', '--out', join(scratch, 'fake.jsonl'), '--memory-run', '--model', 'fake', '--rounds', '1', '--miners', '2')
    expect(text.code).toBe(0)
    expect(text.out).toMatch(/^wrote 6 rows \(0 marked invalid\) from 1 ended rounds \(0 still open, left out\) of a memory run of 1 rounds to .*fake\.jsonl\n$/)
  })

  const bad: [string, string[], RegExp][] = [
    ['no action', ['dataset'], /needs <action>/],
    ['unknown action', ['dataset', 'import', '--out', 'x'], /unknown action 'import'/],
    ['no --out', ['dataset', 'export', '--memory-run'], /--out FILE is required/],
    ['no source', ['dataset', 'export', '--out', 'x.jsonl'], /choose what to read: --memory-run .* or --rpc URL/],
    ['two sources', ['dataset', 'export', '--out', 'x.jsonl', '--memory-run', '--rpc', 'http://127.0.0.1:1'], /choose what to read/],
    ['rpc without contracts', ['dataset', 'export', '--out', 'x.jsonl', '--rpc', 'http://127.0.0.1:1'], /--rpc needs --contracts/],
    ['memory flag with rpc', ['dataset', 'export', '--out', 'x.jsonl', '--rpc', 'http://127.0.0.1:1', '--rounds', '2'], /--rounds applies to --memory-run, not --rpc/],
    ['rpc flag with memory', ['dataset', 'export', '--out', 'x.jsonl', '--memory-run', '--chain-id', '5'], /--chain-id applies to --rpc, not --memory-run/],
    ['zero rounds', ['dataset', 'export', '--out', 'x.jsonl', '--memory-run', '--rounds', '0'], /--rounds: 0 is below minimum 1/],
    ['too many miners', ['dataset', 'export', '--out', 'x.jsonl', '--memory-run', '--miners', '65'], /--miners must be an integer from 1 to 64, got '65'/],
    ['bad embedder', ['dataset', 'export', '--out', 'x.jsonl', '--memory-run', '--embedder', 'bert'], /--embedder must be one of lexical, llama/],
    ['missing folder', ['dataset', 'export', '--out', join(scratch, 'none', 'x.jsonl'), '--memory-run'], /cannot write .*x\.jsonl: the folder .*none does not exist/],
    ['unknown model id', ['dataset', 'export', '--out', join(scratch, 'x.jsonl'), '--memory-run', '--model', 'fake', '--model-id', '4242'], /unknown model id 4242: .*lists ids 0–65, 1000/],
    ['missing model file', ['dataset', 'export', '--out', join(scratch, 'x.jsonl'), '--memory-run', '--model', join(scratch, 'no.gguf')], /--model: the model not found at .*no\.gguf.*--model fake/],
    ['file of another model', ['dataset', 'export', '--out', join(scratch, 'x.jsonl'), '--memory-run', '--model-id', '7'], /is catalog model 1000 \(stories260K\), not model 7/],
    ['missing params file', ['dataset', 'export', '--out', join(scratch, 'x.jsonl'), '--memory-run', '--model', 'fake', '--params', join(scratch, 'none.json')], /--params: cannot read .*none\.json/],
  ]

  it.each(bad)('refuses %s with one line and exit code 2', async (_, argv, message) => {
    const r = await ctb(...argv)
    expect(r.code).toBe(2)
    expect(r.err).toMatch(message)
    expect(r.err).not.toMatch(/\n\s+at /)
  })

  it('refuses a params file that is not JSON or breaks a rule, naming the parameter', async () => {
    writeFileSync(join(scratch, 'broken.json'), '{')
    writeFileSync(join(scratch, 'invalid.json'), JSON.stringify({ networkTask: { completers: 0 } }))
    const out = join(scratch, 'x.jsonl')
    expect((await ctb('dataset', 'export', '--out', out, '--memory-run', '--model', 'fake', '--params', join(scratch, 'broken.json'))).err).toMatch(/--params: .*broken\.json is not valid JSON/)
    const invalid = await ctb('dataset', 'export', '--out', out, '--memory-run', '--model', 'fake', '--params', join(scratch, 'invalid.json'))
    expect([invalid.code, invalid.err]).toEqual([2, expect.stringMatching(/--params: .*invalid parameters:\nnetworkTask\.completers/)])
  })

  it('refuses an output path it cannot write, leaving nothing behind', async () => {
    // A folder where the file should go: the rename into place fails.
    const r = await ctb('dataset', 'export', '--out', scratch, '--memory-run', '--model', 'fake', '--rounds', '1', '--miners', '2')
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/cannot write .*: E[A-Z]+/)
    expect(() => readFileSync(`${scratch}.partial`)).toThrow(/ENOENT/)
  })

  it('reports a run whose rounds never end with exit code 1, and leaves no file', async () => {
    writeFileSync(join(scratch, 'slow.json'), JSON.stringify({ networkTask: { intervalMs: 86_400_000 } }))
    const out = join(scratch, 'never.jsonl')
    const r = await ctb('dataset', 'export', '--out', out, '--memory-run', '--model', 'fake', '--miners', '2', '--rounds', '2', '--params', join(scratch, 'slow.json'))
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/only 1 of 2 rounds ended within 220 blocks/)
    expect(() => readFileSync(out)).toThrow(/ENOENT/)
  })

  it('checks an RPC setup, then says --rpc is not yet supported (2); an unreachable chain is 1', async () => {
    const r = await ctb('dataset', 'export', '--out', join(scratch, 'x.jsonl'), '--rpc', rpcUrl, '--contracts', deploymentFile, '--chain-id', '31337')
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/--rpc is not yet supported: .*chain 31337.*Use --memory-run/)
    const wrongChain = await ctb('dataset', 'export', '--out', join(scratch, 'x.jsonl'), '--rpc', rpcUrl, '--contracts', deploymentFile, '--chain-id', '5')
    expect([wrongChain.code, wrongChain.err]).toEqual([2, expect.stringMatching(/CHAINID: is 5, but the node at .* is on chain 31337/)])
    const down = await ctb('dataset', 'export', '--out', join(scratch, 'x.jsonl'), '--rpc', 'http://127.0.0.1:9', '--contracts', deploymentFile)
    expect(down.code).toBe(1)
    expect(down.err).toMatch(/cannot reach the chain at http:\/\/127\.0\.0\.1:9/)
  })
})

describe('ctb node status', () => {
  it('prints every registered miner\'s standing, as text and as JSON', async () => {
    const text = await ctb('node', 'status', '--memory-run', '--model', 'fake', '--miners', '3', '--rounds', '2')
    expect(text.code, text.err).toBe(0)
    const lines = text.out.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^node +status +level online stake\(COR\) score +models$/)
    expect(lines.filter((l) => /^0x[0-9a-f]{40} /.test(l))).toHaveLength(3)
    expect(text.out).toContain('1000 stories260K')
    expect(text.out).toMatch(/metrics  Request \d+\/\d+/)
    const json = await ctb('node', 'status', '--memory-run', '--model', 'fake', '--miners', '3', '--rounds', '2', '--json', '--seed', '3')
    expect(json.code).toBe(0)
    const standings = JSON.parse(json.out) as { address: string; status: string; level: number; stake: string; online: boolean; metrics: { metric: string }[] }[]
    expect(standings).toHaveLength(3)
    for (const s of standings) {
      expect(s.stake).toMatch(/^\d+$/)
      expect(s.online).toBe(true)
      expect(s.metrics).toHaveLength(10)
      expect(['Registered', 'Probation', 'Available']).toContain(s.status)
    }
    expect(standings.some((s) => s.status === 'Available' && s.level >= 1)).toBe(true)
  })

  it('refuses flags that run a node, an unknown action, and status flags without status', async () => {
    expect(await ctb('node', 'status', '--memory-run', '--port', '5010')).toMatchObject({ code: 2, err: expect.stringMatching(/--port does not apply to 'ctb node status'/) })
    expect(await ctb('node', 'stats', '--memory-run')).toMatchObject({ code: 2, err: expect.stringMatching(/unknown action 'stats'/) })
    expect(await ctb('node', '--role', 'miner', '--memory', '--rounds', '2')).toMatchObject({ code: 2, err: expect.stringMatching(/--rounds only applies to 'ctb node status'/) })
    expect(await ctb('node', 'status')).toMatchObject({ code: 2, err: expect.stringMatching(/choose what to read/) })
    expect(await ctb('node', 'status', '--memory-run', '--miners', 'many')).toMatchObject({ code: 2, err: expect.stringMatching(/--miners must be an integer from 1 to 64, got 'many'/) })
    expect(await ctb('node', 'status', '--memory-run', '--embedder', 'bert')).toMatchObject({ code: 2, err: expect.stringMatching(/--embedder must be lexical or llama/) })
  })
})
