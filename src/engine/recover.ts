/**
 * Retry then Catch around the work of a Task, Parallel or Map state. A retry re-runs the work
 * without re-entering the state (no new StateEntered event), after a virtual-clock sleep.
 * Failures inside the loop are plain records (a Task's failed attempt is no exception); only a
 * failure that leaves the state becomes a thrown StatesError.
 */
import type { Catcher, Retrier } from '../model/asl.js';
import { applyCatch } from './catch.js';
import { RetryState } from './retry.js';
import type { StateEnv, StateResult } from './runtime.js';
import { failure, isFailure, StatesError, type Failure } from './states-error.js';

export async function withRetryAndCatch(
  env: StateEnv,
  state: { Retry?: Retrier[]; Catch?: Catcher[] },
  attempt: () => StateResult | Failure | Promise<StateResult | Failure>,
): Promise<StateResult> {
  let retry: RetryState | undefined;
  for (;;) {
    let outcome: StateResult | Failure;
    try {
      const tried = attempt();
      outcome = tried instanceof Promise ? await tried : tried;
    } catch (e) {
      if (!(e instanceof StatesError)) throw e;
      outcome = failure(e.error, e.cause);
    }
    if (!isFailure(outcome)) return outcome;
    retry ??= new RetryState(state.Retry);
    const delay = retry.next(outcome.error, env.runtime.random);
    if (delay !== undefined) {
      await env.runtime.clock.sleep(delay);
      env.retryCount = retry.total;
      continue;
    }
    const caught = await applyCatch(env, state.Catch, outcome);
    if (caught) return caught;
    throw new StatesError(outcome.error, outcome.cause);
  }
}
