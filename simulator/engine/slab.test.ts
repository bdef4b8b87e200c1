// Goal: the payload slab returns each payload under its handle, reuses freed handles, grows, and
// refuses handles that are not in use. Method: fast-check store/take sequences against a Map model
// with a fixed seed, plus hand-written limit and misuse cases.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PayloadSlab } from './slab.ts'

describe('PayloadSlab', () => {
  it('behaves as a map from handles to payloads', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constant(-1)), { maxLength: 300 }), (ops) => {
        const slab = new PayloadSlab<{ v: number }>({ capacityInitial: 1 })
        const model = new Map<number, { v: number }>()
        for (const op of ops) {
          if (op >= 0) {
            const payload = { v: op }
            const handle = slab.store(payload)
            expect(model.has(handle)).toBe(false)
            model.set(handle, payload)
          } else if (model.size > 0) {
            const [handle, payload] = model.entries().next().value!
            expect(slab.peek(handle)).toBe(payload)
            expect(slab.take(handle)).toBe(payload)
            model.delete(handle)
          }
          expect(slab.size).toBe(model.size)
        }
      }),
      { seed: 4242, numRuns: 150 },
    )
  })

  it('reuses the most recently freed handle', () => {
    const slab = new PayloadSlab<string>()
    const a = slab.store('a')
    const b = slab.store('b')
    slab.take(a)
    slab.take(b)
    expect(slab.store('c')).toBe(b)
    expect(slab.store('d')).toBe(a)
  })

  it('refuses handles not in use', () => {
    const slab = new PayloadSlab<string>()
    const h = slab.store('x')
    slab.take(h)
    expect(() => slab.take(h)).toThrow(/not in use/)
    expect(() => slab.peek(h)).toThrow(/not in use/)
    expect(() => slab.take(-1)).toThrow(/not in use/)
    expect(() => slab.take(10_000)).toThrow(/not in use/)
  })

  it('grows up to capacityMax and no further', () => {
    const slab = new PayloadSlab<number>({ capacityInitial: 1, capacityMax: 2 })
    slab.store(1)
    slab.store(2)
    expect(() => slab.store(3)).toThrow(/full: 2/)
  })

  it('rejects bad capacities', () => {
    expect(() => new PayloadSlab({ capacityInitial: 0 })).toThrow(/capacityInitial/)
    expect(() => new PayloadSlab({ capacityInitial: 4, capacityMax: 2 })).toThrow(/capacityMax/)
    expect(() => new PayloadSlab({ capacityMax: 2 ** 31 })).toThrow(/capacityMax/)
  })
})
