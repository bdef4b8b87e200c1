// Goal: the router's miner hooks hold up when the backend misbehaves or acts on its own: a backend
// closing a link, a hook that throws, a slow admission during which the miner talks or leaves.
// Method: a FakeRouterBackend subclass that records hook calls and can be slow or throw, behind a
// real router on 127.0.0.1; `TestMiner` clients.
import { describe, expect, it } from 'vitest'
import { computeSyntheticAddress } from '../../protocol/core/types.ts'
import type { MinerAdmission, MinerLink } from './backend.ts'
import { FakeRouterBackend } from './fake-backend.ts'
import { startTestRouter, TestMiner } from './test-support.ts'
import { WS_CLOSE } from './ws-server.ts'
import type { MinerHello, MinerMessage } from './ws-schema.ts'

const MINER = computeSyntheticAddress(0x77, 1)
const hello = () => ({ type: 'hello', minerAddress: MINER, version: '1.0', models: ['fake-stories'] })

/** A fake backend that records the hooks and can be slow or failing in them. */
class HookedBackend extends FakeRouterBackend {
  links: MinerLink[] = []
  gone: [string, string][] = []
  helloDelayMs = 0
  messageFails = false

  override async onMinerHello(h: MinerHello, link: MinerLink): Promise<MinerAdmission> {
    this.links.push(link)
    if (this.helloDelayMs > 0) await new Promise((r) => setTimeout(r, this.helloDelayMs))
    return super.onMinerHello(h, link)
  }

  override onMinerMessage(address: `0x${string}`, message: MinerMessage): MinerAdmission | undefined {
    if (this.messageFails) throw new Error('hook broke')
    return super.onMinerMessage(address, message)
  }

  override onMinerGone(address: `0x${string}`, reason = ''): void {
    this.gone.push([address, reason])
    super.onMinerGone(address)
  }
}

describe('backend hooks', () => {
  it('the backend can close a link (4403) and hears onMinerGone with its reason', async () => {
    const b = new HookedBackend()
    const s = await startTestRouter({}, b)
    try {
      const m = await TestMiner.connect(s.router.wsUrl)
      m.send(hello())
      await m.next('hello')
      b.links[0]!.close('deregistered')
      expect(await m.closed()).toBe(WS_CLOSE.refused)
      expect(b.gone).toEqual([[MINER, 'deregistered']])
      expect(b.links[0]!.send({ type: 'ping', nonce: 1 })).toBe(false)
    } finally {
      await s.close()
    }
  })

  it('a hook that throws on a message is reported to the miner, and the link stays up', async () => {
    const b = new HookedBackend()
    const s = await startTestRouter({}, b)
    try {
      const m = await TestMiner.connect(s.router.wsUrl)
      m.send(hello())
      await m.next('hello')
      b.messageFails = true
      m.send({ type: 'ack', sessionId: 0, taskId: 0 })
      expect(await m.next('error')).toMatchObject({ code: 'BackendFailed' })
      m.send({ type: 'ping', nonce: 3 })
      expect((await m.next('pong')).nonce).toBe(3)
      m.close()
    } finally {
      await s.close()
    }
  })

  it('messages while the backend is still admitting are refused; a miner gone during admission is reported gone', async () => {
    const b = new HookedBackend()
    b.helloDelayMs = 150
    const s = await startTestRouter({}, b)
    try {
      const m = await TestMiner.connect(s.router.wsUrl)
      m.send(hello())
      m.send({ type: 'ack', sessionId: 0, taskId: 0 })
      expect((await m.next('error')).code).toBe('NotAdmitted')
      m.close()
      await m.closed()
      for (let i = 0; i < 50 && b.gone.length === 0; i++) await new Promise((r) => setTimeout(r, 10))
      expect(b.gone).toEqual([[MINER, 'closed during admission']])
    } finally {
      await s.close()
    }
  })
})

