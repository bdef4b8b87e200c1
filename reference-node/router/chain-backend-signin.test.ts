// Goal: miner sign-in proves the key: a signature over the sign-in message by the miner's key is
// accepted, any other signer, message field or malformed signature is refused; challenges
// round-trip through their text; nonces are single use, bound to their miner, expire, and the
// store stays bounded. Method: real secp256k1 keys (viem), a hand-moved clock, fast-check for
// the challenge text round trip.
import fc from 'fast-check'
import { privateKeyToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import type { Address } from '../../protocol/core/types.ts'
import { SignInNonces, buildSignInMessage, formatSignInChallenge, parseSignInChallenge, verifySignIn } from './chain-backend-signin.ts'
import { testKey } from './chain-backend-testing.ts'

const miner = testKey('signin-miner')
const other = testKey('signin-other')
const router = testKey('signin-router').address
const facts = { routerAddress: router, minerAddress: miner.address, chainId: 31337, nonce: `0x${'ab'.repeat(16)}` }

async function sign(key: { privateKey: `0x${string}` }, message: string): Promise<string> {
  return privateKeyToAccount(key.privateKey).signMessage({ message })
}

describe('verifySignIn', () => {
  it('accepts the miner key over the exact message', async () => {
    expect(await verifySignIn(facts, await sign(miner, buildSignInMessage(facts)))).toBe(true)
  })

  it('refuses another key, another router, chain or nonce, and malformed signatures', async () => {
    const good = await sign(miner, buildSignInMessage(facts))
    expect(await verifySignIn(facts, await sign(other, buildSignInMessage(facts)))).toBe(false)
    expect(await verifySignIn({ ...facts, routerAddress: other.address }, good)).toBe(false)
    expect(await verifySignIn({ ...facts, chainId: 1 }, good)).toBe(false)
    expect(await verifySignIn({ ...facts, nonce: `0x${'cd'.repeat(16)}` }, good)).toBe(false)
    expect(await verifySignIn(facts, 'not a signature')).toBe(false)
    expect(await verifySignIn(facts, `0x${'00'.repeat(65)}`)).toBe(false)
  })
})

describe('challenges', () => {
  it('round-trip through the refusal message', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.uint8Array({ minLength: 20, maxLength: 20 }), fc.integer({ min: 0, max: 2 ** 40 }), (n, r, chainId) => {
        const challenge = { nonce: `0x${Buffer.from(n).toString('hex')}`, routerAddress: `0x${Buffer.from(r).toString('hex')}` as Address, chainId }
        expect(parseSignInChallenge(formatSignInChallenge(challenge))).toEqual(challenge)
      }),
      { seed: 7, numRuns: 50 },
    )
  })

  it('finds nothing in other messages', () => {
    expect(parseSignInChallenge('the miner token is missing')).toBeNull()
    expect(parseSignInChallenge(`nonce=0x${'ab'.repeat(16)} router=0x12 chain=1 `)).toBeNull()
  })
})

describe('SignInNonces', () => {
  it('gives each nonce once, to its miner, until it expires', () => {
    let now = 1000
    const nonces = new SignInNonces({ ttlMs: 500, capacity: 10, nowMs: () => now })
    const a = nonces.issue(miner.address)
    expect(a).toMatch(/^0x[0-9a-f]{32}$/)
    expect(nonces.issue(miner.address)).not.toBe(a)
    expect(nonces.take(miner.address, a)).toBe(true)
    expect(nonces.take(miner.address, a)).toBe(false)
    const b = nonces.issue(miner.address)
    expect(nonces.take(other.address, b)).toBe(false)
    expect(nonces.take(miner.address, b)).toBe(false)
    const c = nonces.issue(miner.address)
    now += 501
    expect(nonces.take(miner.address, c)).toBe(false)
  })

  it('keeps at most its capacity, dropping the oldest', () => {
    const nonces = new SignInNonces({ ttlMs: 500, capacity: 3, nowMs: () => 0 })
    const issued = Array.from({ length: 5 }, () => nonces.issue(miner.address))
    expect(nonces.size).toBe(3)
    expect(nonces.take(miner.address, issued[0]!)).toBe(false)
    expect(nonces.take(miner.address, issued[4]!)).toBe(true)
  })
})
