// Goal: the cooldown helper and the in-round role rules (failed miners get no new role; exclusive
// roles keep creator, preparer and completers apart; shared roles let a miner hold several).
// Method: the cooldown against a hand-written definition over random inputs (fast-check), and the
// candidate check on rounds driven to the point where each role is chosen.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ORACLE, miner, paramsWith } from '../testing/fixtures.ts'
import { checkCandidate, hasFailedInRound, holdsRole, isInCooldown } from './roles.ts'
import { CREATOR, CREATOR_2, PREPARER, opened, step, toCreated, toPrepared, toPreparing } from './testkit.ts'

describe('isInCooldown', () => {
  it('keeps a miner picked in round r out of rounds r+1 … r+N only', () => {
    expect(isInCooldown(null, 5, 2)).toBe(false)
    expect(isInCooldown(5, 5, 2)).toBe(false)
    expect(isInCooldown(5, 6, 2)).toBe(true)
    expect(isInCooldown(5, 7, 2)).toBe(true)
    expect(isInCooldown(5, 8, 2)).toBe(false)
    expect(isInCooldown(5, 6, 0)).toBe(false)
    expect(isInCooldown(9, 6, 2)).toBe(false)
  })

  it('agrees with counting the rounds since the pick', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), fc.nat(50), (last, now, cooldown) => {
        let inCooldown = false
        for (let r = last + 1; r <= last + cooldown; r++) if (r === now) inCooldown = true
        expect(isInCooldown(last, now, cooldown)).toBe(inCooldown)
      }),
      { seed: 7, numRuns: 300 },
    )
  })
})

describe('role candidates', () => {
  const exclusive = paramsWith()
  const shared = paramsWith({ 'networkTask.roleOverlap': 'shared' })

  it('counts an undelivered creator as failed only once it is being replaced', () => {
    const r = opened(exclusive)
    expect(hasFailedInRound(r, CREATOR)).toBe(true)
    const created = toCreated(exclusive)
    expect(hasFailedInRound(created, CREATOR)).toBe(false)
    expect(holdsRole(created, CREATOR)).toBe(true)
    expect(holdsRole(created, miner(1))).toBe(false)
  })

  it('refuses a replaced creator for any later role, under either overlap rule', () => {
    const deadline = opened(shared).phaseDeadlineMs!
    const replaced = step(opened(shared), { type: 'requestNextCreator', actor: ORACLE, creator: CREATOR_2 }, deadline, shared)
    expect(hasFailedInRound(replaced, CREATOR)).toBe(true)
    const created = step(replaced, { type: 'create', actor: CREATOR_2, domain: 'd', subdomain: 's' }, deadline + 1, shared)
    expect(checkCandidate(created, CREATOR, 'preparer', 'shared')?.code).toBe('MinerNotEligible')
    expect(checkCandidate(created, CREATOR_2, 'preparer', 'shared')).toBeUndefined()
  })

  it('keeps roles apart when exclusive and lets them overlap when shared', () => {
    const prepared = toPrepared(exclusive)
    expect(checkCandidate(prepared, CREATOR, 'completer', 'exclusive')?.code).toBe('MinerNotEligible')
    expect(checkCandidate(prepared, PREPARER, 'completer', 'exclusive')?.code).toBe('MinerNotEligible')
    expect(checkCandidate(prepared, CREATOR, 'completer', 'shared')).toBeUndefined()
    expect(checkCandidate(prepared, miner(1), 'completer', 'exclusive')).toBeUndefined()
  })

  it('treats a preparer being replaced as failed', () => {
    const preparing = toPreparing(exclusive)
    expect(preparing.status).toBe('Create')
    expect(hasFailedInRound(preparing, PREPARER)).toBe(true)
    expect(hasFailedInRound(toPrepared(exclusive), PREPARER)).toBe(false)
  })
})
