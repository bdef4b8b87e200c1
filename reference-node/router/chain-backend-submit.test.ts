// Goal: a refused submit and a failing chain reach the client with the code that says what to do:
// a deactivated session (409), a session that cannot take tasks now (503), a router the session
// does not list or a session without money (400 on session_id), a malformed task (400), anything
// else a backend failure (502); an unreachable chain is Unavailable (503), a refused send a
// failure, an abort passes through untouched. Method: receipts and ChainErrors built by hand.
import { describe, expect, it } from 'vitest'
import type { Address } from '../../protocol/core/types.ts'
import { ChainError } from '../chain/errors.ts'
import type { RevertCode, TxReceipt } from '../chain/types.ts'
import { RouterBackendError } from './backend.ts'
import { explainRevert, toBackendError } from './chain-backend-submit.ts'

function reverted(code: RevertCode): TxReceipt {
  return {
    transactionHash: `0x${'00'.repeat(32)}`, from: `0x${'11'.repeat(20)}` as Address, nonce: 0, blockNumber: 1n, blockTimestampMs: 0, transactionIndex: 0,
    status: 'reverted', logs: [], revert: { code, message: `because ${code}` },
  }
}

describe('explainRevert', () => {
  it.each<[RevertCode, string, string | undefined]>([
    ['SessionInactive', 'SessionInactive', undefined],
    ['WrongPhase', 'NoMinersAvailable', undefined],
    ['NotRouter', 'InvalidRequest', 'session_id'],
    ['InsufficientBalance', 'InvalidRequest', 'session_id'],
    ['MalformedEvent', 'InvalidRequest', undefined],
    ['InvalidParams', 'InvalidRequest', undefined],
    ['WrongSessionMode', 'InvalidRequest', undefined],
    ['Panic', 'Failed', undefined],
    ['NotLeader', 'Failed', undefined],
  ])('%s → %s', (revert, code, field) => {
    const error = explainRevert(4, reverted(revert))
    expect([error.code, error.field]).toEqual([code, field])
    expect(error.message).toMatch(/session 4|refused the task/)
  })
})

describe('toBackendError', () => {
  it('maps chain failures and leaves the rest alone', () => {
    for (const code of ['ConnectionLost', 'Timeout', 'Closed'] as const) expect(toBackendError(new ChainError(code, 'x'))).toMatchObject({ code: 'Unavailable' })
    for (const code of ['TxRejected', 'NotFound'] as const) expect(toBackendError(new ChainError(code, 'x'))).toMatchObject({ code: 'Failed' })
    const aborted = new ChainError('Aborted', 'x')
    expect(toBackendError(aborted)).toBe(aborted)
    const other = new RouterBackendError('Timeout', 'late')
    expect(toBackendError(other)).toBe(other)
    expect((toBackendError(new ChainError('Closed', 'gone')) as Error).cause).toBeInstanceOf(ChainError)
  })
})
