/**
 * Assertions of the simulator. A failed assertion is a bug in the simulator or in a host that
 * drives it (an event scheduled in the past, a duplicate event key), never bad user input, so it
 * throws and the run stops. Messages are built only on failure: hot paths call `fail` behind an
 * `if`, never `assert(cond, \`...${x}\`)`, which would build a string on every call.
 */

export class SimulatorAssertionError extends Error {
  override readonly name = 'SimulatorAssertionError'
}

/** Throws a `SimulatorAssertionError`; for hot paths, called only once a check has failed. */
export function fail(message: string): never {
  throw new SimulatorAssertionError(message)
}

/** Throws a `SimulatorAssertionError` when `condition` is false; for cold paths only. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) fail(message)
}
