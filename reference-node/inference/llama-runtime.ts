/**
 * The one llama.cpp runtime of the process, and GGUF loading with typed errors. Shared by the
 * inference backend and the llama embedder.
 *
 * `getLlama` is pinned: CPU only, the prebuilt binary (never compile, never download) and
 * `maxThreads: 1` by default — with the default thread count (4 on a 2-core machine) stories260K
 * runs at 2 tokens/s instead of 1,100–1,900 (toolchain.md §3). Raise `maxThreads` only for larger
 * models on machines with the cores for them.
 */
import { getLlama, LlamaLogLevel, type Llama, type LlamaModel } from 'node-llama-cpp'
import { describeMissingModel } from './model-files.ts'

export const DEFAULT_MAX_THREADS = 1

const runtimes = new Map<number, Promise<Llama>>()

/** The process's llama.cpp runtime for `maxThreads` (created once, then shared). */
export function getSharedLlama(maxThreads: number = DEFAULT_MAX_THREADS): Promise<Llama> {
  let runtime = runtimes.get(maxThreads)
  if (runtime === undefined) {
    runtime = getLlama({ gpu: false, build: 'never', skipDownload: true, maxThreads, logLevel: LlamaLogLevel.error })
    // A failed start must not stick: the next caller tries again.
    runtime.catch(() => runtimes.delete(maxThreads))
    runtimes.set(maxThreads, runtime)
  }
  return runtime
}

/** Disposes every shared runtime (end of process, end of a test file). */
export async function disposeSharedLlamas(): Promise<void> {
  const all = [...runtimes.values()]
  runtimes.clear()
  for (const runtime of all) await (await runtime).dispose()
}

export type ModelErrorFactory = (code: 'ModelNotFound' | 'ModelLoadFailed', message: string, cause?: unknown) => Error

/**
 * Loads the GGUF at `path`. A missing file and a file llama.cpp rejects (corrupt, truncated, not
 * GGUF) become the caller's typed errors, each naming the path.
 */
export async function loadGgufModel(path: string, maxThreads: number, makeError: ModelErrorFactory): Promise<LlamaModel> {
  const missing = describeMissingModel(path, 'GGUF model')
  if (missing !== undefined) throw makeError('ModelNotFound', missing)
  const llama = await getSharedLlama(maxThreads)
  try {
    return await llama.loadModel({ modelPath: path })
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw makeError('ModelLoadFailed', `cannot load GGUF model ${path} (corrupt or not a GGUF file?): ${reason}`, error)
  }
}
