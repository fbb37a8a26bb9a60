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

/**
 * A failure as a plain record, for the paths where failing is ordinary work (a Task failing
 * before a retry): no Error object (and no stack) is built until the failure leaves its state.
 * A class rather than an object shape, so no task result can be mistaken for one.
 */
export class Failure {
  constructor(
    readonly error: string,
    readonly cause: string,
  ) {}
}

export function failure(error: string, cause: string): Failure {
  return new Failure(error, cause);
}

export function isFailure(value: unknown): value is Failure {
  return value instanceof Failure;
}

/**
 * Thrown inside a branch that was stopped because a sibling failed or the execution ended (also
 * from inside a JSONata evaluation, when its execution has run out of wall-clock time). Not an
 * error of the machine: nothing catches it.
 */
export class BranchStopped extends Error {
  constructor() {
    super('branch stopped');
    this.name = 'BranchStopped';
  }
}
