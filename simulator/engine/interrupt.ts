/**
 * Ctrl-C for a run: the first SIGINT (or SIGTERM) asks the simulation to stop after the event in
 * hand, so the run folder can still be written and marked incomplete; a second signal gets Node's
 * default behaviour (the process ends at once), because the listener removes itself.
 */

export interface Stoppable {
  requestStop(): void
}

export interface SignalSource {
  once(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown
  removeListener(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown
}

/** Installs the handlers and returns a function that removes them (call it when the run ends). */
export function stopOnInterrupt(target: Stoppable, signals: SignalSource = process): () => void {
  const onSignal = (): void => {
    target.requestStop()
    signals.removeListener('SIGINT', onSignal)
    signals.removeListener('SIGTERM', onSignal)
  }
  signals.once('SIGINT', onSignal)
  signals.once('SIGTERM', onSignal)
  return () => {
    signals.removeListener('SIGINT', onSignal)
    signals.removeListener('SIGTERM', onSignal)
  }
}
