// Goal: every kind of failure maps to the documented HTTP error, and only a router bug is a 500.
// Method: call toHttpError / callBackend with each error class and compare code, status and field.
import { describe, expect, it } from 'vitest'
import { RouterBackendError } from './backend.ts'
import { AbortReason, callBackend, toHttpError } from './context.ts'
import { RouterHttpError } from './errors.ts'
import { FieldError } from './fields.ts'

describe('toHttpError', () => {
  it.each<[unknown, string, number, string | undefined]>([
    [new RouterHttpError('RateLimited', 'x'), 'RateLimited', 429, undefined],
    [new FieldError('UnknownField', 'a.b', 'x'), 'UnknownField', 400, 'a.b'],
    [new FieldError('InvalidField', '', 'x'), 'InvalidBody', 400, undefined],
    [new RouterBackendError('InvalidRequest', 'x', 'prompt'), 'BadRequest', 400, 'prompt'],
    [new RouterBackendError('Timeout', 'x'), 'Timeout', 504, undefined],
    [new AbortReason('timeout'), 'Timeout', 504, undefined],
    [new AbortReason('shutdown'), 'ShuttingDown', 503, undefined],
    [new AbortReason('slowClient'), 'ShuttingDown', 503, undefined],
    [new TypeError('bug'), 'InternalError', 500, undefined],
    ['a string', 'InternalError', 500, undefined],
  ])('%s → %s', (error, code, status, field) => {
    const e = toHttpError(error)
    expect([e.code, e.status, e.field]).toEqual([code, status, field])
    expect(e.toBody().error.code).toBe(code)
  })
})

describe('callBackend', () => {
  it('passes results and typed errors through and turns anything else into 502 BackendFailed', async () => {
    await expect(callBackend(async () => 5)).resolves.toBe(5)
    await expect(callBackend(async () => Promise.reject(new RouterBackendError('Overloaded', 'busy')))).rejects.toMatchObject({ code: 'Overloaded', status: 503 })
    await expect(callBackend(async () => Promise.reject(new RouterHttpError('Timeout', 't')))).rejects.toMatchObject({ code: 'Timeout' })
    await expect(callBackend(async () => Promise.reject(new Error('boom')))).rejects.toMatchObject({ code: 'BackendFailed', status: 502, message: 'the backend failed: boom' })
    await expect(callBackend(() => { throw 'raw' })).rejects.toMatchObject({ code: 'BackendFailed' })
    await expect(callBackend(async () => Promise.reject(new RouterBackendError('Nope' as 'Failed', 'x')))).rejects.toMatchObject({ code: 'BackendFailed' })
  })
})
