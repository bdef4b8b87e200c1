/** A sweep worker: says it is ready, then runs the jobs it is sent, one at a time, replying with each result. */
import { parentPort } from 'node:worker_threads'
import type { WorkerReply, WorkerRequest } from './parallel.ts'
import { runSimulation } from './run.ts'

const port = parentPort
if (port === null) throw new Error('simulator/run/worker.ts must run in a worker thread')

port.on('message', (request: WorkerRequest) => {
  if ('stop' in request) {
    port.close()
    return
  }
  const startedMs = performance.now()
  let reply: WorkerReply
  try {
    const r = runSimulation(request.job.input)
    reply = {
      index: request.index,
      result: {
        id: request.job.id,
        resultHash: r.resultHash,
        status: r.status,
        eventsProcessed: r.metrics.run.eventsProcessed,
        wallTimeMs: Math.round(performance.now() - startedMs),
        metrics: request.keepMetrics ? r.metrics : null,
      },
    }
  } catch (error) {
    reply = { index: request.index, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }
  }
  port.postMessage(reply)
})
port.postMessage({ ready: true } satisfies WorkerReply)
