/**
 * The miners connected to the router's WebSocket, and who may connect: an address that is a
 * registered, unbanned node on the chain and proves it holds the node's key (sign-in, see
 * chain-backend-signin.ts). The chain stays the source of truth for what a miner does; the link
 * only carries pushed tasks one way and streamed tokens and results the other.
 */
import type { Address } from '../../protocol/core/types.ts'
import type { ChainClient } from '../chain/types.ts'
import type { MinerAdmission, MinerLink } from './backend.ts'
import { SIGN_IN_CHALLENGE_CODE, formatSignInChallenge, verifySignIn, type SignInNonces } from './chain-backend-signin.ts'
import type { MinerHello } from './ws-schema.ts'

export interface ConnectedMiner {
  readonly hello: MinerHello
  readonly link: MinerLink
  readonly connectedAtMs: number
  lastSeenAtMs: number
  tasksServed: number
}

export interface MinerRegistryDeps {
  readonly chain: ChainClient
  readonly routerAddress: Address
  readonly chainId: number
  readonly nonces: SignInNonces
  readonly nowMs: () => number
}

export class MinerRegistry {
  private readonly miners = new Map<Address, ConnectedMiner>()

  constructor(private readonly deps: MinerRegistryDeps) {}

  get size(): number {
    return this.miners.size
  }

  get(address: Address): ConnectedMiner | undefined {
    return this.miners.get(address)
  }

  addresses(): IterableIterator<Address> {
    return this.miners.keys()
  }

  /** Admits a hello: a registered, unbanned node with a valid sign-in; anything else is refused with a code. */
  async admit(hello: MinerHello, link: MinerLink): Promise<MinerAdmission> {
    const address = hello.minerAddress
    const node = await this.deps.chain.readNode(address)
    if (node === null) return refuse('NotRegistered', `${address} is not a registered node on chain ${this.deps.chainId}`)
    if (node.status.kind === 'Banned') return refuse('NodeBanned', `node ${address} is banned`)
    if (hello.nonce === undefined || hello.sig === undefined) {
      const challenge = { nonce: this.deps.nonces.issue(address), routerAddress: this.deps.routerAddress, chainId: this.deps.chainId }
      return refuse(SIGN_IN_CHALLENGE_CODE, formatSignInChallenge(challenge))
    }
    // The nonce is used up before the signature is checked: a failed attempt cannot be retried with it.
    if (!this.deps.nonces.take(address, hello.nonce)) {
      return refuse('InvalidNonce', 'the nonce is unknown, already used or expired; say hello without nonce and sig for a new one')
    }
    const facts = { routerAddress: this.deps.routerAddress, minerAddress: address, chainId: this.deps.chainId, nonce: hello.nonce }
    if (!(await verifySignIn(facts, hello.sig))) return refuse('InvalidSignature', `sig is not an EIP-191 signature of the sign-in message by ${address}`)
    const now = this.deps.nowMs()
    const previous = this.miners.get(address)
    this.miners.set(address, { hello, link, connectedAtMs: now, lastSeenAtMs: now, tasksServed: previous?.tasksServed ?? 0 })
    return { ok: true }
  }

  touch(address: Address): void {
    const miner = this.miners.get(address)
    if (miner !== undefined) miner.lastSeenAtMs = this.deps.nowMs()
  }

  gone(address: Address): void {
    this.miners.delete(address)
  }
}

function refuse(code: string, message: string): MinerAdmission {
  return { ok: false, code, message }
}
