// Goal: the two similarities measured per output are the ones documented — the PoI similarity
// protocol/poi reports for the candidate among the task's honest answers, and the anchor estimate
// that inverts the simulator's model (sim(x, y) = cos θx · cos θy) — and tasks without usable
// honest answers or without a shared direction are skipped and counted.
// Method: a lookup "embedder" returning hand-built vectors: honest answers a·r + b·nᵢ and cheats
// a_c·r + b_c·n_c with r and every nᵢ orthogonal unit vectors, so every cosine is known exactly
// (honest pairs a², cheat–honest a_c·a) and the estimate must return a and a_c.
import { describe, expect, it } from 'vitest'
import { defaultParams, withParam } from '../../protocol/params/validate.ts'
import type { Embedder } from '../embedding/types.ts'
import { measureSimilarities, roundSimilarity } from './measure.ts'
import { CHEAT_STRATEGIES, DEFAULT_PLAN, type CheatStrategy, type TaskOutputs } from './types.ts'

const D = 16
const PARAMS = defaultParams()

function axis(i: number): number[] {
  const v = new Array<number>(D).fill(0)
  v[i] = 1
  return v
}

/** cos·r + sin·(axis `noise`), with r = axis 0. */
function atCos(c: number, noise: number): number[] {
  const s = Math.sqrt(1 - c * c)
  return axis(0).map((x, k) => c * x + s * axis(noise)[k]!)
}

class LookupEmbedder implements Embedder {
  readonly id = 'lookup'
  readonly dimensions = D
  constructor(private readonly table: ReadonlyMap<string, number[]>) {}
  async embed(texts: readonly string[]): Promise<number[][]> {
    return texts.map((t) => this.table.get(t) ?? new Array<number>(D).fill(0))
  }
  async dispose(): Promise<void> {}
}

/** One task: honest answers at cosine `a` from r, and each cheat at its own cosine (3 slots each). */
function buildTask(a: number, cheatCos: { readonly [S in CheatStrategy]?: number }, tag = ''): { task: TaskOutputs; table: Map<string, number[]> } {
  const table = new Map<string, number[]>()
  let noise = 1
  const honest = [0, 1, 2].map((k) => {
    const text = `${tag}h${k}`
    table.set(text, atCos(a, noise++))
    return { text, seed: k, outputTokens: 5 }
  })
  const cheats = {} as { [S in CheatStrategy]: string[] }
  for (const s of CHEAT_STRATEGIES) {
    cheats[s] = [0, 1, 2].map((k) => {
      const text = `${tag}${s}${k}`
      const c = cheatCos[s]
      if (c !== undefined) table.set(text, atCos(c, noise++))
      return text
    })
  }
  return { task: { promptIndex: 0, temperatureIndex: 0, honest, cheats, copySources: [1, 2, 0] }, table }
}

const PLAN = { ...DEFAULT_PLAN, temperatures: [0.7] }

describe('measureSimilarities', () => {
  it('scores honest answers and cheats with protocol/poi (medoid)', async () => {
    const { task, table } = buildTask(0.8, { truncated: 0.5, random: 0 })
    const m = await measureSimilarities([task], new LookupEmbedder(table), PLAN, PARAMS)
    // Symmetric honest answers: the medoid is the lowest address (slot 0); the others score a².
    expect(m.poi.honest).toEqual([1, 0.64, 0.64])
    // A cheat is compared with the honest medoid: a_c · a.
    expect(m.poi.truncated).toEqual([0.4, 0.4, 0.4])
    expect(m.poi.random).toEqual([0, 0, 0])
    expect(m.poiByTemperature[0]!.truncated).toEqual(m.poi.truncated)
    // Cheats without a vector are excluded, not scored.
    expect(m.excluded).toEqual({ honest: 0, truncated: 0, cheapModel: 3, random: 0, copyEdit: 3, otherPrompt: 3 })
    expect(m.corpusMean).toBeUndefined()
  })

  it("recovers each result's cosine to the unseen reference (the simulator's anchor)", async () => {
    const { task, table } = buildTask(0.8, { truncated: 0.5, cheapModel: 0.3, random: -0.2 })
    const m = await measureSimilarities([task], new LookupEmbedder(table), PLAN, PARAMS)
    for (const v of m.anchor.honest) expect(v).toBeCloseTo(0.8, 6)
    for (const v of m.anchor.truncated) expect(v).toBeCloseTo(0.5, 6)
    for (const v of m.anchor.cheapModel) expect(v).toBeCloseTo(0.3, 6)
    for (const v of m.anchor.random) expect(v).toBeCloseTo(-0.2, 6)
    expect(m.anchorTasksSkipped).toBe(0)
  })

  it("measures a copy against the answer it copied", async () => {
    const { task, table } = buildTask(0.6, {})
    // Copies equal to their sources score 1; a copy of slot 1 that is honest slot 1 itself.
    task.cheats.copyEdit.forEach((text, k) => table.set(text, table.get(task.honest[task.copySources[k]!]!.text)!))
    const m = await measureSimilarities([task], new LookupEmbedder(table), PLAN, PARAMS)
    expect(m.anchor.copyEdit).toEqual([1, 1, 1])
    // In PoI a copy and its source are the tightest pair of the task, so the centre is one of them:
    // an exact copy always scores 1.
    expect(m.poi.copyEdit).toEqual([1, 1, 1])
  })

  it('gives no anchor samples for a task whose honest answers share no direction', async () => {
    const { task, table } = buildTask(0, { truncated: 0.5 })
    const m = await measureSimilarities([task], new LookupEmbedder(table), PLAN, PARAMS)
    expect(m.anchorTasksSkipped).toBe(1)
    expect(m.anchor.honest).toEqual([])
    expect(m.poi.honest).toHaveLength(3)
  })

  it('skips a task with fewer than two usable honest answers, counting everything in it as excluded', async () => {
    const { task, table } = buildTask(0.8, { truncated: 0.5 })
    table.delete('h0')
    table.delete('h1')
    const m = await measureSimilarities([task], new LookupEmbedder(table), PLAN, PARAMS)
    expect(m.tasksSkipped).toBe(1)
    expect(m.excluded).toMatchObject({ honest: 2, truncated: 3, random: 3 })
    expect(m.poi.honest).toEqual([])
  })

  it('centres on the mean honest embedding when asked', async () => {
    const one = buildTask(0.9, { truncated: 0.5 }, 'a')
    const two = buildTask(0.9, { truncated: 0.5 }, 'b')
    const table = new Map([...one.table, ...two.table])
    const m = await measureSimilarities([one.task, two.task], new LookupEmbedder(table), { ...PLAN, meanCentre: true }, withParam(PARAMS, 'poi.centre', 'mean'))
    expect(m.corpusMean).toHaveLength(D)
    // All six honest answers share r at 0.9, so the mean's first component is 0.9.
    expect(m.corpusMean![0]).toBeCloseTo(0.9, 12)
    // Raw, the honest answers score 0.81 to each other; centred, only their noise directions are
    // left, which point away from each other and cancel out, so the mean rule falls back to the
    // medoid (protocol/poi): one 1 per task, every other similarity negative.
    expect(m.poi.honest.filter((x) => x !== 1)).toHaveLength(4)
    for (const x of m.poi.honest) expect(x === 1 || x < 0).toBe(true)
  })

  it('rounds to six decimals and never writes −0', () => {
    expect(roundSimilarity(0.12345678)).toBe(0.123457)
    expect(Object.is(roundSimilarity(-1e-9), 0)).toBe(true)
  })
})
