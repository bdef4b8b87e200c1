/**
 * Miner sign-in on the router's WebSocket: a miner proves it holds the key of the node address it
 * names in its hello, by an EIP-191 (`personal_sign`) signature over a nonce the router issued.
 *
 * The hello is the miner's first frame, so the nonce cannot come before it on the same link. The
 * handshake therefore takes two connections:
 *
 *   1. hello without `nonce`/`sig`   → refused with code `SignInRequired`; the message carries a
 *                                       fresh nonce, single use, valid `ttlMs`, and names the router
 *                                       and the chain (`nonce=0x… router=0x… chain=N …`)
 *   2. hello with `nonce` and `sig`  → admitted when `sig` signs `buildSignInMessage(…)` with the
 *                                       key of `minerAddress`
 *
 * The signed text names the router, the miner, the chain and the nonce, so a signature is good
 * for one sign-in at one router on one chain and cannot be replayed elsewhere or twice.
 */
import { randomBytes } from 'node:crypto'
import { recoverMessageAddress, type Hex } from 'viem'
import type { Address } from '../../protocol/core/types.ts'

/** Refusal code whose message carries the nonce to sign. */
export const SIGN_IN_CHALLENGE_CODE = 'SignInRequired'

const CHALLENGE_PATTERN = /^nonce=(0x[0-9a-f]{32}) router=(0x[0-9a-f]{40}) chain=(\d{1,16}) /

export interface SignInFacts {
  readonly routerAddress: Address
  readonly minerAddress: Address
  readonly chainId: number
  readonly nonce: string
}

/** The exact text a miner signs (EIP-191 prefixes it with "\x19Ethereum Signed Message:\n<len>"). */
export function buildSignInMessage(f: SignInFacts): string {
  return `Cortensor router sign-in\nrouter: ${f.routerAddress}\nminer: ${f.minerAddress}\nchain: ${f.chainId}\nnonce: ${f.nonce}`
}

export interface SignInChallenge {
  readonly nonce: string
  readonly routerAddress: Address
  readonly chainId: number
}

/**
 * The refusal message of step 1; `parseSignInChallenge` reads it back. It names the router and the
 * chain too, so a miner that expects a given router can tell when a challenge was relayed from
 * another one.
 */
export function formatSignInChallenge(c: SignInChallenge): string {
  return `nonce=${c.nonce} router=${c.routerAddress} chain=${c.chainId} sign the Cortensor router sign-in message (EIP-191) with the node key, then say hello again with nonce and sig`
}

/** The challenge of a `SignInRequired` refusal message, or null when it carries none. */
export function parseSignInChallenge(message: string): SignInChallenge | null {
  const m = CHALLENGE_PATTERN.exec(message)
  if (m === null) return null
  const chainId = Number(m[3])
  return Number.isSafeInteger(chainId) ? { nonce: m[1]!, routerAddress: m[2]! as Address, chainId } : null
}

/** Does `signature` sign the sign-in message with the key of `f.minerAddress`? Malformed signatures are false. */
export async function verifySignIn(f: SignInFacts, signature: string): Promise<boolean> {
  if (!/^0x[0-9a-fA-F]{130}$/.test(signature)) return false
  try {
    const signer = await recoverMessageAddress({ message: buildSignInMessage(f), signature: signature as Hex })
    return signer.toLowerCase() === f.minerAddress
  } catch {
    return false
  }
}

export interface NonceStoreOptions {
  /** How long an issued nonce may be used. */
  readonly ttlMs: number
  /** Nonces kept at most; the oldest is dropped beyond it (a flood of hellos cannot grow memory). */
  readonly capacity: number
  readonly nowMs: () => number
}

/** Nonces issued to miners: each is good once, for the miner it was issued to, until it expires. */
export class SignInNonces {
  private readonly issued = new Map<string, { readonly miner: Address; readonly expiresAtMs: number }>()

  constructor(private readonly options: NonceStoreOptions) {}

  get size(): number {
    return this.issued.size
  }

  /** A fresh random nonce for `miner`. */
  issue(miner: Address): string {
    const nonce = `0x${randomBytes(16).toString('hex')}`
    if (this.issued.size >= this.options.capacity) this.issued.delete(this.issued.keys().next().value!)
    this.issued.set(nonce, { miner, expiresAtMs: this.options.nowMs() + this.options.ttlMs })
    return nonce
  }

  /** Uses up `nonce`; true when it was issued to `miner` and has not expired. */
  take(miner: Address, nonce: string): boolean {
    const entry = this.issued.get(nonce)
    if (entry === undefined) return false
    this.issued.delete(nonce)
    return entry.miner === miner && this.options.nowMs() <= entry.expiresAtMs
  }
}
