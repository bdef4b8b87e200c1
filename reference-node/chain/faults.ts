/**
 * Fault injection for one MemoryChain connection, so tests can show what a node does when its RPC
 * endpoint misbehaves: the connection drops (every call and watch fails with `ConnectionLost`
 * until it is restored), answers come late (`delayMs` of the chain's clock), or chosen
 * transactions fail to send — refused outright, or lost after the node took them (the caller sees
 * `ConnectionLost` but the transaction is in the mempool, the case a node must not double-send).
 */
import type { WorldCommand } from '../../protocol/world/types.ts'
import { ChainError } from './errors.ts'

export type SendFaultMode =
  /** The node refuses the transaction; nothing reaches the mempool (`TxRejected`). */
  | 'refuse'
  /** The transaction reaches the mempool, but the answer is lost (`ConnectionLost`). */
  | 'lostAfterSend'

interface SendFault {
  readonly match: (command: WorldCommand) => boolean
  readonly mode: SendFaultMode
  remaining: number
}

export class ConnectionFaults {
  /** Extra time before every answer, of the chain's clock. */
  delayMs = 0
  private link = new AbortController()
  private readonly sendFaults: SendFault[] = []

  get connected(): boolean {
    return !this.link.signal.aborted
  }

  /** Aborts when the connection drops; a new signal after each `restore`. */
  get linkSignal(): AbortSignal {
    return this.link.signal
  }

  /** Drops the connection: pending calls and watches fail with `ConnectionLost`, and new ones too until `restore`. */
  drop(): void {
    if (this.connected) this.link.abort(new ChainError('ConnectionLost', 'connection to the chain dropped'))
  }

  restore(): void {
    if (!this.connected) this.link = new AbortController()
  }

  /** The next `count` sends whose command `match` accepts fail as `mode`. */
  failSends(match: (command: WorldCommand) => boolean, mode: SendFaultMode, count = 1): void {
    this.sendFaults.push({ match, mode, remaining: count })
  }

  /** The fault the send of `command` meets, if any (consumed). */
  takeSendFault(command: WorldCommand): SendFaultMode | null {
    for (let i = 0; i < this.sendFaults.length; i++) {
      const fault = this.sendFaults[i]!
      if (!fault.match(command)) continue
      fault.remaining--
      if (fault.remaining <= 0) this.sendFaults.splice(i, 1)
      return fault.mode
    }
    return null
  }
}
