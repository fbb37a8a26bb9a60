/**
 * A runtime error as Step Functions names it: `Error` (e.g. `States.Runtime`, `States.TaskFailed`,
 * or whatever a task threw) and `Cause`. These are what Retry and Catch match on and what a failed
 * execution reports, so the names and causes follow AWS's own text.
 */
export class StatesError extends Error {
  constructor(
    readonly error: string,
    override readonly cause: string,
  ) {
    super(`${error}: ${cause}`);
    this.name = 'StatesError';
  }
}

export function isStatesError(value: unknown): value is StatesError {
  return value instanceof StatesError;
}
