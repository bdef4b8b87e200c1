// Goal: long random command sequences through the composed machines never break an invariant, a
// rejected command never changes anything, and the same command list gives the same world.
// Method: fast-check generates a list of choices; a plausible random actor (testing/world-driver.ts)
// turns them into commands — honest steps, deviations and bad input — with time jumps across
// deadlines. After every command all invariants are checked. Seeds are fixed; on failure the
// message carries a one-line repro (fast-check also prints the seed and the shrunk path).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createCtx } from '../core/context.ts'
import { stringifyJson } from '../core/json.ts'
import { createRng } from '../core/rng.ts'
import { checkInvariants } from '../invariants/catalog.ts'
import type { ParamPath, Params } from '../params/spec.ts'
import { DRIVER_ADMIN, DRIVER_ORACLES, proposeCommand, proposeDelayMs, type Chooser } from '../testing/world-driver.ts'
import { paramsWith } from '../testing/fixtures.ts'
import { applyCommand } from './apply.ts'
import { createWorld } from './create.ts'
import type { WorldCommand, WorldState } from './types.ts'

const SEED = Number(process.env['CTB_SEED'] ?? 424242)
const REPRO = `repro: CTB_SEED=${SEED} npx vitest run protocol/world/model.test.ts`

function chooserFrom(choices: readonly number[]): Chooser {
  let i = 0
  return { pick: (bound) => (bound <= 1 ? 0 : (choices[i++ % Math.max(1, choices.length)] ?? 0) % bound) }
}

/** Every entity reference and scalar: a rejected command must leave all of them identical. */
function refs(w: WorldState): unknown[] {
  return [w.oracle, w.network, w.nextSessionId, w.nextGid, w.nextRoundId, ...[w.sessions, w.sessionAccounts, w.tasks, w.escrows, w.nodes, w.nodeAccounts, w.rounds, w.lastPickedRound].flatMap((m) => [m.size, ...m.values()])]
}

interface RunSummary {
  world: WorldState
  accepted: number
  log: string[]
}

function run(params: Params, choices: readonly number[], steps: number, checkEveryStep: boolean): RunSummary {
  const c = chooserFrom(choices)
  const rng = createRng(7)
  let nowMs = 0
  const world = createWorld(DRIVER_ADMIN, DRIVER_ORACLES, createCtx(nowMs, rng, params))
  const log: string[] = []
  let accepted = 0
  for (let step = 0; step < steps; step++) {
    nowMs += proposeDelayMs(params, c)
    const ctx = createCtx(nowMs, rng, params)
    const cmd: WorldCommand = proposeCommand(world, nowMs, params, c)
    const before = refs(world)
    const r = applyCommand(world, cmd, ctx)
    log.push(`${step} @${nowMs}ms ${stringifyJson(cmd)} → ${r.ok ? 'ok' : r.code}`)
    if (!r.ok) {
      const after = refs(world)
      if (after.length !== before.length || after.some((v, i) => v !== before[i])) throw new Error(`rejected ${cmd.type} (${r.code}) changed the world\n${log.slice(-5).join('\n')}\n${REPRO}`)
      continue
    }
    accepted++
    if (checkEveryStep || step === steps - 1) {
      const broken = checkInvariants(world, ctx, { kind: 'safety' })
      if (broken.length > 0) {
        throw new Error(`invariant ${broken[0]!.id} broken after step ${step}: ${broken[0]!.statement}\n${broken[0]!.details.join('\n')}\nlast commands:\n${log.slice(-8).join('\n')}\n${REPRO}`)
      }
    }
  }
  return { world, accepted, log }
}

const choices = fc.array(fc.nat({ max: 1 << 20 }), { minLength: 50, maxLength: 400 })

// [name, parameter overrides, whether user tasks can succeed under the driver (pool thresholds low enough)]
const VARIANTS: [string, Partial<Record<ParamPath, number | bigint | string>>, boolean][] = [
  ['defaults', {}, false],
  ['lenient oracles, plain commit, slashing, refund on shortage', { 'eligibility.minAttempts': 1, 'eligibility.minConsecutiveSuccesses': 1, 'oracle.mode': 'lenient', 'commitReveal.scheme': 'plain', 'payments.slashing': 'missedReveal', 'userTask.onShortage': 'refund' }, false],
  ['small thresholds, shared roles, token pricing', { 'eligibility.minAttempts': 1, 'eligibility.minConsecutiveSuccesses': 1, 'networkTask.completers': 3, 'networkTask.roleOverlap': 'shared', 'networkTask.minerCooldownRounds': 0, 'payments.pricePerOutputToken': 10n ** 15n, 'oracle.mode': 'lenient' }, true],
]

describe.each(VARIANTS)('world model-based run: %s', (_name, overrides, tasksSucceed) => {
  const params = paramsWith(overrides)

  it('keeps every invariant after every command and leaves the world untouched on rejection', () => {
    fc.assert(
      fc.property(choices, (cs) => {
        run(params, cs, 200, true)
      }),
      { seed: SEED, numRuns: 15 },
    )
  })

  it('makes progress: commands get accepted and tasks and rounds end', () => {
    const rng = createRng(SEED)
    const summary = run(params, Array.from({ length: 20_000 }, () => rng.nextU32()), 2500, false)
    expect(summary.accepted).toBeGreaterThan(1000)
    const rounds = [...summary.world.rounds.values()].filter((r) => r.outcome?.result === 'completed').length
    expect(rounds).toBeGreaterThan(0)
    const succeeded = [...summary.world.tasks.values()].filter((t) => t.outcome?.result === 'success').length
    if (tasksSucceed) expect(succeeded).toBeGreaterThan(0)
  })
})

describe('world determinism', () => {
  it('gives byte-identical worlds for the same command choices', () => {
    fc.assert(
      fc.property(choices, (cs) => {
        const a = run(paramsWith(VARIANTS[2]![1]), cs, 200, false)
        const b = run(paramsWith(VARIANTS[2]![1]), cs, 200, false)
        expect(stringifyJson(a.log)).toBe(stringifyJson(b.log))
        const snapshot = (w: WorldState) => stringifyJson({ ...w, params: null })
        expect(snapshot(a.world)).toBe(snapshot(b.world))
      }),
      { seed: SEED, numRuns: 10 },
    )
  })
})
