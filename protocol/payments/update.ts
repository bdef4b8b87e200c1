/**
 * Changed copies of ledger accounts, written out as literals: settling and escrowing run for every
 * task, and V8 (Node 20) builds a literal many times faster than it copies through `{ ...account }`.
 * No field of these types is ever `undefined`, so an absent key in `changes` means "unchanged".
 */
import type { NetworkAccount, NodeAccount, SessionAccount, TaskEscrow } from './types.ts'

export function updateSessionAccount(s: SessionAccount, c: Partial<SessionAccount>): SessionAccount {
  return {
    sessionId: s.sessionId,
    owner: c.owner !== undefined ? c.owner : s.owner,
    available: c.available !== undefined ? c.available : s.available,
    escrowed: c.escrowed !== undefined ? c.escrowed : s.escrowed,
    deposited: c.deposited !== undefined ? c.deposited : s.deposited,
    charged: c.charged !== undefined ? c.charged : s.charged,
    refunded: c.refunded !== undefined ? c.refunded : s.refunded,
    withdrawn: c.withdrawn !== undefined ? c.withdrawn : s.withdrawn,
  }
}

export function updateNodeAccount(n: NodeAccount, c: Partial<NodeAccount>): NodeAccount {
  return {
    address: n.address,
    stake: c.stake !== undefined ? c.stake : n.stake,
    pending: c.pending !== undefined ? c.pending : n.pending,
    withdrawn: c.withdrawn !== undefined ? c.withdrawn : n.withdrawn,
    earned: c.earned !== undefined ? c.earned : n.earned,
    slashed: c.slashed !== undefined ? c.slashed : n.slashed,
    staked: c.staked !== undefined ? c.staked : n.staked,
    unstaked: c.unstaked !== undefined ? c.unstaked : n.unstaked,
  }
}

export function updateNetworkAccount(n: NetworkAccount, c: Partial<NetworkAccount>): NetworkAccount {
  return {
    treasury: c.treasury !== undefined ? c.treasury : n.treasury,
    deposited: c.deposited !== undefined ? c.deposited : n.deposited,
    staked: c.staked !== undefined ? c.staked : n.staked,
    charged: c.charged !== undefined ? c.charged : n.charged,
    allocated: c.allocated !== undefined ? c.allocated : n.allocated,
    refunded: c.refunded !== undefined ? c.refunded : n.refunded,
    slashed: c.slashed !== undefined ? c.slashed : n.slashed,
    sessionWithdrawn: c.sessionWithdrawn !== undefined ? c.sessionWithdrawn : n.sessionWithdrawn,
    nodeWithdrawn: c.nodeWithdrawn !== undefined ? c.nodeWithdrawn : n.nodeWithdrawn,
    unstaked: c.unstaked !== undefined ? c.unstaked : n.unstaked,
  }
}

export function updateEscrow(e: TaskEscrow, c: Partial<TaskEscrow>): TaskEscrow {
  return {
    sessionId: e.sessionId,
    taskId: e.taskId,
    amount: e.amount,
    status: c.status !== undefined ? c.status : e.status,
    charged: c.charged !== undefined ? c.charged : e.charged,
  }
}
