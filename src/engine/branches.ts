/**
 * Runs Parallel branches and Map iterations concurrently (as promises on the virtual clock), at
 * most `limit` at a time. On failure the siblings are told to stop at their next state.
 */
import type { JsonValue } from '../model/asl.js';
import { BranchStopped, type Cancel } from './runtime.js';
import { StatesError } from './states-error.js';

/**
 * Runs `count` jobs and returns their results in job order (null where a tolerated job failed).
 * `onFailure(error, failuresSoFar)` returns true to stop everything (the first such error is
 * thrown); false to tolerate it and carry on.
 */
export async function runConcurrently(
  count: number,
  limit: number,
  cancel: Cancel,
  job: (index: number) => Promise<JsonValue>,
  onFailure: (error: StatesError, failures: number) => boolean,
): Promise<JsonValue[]> {
  const results: JsonValue[] = new Array(count).fill(null);
  let nextIndex = 0;
  let failures = 0;
  let fatal: unknown;
  const worker = async (): Promise<void> => {
    while (fatal === undefined && nextIndex < count) {
      const index = nextIndex++;
      try {
        results[index] = (await job(index)) ?? null;
      } catch (e) {
        if (fatal !== undefined) return;
        if (e instanceof BranchStopped) throw e;
        if (!(e instanceof StatesError)) {
          fatal = e;
          cancel.cancelled = true;
          throw e;
        }
        failures++;
        if (onFailure(e, failures)) {
          fatal = e;
          cancel.cancelled = true;
          throw e;
        }
      }
    }
  };
  const workers = Math.max(1, Math.min(count, limit > 0 ? limit : count));
  // Promise.all settles on the first failure; stopped siblings end at their next state boundary.
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
