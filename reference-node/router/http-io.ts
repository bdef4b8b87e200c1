/**
 * Reading request bodies and writing JSON responses and server-sent events.
 *
 * Bodies are read with a hard byte limit (a declared Content-Length above it is refused before a
 * byte is read; a chunked body is cut off when it crosses it) and decoded as strict UTF-8, so a
 * body either parses into exactly what the client sent or is refused with a code saying why.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { RouterHttpError, type RouterErrorBody } from './errors.ts'

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;.*)?$/i

/** Reads and parses a JSON body of at most `maxBytes` bytes. */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = req.headers['content-type']
  if (type !== undefined && !JSON_TYPE.test(type)) {
    throw new RouterHttpError('UnsupportedMediaType', `Content-Type must be application/json, got ${type.slice(0, 100)}`, { field: 'Content-Type' })
  }
  const declared = req.headers['content-length']
  if (declared !== undefined && Number(declared) > maxBytes) throw tooLarge(req, maxBytes)
  const bytes = await readBytes(req, maxBytes)
  if (bytes.length === 0) throw new RouterHttpError('InvalidBody', 'the body is empty: send a JSON object')
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new RouterHttpError('InvalidEncoding', 'the body is not valid UTF-8')
  }
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw new RouterHttpError('InvalidJson', `the body is not valid JSON: ${(error as Error).message.slice(0, 200)}`)
  }
}

function readBytes(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let total = 0
    const onData = (chunk: Buffer): void => {
      total += chunk.length
      if (total > maxBytes) {
        cleanup()
        reject(tooLarge(req, maxBytes))
        return
      }
      chunks.push(chunk)
    }
    const onEnd = (): void => {
      cleanup()
      resolve(Buffer.concat(chunks, total))
    }
    const onError = (): void => {
      cleanup()
      reject(new RouterHttpError('BadRequest', 'the request body was cut off'))
    }
    const cleanup = (): void => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
      req.off('aborted', onError)
    }
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
    req.on('aborted', onError)
  })
}

/**
 * The 413 error. The rest of the body is drained (discarded) so the client, which may still be
 * sending, gets to read the answer; `Connection: close` ends the exchange after it.
 */
function tooLarge(req: IncomingMessage, maxBytes: number): RouterHttpError {
  req.resume()
  return new RouterHttpError('BodyTooLarge', `the body is larger than ${maxBytes} bytes`, { headers: { Connection: 'close' } })
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  if (res.headersSent) {
    res.end()
    return
  }
  const text = JSON.stringify(body)
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' })
  res.end(text)
}

/** Sends `error` as its status and JSON body; `headers` (CORS) go out with it. */
export function sendError(res: ServerResponse, error: RouterHttpError, headers: Readonly<Record<string, string>> = {}): void {
  sendJson(res, error.status, error.toBody(), { ...headers, ...error.headers })
}

/** Bytes a stream may have queued for a slow client before the router gives up on it. */
const SSE_BUFFER_MAX_BYTES = 4 * 1024 * 1024

/**
 * A server-sent-event stream (`data: <json>\n\n` … `data: [DONE]\n\n`), as OpenAI streams. Headers
 * go out with the first event, so a request that fails before producing anything still gets a
 * proper status code and JSON error instead of a 200 stream.
 */
export class SseWriter {
  private heartbeat: NodeJS.Timeout | undefined
  private lastWriteMs = 0

  constructor(
    private readonly res: ServerResponse,
    private readonly headers: Readonly<Record<string, string>> = {},
    private readonly nowMs: () => number = Date.now,
  ) {}

  get started(): boolean {
    return this.res.headersSent
  }

  /** Sends one event; false when the client is gone or too slow (the caller should abort). */
  send(data: unknown): boolean {
    return this.write(`data: ${JSON.stringify(data)}\n\n`)
  }

  /** Comments every `intervalMs` while nothing else is written (the first one commits to 200). */
  startHeartbeat(intervalMs: number): void {
    this.lastWriteMs = this.nowMs()
    this.heartbeat = setInterval(() => {
      if (this.nowMs() - this.lastWriteMs >= intervalMs) this.write(': keep-alive\n\n')
    }, intervalMs)
    this.heartbeat.unref()
  }

  /** Ends the stream with `[DONE]`. */
  done(): void {
    this.write('data: [DONE]\n\n')
    this.end()
  }

  /** Ends a started stream with an error event (the OpenAI client throws it as an APIError). */
  fail(body: RouterErrorBody): void {
    this.send(body)
    this.end()
  }

  end(): void {
    if (this.heartbeat !== undefined) clearInterval(this.heartbeat)
    if (!this.res.writableEnded) this.res.end()
  }

  private write(chunk: string): boolean {
    if (this.res.writableEnded || this.res.destroyed) return false
    if (!this.res.headersSent) {
      this.res.writeHead(200, { ...this.headers, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' })
    }
    this.lastWriteMs = this.nowMs()
    this.res.write(chunk)
    return this.res.writableLength <= SSE_BUFFER_MAX_BYTES
  }
}
