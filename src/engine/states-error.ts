/**
 * A runtime error as Step Functions names it: `Error` (e.g. `States.Runtime`, `States.TaskFailed`,
 * or whatever a task threw) and `Cause`. These are what Retry and Catch match on and what a failed
 * execution reports, so the names and causes follow AWS's own text.
 */
export class StatesError extends Error {
  readonly error: string;
  override readonly cause: string;

  constructor(error: string, cause: string) {
    // A StatesError is the execution's outcome, not a bug in stepwright: its JavaScript stack says
    // nothing, and capturing one cost more than the rest of a retry (a third of a retry-heavy run).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(`${error}: ${cause}`);
    } finally {
      Error.stackTraceLimit = limit;
    }
    this.name = 'StatesError';
    this.error = error;
    this.cause = cause;
  }
}

export function isStatesError(value: unknown): value is StatesError {
  return value instanceof StatesError;
}
