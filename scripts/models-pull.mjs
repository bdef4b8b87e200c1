#!/usr/bin/env node
// `npm run models:pull`: puts the small models the reference node and its tests use into models/.
//
//   npm run models:pull                          download from Hugging Face (GitHub mirrors as fallback)
//   npm run models:pull -- --from ../shared/models   copy from a local folder instead (what CI does)
//   options: --dest DIR (default: <repo>/models)  --mirror URL (fetch <URL>/<folder>/<file>)  --force
//
// Every file is checked against the size and sha256 recorded in its PROVENANCE.md before it is
// put in place; a file is written to `<name>.part` and renamed only after the check, so a failed
// or interrupted pull never leaves a wrong file where the tests look. Files already present with
// the right checksum are kept (unless --force).
//
// Exit codes: 0 done; 1 bad usage; 2 a source file is missing or fails its checksum; 3 no network.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const DOWNLOAD_TIMEOUT_MS = 120_000

// The tokenizer_config.json in shared/models was written for this project (the upstream one has no
// pad_token, which breaks batched calls in transformers.js), so it is not downloaded but written.
const TOKENIZER_CONFIG_TEXT =
  '{"tokenizer_class": "BertTokenizer", "do_lower_case": true, "model_max_length": 512, "pad_token": "[PAD]", "unk_token": "[UNK]", "cls_token": "[CLS]", "sep_token": "[SEP]", "mask_token": "[MASK]"}\n'

/** Sizes, checksums and sources from /work/shared/models/<folder>/PROVENANCE.md. */
export const MANIFEST = [
  {
    folder: 'stories260K',
    files: [
      {
        name: 'stories260K.gguf',
        bytes: 1_185_376,
        sha256: '270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d',
        urls: [
          'https://huggingface.co/ggml-org/models-moved/resolve/499bc8821c6b12b4e53c5bffcb21ec206f212d81/tinyllamas/stories260K.gguf',
          'https://huggingface.co/ggml-org/models/resolve/main/tinyllamas/stories260K.gguf',
          'https://raw.githubusercontent.com/cozy-creator/python-gen-worker/9a9e5e751dbb0d5dd49ba1f34a0a142e8c31e430/tests/testdata/stories260K.gguf',
        ],
      },
    ],
  },
  {
    folder: 'distilbert-base-uncased-tokenizer',
    files: [
      {
        name: 'tokenizer.json',
        bytes: 466_062,
        sha256: 'ce64fce797c24f68df90b40a3f74f579b336a493db14bd583fd520ea0d8c9a98',
        urls: [
          'https://huggingface.co/distilbert/distilbert-base-uncased/resolve/main/tokenizer.json',
          'https://huggingface.co/google-bert/bert-base-uncased/resolve/main/tokenizer.json',
          'https://raw.githubusercontent.com/ashutosh29/distilbert-base-uncased/12040accade4e8a0f71eabdb258fecc2e7e948be/tokenizer.json',
        ],
      },
      {
        name: 'tokenizer_config.json',
        bytes: 197,
        sha256: 'cae6e486403dd4e3afc4461ff7ea4dc05607411acd8a4e2b50b10b02fe276b6f',
        text: TOKENIZER_CONFIG_TEXT,
      },
    ],
  },
]

class PullError extends Error {
  constructor(exitCode, message) {
    super(message)
    this.name = 'PullError'
    this.exitCode = exitCode
  }
}

function parseArgs(argv) {
  const opts = { from: null, dest: join(REPO_ROOT, 'models'), mirror: null, force: false }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = () => {
      const v = argv[++i]
      if (v === undefined || v.startsWith('--')) throw new PullError(1, `${arg} needs a value`)
      return v
    }
    if (arg === '--from') opts.from = resolve(value())
    else if (arg === '--dest') opts.dest = resolve(value())
    else if (arg === '--mirror') opts.mirror = value().replace(/\/+$/, '')
    else if (arg === '--force') opts.force = true
    else if (arg === '--help' || arg === '-h') opts.help = true
    else throw new PullError(1, `unknown argument ${arg} (try --help)`)
  }
  if (opts.from !== null && opts.mirror !== null) throw new PullError(1, '--from and --mirror exclude each other')
  return opts
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex')

/** Undefined when `bytes` is the file the manifest describes, else what is wrong with it. */
function checkBytes(file, bytes) {
  const actual = sha256(bytes)
  if (actual === file.sha256 && bytes.length === file.bytes) return undefined
  return `sha256 mismatch for ${file.name}: expected ${file.sha256} (${file.bytes} B), got ${actual} (${bytes.length} B)`
}

function install(target, bytes) {
  const part = `${target}.part`
  try {
    writeFileSync(part, bytes)
    renameSync(part, target)
  } finally {
    rmSync(part, { force: true })
  }
}

function isNetworkError(error) {
  const code = error?.cause?.code ?? error?.code
  const networkCodes = ['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ENETUNREACH', 'EHOSTUNREACH', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']
  return networkCodes.includes(code) || error?.name === 'TimeoutError' || (error instanceof TypeError && error.message === 'fetch failed')
}

/** Bytes of `file` from the first source whose copy passes the checksum. */
async function download(file, urls) {
  const problems = []
  let reached = false
  for (const url of urls) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS), redirect: 'follow' })
      reached = true
      if (!response.ok) {
        problems.push(`${url}: HTTP ${response.status}`)
        continue
      }
      const bytes = Buffer.from(await response.arrayBuffer())
      const bad = checkBytes(file, bytes)
      if (bad === undefined) return bytes
      problems.push(`${url}: ${bad}`)
    } catch (error) {
      if (!isNetworkError(error)) throw error
      problems.push(`${url}: ${error?.cause?.code ?? error?.cause?.message ?? error.message}`)
    }
  }
  if (!reached) {
    throw new PullError(3, `cannot reach any source for ${file.name} (offline?):\n  ${problems.join('\n  ')}\n` +
      'Without internet, copy the models from a folder that has them: npm run models:pull -- --from ../shared/models')
  }
  throw new PullError(2, `no source gave a valid ${file.name}:\n  ${problems.join('\n  ')}`)
}

function readLocal(file, from, folder) {
  const source = join(from, folder, file.name)
  if (existsSync(source)) return readFileSync(source)
  // A project-written file may be regenerated instead of copied.
  if (file.text !== undefined) return Buffer.from(file.text, 'utf8')
  throw new PullError(2, `missing ${source} (expected ${file.name} of ${folder} in --from ${from})`)
}

async function pullFile(opts, folder, file, log) {
  const target = join(opts.dest, folder, file.name)
  if (!opts.force && existsSync(target) && checkBytes(file, readFileSync(target)) === undefined) {
    log(`ok       ${folder}/${file.name} (already present, checksum verified)`)
    return
  }
  let bytes
  if (opts.from !== null) bytes = readLocal(file, opts.from, folder)
  else if (file.text !== undefined) bytes = Buffer.from(file.text, 'utf8')
  else bytes = await download(file, opts.mirror !== null ? [`${opts.mirror}/${folder}/${file.name}`] : file.urls)
  const bad = checkBytes(file, bytes)
  if (bad !== undefined) throw new PullError(2, `${bad}\n  source: ${opts.from !== null ? join(opts.from, folder, file.name) : 'download'}; nothing was written`)
  mkdirSync(join(opts.dest, folder), { recursive: true })
  install(target, bytes)
  log(`${opts.from !== null ? 'copied  ' : 'fetched '} ${folder}/${file.name} (${bytes.length} B, sha256 verified)`)
}

/** Copies PROVENANCE.md along in --from mode, so the models keep their origin notes (not checksummed). */
function copyProvenance(opts, folder) {
  const source = join(opts.from, folder, 'PROVENANCE.md')
  if (existsSync(source)) writeFileSync(join(opts.dest, folder, 'PROVENANCE.md'), readFileSync(source))
}

export async function pullModels(opts, log = console.log) {
  for (const { folder, files } of MANIFEST) {
    for (const file of files) await pullFile(opts, folder, file, log)
    if (opts.from !== null) copyProvenance(opts, folder)
  }
  log(`models ready in ${opts.dest}`)
}

async function main() {
  try {
    const opts = parseArgs(process.argv.slice(2))
    if (opts.help) {
      console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 7).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'))
      return
    }
    await pullModels(opts)
  } catch (error) {
    if (!(error instanceof PullError)) throw error
    console.error(`models:pull: ${error.message}`)
    process.exitCode = error.exitCode
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main()
