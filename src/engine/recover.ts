/**
 * Retry then Catch around the work of a Task, Parallel or Map state. A retry re-runs the work
 * without re-entering the state (no new StateEntered event), after a virtual-clock sleep.
 */
import type { Catcher, Retrier } from '../model/asl.js';
import { applyCatch } from './catch.js';
import { RetryState } from './retry.js';
import type { StateEnv, StateResult } from './runtime.js';
import { StatesError } from './states-error.js';

export async function withRetryAndCatch(
  env: StateEnv,
  state: { Retry?: Retrier[]; Catch?: Catcher[] },
  attempt: () => Promise<StateResult>,
): Promise<StateResult> {
  const retry = new RetryState(state.Retry);
  for (;;) {
    try {
      return await attempt();
    } catch (e) {
      if (!(e instanceof StatesError)) throw e;
      const delay = retry.next(e.error, env.runtime.random);
      if (delay !== undefined) {
        await env.runtime.clock.sleep(delay);
        env.retryCount = retry.total;
        continue;
      }
      const caught = await applyCatch(env, state.Catch, e);
      if (caught) return caught;
      throw e;
    }
  }
}
